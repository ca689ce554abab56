import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { ensurePrivateFile } from '../data-folder';
import type { Logger } from '../logger';

export type Db = Database.Database;
/** Migration N moves the schema from version N-1 to N; index 0 is version 1. */
export type Migration = (db: Db) => void;

export interface OpenedDatabase {
  db: Db;
  /** Set when the file was unusable and a fresh one was made; the old file was kept beside it. */
  rebuilt: null | { reason: 'corrupt' | 'newer_schema'; movedTo: string };
}

class NewerSchemaError extends Error {}

function currentVersion(db: Db): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Temporary storage in memory, above all the statement journal. An INSERT that may write more
 * than one row and may abort (a trigger such as outbox_counts, an upsert, a UNIQUE key) keeps
 * the pages it changes in a statement journal inside the transaction. On disk (the default),
 * once one statement's journal passed 64 KiB it became a temp file for the rest of the
 * transaction, and every later row wrote its ~13 changed pages to it: a 10,000-row import did
 * ≈ 133,000 page writes (≈ 0.5 GB) to that file, a third of its local.db time as system CPU.
 * In memory the journal is emptied after each statement. VACUUM is the one big temp user:
 * see vacuum() below.
 */
const TEMP_IN_MEMORY = 'MEMORY';

export interface OpenOptions {
  /**
   * 'at-open' (local.db, not rebuildable): PRAGMA quick_check before anything is read, on this
   * thread. 'later' (cache.db, rebuildable): none here — it reads every page (9.5–13.5 s at 1M
   * members) — and the caller checks in the background (integrity-check.ts); SQLite still
   * reports SQLITE_CORRUPT on any page it reads meanwhile.
   */
  check?: 'at-open' | 'later';
}

function openAndMigrate(path: string, migrations: Migration[], options: OpenOptions = {}): Db {
  ensurePrivateFile(path);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`temp_store = ${TEMP_IN_MEMORY}`);
    if (options.check !== 'later') {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error('quick_check failed');
    }
    const version = currentVersion(db);
    if (version > migrations.length) throw new NewerSchemaError(`schema ${version} is newer than ${migrations.length}`);
    for (let next = version + 1; next <= migrations.length; next++) {
      db.transaction(() => {
        migrations[next - 1]!(db);
        db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(
          next,
          new Date().toISOString(),
        );
      })();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function moveAside(path: string, reason: string): string {
  const target = `${path}.${reason}-${Date.now()}`;
  renameSync(path, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) {
      try {
        renameSync(path + suffix, target + suffix);
      } catch {
        rmSync(path + suffix, { force: true });
      }
    }
  }
  return target;
}

/**
 * Opens a SQLite file in WAL mode and migrates it. A file written by a newer console (higher
 * schema version than we know) or one SQLite cannot read is moved aside, never deleted, and a
 * fresh file is created; the caller decides what to salvage or re-fetch.
 */
export function openDatabase(
  path: string,
  migrations: Migration[],
  logger: Logger,
  options: OpenOptions = {},
): OpenedDatabase {
  try {
    return { db: openAndMigrate(path, migrations, options), rebuilt: null };
  } catch (error) {
    if (!existsSync(path)) throw error;
    const reason = error instanceof NewerSchemaError ? 'newer_schema' : 'corrupt';
    const movedTo = moveAside(path, reason === 'corrupt' ? 'corrupt' : 'newer');
    logger.warn(`database ${reason}: moved aside and rebuilt`, { path, movedTo });
    return { db: openAndMigrate(path, migrations, options), rebuilt: { reason, movedTo } };
  }
}

/**
 * For a file found corrupt after it was opened (cache.db's background check): the caller has
 * closed its connection; the file is moved aside, never deleted, and a fresh one made.
 */
export function replaceCorrupt(path: string, migrations: Migration[], logger: Logger): OpenedDatabase {
  const movedTo = moveAside(path, 'corrupt');
  logger.warn('database corrupt: moved aside and rebuilt', { path, movedTo });
  return { db: openAndMigrate(path, migrations, { check: 'later' }), rebuilt: { reason: 'corrupt', movedTo } };
}

/** SQLite's default: a checkpoint (with its fsyncs) once the WAL holds 1000 pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

/** How many holdCheckpoints of a connection are not released yet. */
const checkpointHolds = new WeakMap<Db, number>();

/**
 * For a burst of small commits (an outbox replay: several per entry), the automatic checkpoint
 * and its fsyncs cost ~3× the commits themselves. Held, the WAL just grows; releaseCheckpoints()
 * checkpoints once and restores the default. synchronous=NORMAL either way: each commit is in
 * the OS's hands at once and survives a crash of the app; only a power cut before the final
 * checkpoint can lose the last commits, as it can between automatic checkpoints.
 */
export function holdCheckpoints(db: Db): void {
  checkpointHolds.set(db, (checkpointHolds.get(db) ?? 0) + 1);
  db.pragma('wal_autocheckpoint = 0');
}

/**
 * Holds are counted: the sync cycle an import kicks holds and releases its own while the next
 * import's slices still write (issue 13: its release turned the import's hold off half-way and
 * checkpointed the import's WAL in the middle of it). The last release checkpoints.
 */
export function releaseCheckpoints(db: Db): void {
  const holds = (checkpointHolds.get(db) ?? 1) - 1;
  if (holds > 0) {
    checkpointHolds.set(db, holds);
    return;
  }
  checkpointHolds.delete(db);
  db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  db.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * VACUUM builds the whole copy in temporary storage: on disk for this one statement, so a large
 * cache.db (1M members) is not copied into memory.
 */
export function vacuum(db: Db): void {
  db.pragma('temp_store = FILE');
  try {
    db.exec('VACUUM');
  } finally {
    db.pragma(`temp_store = ${TEMP_IN_MEMORY}`);
  }
}
