import type { Worker } from 'node:worker_threads';
import { cacheWorkerMessageSchema, type CacheWorkerListing, type CacheWorkerRows } from './cache-worker-protocol';

/** Pages posted and not yet committed before the listing waits for the worker (bounds memory). */
const MAX_IN_FLIGHT = 4;

/**
 * The main thread's side of a full listing written by the cache worker (listing-writes.ts):
 * the worker started ahead of the listing's end (CacheJobs.prestart) opens its connection, and
 * from its `ready` on, each page's rows go to it instead of being written here, so SQLite's
 * writes overlap the next page's fetch and check and leave this thread free to answer.
 *
 * While a page is in flight this thread must not write cache.db (the worker holds or may take
 * the write lock): CacheJobs.busy and writable() count `inFlight`. A page that fails marks the
 * writer failed and the worker refuses every later one; the listing then fails as a whole (the
 * sync token goes only with the last rows, so the next sync lists again).
 */
export class ListingWriter {
  private ready = false;
  inFlight = 0;
  failure: Error | null = null;
  /** Pages sent to the worker: a failure before the first one only means this thread wrote them all. */
  private posted = 0;
  /** Rows the worker committed (for the log). */
  rows = 0;
  private waiters: (() => void)[] = [];
  private readonly onMessage = (raw: unknown) => {
    const message = cacheWorkerMessageSchema.safeParse(raw);
    if (!message.success) this.fail(new Error('the cache worker sent an unexpected message'));
    else if (message.data.type === 'ready') this.ready = true;
    else if (message.data.type === 'written') {
      this.rows += message.data.rows;
      this.settled();
    } else if (message.data.type === 'failed') this.fail(new Error(message.data.message));
  };
  private readonly onExit = () => this.fail(new Error('the cache worker ended during the listing'));

  constructor(private readonly worker: Worker) {
    worker.on('message', this.onMessage);
    worker.once('exit', this.onExit);
    const listing: CacheWorkerListing = { type: 'listing' };
    worker.postMessage(listing);
  }

  /**
   * Pages go to the worker: its connection is open and nothing failed, or pages already went
   * (then every later page must too, and `post` throws if one failed: a page written on the main
   * thread after a failed one could store the token over the gap).
   */
  get usable(): boolean {
    return (this.ready && !this.failure) || this.posted > 0;
  }

  /** Posts one page's rows; resolves once few enough are in flight (never waits for this one). */
  async post(rows: CacheWorkerRows): Promise<void> {
    if (this.failure) throw this.failure;
    this.inFlight++;
    this.posted++;
    this.worker.postMessage(rows);
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await this.idle();
    if (this.failure) throw this.failure;
  }

  /** Resolves when every posted page is committed (or failed). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The listing is over: every page committed, the worker handed back to its job. Throws what failed. */
  async end(): Promise<{ pages: number; rows: number }> {
    while (this.inFlight > 0) await this.idle();
    this.worker.off('message', this.onMessage);
    this.worker.off('exit', this.onExit);
    if (this.failure && this.posted > 0) throw this.failure;
    return { pages: this.posted, rows: this.rows };
  }

  private settled(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    // Wakes every waiter (a writer waiting for writable(), or post's back-pressure) once one page is done.
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    // A failed page is not acknowledged: nothing more is coming for those in flight.
    this.inFlight = 0;
    this.settled();
  }
}
