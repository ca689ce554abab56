import type { CacheStore } from '../cache/cache-store';
import type { OutboxRow } from '../local-store/local-rows';
import { applyOptimistic } from './optimistic';

/**
 * No transaction of optimistic rows holds the thread much longer than this. Shorter slices cost
 * throughput: 50 commits of 100 rows took ≈ 4× one commit of 5,000 (measured with FTS deferred).
 */
const SLICE_MS = 50;
/**
 * Per-row FTS upkeep inside a big transaction costs ≈ 19× what one row adds to an FTS rebuild
 * (≈ 85 µs against ≈ 4.5 µs per cached member, measured at 100k): from members / 19 rows on,
 * one rebuild at the end is cheaper than keeping the index row by row.
 */
const REBUILD_COST_RATIO = 19;

/**
 * applyOptimistic for many rows at once (a CSV import of thousands): in transactions of at most
 * SLICE_MS with a turn of the event loop between them, so the console keeps answering, and with
 * FTS upkeep off and one rebuild at the end when that is cheaper. The outbox already holds every
 * row; if this fails half-way the next pull re-applies them.
 */
export async function applyOptimisticInSlices(cache: CacheStore, rows: readonly OutboxRow[]): Promise<void> {
  const rebuildFts = rows.length * REBUILD_COST_RATIO >= cache.memberCount();
  await cache.writable();
  if (rebuildFts) cache.deferFts();
  // Automatic checkpoints (each an fsync) held until the last slice, as for an outbox replay.
  cache.holdCheckpoints();
  try {
    let at = 0;
    while (at < rows.length) {
      // A sync cycle's cache worker job may have started between two slices.
      await cache.writable();
      at = cache.transaction(() => {
        const started = performance.now();
        let next = at;
        while (next < rows.length) {
          applyOptimistic(cache, rows[next++]!);
          if ((next & 63) === 0 && performance.now() - started > SLICE_MS) break;
        }
        return next;
      });
      if (at < rows.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    cache.releaseCheckpoints();
    // In the cache worker, after a sync cycle that is running (it writes while this waits).
    if (rebuildFts) await cache.finishDeferred({ afterWriteSessions: true });
  }
}
