import { randomUUID } from 'node:crypto';
import type { OutboxEntry } from '../../../shared/contract/outbox';
import { checkPasswordRules } from '../../../shared/password-policy';
import type { CoreContext } from '../context';
import { consoleError, notFound, notSignedIn } from '../errors';
import { toOutboxEntry, type OutboxRow } from '../local-store/local-store';
import { applyOptimistic, localMemberId, revertOptimistic } from '../members/optimistic';
import { outboxSecretAccount } from '../secrets/secret-store';
import { refusalStillHolds, suggestionFor } from './refusal-check';

function ownEntry(ctx: CoreContext, id: string): OutboxRow {
  const account = ctx.session.accountKey;
  if (!account) throw notSignedIn();
  const row = ctx.local.getOutbox(id);
  if (!row || row.account !== account || row.state === 'done') throw notFound('That queued change');
  return row;
}

export function listOutbox(ctx: CoreContext): { items: OutboxEntry[] } {
  const account = ctx.session.accountKey;
  if (!account) throw notSignedIn();
  const rejectedByMember = new Map<string, string>();
  const items = ctx.local.openOutbox(account).map((row) => {
    // The same dependency rule the sync engine follows: a change waits behind a rejected change
    // on its member, or behind the rejected invite/create that would make its local row real.
    const waitingFor = row.member_id ? (rejectedByMember.get(row.member_id) ?? null) : null;
    if (row.state === 'needs_attention') {
      if (row.member_id) rejectedByMember.set(row.member_id, row.summary);
      if (row.kind === 'invite' || row.kind === 'create') rejectedByMember.set(localMemberId(row.id), row.summary);
    } else if (waitingFor && row.member_id) {
      rejectedByMember.set(row.member_id, waitingFor);
    }
    return toOutboxEntry(row, row.state === 'queued' ? waitingFor : null, suggestionFor(ctx, row));
  });
  return { items };
}

/**
 * Sends a refused or waiting entry again. A refused one that the console can tell would be refused
 * again for the same reason is not retried unless `force`: the answer says why instead.
 */
export async function retryEntry(
  ctx: CoreContext,
  id: string,
  force = false,
): Promise<{ ok: true; retried: boolean; refusedAgain: string | null }> {
  const row = ownEntry(ctx, id);
  if (row.state !== 'needs_attention' && row.state !== 'queued') {
    throw consoleError('invalid_input', 'This change is being sent right now.', [{ path: 'id', message: 'Busy' }]);
  }
  if (row.state === 'needs_attention' && !force) {
    const refusedAgain = await refusalStillHolds(ctx, row);
    if (refusedAgain) return { ok: true, retried: false, refusedAgain };
  }
  ctx.local.updateOutbox(id, {
    state: 'queued',
    attempts: 0,
    next_attempt_at: null,
    last_error_code: null,
    last_error_message: null,
    updated_at: ctx.now().toISOString(),
  });
  applyOptimistic(ctx.cache, ctx.local.getOutbox(id)!);
  ctx.notifyChanged(row.org_id);
  ctx.kickSync();
  return { ok: true, retried: true, refusedAgain: null };
}

const EDITABLE: Record<string, readonly string[]> = {
  invite: ['email', 'roleId'],
  create: ['email', 'name', 'roleId', 'temporaryPassword'],
  changeRole: ['roleId'],
  setPassword: ['temporaryPassword'],
};

/**
 * Fixes a rejected entry. The body changes, so it goes out under a new Idempotency-Key: the old
 * key would make the server answer `idempotency_key_reused`.
 */
export async function editEntry(
  ctx: CoreContext,
  id: string,
  changes: { email?: string; name?: string; roleId?: string; temporaryPassword?: string; kind?: 'invite' },
): Promise<{ ok: true }> {
  const row = ownEntry(ctx, id);
  if (row.state === 'sending')
    throw consoleError('invalid_input', 'This change is being sent right now.', [{ path: 'id', message: 'Busy' }]);
  const toInvite = changes.kind === 'invite';
  if (toInvite && row.kind !== 'create' && row.kind !== 'invite') {
    throw consoleError('invalid_input', 'Only a queued create can become an invite.', [
      { path: 'changes.kind', message: 'Not a create' },
    ]);
  }
  const kind = toInvite ? 'invite' : row.kind;
  const allowed = [...(EDITABLE[kind] ?? []), 'kind'];
  const wrong = Object.keys(changes).filter((key) => !allowed.includes(key));
  if (wrong.length > 0) {
    throw consoleError(
      'invalid_input',
      `A queued "${row.kind}" change cannot have that edited.`,
      wrong.map((key) => ({ path: `changes.${key}`, message: 'Not editable for this change' })),
    );
  }
  if (changes.roleId) {
    const roles = ctx.cache.roles(row.org_id);
    if (roles.length > 0 && !roles.some((role) => role.id === changes.roleId)) {
      throw consoleError('invalid_input', 'Choose one of the organisation’s roles.', [
        { path: 'changes.roleId', message: 'Unknown role' },
      ]);
    }
  }
  if (changes.temporaryPassword !== undefined && kind !== 'invite') {
    const violation = checkPasswordRules(changes.temporaryPassword, changes.email ?? row.email ?? undefined);
    if (violation)
      throw consoleError('invalid_input', violation.message, [
        { path: 'changes.temporaryPassword', message: violation.message },
      ]);
    ctx.logger.remember(changes.temporaryPassword);
    await ctx.secrets.set(outboxSecretAccount(id), changes.temporaryPassword);
  }
  const roleName = (roleId: string | null) =>
    ctx.cache.roles(row.org_id).find((role) => role.id === roleId)?.name ?? roleId ?? '';
  const next = {
    kind,
    email: changes.email ?? row.email,
    name: kind === 'invite' ? null : (changes.name ?? row.name),
    role_id: changes.roleId ?? row.role_id,
  };
  let summary = row.summary;
  if (kind === 'invite') summary = `Invite ${next.email} as ${roleName(next.role_id)}`;
  if (kind === 'create') summary = `Create an account for ${next.name} (${next.email}) as ${roleName(next.role_id)}`;
  if (row.kind === 'changeRole') summary = summary.replace(/ to [^]*$/, ` to ${roleName(next.role_id)}`);
  const at = ctx.now().toISOString();
  ctx.local.updateOutbox(id, {
    ...next,
    summary,
    has_secret: kind === 'invite' ? 0 : changes.temporaryPassword !== undefined ? 1 : row.has_secret,
    idempotency_key: `${id}.${randomUUID().slice(0, 8)}`,
    state: 'queued',
    attempts: 0,
    next_attempt_at: null,
    last_error_code: null,
    last_error_message: null,
    updated_at: at,
  });
  ctx.local.addAudit({
    id: randomUUID(),
    account: row.account,
    orgId: row.org_id,
    memberId: row.kind === 'invite' || row.kind === 'create' ? localMemberId(id) : row.member_id,
    outboxId: id,
    at,
    action: 'edit',
    summary: `Edited: ${summary}`,
    actorEmail: ctx.session.userEmail,
  });
  // An invite needs no password: the one waiting for the create leaves the keychain.
  if (kind === 'invite' && row.has_secret) await ctx.secrets.delete(outboxSecretAccount(id)).catch(() => false);
  const updated = ctx.local.getOutbox(id)!;
  applyOptimistic(ctx.cache, updated);
  ctx.notifyChanged(row.org_id);
  ctx.kickSync();
  return { ok: true };
}

/** Drops an entry and everything queued behind it on the same not-yet-created member. */
export async function discardEntry(ctx: CoreContext, id: string): Promise<{ ok: true }> {
  const row = ownEntry(ctx, id);
  if (row.state === 'sending')
    throw consoleError('invalid_input', 'This change is being sent right now.', [{ path: 'id', message: 'Busy' }]);
  const victims = [row];
  if ((row.kind === 'invite' || row.kind === 'create') && !row.result_member_id) {
    victims.push(...ctx.local.openOutbox(row.account).filter((other) => other.member_id === localMemberId(row.id)));
  }
  for (const victim of victims.reverse()) {
    if (victim.has_secret) await ctx.secrets.delete(outboxSecretAccount(victim.id)).catch(() => false);
    // A refused change on an existing member is not shown (the row already has the server's truth).
    const shown = victim.state !== 'needs_attention' || victim.kind === 'invite' || victim.kind === 'create';
    if (shown) revertOptimistic(ctx.cache, victim);
    ctx.local.db.prepare('DELETE FROM outbox WHERE id = ?').run(victim.id);
    ctx.local.addAudit({
      id: randomUUID(),
      account: victim.account,
      orgId: victim.org_id,
      memberId: victim.kind === 'invite' || victim.kind === 'create' ? localMemberId(victim.id) : victim.member_id,
      outboxId: victim.id,
      at: ctx.now().toISOString(),
      action: 'discard',
      summary: `Discarded: ${victim.summary}`,
      actorEmail: ctx.session.userEmail,
    });
  }
  // Other queued changes on the same member still show.
  ctx.cache.db.transaction(() => {
    for (const other of ctx.local.openOutbox(row.account)) applyOptimistic(ctx.cache, other);
  })();
  ctx.notifyChanged(row.org_id);
  return { ok: true };
}
