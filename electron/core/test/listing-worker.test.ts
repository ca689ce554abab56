import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../sandbox/test/api-client';
import type { CommandResult } from '../../../shared/contract/errors';
import type { CacheStore } from '../cache/cache-store';
import { createCore } from '../create-core';
import { ACME, DEMO, PASSWORD, removeDir, startTestSandbox, tempDir, testSecretStore } from './harness';

/**
 * Issue 16: a full listing's pages are written by the cache worker while core's main thread
 * fetches the next (cache/listing-writer.ts, listing-writes.ts). The rows are the server's, the
 * sync token is stored with the last page, a change queued meanwhile lands after the pages in
 * flight; a page the worker cannot write fails the listing as a whole (no token: the next sync
 * lists again), never leaving a gap behind a stored token.
 */
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

interface ServerMember {
  id: string;
  email: string;
  version: number;
}

describe('a full listing written by the cache worker', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  const dirs: string[] = [];

  /** The org's members on the server now, by id. */
  async function serverListing(): Promise<ServerMember[]> {
    const api = new ApiClient(sandbox.apiUrl);
    const token = await api.token(DEMO.owner);
    const server: ServerMember[] = [];
    for (let cursor: string | null = null; ;) {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api.request('GET', `/orgs/${ACME}/members?limit=1000${query}`, { token });
      server.push(...(page.body.items as ServerMember[]));
      cursor = page.body.nextCursor as string | null;
      if (!cursor) break;
    }
    return server.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox({ seed: 'large:10000' });
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
    dirs.forEach(removeDir);
  });

  /** A core whose list pages after the first wait until the worker writes them (else a fast machine could list before it is ready). */
  async function startCore() {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const lines: string[] = [];
    let cache: CacheStore | null = null;
    let workerSeen = false;
    const fetchHeld: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      // Only until the worker first writes pages (a listing that failed has none to wait for).
      if (cache && !workerSeen && url.includes('/members?') && url.includes('cursor=')) {
        await until(() => cache!.bulk.writesListingInWorker());
        workerSeen = true;
      }
      return fetch(input, init);
    };
    const core = await createCore({
      dataDir,
      secretStore: testSecretStore(),
      syncIntervalMs: 0,
      requestTimeoutMs: 30_000,
      log: (line) => lines.push(line),
      cacheJobs: { workerMinRows: 1 },
      fetch: fetchHeld,
    });
    const store = (core.session as unknown as { deps: { cache: CacheStore } }).deps.cache;
    cache = store;
    const dispatch = (command: string, input?: unknown) =>
      core.dispatch(command, input) as Promise<CommandResult<unknown>>;
    const call = async <T>(command: string, input?: unknown): Promise<T> => {
      const result = await dispatch(command, input);
      if (!result.ok) throw new Error(`${command} failed: ${JSON.stringify(result.error)}`);
      return result.value as T;
    };
    await call('session.signIn', { serverUrl: sandbox.url, email: DEMO.owner, password: PASSWORD });
    await call('orgs.select', { orgId: ACME });
    const file = () => new Database(join(dataDir, 'cache.db'), { readonly: true, fileMustExist: true });
    return { core, call, dispatch, lines, dataDir, file, cache: store };
  }

  const cachedRows = (db: Database.Database) =>
    db.prepare('SELECT id, version FROM members WHERE org_id = ? AND local = 0 ORDER BY id').all(ACME) as {
      id: string;
      version: number;
    }[];
  const syncToken = (db: Database.Database) =>
    (
      db.prepare('SELECT sync_token FROM sync_state WHERE org_id = ?').get(ACME) as
        { sync_token: string | null } | undefined
    )?.sync_token ?? null;

  it('writes the pages in the worker: every server row, the token, and an invite queued meanwhile', async () => {
    const { core, call, lines, file, cache } = await startCore();
    try {
      let synced = false;
      const sync = call('sync.now').then(() => (synced = true));
      // Queued while the worker writes the listing's pages.
      await until(() => cache.bulk.writesListingInWorker() || synced);
      expect(synced).toBe(false);
      const invite = call<{ memberId: string }>('members.invite', {
        email: 'mid-listing@example.test',
        roleId: 'role_acme_member',
      });
      const { memberId } = await invite;
      await sync;
      // The invite goes in the next cycle (queued during this one's pull).
      await call('sync.now');
      const server = await serverListing();
      const logged = lines.find((line) => line.includes('full listing pages written by the cache worker'));
      expect(logged).toBeDefined();
      expect(Number(/"rows":(\d+)/.exec(logged!)![1])).toBeGreaterThanOrEqual(server.length - 1000);
      const db = file();
      try {
        expect(cachedRows(db)).toEqual(server.map(({ id, version }) => ({ id, version })));
        expect(syncToken(db)).not.toBeNull();
      } finally {
        db.close();
      }
      const shown = await call<{ member: { email: string } }>('members.get', { memberId });
      expect(shown.member.email).toBe('mid-listing@example.test');
      expect(lines.some((line) => line.includes('optimistic apply failed'))).toBe(false);
    } finally {
      await core.close();
    }
  }, 120_000);

  it('a page the worker cannot write fails the listing as a whole; the next sync lists it all', async () => {
    const { core, call, dispatch, lines, dataDir, file } = await startCore();
    try {
      // A row of the last page that SQLite refuses (a trigger made for the test).
      const server = await serverListing();
      const victim = server.at(-1)!;
      const setup = new Database(join(dataDir, 'cache.db'));
      setup.exec(
        `CREATE TRIGGER test_refuse BEFORE INSERT ON members WHEN NEW.email = '${victim.email.replace(/'/g, "''")}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
      );
      setup.close();
      await dispatch('sync.now');
      expect(lines.some((line) => line.includes('the cache worker failed to write the full listing'))).toBe(true);
      let db = file();
      try {
        // No token: the listing is not whole, so the next sync lists again.
        expect(syncToken(db)).toBeNull();
        expect(cachedRows(db).some((row) => row.id === victim.id)).toBe(false);
      } finally {
        db.close();
      }

      const fix = new Database(join(dataDir, 'cache.db'));
      fix.exec('DROP TRIGGER test_refuse');
      fix.close();
      await call('sync.now');
      db = file();
      try {
        expect(cachedRows(db)).toHaveLength(server.length);
        expect(syncToken(db)).not.toBeNull();
      } finally {
        db.close();
      }
    } finally {
      await core.close();
    }
  }, 120_000);
});
