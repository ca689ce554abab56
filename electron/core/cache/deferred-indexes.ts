import { DROP_MEMBER_INDEXES, FTS_TRIGGERS, MEMBER_INDEXES } from './cache-schema';
import type { Db } from './open-database';

/**
 * Index upkeep switched off around a bulk write of the members table and done once at the end.
 * Each switch is a row in cache_flags, written in the same transaction as the DROP, so a crash
 * in between leaves a flag behind and the next open (repairDeferred) rebuilds what was dropped.
 *
 * - 'fts_deferred': the FTS triggers are dropped; the end runs FTS5 'rebuild' (one pass).
 * - 'indexes_deferred': the secondary indexes (MEMBER_INDEXES) are dropped; the end creates each once from
 *   the finished table (a sort per index instead of a B-tree insert per row and index).
 * - 'stale:<orgId>' = generation: a full listing of the org ended (written with its last rows and
 *   sync token); server rows of an older generation are no longer on the server.
 *
 * The end is a list of steps (`deferredSteps`), each one statement or transaction: the cache
 * worker (`cache-worker.ts`) runs them on its own connection, the main thread only when the
 * worker cannot start or the table is small (with a turn between steps), and `repairDeferred`
 * all at once when cache.db is opened.
 */
type Flag = 'fts_deferred' | 'indexes_deferred' | `stale:${string}`;

const hasFlag = (db: Db, flag: Flag): boolean =>
  db.prepare('SELECT 1 FROM cache_flags WHERE name = ?').get(flag) !== undefined;

const setFlag = (db: Db, flag: Flag, value = 1) =>
  db.prepare('INSERT OR REPLACE INTO cache_flags (name, value) VALUES (?, ?)').run(flag, value);

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

export function resumeSecondaryIndexes(db: Db): void {
  db.transaction(() => {
    db.exec(MEMBER_INDEXES);
    clearFlag(db, 'indexes_deferred');
  })();
}

/** Inside the transaction of a full listing's last rows: the stale rows go in the next steps. */
export function markStale(db: Db, orgId: string, generation: number): void {
  setFlag(db, `stale:${orgId}`, generation);
}

function dropStale(db: Db, orgId: string, generation: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM members WHERE org_id = ? AND local = 0 AND generation < ?').run(orgId, generation);
    clearFlag(db, `stale:${orgId}`);
  })();
}

export interface DeferredStep {
  /** For the log and the timings: what the step does. */
  name: string;
  run(db: Db): void;
}

/**
 * What is left to do, in order: stale rows first (while the indexes and FTS triggers are still
 * off, the DELETE maintains neither), then one CREATE INDEX per step (the flag goes with the
 * last, so a crash half-way still repairs on open; the org/name index comes first, so the
 * console's queries have it soonest), then the FTS rebuild.
 */
export function deferredSteps(db: Db): DeferredStep[] {
  const steps: DeferredStep[] = [];
  const stale = db.prepare("SELECT name, value FROM cache_flags WHERE name LIKE 'stale:%'").all() as {
    name: string;
    value: number;
  }[];
  for (const { name, value } of stale) {
    const orgId = name.slice('stale:'.length);
    steps.push({ name: 'drop stale rows', run: (on) => dropStale(on, orgId, value) });
  }
  if (hasFlag(db, 'indexes_deferred')) {
    const statements = MEMBER_INDEXES.split(';')
      .map((statement) => statement.trim())
      .filter(Boolean);
    statements.forEach((statement, at) => {
      const index = /INDEX IF NOT EXISTS (\w+)/.exec(statement)?.[1] ?? 'index';
      steps.push({
        name: `create ${index}`,
        run: at === statements.length - 1 ? resumeSecondaryIndexes : (on) => on.exec(statement),
      });
    });
  }
  if (hasFlag(db, 'fts_deferred')) steps.push({ name: 'rebuild FTS', run: resumeFts });
  return steps;
}

/** On open: finish what a write that died half-way had switched off. */
export function repairDeferred(db: Db): void {
  for (const step of deferredSteps(db)) step.run(db);
}
