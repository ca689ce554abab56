import { randomUUID } from 'node:crypto';
import { SecretBatch } from './secret-batch';
import type { SecretStore } from './secret-store';

const BATCH_PREFIX = 'batch:';
/** The item naming every batch item: the kernel keyring cannot list, so the batches are found from here. */
const INDEX_ITEM = 'batches';

export interface BatchedSecretStore extends SecretStore {
  /**
   * Keeps many secrets (an import's temporary passwords) in one new keychain item: two writes
   * (the batch and the index) whatever the count. Resolves once both are in the keychain.
   */
  setMany(entries: ReadonlyArray<readonly [string, string]>): Promise<void>;
  /** Waits for the coalesced rewrites of batches (deletes do not wait for them). */
  flush(): Promise<void>;
}

/**
 * The per-entry `SecretStore` API over batches: `get`/`delete` of an account that lives in a
 * batch go to that batch (one coalesced rewrite for a burst of deletes, the item deleted once
 * empty); everything else goes to the store underneath, one item each, as before. So the outbox
 * keeps asking for `outbox:<id>` and does not know whether the import or a single change wrote it.
 */
export function batchedSecretStore(inner: SecretStore): BatchedSecretStore {
  const index = new SecretBatch(inner, INDEX_ITEM);
  const batches = new Map<string, SecretBatch>();
  /** account → the batch holding it. */
  const owner = new Map<string, SecretBatch>();
  let loaded: Promise<void> | null = null;

  const load = () =>
    (loaded ??= (async () => {
      for (const id of await index.keys()) {
        const batch = new SecretBatch(inner, BATCH_PREFIX + id);
        const accounts = await batch.keys();
        // Named but empty: its write never happened (a crash between the two writes of setMany).
        if (accounts.length === 0) {
          await index.delete(id);
          continue;
        }
        batches.set(id, batch);
        for (const account of accounts) owner.set(account, batch);
      }
    })().catch((error: unknown) => {
      loaded = null;
      throw error;
    }));

  async function forget(account: string, batch: SecretBatch): Promise<boolean> {
    owner.delete(account);
    const had = await batch.delete(account);
    if ((await batch.size()) === 0) {
      const id = batch.item.slice(BATCH_PREFIX.length);
      await index.delete(id);
    }
    // Not awaited: a burst of deletes (entries synced one after another) is one rewrite. A
    // rewrite that fails leaves the secret in its batch; the start-up sweep removes it.
    return had;
  }

  return {
    async get(account) {
      await load();
      const batch = owner.get(account);
      return batch ? batch.get(account) : inner.get(account);
    },
    async set(account, secret) {
      await load();
      const batch = owner.get(account);
      // A new value replaces the batched one as its own item (an edit of one entry).
      if (batch) await forget(account, batch);
      await inner.set(account, secret);
    },
    async delete(account) {
      await load();
      const batch = owner.get(account);
      return batch ? forget(account, batch) : inner.delete(account);
    },
    async list() {
      await load();
      const own = (await inner.list()).filter((name) => name !== INDEX_ITEM && !name.startsWith(BATCH_PREFIX));
      return [...new Set([...own, ...owner.keys()])];
    },
    async setMany(entries) {
      if (entries.length === 0) return;
      await load();
      const id = randomUUID();
      const batch = new SecretBatch(inner, BATCH_PREFIX + id);
      batch.startEmpty();
      await batch.setMany(entries);
      batches.set(id, batch);
      for (const [account] of entries) owner.set(account, batch);
      await index.setMany([[id, '1']]);
      // Both items at once (two Secret Service round trips overlap: ≈ 0.1 s less for an import),
      // both awaited before the caller queues anything. A crash between them leaves either a
      // batch no index names (as writing them in turn could) or an index naming an item never
      // written, which reads as an empty batch and is dropped from the index at the next load.
      // A refusal of either rejects; the caller deletes the entries, which empties the batch
      // and takes it out of the index.
      await Promise.all([batch.flush(), index.flush()]);
    },
    async flush() {
      for (const batch of [...batches.values(), index]) await batch.flush();
    },
    status: () => inner.status(),
    redetect: () => inner.redetect(),
  };
}

/** Many secrets at once: one batch where the store batches, else one item each. */
export async function setSecretsTogether(
  store: SecretStore,
  entries: ReadonlyArray<readonly [string, string]>,
): Promise<void> {
  if ('setMany' in store && typeof store.setMany === 'function') {
    await (store as BatchedSecretStore).setMany(entries);
    return;
  }
  for (const [account, secret] of entries) await store.set(account, secret);
}
