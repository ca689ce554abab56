import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyringSecretStore } from './keyring-secret-store';

const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

/**
 * Listing the Secret Service reads each item it found; an item deleted in between (a handover
 * marked done, a synced entry's password dropped) made the whole list fail as "the keychain
 * refused", seen in handover.test.ts under load. A list during deletions must give an answer.
 */
describe('keyring secret store, list during deletions', () => {
  it.runIf(hasBus)('lists while other items are being deleted', async () => {
    const store = createKeyringSecretStore({ service: `Nexus Admin Test ${randomUUID()}` });
    const accounts = Array.from({ length: 60 }, (_, i) => `handover:${i}`);
    for (const account of accounts) await store.set(account, `secret value ${account}`);
    await store.set('kept', 'stays');
    const deleting = (async () => {
      for (const account of accounts) await store.delete(account);
    })();
    const lists: string[][] = [];
    let done = false;
    void deleting.finally(() => (done = true));
    while (!done) lists.push(await store.list());
    await deleting;
    lists.push(await store.list());
    expect(lists.length).toBeGreaterThan(1);
    expect(lists.every((list) => list.includes('kept'))).toBe(true);
    expect(lists.at(-1)).toEqual(['kept']);
    await store.delete('kept');
  });
});
