import type { CoreContext } from '../context';

/**
 * A replay this long stops per-row FTS upkeep and rebuilds the index once at the end: FTS5
 * flushes a segment at each commit, ≈ 1.5 ms per sent entry at 100k members, while a rebuild
 * costs ≈ 4.5 µs per cached member (so it pays off above members / 300 entries).
 */
const MIN_ENTRIES_TO_DEFER_FTS = 50;
const MEMBERS_PER_ENTRY_TO_DEFER_FTS = 300;
/**
 * A replay this long holds SQLite's automatic checkpoints until it ends (see holdCheckpoints).
 * A power cut meanwhile can lose recent "done" marks: those entries are sent again with the same
 * Idempotency-Key and the server answers with what it already did, so exactly-once holds.
 */
const MIN_ENTRIES_FOR_BURST = 20;

/**
 * Speed tuning for a cycle that will replay `open` queued entries. Returns the undo, to call
 * and await when the cycle ends (its pull included: it brings back every member the replay wrote).
 */
export function tuneForReplay(ctx: CoreContext, open: number): () => Promise<void> {
  const deferFts = open >= MIN_ENTRIES_TO_DEFER_FTS && open * MEMBERS_PER_ENTRY_TO_DEFER_FTS >= ctx.cache.memberCount();
  const burst = open >= MIN_ENTRIES_FOR_BURST;
  if (deferFts) ctx.cache.deferFts();
  if (burst) {
    ctx.local.holdCheckpoints();
    ctx.cache.holdCheckpoints();
  }
  return async () => {
    if (burst) {
      ctx.local.releaseCheckpoints();
      ctx.cache.releaseCheckpoints();
    }
    // In the cache worker: the cycle (a write session) waits for it, queries do not.
    if (deferFts) await ctx.cache.finishDeferred();
  };
}
