import type { Migration } from '../cache/open-database';

/**
 * local.db holds what only this machine knows and the server cannot give back: the outbox, the
 * local audit log, the last account (server, email, org) and the record of each CSV import. It
 * is a separate file from cache.db so that rebuilding the cache never touches the queue.
 */
export const localMigrations: Migration[] = [
  (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        org_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        summary TEXT NOT NULL,
        member_id TEXT,
        email TEXT,
        name TEXT,
        role_id TEXT,
        reason TEXT,
        has_secret INTEGER NOT NULL DEFAULT 0,
        idempotency_key TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        next_attempt_at TEXT,
        last_error_code TEXT,
        last_error_message TEXT,
        result_member_id TEXT,
        snapshot_json TEXT
      );
      CREATE INDEX outbox_state ON outbox (account, state, seq);
      CREATE INDEX outbox_member ON outbox (member_id);
      CREATE TABLE audit (
        id TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        org_id TEXT NOT NULL,
        member_id TEXT,
        outbox_id TEXT,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        summary TEXT NOT NULL,
        actor_email TEXT NOT NULL
      );
      CREATE INDEX audit_member ON audit (member_id, at);
    `);
  },
  // The list marks a row pending by looking up only the members on the page (not the whole open
  // outbox): a create that reached the server is found by the id it got.
  (db) => {
    db.exec('CREATE INDEX IF NOT EXISTS outbox_result_member ON outbox (result_member_id)');
  },
  // How many entries each account has in each state, kept by triggers on every outbox write:
  // counting them took a pass over the open outbox after every change (≈ 7 ms with 10,000
  // queued), and the sync status is read after each one (issue 13: constant per change).
  (db) => {
    db.exec(`
      CREATE TABLE outbox_counts (
        account TEXT NOT NULL,
        state TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (account, state)
      ) WITHOUT ROWID;
      INSERT INTO outbox_counts (account, state, n) SELECT account, state, COUNT(*) FROM outbox GROUP BY account, state;
      CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox BEGIN
        INSERT INTO outbox_counts (account, state, n) VALUES (new.account, new.state, 1)
          ON CONFLICT (account, state) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox BEGIN
        UPDATE outbox_counts SET n = n - 1 WHERE account = old.account AND state = old.state;
      END;
      CREATE TRIGGER outbox_counts_update AFTER UPDATE OF account, state ON outbox
      WHEN old.account IS NOT new.account OR old.state IS NOT new.state BEGIN
        UPDATE outbox_counts SET n = n - 1 WHERE account = old.account AND state = old.state;
        INSERT INTO outbox_counts (account, state, n) VALUES (new.account, new.state, 1)
          ON CONFLICT (account, state) DO UPDATE SET n = n + 1;
      END;
    `);
  },
  // The record of each queued CSV import (file name, format, when, per row what it became or why
  // not), so the Import CSV dialog's results outlive a reload and a restart. Never a password,
  // never the file. `ended_member_id` keeps a sent row's outcome once its done outbox entry is
  // pruned (LocalStore.pruneDone).
  (db) => {
    db.exec(`
      CREATE TABLE import_file (
        id TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        org_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        format TEXT NOT NULL,
        queued_at TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        not_held INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX import_file_account ON import_file (account, org_id, queued_at);
      CREATE TABLE import_row (
        import_id TEXT NOT NULL,
        line INTEGER NOT NULL,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        outbox_id TEXT,
        reason TEXT NOT NULL DEFAULT '',
        ended_member_id TEXT
      );
      CREATE INDEX import_row_import ON import_row (import_id, line);
      CREATE INDEX import_row_outbox ON import_row (outbox_id) WHERE outbox_id IS NOT NULL;
    `);
  },
];

export const salvageTables = ['meta', 'outbox', 'audit', 'import_file', 'import_row'] as const;
