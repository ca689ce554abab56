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

export interface ReplayTuning {
  /**
   * An entry was sent (the server took it): the first call of a long replay stops per-row FTS
   * upkeep for the rest of the cycle. Lazily, so a cycle that sends nothing (offline, with a long
   * queue waiting) changes nothing: deferring up front rebuilt the whole FTS index at the end of
   * every such cycle (≈ 0.9 s at 100k members, every few seconds while offline).
   */
  sent(): void;
  /**
   * When the cycle ends (its pull included: it brings back every member the replay wrote); the
   * FTS rebuild runs in the cache worker, and the cycle (a write session) awaits it.
   */
  undo(): Promise<void>;
}

/** Speed tuning for a cycle that will replay `open` queued entries. */
export function tuneForReplay(ctx: CoreContext, open: number): ReplayTuning {
  let ftsDeferred = false;
  let ftsDecided = open < MIN_ENTRIES_TO_DEFER_FTS;
  const burst = open >= MIN_ENTRIES_FOR_BURST;
  if (burst) {
    ctx.local.holdCheckpoints();
    ctx.cache.holdCheckpoints();
  }
  return {
    sent() {
      if (ftsDecided) return;
      ftsDecided = true;
      ftsDeferred = open * MEMBERS_PER_ENTRY_TO_DEFER_FTS >= ctx.cache.memberCount();
      if (ftsDeferred) ctx.cache.bulk.deferFts();
    },
    async undo() {
      if (burst) {
        ctx.local.releaseCheckpoints();
        ctx.cache.releaseCheckpoints();
      }
      // In the cache worker: the cycle (a write session) waits for it, queries do not.
      if (ftsDeferred) await ctx.cache.bulk.finishDeferred();
    },
  };
}
