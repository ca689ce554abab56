import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { LocalStore } from '../local-store/local-store';
import { CacheStore } from './cache-store';
import { removeDir, tempDir } from '../test/harness';

const logger = createLogger(() => {});
const outboxRow = (id: string) => ({
  id,
  account: 'http://x|a@b.test',
  org_id: 'org_1',
  kind: 'invite' as const,
  state: 'queued' as const,
  summary: `Invite ${id}@example.com`,
  member_id: null,
  email: `${id}@example.com`,
  name: null,
  role_id: 'role_1',
  reason: null,
  has_secret: 0,
  idempotency_key: id,
  attempts: 0,
  created_at: new Date().toISOString(),
  updated_at: new Date().toISOString(),
  next_attempt_at: null,
  last_error_code: null,
  last_error_message: null,
  result_member_id: null,
  snapshot_json: null,
});

describe('cache rebuild keeps the outbox', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  it('a corrupt cache.db is moved aside and rebuilt; local.db is untouched', () => {
    const dir = tempDir();
    dirs.push(dir);
    const local = new LocalStore(dir, logger);
    local.insertOutbox(outboxRow('a1'));
    local.close();
    new CacheStore(dir, logger).close();
    writeFileSync(join(dir, 'cache.db'), Buffer.alloc(8192, 0x5a));
    const cache = new CacheStore(dir, logger);
    expect(cache.rebuilt?.reason).toBe('corrupt');
    expect(readdirSync(dir).some((name) => name.startsWith('cache.db.corrupt-'))).toBe(true);
    expect(cache.syncState('org_1').syncToken).toBeNull();
    cache.close();
    const reopened = new LocalStore(dir, logger);
    expect(reopened.openOutbox().map((row) => row.id)).toEqual(['a1']);
    reopened.close();
  });

  it('a cache.db from a newer console is moved aside, not downgraded', () => {
    const dir = tempDir();
    dirs.push(dir);
    const cache = new CacheStore(dir, logger);
    cache.setSyncState('org_1', { syncToken: 'tok' });
    cache.db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (99, ?)').run(new Date().toISOString());
    cache.close();
    const again = new CacheStore(dir, logger);
    expect(again.rebuilt?.reason).toBe('newer_schema');
    expect(again.syncState('org_1').syncToken).toBeNull();
    again.close();
  });

  it('a local.db from a newer console is rebuilt with its outbox salvaged', () => {
    const dir = tempDir();
    dirs.push(dir);
    const local = new LocalStore(dir, logger);
    local.insertOutbox(outboxRow('b1'));
    local.insertOutbox(outboxRow('b2'));
    local.db.exec('ALTER TABLE outbox ADD COLUMN future_field TEXT');
    local.db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (42, ?)').run(new Date().toISOString());
    local.close();
    const again = new LocalStore(dir, logger);
    expect(again.openOutbox().map((row) => row.id)).toEqual(['b1', 'b2']);
    again.close();
    expect(readdirSync(dir).some((name) => name.startsWith('local.db.newer-'))).toBe(true);
  });

  it('a truncated local.db salvages what SQLite can still read', () => {
    const dir = tempDir();
    dirs.push(dir);
    const local = new LocalStore(dir, logger);
    local.insertOutbox(outboxRow('c1'));
    local.db.pragma('wal_checkpoint(TRUNCATE)');
    local.close();
    // Break the header's magic string: SQLite refuses the file as "not a database".
    const db = new Database(join(dir, 'local.db'));
    db.close();
    const path = join(dir, 'local.db');
    const bytes = readFileSync(path);
    bytes.write('garbage', 0);
    writeFileSync(path, bytes);
    const again = new LocalStore(dir, logger);
    expect(again.openOutbox()).toEqual([]); // unreadable header: nothing to salvage, but a working store
    again.close();
    expect(existsSync(join(dir, 'local.db'))).toBe(true);
  });
});

describe('a full listing that died half-way', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));
  const indexNames = (cache: CacheStore) =>
    (
      cache.db
        .prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'members'")
        .all() as {
        name: string;
      }[]
    )
      .map((row) => row.name)
      .filter((name) => !name.startsWith('sqlite_autoindex'))
      .sort();

  it('into an empty table drops the secondary indexes and FTS triggers; reopening rebuilds them', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const cache = new CacheStore(dir, logger);
    const before = indexNames(cache);
    expect(before).toContain('members_org_name');
    expect(before).toContain('members_fts_insert');
    cache.bulk.beginFullListing();
    expect(indexNames(cache)).toEqual([]);
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('delete');
    cache.db
      .prepare(
        `INSERT INTO members (id, org_id, user_id, email, name, sort_name, role_id, status, origin, must_change_password,
          created_at, updated_at, version, work_json) VALUES ('m1','org_1','u1','ann@x.test','Ann Lee','ann lee','r','active','invited',0,'t','t',1,'{}')`,
      )
      .run();
    cache.close(); // the process dies before endFullListing
    const again = new CacheStore(dir, logger);
    // Repaired as a cache job after open (issue 16): writes wait for it.
    await again.writable();
    expect(indexNames(again)).toEqual(before);
    expect(again.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const hits = again.db.prepare("SELECT rowid FROM members_fts WHERE members_fts MATCH 'lee*'").all();
    expect(hits).toHaveLength(1);
    again.close();
  });

  it('into a table with rows keeps the secondary indexes (queries during the sync use them)', () => {
    const dir = tempDir();
    dirs.push(dir);
    const cache = new CacheStore(dir, logger);
    cache.db
      .prepare(
        `INSERT INTO members (id, org_id, user_id, email, name, sort_name, role_id, status, origin, must_change_password,
          created_at, updated_at, version, work_json) VALUES ('m1','org_1','u1','ann@x.test','Ann Lee','ann lee','r','active','invited',0,'t','t',1,'{}')`,
      )
      .run();
    cache.bulk.beginFullListing();
    expect(indexNames(cache)).toContain('members_org_role');
    expect(indexNames(cache)).not.toContain('members_fts_insert');
    cache.bulk.endFullListing();
    expect(indexNames(cache)).toContain('members_fts_insert');
    cache.close();
  });
});
