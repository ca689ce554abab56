import Database from 'better-sqlite3';
import { closeSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/contract/errors';
import { createCore } from '../create-core';
import { ACME, DEMO, PASSWORD, ROLE, removeDir, startTestSandbox, tempDir, testSecretStore } from './harness';

/**
 * Issue 16 at 1M members: cache.db's integrity check runs after core has started answering
 * (cache/integrity-check.ts). When it finds the file corrupt, the file is moved aside, the
 * outbox's rows show again at once (they live in local.db) and a full sync refills the list.
 */
const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** Overwrites a leaf page of an index nothing reads at start: only the check sees it. */
function corruptIndexPage(path: string): void {
  const db = new Database(path);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const page = (
    db.prepare("SELECT pageno FROM dbstat WHERE name = 'members_org_signin' ORDER BY pageno DESC LIMIT 1").get() as {
      pageno: number;
    }
  ).pageno;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

describe('cache.db found corrupt after start', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  it('is moved aside; the queued invite shows again at once and a full sync refills the list', async () => {
    const sandboxDir = tempDir('nexus-sandbox-');
    const dataDir = tempDir();
    dirs.push(sandboxDir, dataDir);
    const secretStore = testSecretStore();
    let sandbox = await startTestSandbox({ dataDir: sandboxDir });
    const lines: string[] = [];
    const start = async () => {
      const core = await createCore({ dataDir, secretStore, syncIntervalMs: 0, log: (line) => lines.push(line) });
      const call = async <T>(command: string, input?: unknown): Promise<T> => {
        const result = (await core.dispatch(command, input)) as CommandResult<T>;
        if (!result.ok) throw new Error(`${command} failed: ${JSON.stringify(result.error)}`);
        return result.value;
      };
      return { core, call };
    };
    const total = async (call: Awaited<ReturnType<typeof start>>['call'], text?: string) =>
      (await call<{ total: number }>('members.query', { limit: 20, ...(text ? { text } : {}) })).total;

    let { core, call } = await start();
    try {
      await call('session.signIn', { serverUrl: sandbox.url, email: DEMO.owner, password: PASSWORD });
      await call('orgs.select', { orgId: ACME });
      await call('sync.now');
      const listed = await total(call);
      expect(listed).toBeGreaterThan(0);
      // Offline: the invite stays queued in local.db's outbox.
      const port = Number(new URL(sandbox.url).port);
      await sandbox.close();
      await call('members.invite', { email: 'queued.through.rebuild@example.com', roleId: ROLE.member });
      await core.close();
      corruptIndexPage(join(dataDir, 'cache.db'));

      sandbox = await startTestSandbox({ dataDir: sandboxDir, port });
      lines.length = 0;
      ({ core, call } = await start());
      // Core started on the file and answered; the check then found it corrupt.
      await until(() => lines.some((line) => line.includes('database corrupt: moved aside')), 'the rebuild');
      expect(lines.some((line) => line.includes('cache.db integrity check failed'))).toBe(true);
      expect(readdirSync(dataDir).some((name) => name.startsWith('cache.db.corrupt-'))).toBe(true);
      await call('orgs.select', { orgId: ACME });
      // The queued invite shows again at once (its row re-applied from the outbox) ...
      expect(await total(call, 'queued.through.rebuild')).toBe(1);
      expect((await call<{ items: unknown[] }>('outbox.list')).items).toHaveLength(1);
      // ... and a full sync refills the list and sends it.
      await call('sync.now');
      expect(await total(call)).toBe(listed + 1);
      expect((await call<{ items: unknown[] }>('outbox.list')).items).toHaveLength(0);
    } finally {
      await core.close();
      await sandbox.close();
    }
  }, 120_000);
});
