import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';
import { cacheWorkerEntry, type WorkerEntry } from './cache-worker-entry';
import { runJobInWorker, WorkerUnavailable, type JobStep } from './cache-worker-job';
import { deferredSteps } from './deferred-indexes';
import { ListingWriter } from './listing-writer';
import type { Db } from './open-database';

export interface CacheJobsOptions {
  /**
   * From this many rows in the members table the deferred work runs in the worker; below it the
   * main thread does it, a step per turn (each step then takes a few ms: a worker costs more to
   * start than it saves).
   */
  workerMinRows?: number;
  /** The worker's script; null: never start one. Tests point it at a missing file. */
  workerEntry?: WorkerEntry | null;
  /** Page cache for the worker's connection, KiB. */
  workerCacheKib?: number;
  /**
   * Up to this many rows (max seq), a first listing's job runs before the file goes back to WAL
   * (full-listing.ts finishFullListing); above it, after.
   */
  bulkJournalJobMaxRows?: number;
}

export const WORKER_MIN_ROWS = 5_000;
/** See CacheJobsOptions.bulkJournalJobMaxRows: the biggest index then still fits the worker's 64 MiB cache. */
export const BULK_JOURNAL_JOB_MAX_ROWS = 300_000;

/** What a job did, for the caller (which drops the member index after stale rows went) and the log. */
export interface JobReport {
  steps: JobStep[];
  where: 'worker' | 'main';
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the deferred work of cache.db (`deferred-indexes.ts`: indexes, FTS rebuild, stale rows)
 * one job at a time, in the cache worker when the table is big enough, else on the main thread.
 *
 * Writes while a job runs: the worker holds SQLite's write lock for seconds, and a write on the
 * main connection meanwhile would wait for it inside SQLite (busy timeout: the thread held, the
 * stall this exists to avoid). So the rule, checked by CacheStore (`busy` throws on a write):
 * - every cache write happens right after `await writable()`, in the same synchronous stretch
 *   (commands and the import's slices do this before they write), or
 * - inside a write session (`writeSession`: a sync cycle), which outside jobs wait for
 *   (`finishDeferred({ afterWriteSessions: true })`, the import's FTS rebuild) and which awaits
 *   its own jobs, so no job can start in the middle of it.
 * Reads do not wait: the main connection reads the last committed state (WAL) — except during
 * the job after a first listing of up to `bulkJournalJobMaxRows`, which runs in the listing's
 * rollback journal (its CREATE INDEX about twice as fast): a read then waits out each step's
 * commit (busy timeout, milliseconds), and the list's queries wait for the member index anyway.
 */
export class CacheJobs {
  private job: Promise<JobReport> | null = null;
  private worker: Worker | null = null;
  /** Started ahead of its job (prestart), idle until run: it has not opened cache.db. */
  private waiting: Worker | null = null;
  /** A full listing's rows going to the waiting worker (listing-writer.ts), until endListing. */
  private listing: ListingWriter | null = null;
  private sessions = 0;
  private sessionsEnded: { promise: Promise<void>; resolve: () => void } | null = null;
  private readonly minRows: number;
  /** The worker's script (null: none); the background integrity check starts it too. */
  readonly entry: WorkerEntry | null;
  private readonly cacheKib: number;
  readonly bulkJournalJobMaxRows: number;

  constructor(
    private db: Db,
    private readonly path: string,
    private readonly logger: Logger,
    options: CacheJobsOptions = {},
  ) {
    this.minRows = options.workerMinRows ?? WORKER_MIN_ROWS;
    this.entry = options.workerEntry === undefined ? safeEntry(logger) : options.workerEntry;
    this.cacheKib = options.workerCacheKib ?? 64 * 1024;
    this.bulkJournalJobMaxRows = options.bulkJournalJobMaxRows ?? BULK_JOURNAL_JOB_MAX_ROWS;
  }

  /** The worker is writing cache.db (a job, or a listing's pages in flight): the main connection must not. */
  get busy(): boolean {
    return this.worker !== null || (this.listing?.inFlight ?? 0) > 0;
  }

  /** A main-thread write while the worker holds the write lock would wait in SQLite: refuse it. */
  assertWritable(): void {
    if (this.busy) throw new Error('cache.db is being indexed by the cache worker: await cache.writable() first');
  }

  /** Resolves when no job runs and no listing page is in flight; write right after it, before the next await. */
  async writable(): Promise<void> {
    for (;;) {
      if (this.job) await this.job.catch(() => undefined);
      else if (this.listing && this.listing.inFlight > 0) await this.listing.idle();
      else return;
    }
  }

  /** The writer of a full listing's pages in the worker, once its connection is open (else null: write here). */
  listingWriter(): ListingWriter | null {
    return this.listing?.usable ? this.listing : null;
  }

  /** A full listing's last page is sent: waits until the worker committed every page; throws if one failed. */
  async endListing(): Promise<void> {
    const listing = this.listing;
    this.listing = null;
    if (!listing) return;
    try {
      const { pages, rows } = await listing.end();
      if (pages > 0) this.logger.info('full listing pages written by the cache worker', { pages, rows });
    } catch (error) {
      this.logger.warn('the cache worker failed to write the full listing', { error: String(error) });
      throw error;
    }
  }

  /** A sequence of writes with awaits between them (a sync cycle): outside jobs wait for its end. */
  async writeSession<T>(work: () => Promise<T>): Promise<T> {
    await this.writable();
    this.sessions++;
    try {
      return await work();
    } finally {
      this.sessions--;
      if (this.sessions === 0) {
        this.sessionsEnded?.resolve();
        this.sessionsEnded = null;
      }
    }
  }

  /** Does what cache_flags say is left (see deferredSteps); resolves when it is committed. */
  async finishDeferred(options: { afterWriteSessions?: boolean; atOpen?: boolean } = {}): Promise<JobReport> {
    // At open nothing else can be running yet: claimed at once, so writable() waits for it.
    if (!(options.atOpen && !this.job && this.sessions === 0))
      await this.claimable(options.afterWriteSessions ?? false);
    const started = performance.now();
    const job = this.run();
    this.job = job;
    try {
      const report = await job;
      if (report.steps.length > 0) {
        const steps = report.steps.map((step) => `${step.name} ${Math.round(step.ms)} ms`).join(', ');
        this.logger.info('cache index work done', {
          where: report.where,
          ms: Math.round(performance.now() - started),
          steps,
        });
      }
      return report;
    } finally {
      this.job = null;
    }
  }

  /**
   * Runs `work` (synchronous) when no job and no write session runs: cache.db's connection may
   * be closed and replaced in it (the background integrity check found the file corrupt).
   */
  async exclusive(work: () => void): Promise<void> {
    await this.claimable(true);
    work();
  }

  /** The connection a rebuilt cache.db was opened with (see cache-replacement.ts). */
  reattach(db: Db): void {
    this.db = db;
  }

  private async claimable(afterWriteSessions: boolean): Promise<void> {
    for (;;) {
      if (afterWriteSessions && this.sessions > 0) await this.waitForSessions();
      await this.writable();
      // Claimed on a fresh turn: writers woken with us (same job's end) write first.
      await nextTurn();
      if (!this.job && !(afterWriteSessions && this.sessions > 0)) break;
    }
  }

  /**
   * Starts the worker now, for a job that will come (a full listing of `rows` so far, from
   * workerMinRows on):
   * its start overlaps the rest of the listing instead of adding to its end.
   */
  prestart(rows: number): void {
    // One listing writer per listing: a failed one must stay (its pages would leave a gap).
    if (this.waiting || this.listing || !this.entry || rows < this.minRows) return;
    const worker = this.spawn(this.entry);
    if (!worker) return;
    this.waiting = worker;
    // The rest of the listing's pages are written by it once its connection is open.
    this.listing = new ListingWriter(worker);
    const forget = () => {
      if (this.waiting === worker) this.waiting = null;
    };
    worker.once('error', forget);
    worker.once('exit', forget);
  }

  /** Ends a running or waiting worker (an uncommitted step rolls back; its flag stays for the next open). */
  async stop(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = null;
    this.listing = null;
    await Promise.all([this.worker?.terminate(), waiting?.terminate()]);
  }

  private spawn(entry: WorkerEntry): Worker | null {
    try {
      const worker = new Worker(entry.url, {
        workerData: { path: this.path, cacheKib: this.cacheKib },
        execArgv: entry.execArgv,
      });
      // An idle worker must not keep the process alive.
      worker.unref();
      return worker;
    } catch (error) {
      this.logger.warn('cache worker could not start', { error: String(error) });
      return null;
    }
  }

  private waitForSessions(): Promise<void> {
    if (!this.sessionsEnded) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.sessionsEnded = { promise, resolve };
    }
    return this.sessionsEnded.promise;
  }

  private async run(): Promise<JobReport> {
    const steps = deferredSteps(this.db);
    const rows = steps.length === 0 ? 0 : this.memberRows();
    if (steps.length === 0 || rows < this.minRows) {
      // A worker started for a listing that turned out small, or for nothing left to do.
      void this.waiting?.terminate();
      this.waiting = null;
    }
    if (steps.length === 0) return { steps: [], where: 'main' };
    if (this.entry && rows >= this.minRows) {
      try {
        return { steps: await this.inWorker(this.entry), where: 'worker' };
      } catch (error) {
        // Whatever it committed stays; the flags say what is left, which the main thread does.
        this.logger.warn('cache worker failed; finishing on the main thread', {
          error: error instanceof Error ? error.message : String(error),
          unavailable: error instanceof WorkerUnavailable,
        });
      }
    }
    const done: JobReport['steps'] = [];
    for (const step of deferredSteps(this.db)) {
      const started = performance.now();
      step.run(this.db);
      done.push({ name: step.name, ms: performance.now() - started });
      await nextTurn();
    }
    return { steps: done, where: 'main' };
  }

  /**
   * About how many rows (an upper bound: the last seq, deleted rows included). COUNT(*) read the
   * table or an index on this thread: 70 ms at 1M members, cold, more with the indexes dropped.
   */
  private memberRows(): number {
    return (this.db.prepare('SELECT MAX(seq) AS n FROM members').get() as { n: number | null }).n ?? 0;
  }

  private inWorker(entry: WorkerEntry): Promise<JobReport['steps']> {
    const worker = this.waiting ?? this.spawn(entry);
    this.waiting = null;
    if (!worker) return Promise.reject(new WorkerUnavailable('the cache worker could not start'));
    this.worker = worker;
    return runJobInWorker(worker, () => (this.worker = null));
  }
}

function safeEntry(logger: Logger): WorkerEntry | null {
  try {
    return cacheWorkerEntry();
  } catch (error) {
    logger.warn('cache worker not found; deferred index work runs on the main thread', { error: String(error) });
    return null;
  }
}
