import { randomUUID } from 'node:crypto';
import type { Member } from '../../../shared/api';
import {
  setPasswordInputFor,
  type LookupEmailResult,
  type MemberDetail,
  type MemberRow,
  type MembersQueryResult,
  type QueuedChange,
} from '../../../shared/contract/members';
import type { OutboxKind } from '../../../shared/contract/outbox';
import { memberBadge } from '../../../shared/member-badge';
import type { CachedMember } from '../cache/cache-store';
import type { MembersQuery } from '../cache/members-query';
import type { CoreContext } from '../context';
import { consoleError, notFound } from '../errors';
import { newOutboxRow } from '../local-store/new-outbox-row';
import { NexusNetworkError } from '../nexus-client/nexus-api-error';
import { isLocalId, localMemberId, makesMember, memberOfEntry, outboxIdOfLocal } from '../local-store/outbox-ids';
import { outboxSecretAccount } from '../secrets/secret-store';
import { requireGrantable, requireKnownRole, requireNotOwnRole, requireValid } from './change-checks';
import { memberLabel, summaries } from './change-summaries';
import { applyOptimistic } from './optimistic';
import { discardEntry } from './queued-changes';

type Pending = MemberRow['pending'];

/** Reads answer from the cache; every change is queued in the outbox first, then synced. */
export class MembersService {
  constructor(private readonly ctx: CoreContext) {}

  /** The pending marks of the given rows only: reading the whole open outbox per page made every query O(queued). */
  private pendingByMember(account: string, orgId: string, memberIds: string[]): Map<string, NonNullable<Pending>> {
    const map = new Map<string, NonNullable<Pending>>();
    for (const row of this.ctx.local.openEntriesForMembers(account, memberIds)) {
      if (row.org_id !== orgId || row.state === 'done') continue;
      const memberId = makesMember(row.kind) ? (row.result_member_id ?? localMemberId(row.id)) : row.member_id;
      if (!memberId) continue;
      const existing = map.get(memberId);
      if (existing?.state === 'needs_attention') continue;
      map.set(memberId, {
        outboxId: row.id,
        kind: row.kind,
        state: row.state as 'queued' | 'sending' | 'needs_attention',
        summary: row.summary,
        reason: row.state === 'needs_attention' ? (row.last_error_message ?? null) : null,
      });
    }
    return map;
  }

  private toRow(
    cached: CachedMember,
    roleNames: Map<string, string>,
    pending: Map<string, NonNullable<Pending>>,
  ): MemberRow {
    const { member } = cached;
    const { invitation: _invitation, work: _work, ...rest } = member;
    return {
      ...rest,
      roleName: roleNames.get(member.roleId) ?? member.roleId,
      badge: memberBadge(member, this.ctx.now()),
      invitationExpiresAt: member.invitation?.expiresAt ?? null,
      pending: pending.get(member.id) ?? null,
      placeholder: cached.local,
    };
  }

  private roleNames(orgId: string): Map<string, string> {
    return new Map(this.ctx.cache.roles(orgId).map((role) => [role.id, role.name]));
  }

  query(input: MembersQuery): MembersQueryResult {
    const { account, org } = this.ctx.session.requireOrg();
    const result = this.ctx.cache.queryMembers(org.id, input, this.ctx.now());
    const roleNames = this.roleNames(org.id);
    const pending = this.pendingByMember(
      account,
      org.id,
      result.rows.map((row) => row.member.id),
    );
    return { rows: result.rows.map((row) => this.toRow(row, roleNames, pending)), total: result.total };
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
    const row = this.toRow(cached, this.roleNames(org.id), this.pendingByMember(account, org.id, [cached.member.id]));
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
    const fromCache = this.ctx.cache.findByEmail(org.id, email);
    const cachedMember = fromCache && !fromCache.local ? fromCache.member : null;
    const member = cachedMember
      ? {
          id: cachedMember.id,
          name: cachedMember.name,
          status: cachedMember.status,
          origin: cachedMember.origin,
          work: cachedMember.work,
          invitationLastSentAt: cachedMember.invitation?.lastSentAt ?? null,
        }
      : null;
    try {
      const found = await this.ctx.session.authed((client, token) => client.lookupEmail(token, org.id, email));
      const inOrg = found.memberStatus === 'active' || found.memberStatus === 'invited';
      return {
        checked: true,
        exists: found.exists,
        memberStatus: found.memberStatus,
        canCreate: !found.exists,
        canInvite: !inOrg,
        message: inOrg
          ? `${email} is already ${found.memberStatus === 'active' ? 'a member' : 'invited'}.`
          : found.memberStatus === 'removed'
            ? `${email} was removed from ${org.name}. Re-add them to give their access back.`
            : found.exists
              ? `${email} already has a Nexus account: invite them.`
              : null,
        member,
      };
    } catch (error) {
      if (!(error instanceof NexusNetworkError)) throw error;
      const status = fromCache && !fromCache.local ? fromCache.member.status : null;
      return {
        checked: false,
        exists: null,
        memberStatus: status,
        canCreate: true,
        canInvite: status !== 'active' && status !== 'invited',
        message:
          'You are offline, so the console cannot check whether this email already has a Nexus account. The change will be checked when it syncs.',
        member,
      };
    }
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
