import { consoleCheckCodes, type OutboxSettled } from '../../../shared/contract/outbox';
import type { CoreContext } from '../context';
import type { OutboxRow } from '../local-store/local-rows';
import { localMemberId } from '../local-store/outbox-ids';

/**
 * Tells the renderer that a change left queued/sending: the one place its outcome is announced,
 * so "sent", "created" or "removed" is said only once the server has answered.
 */
export function announceSettled(
  ctx: CoreContext,
  row: OutboxRow,
  outcome: OutboxSettled['outcome'],
  error: { code: string; message: string } | null = null,
  /** The member an add made, when the caller knows it (else read from the entry). */
  resultMemberId: string | null = null,
): void {
  const adds = row.kind === 'invite' || row.kind === 'create';
  const resultId = adds ? (resultMemberId ?? ctx.local.getOutbox(row.id)?.result_member_id ?? null) : null;
  ctx.bus.emit('outbox.settled', {
    id: row.id,
    orgId: row.org_id,
    kind: row.kind,
    summary: row.summary,
    memberId: adds ? (resultId ?? localMemberId(row.id)) : row.member_id,
    outcome,
    message: error?.message ?? null,
    source: error ? (consoleCheckCodes.includes(error.code) ? 'console' : 'server') : null,
  });
}
