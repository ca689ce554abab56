import Database from 'better-sqlite3';
import type { Db } from '../cache/open-database';
import type { Logger } from '../logger';
import { salvageTables } from './local-schema';

/** Rows of a local.db that had to be moved aside, read back as far as SQLite still can. */
export function salvage(path: string, logger: Logger): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  let old: Db | null = null;
  try {
    old = new Database(path, { readonly: true, fileMustExist: true });
    for (const table of salvageTables) {
      try {
        out[table] = old.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      } catch {
        logger.warn('could not salvage table from old local.db', { table });
      }
    }
  } catch {
    logger.warn('old local.db unreadable; nothing salvaged');
  } finally {
    old?.close();
  }
  return out;
}

/** Puts the salvaged rows into the new local.db, as far as its schema takes them. */
export function restoreSalvaged(db: Db, tables: Record<string, Record<string, unknown>[]>, logger: Logger): void {
  let restored = 0;
  db.transaction(() => {
    for (const [table, rows] of Object.entries(tables)) {
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      for (const row of rows) {
        const keys = Object.keys(row).filter((key) => columns.includes(key));
        try {
          db.prepare(
            `INSERT OR IGNORE INTO ${table} (${keys.join(',')}) VALUES (${keys.map(() => '?').join(',')})`,
          ).run(...keys.map((key) => row[key]));
          restored++;
        } catch {
          // A row the current schema cannot take is dropped; the old file is still beside us.
        }
      }
    }
  })();
  logger.warn('local.db rebuilt; rows salvaged', { restored });
}
