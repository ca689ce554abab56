import type { ImportResultItem } from '../../../shared/contract/imports';
import type { CoreContext } from '../context';

/**
 * How each queued import row ended, by outbox id: still queued or sending, needing attention
 * (with the server's reason), done (with the member it made), or gone (discarded). A sent entry
 * pruned from the outbox since (after 7 days) is still done: its import record kept that.
 */
export function importResults(ctx: CoreContext, outboxIds: string[]): { items: ImportResultItem[] } {
  const { account } = ctx.session.requireOrg();
  const rows = ctx.local.outboxStates(account, outboxIds);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = outboxIds.filter((id) => !byId.has(id));
  const pruned = missing.length > 0 ? ctx.local.imports.prunedDone(missing) : new Map<string, string>();
  return {
    items: outboxIds.map((outboxId) => {
      const row = byId.get(outboxId);
      const sent = pruned.get(outboxId);
      if (!row && sent !== undefined)
        return { outboxId, state: 'done', kind: null, memberId: sent || null, error: null };
      if (!row) return { outboxId, state: 'discarded', kind: null, memberId: null, error: null };
      return {
        outboxId,
        state: row.state as ImportResultItem['state'],
        kind: row.kind === 'create' ? 'create' : 'invite',
        memberId: row.result_member_id,
        error:
          row.state === 'needs_attention' && row.last_error_code
            ? { code: row.last_error_code, message: row.last_error_message ?? '' }
            : null,
      };
    }),
  };
}
