import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../context';
import { consoleError, notFound, notSignedIn } from '../errors';
import type { OutboxRow } from '../local-store/local-rows';
import { makesMember, memberOfEntry } from '../local-store/outbox-ids';
import { outboxSecretAccount } from '../secrets/secret-store';
import { summaries } from './change-summaries';
import { reapplyOutbox, revertOptimistic } from './optimistic';

/** One of the signed-in admin's open outbox entries, or not_found. */
export function ownEntry(ctx: CoreContext, id: string): OutboxRow {
  const account = ctx.session.accountKey;
  if (!account) throw notSignedIn();
  const row = ctx.local.getOutbox(id);
  if (!row || row.account !== account || row.state === 'done') throw notFound('That queued change');
  return row;
}

export function refuseWhileSending(row: OutboxRow): void {
  if (row.state === 'sending')
    throw consoleError('invalid_input', 'This change is being sent right now.', [{ path: 'id', message: 'Busy' }]);
}

/**
 * Drops an entry and everything queued behind it on the same not-yet-created member (`outbox.discard`,
 * and cancelling or removing a member that never left this machine).
 */
export async function discardEntry(ctx: CoreContext, id: string): Promise<{ ok: true }> {
  const row = ownEntry(ctx, id);
  refuseWhileSending(row);
  const victims = [row];
  if (makesMember(row.kind) && !row.result_member_id) {
    const ownRow = memberOfEntry(row);
    victims.push(...ctx.local.openOutbox(row.account).filter((other) => other.member_id === ownRow));
  }
  for (const victim of victims.reverse()) {
    if (victim.has_secret) await ctx.secrets.delete(outboxSecretAccount(victim.id)).catch(() => false);
    await ctx.cache.writable();
    // A refused change on an existing member is not shown (the row already has the server's truth).
    const shown = victim.state !== 'needs_attention' || victim.kind === 'invite' || victim.kind === 'create';
    if (shown) revertOptimistic(ctx.cache, victim);
    ctx.local.deleteOutbox(victim.id);
    ctx.local.addAudit({
      id: randomUUID(),
      account: victim.account,
      orgId: victim.org_id,
      memberId: memberOfEntry(victim),
      outboxId: victim.id,
      at: ctx.now().toISOString(),
      action: 'discard',
      summary: summaries.discarded(victim.summary),
      actorEmail: ctx.session.userEmail,
    });
  }
  // Other queued changes on the same member still show.
  reapplyOutbox(ctx.cache, ctx.local.openOutbox(row.account));
  ctx.notifyChanged(row.org_id);
  return { ok: true };
}
