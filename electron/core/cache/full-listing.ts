import type { Db } from './open-database';

/** Page cache during a first listing's bulk write, KiB. */
const BULK_CACHE_KIB = 64 * 1024;

/**
 * The file set up for a first full listing into an empty members table (indexes dropped, see
 * CacheStore.beginFullListing), and back (leaveBulkWrite, before the cache worker builds the
 * indexes: the worker's commits must not lock the main thread's readers out, which only WAL
 * guarantees).
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
