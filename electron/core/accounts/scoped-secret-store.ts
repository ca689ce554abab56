import type { SecretStore } from '../secrets/secret-store';

/**
 * One account's view of the keychain: every entry it writes is prefixed with its account id, and
 * it lists only its own. So each account's core sweeps only its own leftover temporary passwords
 * and never deletes another account's queued ones.
 */
export function scopedSecretStore(store: SecretStore, scope: string): SecretStore {
  const prefix = `${scope}:`;
  return {
    get: (account) => store.get(prefix + account),
    set: (account, secret) => store.set(prefix + account, secret),
    delete: (account) => store.delete(prefix + account),
    list: async () =>
      (await store.list()).filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length)),
    status: () => store.status(),
    redetect: () => store.redetect(),
  };
}
