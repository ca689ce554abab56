import { randomUUID } from 'node:crypto';
import type { Member } from '../../../shared/api';
import {
  setPasswordInputFor,
  type LookupEmailResult,
  type MemberDetail,
  type MembersQueryResult,
  type QueuedChange,
} from '../../../shared/contract/members';
import type { OutboxKind } from '../../../shared/contract/outbox';
import type { CachedMember } from '../cache/cache-store';
import type { MembersQuery } from '../cache/members-query';
import type { CoreContext } from '../context';
import { consoleError, notFound } from '../errors';
import { newOutboxRow } from '../local-store/new-outbox-row';
import { isLocalId, memberOfEntry, outboxIdOfLocal } from '../local-store/outbox-ids';
import { outboxSecretAccount } from '../secrets/secret-store';
import { requireGrantable, requireKnownRole, requireNotOwnRole, requireValid } from './change-checks';
import { memberLabel, summaries } from './change-summaries';
import { lookupEmail } from './lookup-email';
import { pendingByMember, roleNamesOf, toMemberRow } from './member-rows';
import { applyOptimistic } from './optimistic';
import { discardEntry } from './queued-changes';

/**
 * Reads answer from the cache (rows shaped by member-rows.ts); every change is queued in the
 * outbox first, then synced.
 */
export class MembersService {
  constructor(private readonly ctx: CoreContext) {}

  async query(input: MembersQuery): Promise<MembersQueryResult> {
    // While the member index builds, a big org's query waits for it instead of a whole-table SQL pass.
    await this.ctx.cache.whenMembersIndexed(this.ctx.session.requireOrg().org.id, input);
    const { account, org } = this.ctx.session.requireOrg();
    const result = this.ctx.cache.queryMembers(org.id, input, this.ctx.now());
    const roleNames = roleNamesOf(this.ctx, org.id);
    const pending = pendingByMember(
      this.ctx,
      account,
      org.id,
      result.rows.map((row) => row.member.id),
    );
    return { rows: result.rows.map((row) => toMemberRow(this.ctx, row, roleNames, pending)), total: result.total };
  }

  /** A `local:` id keeps working after its create reached the server: it maps to the new id. */
  resolveId(memberId: string): string {
    return isLocalId(memberId) ? (this.ctx.local.resolveLocalId(memberId) ?? memberId) : memberId;
  }

  private cached(memberId: string): CachedMember {
    const { org } = this.ctx.session.requireOrg();
    const cached = this.ctx.cache.getMember(this.resolveId(memberId));
    if (!cached || cached.orgId !== org.id) throw notFound();
    return cached;
  }

  get(memberId: string): MemberDetail {
    const { account, org } = this.ctx.session.requireOrg();
    const cached = this.cached(memberId);
    const row = toMemberRow(
      this.ctx,
      cached,
      roleNamesOf(this.ctx, org.id),
      pendingByMember(this.ctx, account, org.id, [cached.member.id]),
    );
    return {
      member: row,
      invitation: cached.member.invitation,
      work: cached.member.work,
      history: this.ctx.local.history(cached.member.id),
      stillQueued: this.ctx.local.history(cached.member.id, true),
    };
  }

  requireManage() {
    const context = this.ctx.session.requireOrg();
    if (!context.org.canManageMembers) {
      throw consoleError(
        'missing_permission',
        `Your role in ${context.org.name} (${context.org.roleName}) cannot change members. Ask an owner for the "members.manage" permission.`,
      );
    }
    return context;
  }

  async lookupEmail(email: string): Promise<LookupEmailResult> {
    const { org } = this.requireManage();
    return lookupEmail(this.ctx, org, email);
  }

  /** A role of the org that this admin may grant; its name. */
  private requireRole(orgId: string, roleId: string): string {
    const name = requireKnownRole(this.ctx.cache, orgId, roleId, 'roleId');
    requireGrantable(this.ctx.cache, this.ctx.session.requireOrg().org, roleId, 'roleId');
    return name;
  }

  /** Outbox row first (and its secret before it), then the optimistic row, then sync. */
  private async enqueue(
    kind: OutboxKind,
    fields: {
      memberId?: string | null;
      email?: string | null;
      name?: string | null;
      roleId?: string | null;
      reason?: string | null;
      secret?: string;
      snapshot?: Member | null;
    },
    summary: string,
  ): Promise<QueuedChange> {
    const { account, org } = this.requireManage();
    const id = randomUUID();
    const at = this.ctx.now().toISOString();
    if (fields.secret !== undefined) {
      this.ctx.logger.remember(fields.secret);
      await this.ctx.secrets.set(outboxSecretAccount(id), fields.secret);
    }
    const row = newOutboxRow({
      id,
      account,
      orgId: org.id,
      kind,
      summary,
      at,
      memberId: fields.memberId ?? null,
      email: fields.email ?? null,
      name: fields.name ?? null,
      roleId: fields.roleId ?? null,
      reason: fields.reason ?? null,
      hasSecret: fields.secret !== undefined,
      snapshot: fields.snapshot ?? null,
    });
    // The outbox entry and its row together, never while the cache worker writes (cache-jobs.ts).
    await this.ctx.cache.writable();
    const inserted = this.ctx.local.insertOutbox(row);
    const memberId = memberOfEntry({ id, kind, member_id: fields.memberId ?? null })!;
    this.ctx.local.addAudit({
      id: randomUUID(),
      account,
      orgId: org.id,
      memberId,
      outboxId: id,
      at,
      action: kind,
      summary,
      actorEmail: this.ctx.session.userEmail,
    });
    try {
      applyOptimistic(this.ctx.cache, inserted);
    } catch (error) {
      // The outbox has it; the next pull re-applies it.
      this.ctx.logger.warn('optimistic apply failed', { kind, error: String(error) });
    }
    this.ctx.logger.info('queued change', { outboxId: id, kind });
    this.ctx.notifyChanged(org.id);
    this.ctx.kickSync();
    return { outboxId: id, memberId };
  }

  async invite(input: { email: string; roleId: string }): Promise<QueuedChange> {
    const { org } = this.requireManage();
    const roleName = this.requireRole(org.id, input.roleId);
    return this.enqueue(
      'invite',
      { email: input.email, roleId: input.roleId },
      summaries.invite(input.email, roleName),
    );
  }

  async create(input: {
    email: string;
    name: string;
    roleId: string;
    temporaryPassword: string;
  }): Promise<QueuedChange> {
    const { org } = this.requireManage();
    const roleName = this.requireRole(org.id, input.roleId);
    // The password policy for this email is part of `createInputSchema`, checked by the dispatcher.
    return this.enqueue(
      'create',
      { email: input.email, name: input.name, roleId: input.roleId, secret: input.temporaryPassword },
      summaries.create(input.name, input.email, roleName),
    );
  }

  async resendInvite(memberId: string): Promise<QueuedChange> {
    this.requireManage();
    const { member, local } = this.cached(memberId);
    if (member.status !== 'invited')
      throw consoleError('invalid_input', 'Only a pending invitation can be sent again.', [
        { path: 'memberId', message: 'Not an invitation' },
      ]);
    if (local)
      throw consoleError('invalid_input', 'This invitation has not been sent yet; it goes out with the next sync.', [
        { path: 'memberId', message: 'Not sent yet' },
      ]);
    return this.enqueue(
      'resendInvite',
      { memberId: member.id, email: member.email, snapshot: member },
      summaries.resendInvite(member.email),
    );
  }

  /** A queued invite or create that never left this machine is simply dropped from the outbox. */
  private async dropLocal(member: Member): Promise<QueuedChange | null> {
    if (!isLocalId(member.id)) return null;
    const outboxId = outboxIdOfLocal(member.id);
    await discardEntry(this.ctx, outboxId);
    return { outboxId, memberId: member.id };
  }

  async cancelInvite(memberId: string): Promise<QueuedChange> {
    this.requireManage();
    const { member } = this.cached(memberId);
    if (member.status !== 'invited')
      throw consoleError('invalid_input', 'Only a pending invitation can be cancelled.', [
        { path: 'memberId', message: 'Not an invitation' },
      ]);
    return (
      (await this.dropLocal(member)) ??
      this.enqueue(
        'cancelInvite',
        { memberId: member.id, email: member.email, snapshot: member },
        summaries.cancelInvite(member.email),
      )
    );
  }

  async setPassword(input: {
    memberId: string;
    password: string;
    reason: 'change' | 'resend_credentials';
  }): Promise<QueuedChange> {
    this.requireManage();
    const { member } = this.cached(input.memberId);
    if (member.origin !== 'admin_created') {
      throw consoleError(
        'not_managed_account',
        `${member.email} manages their own password; only accounts created by an admin can be given one.`,
      );
    }
    requireValid(setPasswordInputFor(member.email), input);
    return this.enqueue(
      'setPassword',
      { memberId: member.id, email: member.email, reason: input.reason, secret: input.password, snapshot: member },
      summaries.setPassword(memberLabel(member), input.reason),
    );
  }

  async changeRole(input: { memberId: string; roleId: string }): Promise<QueuedChange> {
    const { org } = this.requireManage();
    const { member } = this.cached(input.memberId);
    requireNotOwnRole(member.email, this.ctx.session.userEmail, 'memberId');
    const roleName = this.requireRole(org.id, input.roleId);
    if (member.status === 'removed')
      throw consoleError('invalid_input', 'A removed member has no role to change.', [
        { path: 'memberId', message: 'Removed' },
      ]);
    return this.enqueue(
      'changeRole',
      { memberId: member.id, email: member.email, roleId: input.roleId, snapshot: member },
      summaries.changeRole(memberLabel(member), roleName),
    );
  }

  async remove(memberId: string): Promise<QueuedChange> {
    this.requireManage();
    const { member } = this.cached(memberId);
    if (member.status === 'removed')
      throw consoleError('invalid_input', 'This member is already removed.', [
        { path: 'memberId', message: 'Already removed' },
      ]);
    return (
      (await this.dropLocal(member)) ??
      this.enqueue(
        'remove',
        { memberId: member.id, email: member.email, snapshot: member },
        summaries.remove(memberLabel(member)),
      )
    );
  }
}
