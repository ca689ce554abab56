import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { cacheWorkerDataSchema, cacheWorkerRequestSchema, type CacheWorkerMessage } from './cache-worker-protocol';
import { quickCheck } from './integrity-check';
import { deferredSteps } from './deferred-indexes';
import { ListingWrites } from './listing-writes';

/**
 * The cache worker (a worker thread, started by `cache-jobs.ts` for one job and ended after it):
 * runs the long single statements of a bulk write — the secondary indexes, the FTS rebuild, the
 * DELETE of stale rows — on its own connection to cache.db, so core's main thread keeps
 * answering queries from its connection meanwhile (WAL: it reads the last committed state).
 * The main thread writes nothing to cache.db until the job ends (see CacheJobs.writable).
 */
function post(message: CacheWorkerMessage): void {
  parentPort?.postMessage(message);
}

function run(): void {
  const { path, cacheKib } = cacheWorkerDataSchema.parse(workerData);
  // The main thread does not write during the job; the wait is for its readers at the checkpoint.
  const db = new Database(path, { fileMustExist: true, timeout: 60_000 });
  try {
    // WAL, or (after a first listing of up to BULK_JOURNAL_JOB_MAX_ROWS rows) still the bulk
    // write's DELETE journal: faster builds; readers wait only while a step commits (full-listing.ts).
    const journal = db.pragma('journal_mode', { simple: true });
    if (journal !== 'wal' && journal !== 'delete') throw new Error(`cache.db is in ${String(journal)} mode`);
    db.pragma(journal === 'wal' ? 'synchronous = NORMAL' : 'synchronous = OFF');
    db.pragma(`cache_size = -${cacheKib}`);
    for (const step of deferredSteps(db)) {
      const started = performance.now();
      step.run(db);
      post({ type: 'step', name: step.name, ms: performance.now() - started });
    }
    // The pages just written are in the WAL: copy them back here rather than in the main
    // thread's next commit (an automatic checkpoint of them would hold it).
    if (journal === 'wal') {
      const started = performance.now();
      db.pragma('wal_checkpoint(TRUNCATE)');
      post({ type: 'step', name: 'checkpoint', ms: performance.now() - started });
    }
  } finally {
    db.close();
  }
  post({ type: 'done' });
}

/** The background integrity check (integrity-check.ts): a read-only connection, a read transaction. */
function check(): void {
  const { path } = cacheWorkerDataSchema.parse(workerData);
  const db = new Database(path, { fileMustExist: true, readonly: true, timeout: 60_000 });
  try {
    post({ type: 'checked', ...quickCheck(db) });
  } finally {
    db.close();
  }
}

const failed = (error: unknown) =>
  post({ type: 'failed', message: (error instanceof Error ? error.message : String(error)).slice(0, 2000) });

/**
 * Started ahead of its job: loaded and waiting, the file untouched until the main thread says
 * `run` (or `check`). A full listing may first say `listing` and send its pages (`rows`), which
 * this thread writes while the main thread fetches the next (listing-writes.ts); `run` follows.
 */
let listing: ListingWrites | null = null;
function onMessage(raw: unknown): void {
  try {
    const request = cacheWorkerRequestSchema.parse(raw);
    if (request.type === 'listing') {
      const { path, cacheKib } = cacheWorkerDataSchema.parse(workerData);
      listing = new ListingWrites(path, cacheKib);
      post({ type: 'ready' });
    } else if (request.type === 'rows') {
      if (!listing) throw new Error('rows before listing');
      post({ type: 'written', rows: listing.rows(request) });
    } else {
      // One job per thread: the listing's connection is closed first (the job opens its own, in WAL).
      listing?.close();
      listing = null;
      parentPort?.off('message', onMessage);
      if (request.type === 'check') check();
      else run();
    }
  } catch (error) {
    // Outside a listing nothing more will come: let the thread end (the main thread waits for its exit).
    if (!listing) parentPort?.off('message', onMessage);
    failed(error);
  }
}
parentPort?.on('message', onMessage);
