import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/contract/errors';
import { createCore } from '../create-core';
import { ACME, DEMO, PASSWORD, removeDir, startTestSandbox, tempDir, testSecretStore } from './harness';

/**
 * Issue 16, through core: a first full sync hands its index work to the cache worker; while it
 * builds, the list answers and an invite waits for it (no busy-wait, no lost optimistic row).
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('a full sync with the cache worker', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  it('answers queries while the worker builds, and an invite queued meanwhile shows after it', async () => {
    const sandbox = await startTestSandbox({ seed: 'large:10000' });
    const dataDir = tempDir();
    dirs.push(dataDir);
    const lines: string[] = [];
    const core = await createCore({
      dataDir,
      secretStore: testSecretStore(),
      syncIntervalMs: 0,
      requestTimeoutMs: 30_000,
      log: (line) => lines.push(line),
      cacheJobs: { workerMinRows: 1 },
    });
    const call = async <T>(command: string, input?: unknown): Promise<T> => {
      const result = (await core.dispatch(command, input)) as CommandResult<T>;
      if (!result.ok) throw new Error(`${command} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    };
    try {
      await call('session.signIn', { serverUrl: sandbox.url, email: DEMO.owner, password: PASSWORD });
      await call('orgs.select', { orgId: ACME });
      const probe = new Database(join(dataDir, 'cache.db'), { timeout: 0 });
      /** Whether the worker holds cache.db's write lock now. */
      const workerWrites = () => {
        try {
          probe.exec('BEGIN IMMEDIATE');
          probe.exec('ROLLBACK');
          return false;
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
          throw error;
        }
      };
      let synced = false;
      const sync = call('sync.now').then(() => (synced = true));
      while (!synced && !workerWrites()) await nextTurn();
      expect(synced).toBe(false);
      const page = await call<{ total: number }>('members.query', { limit: 20 });
      expect(page.total).toBeGreaterThan(10_000);
      let invited = false;
      const invite = call<{ memberId: string }>('members.invite', {
        email: 'while-indexing@example.test',
        roleId: 'role_acme_member',
      }).then((value) => {
        invited = true;
        return value;
      });
      // The invite waits for the worker's job (the sync awaits it too).
      await nextTurn();
      expect(invited).toBe(false);
      const { memberId } = await invite;
      await sync;
      probe.close();
      const shown = await call<{ member: { email: string } }>('members.get', { memberId });
      expect(shown.member.email).toBe('while-indexing@example.test');
      expect(lines.some((line) => line.includes('"where":"worker"'))).toBe(true);
      expect(lines.some((line) => line.includes('optimistic apply failed'))).toBe(false);
    } finally {
      await core.close();
      await sandbox.close();
    }
    // A 10,000-member sandbox seeded, listed and indexed: slow on a shared machine.
  }, 120_000);
});
