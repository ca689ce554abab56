import { randomUUID } from 'node:crypto';
import type { OutboxEntry } from '../../../shared/contract/outbox';
import type { CoreContext } from '../context';
import { consoleError, notSignedIn } from '../errors';
import { toOutboxEntry } from '../local-store/local-rows';
import { memberOfEntry } from '../local-store/outbox-ids';
import { requireGrantable, requireKnownRole, requireValid } from '../members/change-checks';
import { retargetRoleSummary, summaries } from '../members/change-summaries';
import { applyOptimistic } from '../members/optimistic';
import { ownEntry, refuseWhileSending } from '../members/queued-changes';
import { outboxSecretAccount } from '../secrets/secret-store';
import { temporaryPasswordSchema } from '../../../shared/password-policy';
import { planOutbox } from './outbox-plan';
import { refusalStillHolds, suggestionFor } from './refusal-check';

export { discardEntry } from '../members/queued-changes';

export function listOutbox(ctx: CoreContext): { items: OutboxEntry[] } {
  const account = ctx.session.accountKey;
  if (!account) throw notSignedIn();
  const open = ctx.local.openOutbox(account);
  // The sync engine's own plan: what each queued entry waits behind.
  const plan = planOutbox(open);
  const items = open.map((row) => {
    const decision = plan.get(row.id);
    const waitingFor = row.state === 'queued' && decision?.action === 'wait' ? decision.waitingFor : null;
    return toOutboxEntry(row, waitingFor, suggestionFor(ctx, row));
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
  refuseWhileSending(row);
  if (row.state === 'needs_attention' && !force) {
    const refusedAgain = await refusalStillHolds(ctx, row);
    if (refusedAgain) return { ok: true, retried: false, refusedAgain };
  }
  await ctx.cache.writable();
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
  refuseWhileSending(row);
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
    requireKnownRole(ctx.cache, row.org_id, changes.roleId, 'changes.roleId');
    requireGrantable(ctx.cache, ctx.session.requireOrg().org, changes.roleId, 'changes.roleId');
  }
  if (changes.temporaryPassword !== undefined && kind !== 'invite') {
    requireValid(
      temporaryPasswordSchema(changes.email ?? row.email ?? undefined),
      changes.temporaryPassword,
      'changes.temporaryPassword',
    );
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
  if (kind === 'invite') summary = summaries.invite(next.email ?? '', roleName(next.role_id));
  if (kind === 'create') summary = summaries.create(next.name ?? '', next.email ?? '', roleName(next.role_id));
  if (row.kind === 'changeRole') summary = retargetRoleSummary(summary, roleName(next.role_id));
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
    memberId: memberOfEntry(row),
    outboxId: id,
    at,
    action: 'edit',
    summary: summaries.edited(summary),
    actorEmail: ctx.session.userEmail,
  });
  // An invite needs no password: the one waiting for the create leaves the keychain.
  if (kind === 'invite' && row.has_secret) await ctx.secrets.delete(outboxSecretAccount(id)).catch(() => false);
  await ctx.cache.writable();
  const updated = ctx.local.getOutbox(id)!;
  applyOptimistic(ctx.cache, updated);
  ctx.notifyChanged(row.org_id);
  ctx.kickSync();
  return { ok: true };
}
