import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { ConsoleError } from '../../../shared/contract/errors';
import { detectKeychain, isLockedError, lockedStatus, PROBE_ACCOUNT, type KeychainDetection } from './keychain-probe';
import { MemorySecrets } from './memory-secrets';
import type { SecretStore } from './secret-store';

/** Searches of the keychain tried before a list fails (see `list`: items deleted meanwhile). */
const LIST_ATTEMPTS = 3;
/**
 * Tries of one get, set or delete before it fails (all three are idempotent). A Secret Service
 * under load has refused a single write now and then (a 1,000-action test, once in several full
 * runs, with a keychain of its own that worked before and after): one refusal is not the answer.
 * A locked keychain is: it fails at once.
 */
const ENTRY_ATTEMPTS = 3;
const ENTRY_RETRY_MS = 100;

export interface KeyringSecretStoreOptions {
  service?: string;
  platform?: NodeJS.Platform;
  /** How long one probe may take (a keychain showing its unlock prompt waits for the user). */
  probeTimeoutMs?: number;
}

/**
 * The OS keychain through @napi-rs/keyring, or core's memory when none is usable.
 *
 * On Linux the library silently falls back to the kernel keyring when no Secret Service answers,
 * and that keyring may read fine yet refuse every write. So the store is found by a write/read/
 * delete round trip (`keychain-probe.ts`), every entry is pinned to the store found, and when
 * none works secrets stay in memory (`memoryOnly`): sign-in works, nothing secret touches disk,
 * and the status says so. Detection runs on first use and again on `redetect()` (the admin's
 * Retry after unlocking), not once per process.
 */
export function createKeyringSecretStore(options: KeyringSecretStoreOptions = {}): SecretStore {
  const service = options.service ?? 'Nexus Admin';
  const platform = options.platform ?? process.platform;
  // Kept whatever the detection says, so a secret held while no keychain worked is not lost
  // when a later detection finds one.
  const memory = new MemorySecrets();
  let detected: Promise<KeychainDetection> | null = null;
  /** A search of the keychain's items in progress (`list`); deletions wait for it. */
  let searching: Promise<string[]> | null = null;
  /** Deletions of keychain items in flight: a search starts after them. */
  const deletions = new Set<Promise<unknown>>();

  const detect = () => (detected ??= detectKeychain(service, platform, options.probeTimeoutMs));

  /** The keychain refused an operation: say why, and show Retry when it is locked. */
  const refused = (error: unknown, backend: string) => {
    if (isLockedError(error)) {
      detected = Promise.resolve({ status: lockedStatus(backend), entryOptions: undefined });
      return new ConsoleError({
        code: 'secret_store_unavailable',
        message: `The keychain (${backend}) is locked. Unlock it and try again.`,
      });
    }
    return new ConsoleError({
      code: 'secret_store_unavailable',
      message: `The keychain (${backend}) refused to keep the secret. The details are in the log.`,
    });
  };

  /** Runs `use` on the keychain entry, or returns null when secrets are held in memory. */
  async function withEntry<T>(account: string, use: (entry: AsyncEntry) => Promise<T>): Promise<{ value: T } | null> {
    const { status, entryOptions } = await detect();
    if (status.state === 'memoryOnly') return null;
    if (status.state === 'locked') throw refused(new Error('locked'), status.backend);
    for (let attempt = 1; ; attempt++) {
      try {
        return { value: await use(new AsyncEntry(service, account, entryOptions)) };
      } catch (error) {
        if (attempt >= ENTRY_ATTEMPTS || isLockedError(error)) throw refused(error, status.backend);
        await new Promise((resolve) => setTimeout(resolve, ENTRY_RETRY_MS * attempt));
      }
    }
  }

  return {
    async get(account) {
      if (memory.has(account)) return memory.get(account);
      const found = await withEntry(account, (entry) => entry.getPassword());
      return found ? (found.value ?? null) : null;
    },
    async set(account, secret) {
      const stored = await withEntry(account, (entry) => entry.setPassword(secret));
      if (stored) memory.delete(account);
      else memory.set(account, secret);
    },
    async delete(account) {
      // Not while a search reads the items (see `list`), and a search waits for this one.
      while (searching) await searching.catch(() => undefined);
      const inMemory = memory.delete(account);
      const deleting = withEntry(account, (entry) => entry.deleteCredential());
      deletions.add(deleting);
      try {
        const found = await deleting;
        return inMemory || (found?.value ?? false);
      } finally {
        deletions.delete(deleting);
      }
    },
    async list() {
      const { status } = await detect();
      // Only the Secret Service (and the macOS/Windows keychains) can enumerate entries.
      if (status.state !== 'persistent') return memory.accounts();
      // The search reads every item it found: one of ours deleted in between would fail it
      // whole, so our deletions wait for it (`searching`); one deleted by another program
      // meanwhile is gone when asked again.
      return (searching ??= (async () => {
        try {
          await Promise.allSettled([...deletions]);
          for (let attempt = 1; ; attempt++) {
            try {
              const stored = (await findCredentialsAsync(service))
                .map((credential) => credential.account)
                .filter((account) => account !== PROBE_ACCOUNT);
              return [...new Set([...stored, ...memory.accounts()])];
            } catch (error) {
              if (attempt >= LIST_ATTEMPTS || isLockedError(error)) throw refused(error, status.backend);
            }
          }
        } finally {
          searching = null;
        }
      })());
    },
    async status() {
      return (await detect()).status;
    },
    async redetect() {
      detected = null;
      return (await detect()).status;
    },
  };
}
