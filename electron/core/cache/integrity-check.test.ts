import Database from 'better-sqlite3';
import { closeSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { CacheStore } from './cache-store';

/**
 * Issue 16 at 1M members: cache.db is opened without PRAGMA quick_check (seconds at that size,
 * a stall before the console answers) and checked after open, in the cache worker; a file the
 * check finds corrupt is moved aside and replaced by an empty one, which a full sync refills.
 */
const ROWS = 40_000;
const ORG = 'org_1';
const lines: string[] = [];
const logger = createLogger((line) => lines.push(line));
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** A cache.db of ROWS members (several MB: the check runs in the worker) and a sync token. */
async function bigCache(): Promise<string> {
  const dir = tempDir();
  dirs.push(dir);
  const cache = new CacheStore(dir, logger, { workerEntry: null });
  cache.db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO members (id, org_id, user_id, email, name, sort_name, role_id, status, origin, must_change_password,
         created_at, updated_at, version, work_json, generation)
       SELECT 'm' || i, ?, 'u' || i, 'user' || i || '@example.test', 'Person ' || i, 'person ' || i, 'role_member',
         'active', 'invitation', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1, '{"tasks":0,"files":0,"notes":0}', 1 FROM n`,
    )
    .run(ROWS, ORG);
  cache.setSyncState(ORG, { syncToken: 'tok', generation: 1 });
  await cache.shutdown();
  return dir;
}

/** Overwrites one leaf page of the members table in the middle: a query reading it, or the check, fails. */
function corruptMembersPage(dir: string): void {
  const path = join(dir, 'cache.db');
  const db = new Database(path);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const leaves = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'members' AND pagetype = 'leaf' ORDER BY pageno")
    .all() as { pageno: number }[];
  db.close();
  const page = leaves[Math.floor(leaves.length / 2)]!.pageno;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

describe('cache.db integrity check after open', () => {
  it('opening a big cache.db answers a query before its integrity check (in the worker) finishes', async () => {
    const dir = await bigCache();
    lines.length = 0;
    const pragma = vi.spyOn(Database.prototype, 'pragma');
    let cache: CacheStore;
    try {
      cache = new CacheStore(dir, logger, { checkWorkerMinBytes: 0 });
      // Not on this thread at open (it read every page: 9.5–13.5 s at 1M members).
      expect(pragma.mock.calls.filter(([source]) => source.includes('check'))).toEqual([]);
    } finally {
      pragma.mockRestore();
    }
    expect(cache.memberCount()).toBe(ROWS);
    expect(cache.syncState(ORG).syncToken).toBe('tok');
    expect(lines.filter((line) => line.includes('integrity check'))).toEqual([]);
    expect(await cache.integrityChecked()).toBe('ok');
    const done = lines.find((line) => line.includes('cache.db integrity check ok'));
    expect(done).toContain('"where":"worker"');
    expect(cache.rebuilt).toBeNull();
    await cache.shutdown();
  }, 60_000);

  it('a corrupt cache.db found by the check after open is moved aside and replaced by an empty one', async () => {
    const dir = await bigCache();
    corruptMembersPage(dir);
    lines.length = 0;
    const cache = new CacheStore(dir, logger, { checkWorkerMinBytes: 0 });
    let rebuilt = 0;
    cache.onRebuilt(() => rebuilt++);
    // Opened and answering: the pages read at open are intact.
    expect(cache.rebuilt).toBeNull();
    expect(cache.syncState(ORG).syncToken).toBe('tok');
    expect(await cache.integrityChecked()).toBe('corrupt');
    expect(rebuilt).toBe(1);
    expect(cache.rebuilt?.reason).toBe('corrupt');
    expect(readdirSync(dir).some((name) => name.startsWith('cache.db.corrupt-'))).toBe(true);
    expect(lines.some((line) => line.includes('cache.db integrity check failed'))).toBe(true);
    // Empty: the next sync has no token, so it does a full listing.
    expect(cache.syncState(ORG).syncToken).toBeNull();
    expect(cache.memberCount()).toBe(0);
    // And writable, through everything prepared on the new connection.
    await cache.writable();
    cache.setSyncState(ORG, { syncToken: 'fresh' });
    expect(cache.syncState(ORG).syncToken).toBe('fresh');
    expect(cache.db.pragma('quick_check', { simple: true })).toBe('ok');
    await cache.shutdown();
  }, 60_000);
});
