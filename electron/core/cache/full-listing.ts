import { isTombstone, type Member, type MemberTombstone } from '../../../shared/api';
import type { Logger } from '../logger';
import type { CacheJobs } from './cache-jobs';
import {
  deferFts,
  deferredSteps,
  deferSecondaryIndexes,
  markStale,
  repairDeferred,
  resumeFts,
} from './deferred-indexes';
import type { MemberIndex } from './member-index';
import { memberRowValues } from './member-rows';
import type { Db } from './open-database';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Page cache during a first listing's bulk write, KiB. */
const BULK_CACHE_KIB = 64 * 1024;

/**
 * The file set up for a first full listing into an empty members table (indexes dropped, see
 * BulkWrites.beginFullListing), and back (leaveBulkWrite: after the cache worker built the
 * indexes when the table is small enough, else before, see BulkWrites.bulkJournalJob).
 */
export function enterBulkWrite(db: Db): void {
  // The table and its id index outgrow the default 2 MB page cache at ~10k rows; a bigger
  // one for the bulk write keeps the id index's pages in memory instead of re-reading them.
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  // New rows of an empty table go to pages past the end of the file, which a rollback
  // journal does not copy: each page is written once, where WAL writes it to the log and
  // again at the checkpoint. A process crash cannot harm either; a power cut at the wrong
  // moment is a little likelier to corrupt a DELETE journal than a WAL one, and a corrupt
  // cache.db is moved aside and refilled on open. WAL is back after (and set on every open).
  // Another connection to the file (a tool, a test's probe) makes the switch fail: stay in WAL.
  try {
    db.pragma('journal_mode = DELETE');
  } catch {
    return;
  }
  // And no fsync per commit: a first listing holds nothing the server does not, and a file
  // a power cut left corrupt is moved aside and listed again on open. Each COMMIT's fsync
  // held the thread for 15–80 ms on a busy disk (issue 16's stalls).
  db.pragma('synchronous = OFF');
}

export function leaveBulkWrite(db: Db, defaultCacheSize: number): void {
  db.pragma(`cache_size = ${defaultCacheSize}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}

/**
 * The bulk writes' lifecycle (CacheStore.bulk): a full listing begun (index upkeep off, the
 * member index suspended), its pages written by the cache worker, and finished by the worker
 * (CacheJobs) while the main thread answers; FTS upkeep deferred around a long replay.
 * `bulkChanged` tells CacheStore the members table changed wholesale (its remembered counts).
 */
export class BulkWrites {
  private readonly defaultCacheSize: number;

  constructor(
    private readonly db: Db,
    private readonly jobs: CacheJobs,
    private readonly memberIndex: MemberIndex,
    private readonly bulkChanged: () => void,
  ) {
    this.defaultCacheSize = db.pragma('cache_size', { simple: true }) as number;
  }

  /** Stops per-row FTS upkeep until the FTS index is rebuilt; text search misses rows written meanwhile. */
  deferFts(): void {
    this.jobs.assertWritable();
    deferFts(this.db);
  }

  /** Rebuilds the FTS index on this thread, at once (tests; core calls finishDeferred). */
  resumeFts(): void {
    resumeFts(this.db);
  }

  /**
   * Before a full listing writes every row: FTS upkeep off, and when the members table is empty
   * (a first sync) the secondary indexes too. finishFullListing() builds them again.
   */
  beginFullListing(): void {
    this.jobs.assertWritable();
    const empty = this.db.prepare('SELECT 1 FROM members LIMIT 1').get() === undefined;
    // Every row is rewritten: the member index is dropped and rebuilt once after the listing.
    this.bulkChanged();
    this.memberIndex.suspend();
    deferFts(this.db);
    if (empty) {
      // Nothing to query yet: the secondary indexes go too, built once at the end.
      deferSecondaryIndexes(this.db);
      enterBulkWrite(this.db);
    }
  }

  /**
   * The stale rows, the indexes and the FTS index in the cache worker, then the file back to WAL
   * (before the job when the table is big, see bulkJournalJob); the member index is built again
   * once they are there (its reads use the name index).
   */
  async finishFullListing(): Promise<void> {
    // Pages the worker is still writing are committed first (its connection is closed at `run`).
    let listingFailed: unknown = null;
    await this.jobs.endListing().catch((error: unknown) => (listingFailed = error));
    const bulkJournal = this.bulkJournalJob();
    if (!bulkJournal) leaveBulkWrite(this.db, this.defaultCacheSize);
    try {
      await this.finishDeferred();
    } finally {
      if (bulkJournal) leaveBulkWrite(this.db, this.defaultCacheSize);
      this.bulkChanged();
      this.memberIndex.resume();
    }
    if (listingFailed) throw listingFailed;
  }

  /**
   * Whether the job after a first listing runs with the file still in the bulk write's DELETE
   * journal (synchronous OFF), WAL after it. Measured (bench/listing-upkeep.ts, 100k rows): its
   * four CREATE INDEX take 0.9–1.4 s there against 1.9–3.0 s in WAL (the WAL's page lookups and
   * writes; the checkpoint after is 20–70 ms), the FTS rebuild a little less too. The cost: a
   * reader on the main thread waits (busy timeout) while a step commits, when the worker holds
   * the exclusive lock to write its pages to the file: ms, since few are read meanwhile (queries
   * wait for the member index, which is rebuilt after the job). Above bulkJournalJobMaxRows the
   * index pages outgrow the worker's page cache, whose spill would take that lock for the rest of
   * a build (seconds): WAL first, as before.
   */
  private bulkJournalJob(): boolean {
    if (this.db.pragma('journal_mode', { simple: true }) !== 'delete') return false;
    const { rows } = this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS rows FROM members').get() as { rows: number };
    return rows <= this.jobs.bulkJournalJobMaxRows;
  }

  /** A full listing has written `rows` so far: from the worker's threshold on, it is started now. */
  listingProgress(rows: number): void {
    this.jobs.prestart(rows);
  }

  /** A full listing's pages go to the cache worker now (its connection is open): see writeListingPage. */
  writesListingInWorker(): boolean {
    return this.jobs.listingWriter() !== null;
  }

  /** In the transaction of a full listing's last rows: rows of older generations go at its end. */
  markStale(orgId: string, generation: number): void {
    this.jobs.assertWritable();
    markStale(this.db, orgId, generation);
  }

  /**
   * One page of a full listing, written by the cache worker while the main thread fetches the
   * next (listing-writer.ts), once the worker started for the listing has its connection open.
   * false: no such worker (yet): the caller writes the page on this thread, as before. Resolves
   * once few enough pages are in flight; throws when an earlier page failed.
   */
  async writeListingPage(
    orgId: string,
    items: readonly (Member | MemberTombstone)[],
    generation: number,
    last: { syncToken: string; lastSyncedAt: string } | null,
  ): Promise<boolean> {
    if (!this.jobs.listingWriter()) return false;
    // A turn first: a write that writable() just let through (the worker had caught up) runs
    // in the microtasks after it, and must land before this page makes the worker busy again.
    await nextTurn();
    const writer = this.jobs.listingWriter();
    if (!writer) return false;
    const upserts: (string | number | null)[][] = [];
    const deletes: string[] = [];
    for (const item of items) {
      if (isTombstone(item)) deletes.push(item.id);
      else upserts.push(memberRowValues(orgId, item, false, generation) as (string | number | null)[]);
    }
    await writer.post({ type: 'rows', upserts, deletes, last: last ? { orgId, generation, ...last } : null });
    return true;
  }

  /** finishFullListing on this thread, at once (tests). */
  endFullListing(): void {
    leaveBulkWrite(this.db, this.defaultCacheSize);
    repairDeferred(this.db);
    this.bulkChanged();
    this.memberIndex.resume();
  }

  /**
   * A sync that died while index upkeep was off: rebuild what it dropped, as a job (in the
   * worker when the table is big); queries answer meanwhile, writes wait for it (writable()).
   */
  repairAtOpen(logger: Logger): void {
    if (deferredSteps(this.db).length > 0)
      void this.finishDeferred({ atOpen: true }).catch((error: unknown) => {
        logger.warn('cache index repair at open failed', { error: String(error) });
      });
  }

  /**
   * What cache_flags say is left (deferredSteps: the FTS rebuild after a replay, a listing's
   * indexes), as a job of CacheJobs: in the cache worker, or on the main thread in steps.
   * `afterWriteSessions` when called outside a sync cycle: the job waits for a running cycle to end.
   */
  async finishDeferred(options: { afterWriteSessions?: boolean; atOpen?: boolean } = {}): Promise<void> {
    const report = await this.jobs.finishDeferred(options);
    if (report.steps.some((step) => step.name === 'drop stale rows')) {
      this.bulkChanged();
      this.memberIndex.changed();
    }
  }
}
