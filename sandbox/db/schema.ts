import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

/** Bump when the schema changes; each step upgrades from the previous version. */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_sign_in_at TEXT
  );
  CREATE TABLE orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE roles (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    name TEXT NOT NULL,
    builtin INTEGER NOT NULL,
    permissions TEXT NOT NULL,
    position INTEGER NOT NULL
  );
  CREATE INDEX roles_org ON roles(org_id, position);
  -- One row per (org, user) for ever: removal and cancellation keep it, so work survives a re-add.
  CREATE TABLE memberships (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    role_id TEXT NOT NULL REFERENCES roles(id),
    status TEXT NOT NULL CHECK (status IN ('invited', 'active', 'removed')),
    origin TEXT NOT NULL CHECK (origin IN ('invitation', 'admin_created')),
    deleted INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    seq INTEGER NOT NULL,
    work_tasks INTEGER NOT NULL DEFAULT 0,
    work_files INTEGER NOT NULL DEFAULT 0,
    work_notes INTEGER NOT NULL DEFAULT 0,
    UNIQUE (org_id, user_id)
  );
  CREATE INDEX memberships_listing ON memberships(org_id, updated_at, id);
  CREATE INDEX memberships_seq ON memberships(org_id, seq);
  CREATE INDEX memberships_user ON memberships(user_id);
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    membership_id TEXT NOT NULL REFERENCES memberships(id),
    token_hash TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'cancelled')),
    inviter_user_id TEXT NOT NULL,
    was_removed INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT NOT NULL,
    last_sent_at TEXT NOT NULL,
    send_count INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX invitations_membership ON invitations(membership_id, state);
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE password_change_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  CREATE TABLE sign_in_failures (email TEXT NOT NULL, at_ms INTEGER NOT NULL);
  CREATE INDEX sign_in_failures_email ON sign_in_failures(email, at_ms);
  CREATE TABLE idempotency (
    principal TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body BLOB,
    created_at_ms INTEGER NOT NULL,
    PRIMARY KEY (principal, key)
  );
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    accept_url TEXT,
    created_at TEXT NOT NULL
  );
  `,
  // Issue 17: the audit log, written in the same transaction as each change (sandbox/audit/).
  `
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    actor_user_id TEXT NOT NULL,
    actor_email TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    member_id TEXT NOT NULL,
    member_email TEXT NOT NULL,
    member_name TEXT NOT NULL,
    details TEXT NOT NULL,
    client TEXT
  );
  CREATE INDEX audit_org ON audit(org_id, seq);
  CREATE INDEX audit_member ON audit(org_id, member_id, seq);
  CREATE INDEX audit_actor ON audit(org_id, actor_user_id, seq);
  `,
];

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, 'nexus-sandbox.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** The next value of the org-wide change sequence that delta sync is built on. */
export function nextSeq(db: Db): number {
  const current = Number(getMeta(db, 'seq') ?? '0');
  setMeta(db, 'seq', String(current + 1));
  return current + 1;
}

export function currentSeq(db: Db): number {
  return Number(getMeta(db, 'seq') ?? '0');
}
