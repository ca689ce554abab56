import { randomUUID } from 'node:crypto';
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import type { SecretStoreStatus } from '../../../shared/contract/session';

/** The account of the probe entry; never listed as a secret of ours. */
export const PROBE_ACCOUNT = '__nexus_admin_probe__';

/** What a detection found: the status to show, and how to pin every entry to that store. */
export interface KeychainDetection {
  status: SecretStoreStatus;
  /** Pins entries to the store found (Linux); undefined: the platform's only keychain. */
  entryOptions: EntryOptions | undefined;
}

export const SECRET_SERVICE: EntryOptions = { linux: { store: 'secret-service' } };
export const KERNEL_KEYRING: EntryOptions = { linux: { store: 'keyutils' } };

const INSTALL_HINT = 'install the gnome-keyring package (Debian and Fedora) or KWallet';

function platformBackend(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}

/** Every message in an error and its causes, for classifying what the keychain library said. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(' | ');
}

/**
 * A keychain that answered but would not open: a locked collection (the unlock prompt was
 * dismissed or could not be shown), or one that did not answer in time (a prompt left open).
 */
export function isLockedError(error: unknown): boolean {
  return /\block|unlock|prompt|dismissed|timed out/i.test(errorText(error));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Writes, reads back and deletes a probe entry. Reading alone proves nothing: the kernel keyring
 * of a container (and of many CI machines) reads "nothing there" and then refuses every write.
 */
async function roundTrip(service: string, entryOptions: EntryOptions | undefined): Promise<void> {
  const entry = new AsyncEntry(service, PROBE_ACCOUNT, entryOptions);
  const value = `probe-${randomUUID()}`;
  try {
    await entry.setPassword(value);
    const readBack = await entry.getPassword();
    if (readBack !== value) throw new Error('the keychain gave back another value than the one written');
    if (!(await entry.deleteCredential())) throw new Error('the keychain could not delete the probe entry');
  } catch (error) {
    await entry.deleteCredential().catch(() => false);
    throw error;
  }
}

/** Why the Secret Service could not be used, as the middle of the admin's sentence. */
function secretServiceProblem(error: unknown): { why: string; fix: string } {
  const text = errorText(error);
  if (/DBUS_SESSION_BUS_ADDRESS|autolaunch|Failed to connect to socket|No such file or directory/i.test(text)) {
    return {
      why: 'no keychain is running (there is no D-Bus session for a Secret Service)',
      fix: INSTALL_HINT,
    };
  }
  if (/ServiceUnknown|not provided by any|org\.freedesktop\.secrets/i.test(text)) {
    return { why: 'no keychain (Secret Service) is running', fix: INSTALL_HINT };
  }
  return {
    why: 'the keychain (Secret Service) has no default keyring that accepts new entries',
    fix: 'create or unlock a default keyring (for example with Seahorse, "Passwords and Keys")',
  };
}

export const memoryOnlyStatus = (why: string, fix: string): SecretStoreStatus => ({
  state: 'memoryOnly',
  backend: 'memory',
  persistent: false,
  warning: `Sign-ins are not remembered on this computer because ${why}; ${fix} to keep them.`,
});

export const lockedStatus = (backend: string): SecretStoreStatus => ({
  state: 'locked',
  backend,
  persistent: true,
  warning: `The keychain (${backend}) is locked. Unlock it and try again.`,
});

/**
 * Finds where secrets can be kept, by a real round trip per store: the platform keychain (on
 * Linux the Secret Service), then on Linux the kernel keyring. Tells apart a working persistent
 * keychain, a working one that forgets at logout, a locked one (Retry makes sense) and none.
 */
export async function detectKeychain(
  service: string,
  platform: NodeJS.Platform,
  timeoutMs = 15_000,
): Promise<KeychainDetection> {
  const backend = platformBackend(platform);
  const primary = platform === 'linux' ? SECRET_SERVICE : undefined;
  let primaryFailure: unknown;
  try {
    await withTimeout(roundTrip(service, primary), timeoutMs, `the ${backend}`);
    return { status: { state: 'persistent', backend, persistent: true, warning: null }, entryOptions: primary };
  } catch (error) {
    if (isLockedError(error)) return { status: lockedStatus(backend), entryOptions: primary };
    primaryFailure = error;
  }
  if (platform !== 'linux') {
    return {
      status: memoryOnlyStatus(`the ${backend} refused to store them`, 'check the keychain settings'),
      entryOptions: undefined,
    };
  }
  try {
    await withTimeout(roundTrip(service, KERNEL_KEYRING), timeoutMs, 'the kernel keyring');
    return {
      status: {
        state: 'untilLogout',
        backend: 'kernel keyring',
        persistent: false,
        warning: `Sign-ins and queued passwords are kept only until you log out of this computer because no keychain (Secret Service) is running; ${INSTALL_HINT} to keep them.`,
      },
      entryOptions: KERNEL_KEYRING,
    };
  } catch {
    const { why, fix } = secretServiceProblem(primaryFailure);
    return { status: memoryOnlyStatus(why, fix), entryOptions: undefined };
  }
}
