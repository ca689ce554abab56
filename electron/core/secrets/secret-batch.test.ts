import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { batchedSecretStore } from './batched-secret-store';
import { createKeyringSecretStore } from './keyring-secret-store';
import { MemorySecrets } from './memory-secrets';
import { SecretBatch } from './secret-batch';
import type { SecretStore } from './secret-store';

const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

/** Memory, counting the writes and deletes core asks of the keychain. */
function countingStore(inner?: SecretStore) {
  const memory = new MemorySecrets();
  const calls = { set: 0, delete: 0 };
  const base: SecretStore = inner ?? {
    get: async (a) => memory.get(a),
    set: async (a, s) => memory.set(a, s),
    delete: async (a) => memory.delete(a),
    list: async () => memory.accounts(),
    status: async () => ({ state: 'memoryOnly', backend: 'memory', persistent: false, warning: null }),
    redetect: async () => ({ state: 'memoryOnly', backend: 'memory', persistent: false, warning: null }),
  };
  const store: SecretStore = {
    ...base,
    set: async (a, s) => {
      calls.set += 1;
      return base.set(a, s);
    },
    delete: async (a) => {
      calls.delete += 1;
      return base.delete(a);
    },
  };
  return { store, calls };
}

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => [`outbox:${i}`, `Temporary-Password-${i}-${randomUUID()}`] as const);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('a secret batch: many secrets, one keychain item', () => {
  it('a burst of changes is one write; an emptied batch deletes its item; a refused write is tried again', async () => {
    const { store, calls } = countingStore();
    const batch = new SecretBatch(store, 'handover');
    await batch.setMany(rows(500));
    await batch.flush();
    expect(calls.set).toBe(1);
    for (let i = 0; i < 100; i++) await batch.delete(`outbox:${i}`);
    await batch.flush();
    expect(calls.set).toBeLessThanOrEqual(3);
    expect(JSON.parse((await store.get('handover'))!)).not.toHaveProperty('outbox:5');
    expect(Object.keys(JSON.parse((await store.get('handover'))!))).toHaveLength(400);
    // Read back by a new reader: the keychain holds what memory held.
    expect(await new SecretBatch(store, 'handover').get('outbox:450')).toBe(await batch.get('outbox:450'));
    await batch.clear();
    await batch.flush();
    expect(await store.get('handover')).toBeNull();

    let refuse = true;
    const flaky: SecretStore = {
      ...store,
      set: async (a, s) => {
        if (refuse) throw new Error('locked');
        return store.set(a, s);
      },
    };
    const retried = new SecretBatch(flaky, 'retried');
    await retried.setMany([['a', 'secret-a']]);
    await expect(retried.flush()).rejects.toThrow('locked');
    refuse = false;
    await retried.flush();
    expect(await store.get('retried')).toBe(JSON.stringify({ a: 'secret-a' }));
  });

  it('the per-entry API over batches: an import is two writes; reads, deletes and lists find its entries', async () => {
    const { store, calls } = countingStore();
    const batched = batchedSecretStore(store);
    await batched.set('outbox:single', 'Single-Entry-Password-1');
    calls.set = 0;
    const entries = rows(10_000);
    const started = performance.now();
    await batched.setMany(entries);
    const elapsed = performance.now() - started;
    expect(calls.set).toBe(2);
    expect(await batched.get('outbox:9999')).toBe(entries[9999]![1]);
    expect(await batched.get('outbox:single')).toBe('Single-Entry-Password-1');
    expect((await batched.list()).length).toBe(10_001);
    expect(await store.list()).toEqual(expect.arrayContaining(['batches', 'outbox:single']));

    // A console started again finds them through the index.
    const again = batchedSecretStore(store);
    expect(await again.get('outbox:1234')).toBe(entries[1234]![1]);
    calls.set = 0;
    calls.delete = 0;
    for (const [account] of entries) await again.delete(account);
    await again.flush();
    // 10,000 deletes, a handful of rewrites, and the emptied batch and index removed.
    expect(calls.set).toBeLessThan(20);
    expect((await store.list()).sort()).toEqual(['outbox:single']);
    expect(await batchedSecretStore(store).get('outbox:1234')).toBeNull();
    console.log(`batched: 10,000 passwords queued in ${elapsed.toFixed(0)} ms with 2 keychain writes`);
  });

  it.runIf(hasBus)('in the Secret Service: one item per batch, read back by a new process-like reader', async () => {
    const keyring = createKeyringSecretStore({ service: `Nexus Admin Batch ${randomUUID().slice(0, 8)}` });
    cleanups.push(async () => {
      for (const account of await keyring.list()) await keyring.delete(account);
    });
    const { store, calls } = countingStore(keyring);
    const entries = rows(2_000);
    await batchedSecretStore(store).setMany(entries);
    expect(calls.set).toBe(2);
    expect((await keyring.list()).filter((a) => a.startsWith('batch:'))).toHaveLength(1);
    const again = batchedSecretStore(keyring);
    expect(await again.get('outbox:1999')).toBe(entries[1999]![1]);
    for (const [account] of entries.slice(0, 1_000)) await again.delete(account);
    await again.flush();
    expect(await batchedSecretStore(keyring).get('outbox:10')).toBeNull();
    expect(await batchedSecretStore(keyring).get('outbox:1500')).toBe(entries[1500]![1]);
  });
});
