import { DROP_MEMBER_INDEXES, FTS_TRIGGERS, MEMBER_INDEXES } from './cache-schema';
import type { Db } from './open-database';

/**
 * Index upkeep switched off around a bulk write of the members table and done once at the end.
 * Each switch is a row in cache_flags, written in the same transaction as the DROP, so a crash
 * in between leaves a flag behind and the next open (repairDeferred) rebuilds what was dropped.
 *
 * - 'fts_deferred': the FTS triggers are dropped; the end runs FTS5 'rebuild' (one pass).
 * - 'indexes_deferred': the six secondary indexes are dropped; the end creates each once from
 *   the finished table (a sort per index instead of a B-tree insert per row and index).
 */
type Flag = 'fts_deferred' | 'indexes_deferred';

const hasFlag = (db: Db, flag: Flag): boolean =>
  db.prepare('SELECT 1 FROM cache_flags WHERE name = ?').get(flag) !== undefined;

const setFlag = (db: Db, flag: Flag) =>
  db.prepare('INSERT OR IGNORE INTO cache_flags (name, value) VALUES (?, 1)').run(flag);

const clearFlag = (db: Db, flag: Flag) => db.prepare('DELETE FROM cache_flags WHERE name = ?').run(flag);

export function deferFts(db: Db): void {
  db.transaction(() => {
    setFlag(db, 'fts_deferred');
    db.exec(
      'DROP TRIGGER IF EXISTS members_fts_insert; DROP TRIGGER IF EXISTS members_fts_delete; DROP TRIGGER IF EXISTS members_fts_update;',
    );
  })();
}

export function resumeFts(db: Db): void {
  db.transaction(() => {
    db.prepare("INSERT INTO members_fts (members_fts) VALUES ('rebuild')").run();
    db.exec(FTS_TRIGGERS);
    clearFlag(db, 'fts_deferred');
  })();
}

/** Only for an empty members table: with rows in it, queries during the write would lose their indexes. */
export function deferSecondaryIndexes(db: Db): void {
  db.transaction(() => {
    setFlag(db, 'indexes_deferred');
    db.exec(DROP_MEMBER_INDEXES);
  })();
}

/**
 * The same as resumeSecondaryIndexes, one index per step with `pause` between (each CREATE INDEX
 * is one statement that holds the thread; six in a row held it for ≈ 0.5–0.7 s at 100k rows).
 * The flag goes with the last one, so a crash half-way still repairs on open.
 */
export async function resumeSecondaryIndexesInSteps(db: Db, pause: () => Promise<void>): Promise<void> {
  if (!hasFlag(db, 'indexes_deferred')) return;
  const statements = MEMBER_INDEXES.split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
  for (const statement of statements) {
    db.exec(statement);
    await pause();
  }
  resumeSecondaryIndexes(db);
}

export function resumeSecondaryIndexes(db: Db): void {
  db.transaction(() => {
    db.exec(MEMBER_INDEXES);
    clearFlag(db, 'indexes_deferred');
  })();
}

/** On open: finish what a write that died half-way had switched off. */
export function repairDeferred(db: Db): void {
  if (hasFlag(db, 'indexes_deferred')) resumeSecondaryIndexes(db);
  if (hasFlag(db, 'fts_deferred')) resumeFts(db);
}
