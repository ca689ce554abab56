import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { memberFixture } from '../test/member-fixture';
import { CacheStore } from './cache-store';
import type { Db } from './open-database';

/**
 * The cache worker (issue 16): the long statements at the end of a full listing (six CREATE
 * INDEX, the stale rows' DELETE, the FTS rebuild) run on the worker's own connection while the
 * main thread keeps answering; main-thread writes wait for the job; a job that dies half-way is
 * repaired on the next open. Big enough tables that each statement takes a while.
 */
const ROWS = 40_000;
const STALE = 500;
const ORG = 'org_1';
const lines: string[] = [];
const logger = createLogger((line) => lines.push(line));
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A full listing's rows written (generation 1), `STALE` rows of generation 0 left over, the last rows' mark. */
function listedCache(options: ConstructorParameters<typeof CacheStore>[2] = { workerMinRows: 1 }): {
  cache: CacheStore;
  dir: string;
} {
  const dir = tempDir();
  dirs.push(dir);
  const cache = new CacheStore(dir, logger, options);
  cache.bulk.beginFullListing();
  const insert = (from: number, to: number, generation: number) =>
    cache.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO members (id, org_id, user_id, email, name, sort_name, role_id, status, origin, must_change_password,
           created_at, updated_at, version, work_json, generation)
         SELECT 'm' || i, ?, 'u' || i, 'user' || i || '@example.test', 'Person ' || i, 'person ' || i, 'role_member',
           'active', 'invitation', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1, '{"tasks":0,"files":0,"notes":0}', ? FROM n`,
      )
      .run(from, to, ORG, generation);
  insert(1, STALE, 0);
  insert(STALE + 1, ROWS, 1);
  cache.transaction(() => {
    cache.setSyncState(ORG, { syncToken: 'tok', generation: 1 });
    cache.bulk.markStale(ORG, 1);
  });
  return { cache, dir };
}

/** Whether another connection holds cache.db's write lock now (asked without waiting). */
function writeLockedElsewhere(db: Db): boolean {
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.pragma('busy_timeout = 5000');
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turns = 0; !condition(); turns++) {
    if (turns > 200_000) throw new Error(`never: ${what}`);
    await nextTurn();
  }
}

const indexes = (db: Db) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'members'").all() as {
      name: string;
    }[]
  )
    .map((row) => row.name)
    .filter((name) => !name.startsWith('sqlite_autoindex'))
    .sort();

const EXPECTED = [
  'members_fts_delete',
  'members_fts_insert',
  'members_fts_update',
  'members_org_email',
  'members_org_name',
  'members_org_role',
  'members_org_signin',
];

const ftsHits = (db: Db, term: string) =>
  (db.prepare('SELECT COUNT(*) AS n FROM members_fts WHERE members_fts MATCH ?').get(term) as { n: number }).n;
const flags = (db: Db) => (db.prepare('SELECT name FROM cache_flags').all() as { name: string }[]).map((r) => r.name);

const query = {
  text: '',
  badges: ['Active'],
  roleIds: [],
  includeRemoved: false,
  sort: { field: 'email' as const, direction: 'asc' as const },
  offset: 0,
  limit: 20,
};

describe('the cache worker', () => {
  it('builds the indexes while the main thread answers queries from its own connection', async () => {
    const { cache } = listedCache();
    let finished = false;
    const job = cache.bulk.finishFullListing().then(() => (finished = true));
    let answeredWhileWorkerWrote = 0;
    while (!finished) {
      const locked = writeLockedElsewhere(cache.db);
      const page = cache.queryMembers(ORG, query, new Date());
      // Rows stay readable all along (the stale ones until the DELETE commits).
      expect([ROWS, ROWS - STALE]).toContain(page.total);
      expect(page.rows).toHaveLength(20);
      if (locked) answeredWhileWorkerWrote++;
      await nextTurn();
    }
    await job;
    expect(answeredWhileWorkerWrote).toBeGreaterThan(0);
    expect(indexes(cache.db)).toEqual(EXPECTED);
    expect(flags(cache.db)).toEqual([]);
    expect(ftsHits(cache.db, 'person')).toBe(ROWS - STALE);
    expect(cache.queryMembers(ORG, query, new Date()).total).toBe(ROWS - STALE);
    expect(lines.some((line) => line.includes('cache worker failed'))).toBe(false);
    await cache.shutdown();
  });

  it('a write queued during the job waits for it and lands after it; a write that does not wait is refused, not stalled', async () => {
    const { cache } = listedCache();
    const job = cache.bulk.finishFullListing();
    await until(() => writeLockedElsewhere(cache.db), 'the worker holds the write lock');
    const late = memberFixture({
      id: 'late',
      userId: 'u-late',
      email: 'late@x.test',
      name: 'Zed Late',
      at: '2026-01-01T00:00:00Z',
    });
    expect(() => cache.upsertMember(ORG, late)).toThrow(/cache worker/);
    let seenByWrite: { flags: string[]; indexes: string[] } | null = null;
    const write = cache.writable().then(() => {
      seenByWrite = { flags: flags(cache.db), indexes: indexes(cache.db) };
      cache.upsertMember(ORG, late);
    });
    await Promise.all([job, write]);
    // When the write ran, the job had committed all of its work...
    expect(seenByWrite).toEqual({ flags: [], indexes: EXPECTED });
    // ...and the row is in the FTS index through the triggers the job put back.
    expect(ftsHits(cache.db, 'zed')).toBe(1);
    await cache.shutdown();
  });

  it("runs a first listing's job before the file goes back to WAL (faster builds), a big table's after", async () => {
    const journalDuringJob = async (cache: CacheStore) => {
      const job = cache.bulk.finishFullListing();
      await until(() => writeLockedElsewhere(cache.db), 'the worker holds the write lock');
      const during = cache.db.pragma('journal_mode', { simple: true });
      await job;
      return { during, after: cache.db.pragma('journal_mode', { simple: true }) };
    };
    const small = listedCache();
    expect(await journalDuringJob(small.cache)).toEqual({ during: 'delete', after: 'wal' });
    expect(indexes(small.cache.db)).toEqual(EXPECTED);
    expect(ftsHits(small.cache.db, 'person')).toBe(ROWS - STALE);
    await small.cache.shutdown();
    const big = listedCache({ workerMinRows: 1, bulkJournalJobMaxRows: ROWS - 1 });
    expect(await journalDuringJob(big.cache)).toEqual({ during: 'wal', after: 'wal' });
    expect(indexes(big.cache.db)).toEqual(EXPECTED);
    await big.cache.shutdown();
  });

  it('a job that dies half-way in the worker is finished when cache.db is opened again', async () => {
    const { cache, dir } = listedCache();
    void cache.bulk.finishFullListing().catch(() => undefined);
    // Past the stale rows' step, in the middle of the index builds.
    await until(() => indexes(cache.db).includes('members_org_name'), 'the first index committed');
    expect(flags(cache.db)).toContain('indexes_deferred');
    await cache.shutdown(); // the worker is ended mid-job, as a crash would
    lines.length = 0;
    const again = new CacheStore(dir, logger, { workerMinRows: 1 });
    // The repair is a job (issue 16, at 1M members: not a stall at open): the console answers
    // from the file meanwhile, and writes wait for it.
    expect(indexes(again.db)).not.toEqual(EXPECTED);
    expect(again.db.prepare("SELECT COUNT(*) AS n FROM members WHERE org_id = 'org_1'").get()).toEqual({
      n: ROWS - STALE,
    });
    await again.writable();
    expect(lines.some((line) => line.includes('cache index work done') && line.includes('worker'))).toBe(true);
    expect(indexes(again.db)).toEqual(EXPECTED);
    expect(flags(again.db)).toEqual([]);
    expect(ftsHits(again.db, 'person')).toBe(ROWS - STALE);
    expect((again.db.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n).toBe(ROWS - STALE);
    again.close();
  });

  it("an import's FTS job waits for a running sync cycle (a write session) to end before it starts", async () => {
    const { cache } = listedCache();
    await cache.bulk.finishFullListing();
    let endCycle!: () => void;
    const cycleEnded = new Promise<void>((resolve) => (endCycle = resolve));
    const cycle = cache.writeSession(() => cycleEnded);
    cache.bulk.deferFts();
    let rebuilt = false;
    const job = cache.bulk.finishDeferred({ afterWriteSessions: true }).then(() => (rebuilt = true));
    // The cycle may still write: no job has started, nothing holds the lock.
    for (let turn = 0; turn < 50; turn++) await nextTurn();
    expect(rebuilt).toBe(false);
    expect(writeLockedElsewhere(cache.db)).toBe(false);
    expect(flags(cache.db)).toEqual(['fts_deferred']);
    cache.transaction(() => cache.setSyncState(ORG, { syncToken: 'written-by-the-cycle' }));
    endCycle();
    await Promise.all([cycle, job]);
    expect(flags(cache.db)).toEqual([]);
    expect(ftsHits(cache.db, 'person')).toBe(ROWS - STALE);
    await cache.shutdown();
  });

  it('without a worker script the main thread does the work in steps, and says so in the log', async () => {
    const missing = { url: new URL('file:///nonexistent/cache-worker.js'), execArgv: [] };
    const { cache } = listedCache({ workerMinRows: 1, workerEntry: missing });
    await cache.bulk.finishFullListing();
    expect(indexes(cache.db)).toEqual(EXPECTED);
    expect(flags(cache.db)).toEqual([]);
    expect(ftsHits(cache.db, 'person')).toBe(ROWS - STALE);
    expect(lines.some((line) => line.includes('cache worker failed'))).toBe(true);
    await cache.shutdown();
  });
});
