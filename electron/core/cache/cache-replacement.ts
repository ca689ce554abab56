import type { Logger } from '../logger';
import type { CacheJobs } from './cache-jobs';
import { cacheMigrations } from './cache-schema';
import { IntegrityCheck, type CheckResult } from './integrity-check';
import { replaceCorrupt, type Db, type OpenedDatabase } from './open-database';

export interface CacheReplacementOptions {
  /** The connection (CacheStore.db): the one checked is the one open now, replaced later. */
  db: () => Db;
  path: string;
  logger: Logger;
  jobs: CacheJobs;
  /** The file was made afresh at open: there is nothing to check. */
  rebuilt: boolean;
  /** From this cache.db size on, the check runs in a worker (integrity-check.ts). */
  workerMinBytes?: number;
  /** Just before the corrupt file is closed (the member index drops what it held). */
  closing: () => void;
  /** The fresh file in place of the corrupt one: CacheStore prepares everything on it again. */
  reopened: (opened: OpenedDatabase) => void;
}

/**
 * cache.db's integrity check after open (integrity-check.ts) and what follows a corrupt answer
 * found after the console had answered from the file: when no job or sync cycle runs (writes
 * wait as for any job), the file is moved aside and a fresh one opened. Listeners (create-core)
 * then show the outbox's rows again and start a sync, whose full listing refills the list;
 * nothing queued is lost (the outbox is in local.db). CacheStore keeps the connection and what
 * is prepared on it; this keeps when it is checked and replaced.
 */
export class CacheReplacement {
  /** null when the file is new. */
  private readonly check: IntegrityCheck | null;
  private readonly listeners = new Set<() => void>();
  /** Set from the check's corrupt answer until the file is replaced: writes wait for it. */
  private replacing: Promise<void> | null = null;

  constructor(private readonly options: CacheReplacementOptions) {
    this.check = options.rebuilt
      ? null
      : new IntegrityCheck({
          db: options.db(),
          path: options.path,
          entry: options.jobs.entry,
          logger: options.logger,
          workerMinBytes: options.workerMinBytes,
        });
    void this.check?.done.then((result) => {
      if (result === 'corrupt') this.replacing = this.replaceFile();
    });
  }

  /** The replacement under way, null when none is: a write before it ends would be lost with the file. */
  get pending(): Promise<void> | null {
    return this.replacing;
  }

  private async replaceFile(): Promise<void> {
    try {
      await this.options.jobs.exclusive(() => {
        const { db, path, logger, closing, reopened } = this.options;
        // Closed meanwhile (core shut down): the next open's check finds the file corrupt again.
        if (!db().open) throw new Error('cache.db was closed before it could be replaced');
        closing();
        db().close();
        reopened(replaceCorrupt(path, cacheMigrations, logger));
      });
    } catch (error) {
      this.options.logger.error('cache.db could not be rebuilt after its integrity check', { error: String(error) });
      return;
    } finally {
      this.replacing = null;
    }
    for (const listener of this.listeners) listener();
  }

  /** Called after the background check found cache.db corrupt and replaced it with an empty one. */
  onRebuilt(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** The check's answer, once the file was replaced if it had to be. */
  async checked(): Promise<CheckResult> {
    const result = (await this.check?.done) ?? 'not_checked';
    await this.replacing;
    return result;
  }

  /** Ends a running check (shutdown). */
  stop(): Promise<void> | undefined {
    return this.check?.stop();
  }
}
