/**
 * Issue 16 (issue-16o): how long opening cache.db holds core's event loop, before (PRAGMA
 * quick_check at open, as open-database.ts did) and after (no check at open; the check in the
 * cache worker). Builds a synthetic cache.db of N members once (real schema, indexes and FTS).
 *   node_modules/.bin/node --import tsx bench/open-time.ts 100000 /tmp/dir
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createLogger } from '../electron/core/logger';
import { CacheStore } from '../electron/core/cache/cache-store';
import { cacheMigrations } from '../electron/core/cache/cache-schema';
import { openDatabase } from '../electron/core/cache/open-database';

const members = Number(process.argv[2] ?? 100_000);
const dir = process.argv[3] ?? `/tmp/open-time-${members}`;
const logger = createLogger(() => {});

async function build(): Promise<void> {
  const cache = new CacheStore(dir, logger, { workerEntry: null });
  cache.bulk.beginFullListing();
  const insert = cache.db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO members (id, org_id, user_id, email, name, sort_name, role_id, status, origin, must_change_password,
       created_at, updated_at, version, work_json, generation)
     SELECT 'm' || i, 'org_1', 'u' || i, 'user' || i || '@example.test', 'Person ' || i || ' Lee', 'person ' || i, 'role_member',
       'active', 'invitation', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1, '{"tasks":0,"files":0,"notes":0}', 1 FROM n`,
  );
  for (let from = 1; from <= members; from += 50_000)
    cache.transaction(() => insert.run(from, Math.min(members, from + 49_999)));
  cache.setSyncState('org_1', { syncToken: 'tok', generation: 1 });
  cache.bulk.endFullListing();
  await cache.shutdown();
}

const ms = (from: number) => Math.round(performance.now() - from);

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'cache.db'))) {
    const started = performance.now();
    await build();
    console.log(`built ${members} members in ${ms(started)} ms`);
  }
  // Before: the old open (quick_check on this thread), which local.db still uses.
  let started = performance.now();
  openDatabase(join(dir, 'cache.db'), cacheMigrations, logger).db.close();
  console.log(`before: open with quick_check at open ${ms(started)} ms (the event loop held throughout)`);
  // The machine's own noise: the longest stall of an idle event loop over 10 s.
  const idle = monitorEventLoopDelay({ resolution: 10 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  idle.disable();
  console.log(`idle: longest event-loop stall over 10 s ${Math.round(idle.max / 1e6)} ms`);
  // After: the constructor, a first query, then the check in the worker; the longest stall meanwhile.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  started = performance.now();
  const cache = new CacheStore(dir, logger);
  const opened = ms(started);
  const count = cache.syncState('org_1').syncToken;
  const answered = ms(started);
  // The check's worker is unref'd (it must not keep core alive): this script waits for it.
  const alive = setInterval(() => undefined, 1000);
  const result = await cache.integrityChecked();
  clearInterval(alive);
  const checked = ms(started);
  delay.disable();
  await cache.shutdown();
  console.log(
    `after: constructor ${opened} ms, first answer at ${answered} ms (${count}), check ${result} at ${checked} ms, ` +
      `longest event-loop stall while it ran ${Math.round(delay.max / 1e6)} ms`,
  );
}

void main();
