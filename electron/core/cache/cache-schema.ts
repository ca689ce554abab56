import type { Migration } from './open-database';

/**
 * cache.db holds only what the server can give back: orgs, roles, members, sync tokens.
 * Local rows (`local:<outboxId>`) are re-derived from the outbox after a rebuild.
 */
/** Keep members_fts in step with members, row by row. */
export const FTS_TRIGGERS = `
  CREATE TRIGGER IF NOT EXISTS members_fts_insert AFTER INSERT ON members BEGIN
    INSERT INTO members_fts (rowid, name, email) VALUES (new.seq, new.name, new.email);
  END;
  CREATE TRIGGER IF NOT EXISTS members_fts_delete AFTER DELETE ON members BEGIN
    INSERT INTO members_fts (members_fts, rowid, name, email) VALUES ('delete', old.seq, old.name, old.email);
  END;
  CREATE TRIGGER IF NOT EXISTS members_fts_update AFTER UPDATE OF name, email ON members BEGIN
    INSERT INTO members_fts (members_fts, rowid, name, email) VALUES ('delete', old.seq, old.name, old.email);
    INSERT INTO members_fts (rowid, name, email) VALUES (new.seq, new.name, new.email);
  END;`;

/**
 * The members table's secondary indexes (four since migration 3). A first full listing into an
 * empty table drops them and creates each once at the end (CacheStore.bulk: beginFullListing /
 * finishFullListing): keeping the B-trees current row by row cost more than the rest of the write.
 * Same definitions as migration 1. What each is for:
 * - members_org_name: name order — the member index's build and merge read the org in it, and
 *   SQL pages in name order while the index is not built;
 * - members_org_email: an import's lookup by email (`membersByEmails`), `findByEmail`, pages
 *   sorted by email (always SQL);
 * - members_org_role: `countActiveWithRoles` (the last-owner check before a role change or a
 *   removal) and role-filtered counts by SQL;
 * - members_org_signin: pages sorted by last sign-in (always SQL).
 */
export const MEMBER_INDEXES = `
  CREATE INDEX IF NOT EXISTS members_org_name ON members (org_id, sort_name, id);
  CREATE INDEX IF NOT EXISTS members_org_email ON members (org_id, email, id);
  CREATE INDEX IF NOT EXISTS members_org_role ON members (org_id, role_id, sort_name);
  CREATE INDEX IF NOT EXISTS members_org_signin ON members (org_id, last_sign_in_at, id);`;

export const DROP_MEMBER_INDEXES = `
  DROP INDEX IF EXISTS members_org_name;
  DROP INDEX IF EXISTS members_org_email;
  DROP INDEX IF EXISTS members_org_role;
  DROP INDEX IF EXISTS members_org_signin;`;

export const cacheMigrations: Migration[] = [
  (db) => {
    db.exec(`
      CREATE TABLE orgs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role_name TEXT NOT NULL,
        permissions_json TEXT NOT NULL,
        position INTEGER NOT NULL
      );
      CREATE TABLE roles (
        org_id TEXT NOT NULL,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        builtin INTEGER NOT NULL,
        permissions_json TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (org_id, id)
      );
      CREATE TABLE members (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        org_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        sort_name TEXT NOT NULL,
        role_id TEXT NOT NULL,
        status TEXT NOT NULL,
        origin TEXT NOT NULL,
        must_change_password INTEGER NOT NULL,
        invitation_json TEXT,
        invitation_expires_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_sign_in_at TEXT,
        version INTEGER NOT NULL,
        work_json TEXT NOT NULL,
        local INTEGER NOT NULL DEFAULT 0,
        generation INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX members_org_name ON members (org_id, sort_name, id);
      CREATE INDEX members_org_email ON members (org_id, email, id);
      CREATE INDEX members_org_status ON members (org_id, status, sort_name);
      CREATE INDEX members_org_role ON members (org_id, role_id, sort_name);
      CREATE INDEX members_org_updated ON members (org_id, updated_at, id);
      CREATE INDEX members_org_signin ON members (org_id, last_sign_in_at, id);
      CREATE VIRTUAL TABLE members_fts USING fts5 (name, email, content='members', content_rowid='seq', tokenize='unicode61');
      CREATE TRIGGER members_fts_insert AFTER INSERT ON members BEGIN
        INSERT INTO members_fts (rowid, name, email) VALUES (new.seq, new.name, new.email);
      END;
      CREATE TRIGGER members_fts_delete AFTER DELETE ON members BEGIN
        INSERT INTO members_fts (members_fts, rowid, name, email) VALUES ('delete', old.seq, old.name, old.email);
      END;
      CREATE TRIGGER members_fts_update AFTER UPDATE OF name, email ON members BEGIN
        INSERT INTO members_fts (members_fts, rowid, name, email) VALUES ('delete', old.seq, old.name, old.email);
        INSERT INTO members_fts (rowid, name, email) VALUES (new.seq, new.name, new.email);
      END;
      CREATE TABLE sync_state (
        org_id TEXT PRIMARY KEY,
        sync_token TEXT,
        last_synced_at TEXT,
        generation INTEGER NOT NULL DEFAULT 0
      );
    `);
  },
  // A full listing of a big org writes every row; indexing each in FTS5 as it lands (a trigger
  // program per row) cost more than the rest of the sync at 100k rows. While 'fts_deferred' is
  // set the triggers are dropped, and the sync rebuilds the index in one pass at the end
  // (CacheStore.bulk.deferFts / resumeFts; a crash in between is repaired when the file is opened).
  (db) => {
    db.exec(`
      CREATE TABLE cache_flags (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      DROP TRIGGER members_fts_insert;
      DROP TRIGGER members_fts_delete;
      DROP TRIGGER members_fts_update;
      ${FTS_TRIGGERS}
    `);
  },
  // Issue 13: two secondary indexes no query needs since the member index answers the list's
  // views (issue 16s), dropped for their write cost (every import row, every synced row, and a
  // CREATE INDEX each at the end of a first listing). members_org_status (org, status, name):
  // the status sort's key is a CASE over several columns and the clock, which it never served;
  // it sped up badge-filtered SQL counts, now a fallback while the member index builds.
  // members_org_updated (org, updated_at, id): the updatedAt sort, which the console does not
  // offer (no column header); such a query still works, sorted by SQLite.
  (db) => {
    db.exec('DROP INDEX IF EXISTS members_org_status; DROP INDEX IF EXISTS members_org_updated;');
  },
];
