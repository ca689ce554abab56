import type { CacheStore } from '../cache/cache-store';
import type { OutboxRow } from '../local-store/local-rows';
import { applyOptimistic } from './optimistic';

/**
 * No transaction of optimistic rows holds the thread much longer than this. Shorter slices cost
 * throughput: 50 commits of 100 rows took ≈ 4× one commit of 5,000 (measured with FTS deferred).
 */
const SLICE_MS = 50;

/**
 * applyOptimistic for many rows at once (a CSV import of thousands): in transactions of at most
 * SLICE_MS with a turn of the event loop between them, so the console keeps answering. Each is a
 * CacheStore.bulkTransaction: the FTS index takes each slice's rows in at its end, in one
 * statement, instead of a trigger program per row (and instead of the FTS5 'rebuild' of every
 * cached member this used to wait for). The outbox already holds every row; if this fails
 * half-way the next pull re-applies them.
 */
export async function applyOptimisticInSlices(cache: CacheStore, rows: readonly OutboxRow[]): Promise<void> {
  // Automatic checkpoints (each an fsync) held until the last slice, as for an outbox replay.
  cache.holdCheckpoints();
  try {
    let at = 0;
    while (at < rows.length) {
      // A sync cycle's cache worker job may have started between two slices.
      await cache.writable();
      at = cache.bulkTransaction(() => {
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
  }
}
