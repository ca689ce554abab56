import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { memberFixture } from '../test/member-fixture';
import { cacheMigrations } from './cache-schema';
import { CacheStore } from './cache-store';
import { openDatabase, type Db } from './open-database';

const logger = createLogger(() => {});
const at = '2030-01-01T00:00:00.000Z';
const KEPT = ['members_org_email', 'members_org_name', 'members_org_role', 'members_org_signin'];

const indexes = (db: Db) =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT NULL")
    .pluck()
    .all()
    .sort();

/** A cache.db as a console before issue 13's migration 3 left it (six secondary indexes), with a row. */
function oldFile(dir: string, leave?: (db: Db) => void): void {
  const { db } = openDatabase(join(dir, 'cache.db'), cacheMigrations.slice(0, 2), logger);
  db.prepare(
    `INSERT INTO members (id, org_id, user_id, email, name, sort_name, role_id, status, origin, must_change_password,
         created_at, updated_at, version, work_json) VALUES ('mem_1', 'org', 'usr_1', 'ana@acme.test', 'Ana', 'ana',
         'role_member', 'active', 'invitation', 0, ?, ?, 1, '{"tasks":0,"files":0,"notes":0}')`,
  ).run(at, at);
  expect(indexes(db)).toContain('members_org_updated');
  leave?.(db);
  db.close();
}

describe('cache.db migration 3: two secondary indexes dropped (issue 13)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeDir));

  it('an existing file loses members_org_status and members_org_updated and keeps its rows and the other four', async () => {
    const dir = tempDir();
    dirs.push(dir);
    oldFile(dir);
    const cache = new CacheStore(dir, logger);
    await cache.writable();
    expect(indexes(cache.db)).toEqual(KEPT);
    expect(cache.findByEmail('org', 'ana@acme.test')?.member.name).toBe('Ana');
    cache.upsertMember('org', memberFixture({ id: 'mem_2', userId: 'usr_2', email: 'bo@acme.test', name: 'Bo', at }));
    expect(
      cache.queryMembers(
        'org',
        {
          text: 'bo',
          badges: [],
          roleIds: [],
          includeRemoved: false,
          sort: { field: 'updatedAt', direction: 'desc' },
          offset: 0,
          limit: 10,
        },
        new Date(at),
      ).total,
    ).toBe(1);
    await cache.shutdown();
  });

  it('a file whose first listing died with its indexes dropped gets back exactly the four', async () => {
    const dir = tempDir();
    dirs.push(dir);
    oldFile(dir, (db) => {
      // What deferSecondaryIndexes left before the crash: the flag and no secondary index.
      db.exec("INSERT INTO cache_flags (name, value) VALUES ('indexes_deferred', 1)");
      for (const name of indexes(db)) db.exec(`DROP INDEX ${name as string}`);
    });
    const cache = new CacheStore(dir, logger);
    await cache.writable();
    expect(indexes(cache.db)).toEqual(KEPT);
    expect(cache.db.prepare('SELECT name FROM cache_flags').pluck().all()).toEqual([]);
    await cache.shutdown();
  });
});
