import type { SecretStoreStatus } from '../../../shared/contract/session';

/**
 * The port through which core keeps secrets: refresh tokens (account `<server URL>|<email>`) and
 * the temporary passwords of queued actions (account `outbox:<outbox id>`). Implemented over the OS
 * keychain by `keyring-secret-store.ts`, which keeps them in memory when no keychain is usable.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Accounts under this service, for cleanup and for tests that look for leftovers. */
  list(): Promise<string[]>;
  status(): Promise<SecretStoreStatus>;
  /** Finds the store again (the admin unlocked the keychain and pressed Retry). */
  redetect(): Promise<SecretStoreStatus>;
}

export const refreshTokenAccount = (serverUrl: string, email: string): string => `${serverUrl}|${email}`;
const OUTBOX_SECRET_PREFIX = 'outbox:';
export const outboxSecretAccount = (outboxId: string): string => `${OUTBOX_SECRET_PREFIX}${outboxId}`;
export const isOutboxSecretAccount = (account: string): boolean => account.startsWith(OUTBOX_SECRET_PREFIX);
