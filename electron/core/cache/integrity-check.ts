import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';
import { cacheWorkerMessageSchema, type CacheWorkerCheck } from './cache-worker-protocol';
import type { WorkerEntry } from './cache-worker-entry';
import type { Db } from './open-database';

/**
 * cache.db's integrity check, after start instead of before it (issue 16, at 1M members).
 *
 * `PRAGMA quick_check` reads every page: 9.5–13.5 s at 1M members, which at open was a stall of
 * core's event loop before the console could answer anything. cache.db is rebuildable, so it is
 * opened without it (SQLite still fails with SQLITE_CORRUPT on any page a query reads) and
 * checked here: in the cache worker's script on its own read-only connection (a WAL read
 * transaction: the main thread reads and writes meanwhile), or — for a small file, where a
 * worker costs more to start than the check — on the main thread a turn after open. What a
 * corrupt answer leads to is CacheStore's (the file moved aside and refilled by a full sync).
 *
 * Checked on every start, not only after an unclean close: off the event loop it costs a core
 * for a few seconds at 1M, and it also sees what a clean-close marker cannot (a bad disk, a file
 * copied or restored from elsewhere). local.db is not rebuildable and keeps its check at open.
 */
export type CheckResult = 'ok' | 'corrupt' | 'not_checked';

/** Below this file size the check runs on the main thread (≈ 10–40 ms at 4 MiB). */
export const CHECK_IN_WORKER_BYTES = 4 * 1024 * 1024;

const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

/** Runs the check on `db`; an error SQLite raises for a damaged file counts as its answer. */
export function quickCheck(db: Db): { ok: boolean; detail: string } {
  try {
    const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
    const detail = rows.map((row) => row.quick_check).join('\n');
    return { ok: detail === 'ok', detail: detail.slice(0, 2000) };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (![...CORRUPT_CODES].some((corrupt) => code.startsWith(corrupt))) throw error;
    return { ok: false, detail: `${code}: ${(error as Error).message}`.slice(0, 2000) };
  }
}

export interface IntegrityCheckOptions {
  db: Db;
  path: string;
  entry: WorkerEntry | null;
  logger: Logger;
  /** From this file size on, in a worker (tests set 0 to force it). */
  workerMinBytes?: number;
}

export class IntegrityCheck {
  readonly done: Promise<CheckResult>;
  private worker: Worker | null = null;
  private stopped = false;

  constructor(options: IntegrityCheckOptions) {
    this.done = this.run(options);
  }

  /** Ends a running check (shutdown); `done` then says 'not_checked'. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker?.terminate();
  }

  private async run(options: IntegrityCheckOptions): Promise<CheckResult> {
    // A turn after open: the size then (a test or a first sync may have written since).
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.stopped || !options.db.open) return 'not_checked';
    const started = performance.now();
    const bytes = statSync(options.path, { throwIfNoEntry: false })?.size ?? 0;
    const inWorker = options.entry !== null && bytes >= (options.workerMinBytes ?? CHECK_IN_WORKER_BYTES);
    let answer: { ok: boolean; detail: string } | null;
    try {
      answer = inWorker ? await this.inWorker(options.entry!, options.path) : quickCheck(options.db);
    } catch (error) {
      if (!this.stopped)
        options.logger.warn('cache.db integrity check could not run', { error: String(error), inWorker });
      return 'not_checked';
    }
    if (!answer) return 'not_checked';
    const ms = Math.round(performance.now() - started);
    if (answer.ok) {
      options.logger.info('cache.db integrity check ok', { ms, bytes, where: inWorker ? 'worker' : 'main' });
      return 'ok';
    }
    options.logger.warn('cache.db integrity check failed', { ms, bytes, detail: answer.detail.slice(0, 500) });
    return 'corrupt';
  }

  private inWorker(entry: WorkerEntry, path: string): Promise<{ ok: boolean; detail: string } | null> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(entry.url, {
        workerData: { path, cacheKib: 2048 },
        execArgv: entry.execArgv,
      });
      // The check must not keep the process alive (core's close ends it).
      worker.unref();
      this.worker = worker;
      let answer: { ok: boolean; detail: string } | null = null;
      let failure: string | null = null;
      worker.on('message', (raw: unknown) => {
        const message = cacheWorkerMessageSchema.safeParse(raw);
        if (message.success && message.data.type === 'checked') answer = message.data;
        else if (message.success && message.data.type === 'failed') failure = message.data.message;
        else failure ??= 'the cache worker sent an unexpected message';
      });
      worker.on('error', (error) => (failure ??= error.message));
      worker.on('exit', (code) => {
        this.worker = null;
        if (answer) resolve(answer);
        else if (this.stopped) resolve(null);
        else reject(new Error(failure ?? `the cache worker exited (${code}) before it answered`));
      });
      const check: CacheWorkerCheck = { type: 'check' };
      worker.postMessage(check);
    });
  }
}
