import Database from 'better-sqlite3';
import type { CacheWorkerRows } from './cache-worker-protocol';
import { markStale } from './deferred-indexes';
import { UPSERT_MEMBER_SQL } from './member-rows';
import { statementCache } from './statement-cache';
import { writeSyncState } from './sync-state';

/**
 * The cache worker's side of a full listing's row writes (issue 16, phase 2 of issue-16a): the
 * main thread fetches and checks the pages, this connection writes them, one transaction per
 * page, while the next page is fetched. Same settings as the main connection's bulk write
 * (full-listing.ts enterBulkWrite: no fsync per commit; the journal mode is the file's). The
 * sync token goes with the last rows, as on the main thread: a crash before them leaves the old
 * token, and the next sync lists again.
 *
 * After one failed transaction every later `rows` is refused: a gap in the middle of a listing
 * must never be followed by its last rows (they carry the token that says the listing is whole).
 */
export class ListingWrites {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly write: (rows: CacheWorkerRows) => void;
  private broken: string | null = null;

  constructor(path: string, cacheKib: number) {
    this.db = new Database(path, { fileMustExist: true, timeout: 60_000 });
    this.db.pragma('synchronous = OFF');
    this.db.pragma(`cache_size = -${cacheKib}`);
    this.db.pragma('foreign_keys = ON');
    this.upsert = this.db.prepare(UPSERT_MEMBER_SQL);
    this.remove = this.db.prepare('DELETE FROM members WHERE id = ?');
    const sql = statementCache(this.db);
    this.write = this.db.transaction((rows: CacheWorkerRows) => {
      for (const values of rows.upserts) this.upsert.run(values);
      for (const id of rows.deletes) this.remove.run(id);
      if (rows.last) {
        const { orgId, syncToken, lastSyncedAt, generation } = rows.last;
        writeSyncState(sql, orgId, { syncToken, lastSyncedAt, generation });
        markStale(this.db, orgId, generation);
      }
    });
  }

  /** Commits one page's rows; throws (and refuses every later page) when it cannot. */
  rows(rows: CacheWorkerRows): number {
    if (this.broken) throw new Error(`an earlier page of the listing failed: ${this.broken}`);
    try {
      this.write(rows);
    } catch (error) {
      this.broken = error instanceof Error ? error.message : String(error);
      throw error;
    }
    return rows.upserts.length + rows.deletes.length;
  }

  close(): void {
    this.db.close();
  }
}
