import type Database from 'better-sqlite3';
import { FTS_TRIGGERS } from './cache-schema';
import type { Db } from './open-database';

const DROP_FTS_TRIGGERS =
  'DROP TRIGGER IF EXISTS members_fts_insert; DROP TRIGGER IF EXISTS members_fts_delete; DROP TRIGGER IF EXISTS members_fts_update;';

/**
 * The FTS index kept in step by the rows one transaction wrote, in two statements at its end,
 * instead of a trigger program per row. For a bulk write into a big table (a CSV import's
 * optimistic rows): at 100,000 cached members, 10,000 new rows cost ≈ 40 µs each with the
 * per-row triggers and ≈ 4–5 µs each added this way, and the FTS5 'rebuild' the import used
 * instead (all rows, ≈ 0.45 s at 100k, in the cache worker while the import waited) is gone.
 *
 * The triggers are dropped and created again inside the same transaction, so no other
 * connection ever sees the table without them and a crash or a throw rolls back both: no flag
 * in cache_flags is needed. While a rebuild is pending ('fts_deferred': a full listing or a
 * replay turned upkeep off), the triggers are already gone and that rebuild covers these rows.
 */
export class FtsByRows {
  /** Rows that existed before the transaction: their name and email as FTS indexed them. */
  private readonly before = new Map<number, [name: string, email: string]>();
  /** Rows written (inserted or updated) during it. */
  private readonly written = new Set<number>();
  private readonly oldStmt: Database.Statement;

  constructor(private readonly db: Db) {
    this.oldStmt = db.prepare('SELECT seq, name, email FROM members WHERE id = ?').raw();
  }

  /** Before a row with this id is upserted or deleted: what FTS holds for it, if anything. */
  beforeWrite(id: string): void {
    const row = this.oldStmt.get(id) as [number, string, string] | undefined;
    // A row written earlier in this transaction is not indexed yet: nothing to delete for it.
    if (row && !this.written.has(row[0]) && !this.before.has(row[0])) this.before.set(row[0], [row[1], row[2]]);
  }

  wrote(seq: number): void {
    this.written.add(seq);
  }

  /** Old entries out, the rows as they are now in (deleted rows are no longer in members). */
  finish(): void {
    const remove = this.db.prepare(
      "INSERT INTO members_fts (members_fts, rowid, name, email) VALUES ('delete', ?, ?, ?)",
    );
    for (const [seq, [name, email]] of this.before) remove.run(seq, name, email);
    const seqs = [...new Set([...this.written, ...this.before.keys()])];
    if (seqs.length > 0)
      this.db
        .prepare(
          `INSERT INTO members_fts (rowid, name, email)
             SELECT seq, name, email FROM members WHERE seq IN (SELECT value FROM json_each(?))`,
        )
        .run(JSON.stringify(seqs));
  }
}

const ftsDeferred = (db: Db): boolean =>
  db.prepare("SELECT 1 FROM cache_flags WHERE name = 'fts_deferred'").get() !== undefined;

/**
 * Runs `work` in one transaction with the FTS triggers off, handing it an FtsByRows to tell
 * which rows it writes (null when a rebuild is pending anyway); the FTS index is brought up to
 * date for exactly those rows before the commit.
 */
export function transactionWithFtsByRows<T>(db: Db, work: (fts: FtsByRows | null) => T): T {
  return db.transaction(() => {
    if (ftsDeferred(db)) return work(null);
    db.exec(DROP_FTS_TRIGGERS);
    const fts = new FtsByRows(db);
    const result = work(fts);
    fts.finish();
    db.exec(FTS_TRIGGERS);
    return result;
  })();
}
