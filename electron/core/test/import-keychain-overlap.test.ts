import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HANDOVER_ITEM } from '../handover/handover-store';
import { batchedSecretStore } from '../secrets/batched-secret-store';
import { MemorySecrets } from '../secrets/memory-secrets';
import type { SecretStore } from '../secrets/secret-store';
import { ROLE, removeDir, signIn, startCore, startTestSandbox, tempDir, type TestCore } from './harness';

/**
 * An import's keychain writes overlap what does not depend on them (issue 13, fifth pass), and
 * nothing is written out of order: the batch item and the index naming it are written together
 * (both awaited before any entry is queued), and the handover hold's item is written while the
 * optimistic rows go into cache.db — started only once the entries are committed in local.db.
 */

/** Memory secrets whose writes of chosen items wait for the test to let them through. */
function gatedStore() {
  const memory = new MemorySecrets();
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  const gated = new Set<string>();
  const onStart: ((account: string) => void)[] = [];
  const store: SecretStore = {
    get: async (account) => memory.get(account),
    set: async (account, secret) => {
      started.push(account);
      for (const listener of onStart) listener(account);
      const kind = account.startsWith('batch:') ? 'batch:' : account;
      if (gated.has(kind)) await new Promise<void>((resolve) => gates.set(account, resolve));
      memory.set(account, secret);
    },
    delete: async (account) => memory.delete(account),
    list: async () => memory.accounts(),
    status: async () => ({ state: 'memoryOnly', backend: 'memory', persistent: false, warning: 'memory only' }),
    redetect: async () => ({ state: 'memoryOnly', backend: 'memory', persistent: false, warning: 'memory only' }),
  };
  const release = (account: string) => {
    gates.get(account)?.();
    gates.delete(account);
  };
  return { store, memory, started, gated, gates, release, onStart };
}

describe('batched secrets: one import batch', () => {
  it('writes the batch item and the index naming it at the same time, and resolves once both are in', async () => {
    const inner = gatedStore();
    inner.gated.add('batch:');
    const store = batchedSecretStore(inner.store);
    let resolved = false;
    const writing = store
      .setMany([
        ['outbox:a', 'Pw-One-Walnut-Anchor'],
        ['outbox:b', 'Pw-Two-Walnut-Anchor'],
      ])
      .then(() => {
        resolved = true;
      });
    // The batch item's write is held: the index write has started beside it (not after it).
    await vi.waitFor(() => expect(inner.started).toContain('batches'), { timeout: 2000 });
    const batchItem = inner.started.find((account) => account.startsWith('batch:'))!;
    expect(inner.gates.has(batchItem)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resolved).toBe(false);
    inner.release(batchItem);
    await writing;
    expect(await store.get('outbox:a')).toBe('Pw-One-Walnut-Anchor');
    expect(JSON.parse(inner.memory.get('batches')!)).toEqual({ [batchItem.slice('batch:'.length)]: '1' });
  });

  it('drops an index entry whose batch was never written (a crash between the two writes)', async () => {
    const inner = gatedStore();
    inner.memory.set('batch:kept', JSON.stringify({ 'outbox:k': 'Pw-Kept-Walnut-Anchor' }));
    inner.memory.set('batches', JSON.stringify({ ghost: '1', kept: '1' }));
    const store = batchedSecretStore(inner.store);
    expect(await store.list()).toEqual(['outbox:k']);
    await store.flush();
    expect(JSON.parse(inner.memory.get('batches')!)).toEqual({ kept: '1' });
  });
});

describe('import.queue: the handover hold written while the optimistic rows go in', () => {
  const sandboxDir = tempDir('nexus-sandbox-');
  const dataDir = tempDir();
  const keychain = gatedStore();
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let core: TestCore;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ dataDir: sandboxDir });
    core = await startCore({ dataDir, secretStore: keychain.store });
    await signIn(core, sandbox.url);
    await sandbox.close();
    expect((await core.call('sync.now')).state).toBe('offline');
  });
  afterAll(async () => {
    for (const account of [...keychain.gates.keys()]) keychain.release(account);
    await core?.close();
    removeDir(dataDir);
    removeDir(sandboxDir);
  });

  it('starts the hold once every entry is committed, before the import is done; answers after it', async () => {
    // Enough rows for the optimistic rows to take more than one slice (optimistic-bulk.ts).
    const count = 3000;
    const rows = Array.from({ length: count }, (_, index) => ({
      line: index + 2,
      action: index < 2 ? ('create' as const) : ('invite' as const),
      email: `overlap.${index}@example.com`,
      name: `Overlap ${index}`,
      roleId: ROLE.member,
      ...(index === 0 ? { password: 'Overlap-Hold-Walnut-Harbour-58' } : {}),
    }));
    const phases: string[] = [];
    const stop = core.onEvent((event, payload) => {
      if (event === 'import.progress') phases.push((payload as { phase: string }).phase);
    });
    const local = new Database(join(dataDir, 'local.db'), { readonly: true });
    const atHold: { done: boolean; committed: number }[] = [];
    keychain.onStart.push((account) => {
      if (account !== HANDOVER_ITEM) return;
      atHold.push({
        done: phases.includes('done'),
        committed: (
          local.prepare("SELECT COUNT(*) AS n FROM outbox WHERE email LIKE 'overlap.%'").get() as {
            n: number;
          }
        ).n,
      });
    });
    keychain.gated.add(HANDOVER_ITEM);
    let answered = false;
    const queued = core.call('import.queue', { rows }).then((value) => {
      answered = true;
      return value;
    });
    await vi.waitFor(() => expect(keychain.gates.has(HANDOVER_ITEM)).toBe(true), { timeout: 30_000 });
    // Held only once queued: all entries committed when its write starts (a crash before it
    // leaves them queued, not held, as before) — and the import had not finished its rows yet.
    expect(atHold).toEqual([{ done: false, committed: count }]);
    // The answer still waits for the hold (it says whether the passwords are held).
    await vi.waitFor(() => expect(phases).toContain('done'), { timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    keychain.release(HANDOVER_ITEM);
    const result = await queued;
    expect(result.entries).toHaveLength(count);
    expect(result.notHeld).toBeUndefined();
    expect((await core.call('handover.list')).items).toHaveLength(2);
    stop();
    local.close();
  });
});
