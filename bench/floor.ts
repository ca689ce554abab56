import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ftsQuery } from '../electron/core/cache/members-query';
import { ORG, plainFetch, type BenchRig } from './rig';

type Db = Database.Database;

interface WireMember {
  id: string;
  userId: string;
  email: string;
  name: string;
  roleId: string;
  status: string;
  origin: string;
  mustChangePassword: boolean;
  invitation: unknown;
  createdAt: string;
  updatedAt: string;
  lastSignInAt: string | null;
  version: number;
  work: unknown;
}

/**
 * The physical floor of a full sync: the same pages with plain fetch, JSON.parse, and a bulk
 * insert into a bare table (primary key only, no other index, no validation) in one transaction.
 * Same journal settings as core's cache.db, so the disk costs the same.
 */
export async function floorFullSync(rig: BenchRig, token: string, dir: string): Promise<{ db: Db; count: number }> {
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE bare (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, user_id TEXT, email TEXT, name TEXT, sort_name TEXT, role_id TEXT,
    status TEXT, origin TEXT, must_change_password INTEGER, invitation_json TEXT, created_at TEXT, updated_at TEXT,
    last_sign_in_at TEXT, version INTEGER, work_json TEXT)`);
  const insert = db.prepare('INSERT INTO bare VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  let count = 0;
  let cursor: string | null = null;
  db.exec('BEGIN');
  for (;;) {
    const url = new URL(`${rig.apiUrl}/orgs/${ORG}/members`);
    url.searchParams.set('limit', '1000');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await plainFetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`floor listing answered ${response.status}`);
    const page = JSON.parse(await response.text()) as { items: WireMember[]; nextCursor: string | null };
    for (const m of page.items) {
      insert.run(
        m.id,
        m.userId,
        m.email,
        m.name,
        (m.name.trim() || m.email).toLowerCase(),
        m.roleId,
        m.status,
        m.origin,
        m.mustChangePassword ? 1 : 0,
        m.invitation ? JSON.stringify(m.invitation) : null,
        m.createdAt,
        m.updatedAt,
        m.lastSignInAt,
        m.version,
        JSON.stringify(m.work),
      );
    }
    count += page.items.length;
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  db.exec('COMMIT');
  return { db, count };
}

/**
 * The bench's own search over the floor table: an FTS5 index (same tokenizer as core) and a sort
 * index, made after the timed floor sync. These are the bare statements core's query is compared with.
 */
export function prepareBareSearch(db: Db) {
  db.exec(`
    CREATE INDEX bare_sort ON bare (sort_name, id);
    CREATE VIRTUAL TABLE bare_fts USING fts5 (name, email, content='bare', content_rowid='seq', tokenize='unicode61');
    INSERT INTO bare_fts (bare_fts) VALUES ('rebuild');
    ANALYZE;`);
  const count = db.prepare(
    "SELECT COUNT(*) AS total FROM bare WHERE seq IN (SELECT rowid FROM bare_fts WHERE bare_fts MATCH ?) AND status != 'removed'",
  );
  const page = db.prepare(
    "SELECT * FROM bare WHERE seq IN (SELECT rowid FROM bare_fts WHERE bare_fts MATCH ?) AND status != 'removed' ORDER BY sort_name, id LIMIT 100",
  );
  const countAll = db.prepare("SELECT COUNT(*) AS total FROM bare WHERE status != 'removed'");
  const pageAt = db.prepare("SELECT * FROM bare WHERE status != 'removed' ORDER BY sort_name, id LIMIT 100 OFFSET ?");
  return {
    search(text: string): { total: number; rows: unknown[] } {
      const match = ftsQuery(text);
      if (!match) return { total: (countAll.get() as { total: number }).total, rows: pageAt.all(0) };
      return { total: (count.get(match) as { total: number }).total, rows: page.all(match) };
    },
    pageAt(offset: number): { total: number; rows: unknown[] } {
      return { total: (countAll.get() as { total: number }).total, rows: pageAt.all(offset) };
    },
    /** Names and emails to build realistic queries from. */
    sample(every: number): { name: string; email: string }[] {
      return db.prepare('SELECT name, email FROM bare WHERE seq % ? = 1').all(every) as {
        name: string;
        email: string;
      }[];
    },
  };
}

/** The floor of outbox replay: the same invitations POSTed one after another with plain fetch. */
export async function bareInvites(rig: BenchRig, token: string, emails: string[], roleId: string): Promise<number> {
  let created = 0;
  for (const email of emails) {
    const response = await plainFetch(`${rig.apiUrl}/orgs/${ORG}/invitations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ email, roleId }),
    });
    JSON.parse(await response.text());
    if (response.status === 201) created++;
  }
  return created;
}
