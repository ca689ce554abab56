import { AsyncEntry, findCredentialsAsync, type EntryOptions } from '@napi-rs/keyring';
import type { SecretStoreStatus } from '../../../shared/contract/session';
import type { SecretStore } from './secret-store';
import { ConsoleError } from '../../../shared/contract/errors';

export interface KeyringSecretStoreOptions {
  service?: string;
  platform?: NodeJS.Platform;
}

const PROBE_ACCOUNT = '__nexus_admin_probe__';

function platformBackend(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}

/**
 * The OS keychain through @napi-rs/keyring. On Linux the library silently falls back to the
 * kernel keyring (keyutils) when no Secret Service answers on the session bus; those secrets die
 * with the login session. We detect that by asking for an entry *pinned* to the Secret Service:
 * it throws when `org.freedesktop.secrets` is not reachable (no bus, no daemon, no activation),
 * which is exactly the case the fallback would hide. We then pin every entry to the store we
 * found, so secrets never end up split across two stores.
 */
export function createKeyringSecretStore(options: KeyringSecretStoreOptions = {}): SecretStore {
  const service = options.service ?? 'Nexus Admin';
  const platform = options.platform ?? process.platform;
  let detected: Promise<{ status: SecretStoreStatus; entryOptions: EntryOptions | undefined }> | null = null;

  const detect = () => {
    detected ??= (async () => {
      if (platform !== 'linux') {
        return {
          status: { backend: platformBackend(platform), persistent: true, warning: null },
          entryOptions: undefined,
        };
      }
      const secretService: EntryOptions = { linux: { store: 'secret-service' } };
      try {
        await new AsyncEntry(service, PROBE_ACCOUNT, secretService).getPassword();
        return { status: { backend: 'Secret Service', persistent: true, warning: null }, entryOptions: secretService };
      } catch {
        // No Secret Service: try the kernel keyring the library would fall back to.
      }
      const keyutils: EntryOptions = { linux: { store: 'keyutils' } };
      try {
        await new AsyncEntry(service, PROBE_ACCOUNT, keyutils).getPassword();
        return {
          status: {
            backend: 'kernel keyring',
            persistent: false,
            warning:
              'No Secret Service (such as GNOME Keyring or KWallet) is running, so saved sign-ins and queued passwords are kept only until you log out of this computer.',
          },
          entryOptions: keyutils,
        };
      } catch {
        return {
          status: {
            backend: 'none',
            persistent: false,
            warning:
              'No keychain is available: the console cannot remember your sign-in or keep passwords queued offline.',
          },
          entryOptions: secretService,
        };
      }
    })();
    return detected;
  };

  const entry = async (account: string) => new AsyncEntry(service, account, (await detect()).entryOptions);
  const unavailable = () =>
    new ConsoleError({
      code: 'secret_store_unavailable',
      message: 'The keychain cannot be used right now. Unlock it and try again.',
    });

  return {
    async get(account) {
      try {
        return (await (await entry(account)).getPassword()) ?? null;
      } catch {
        throw unavailable();
      }
    },
    async set(account, secret) {
      try {
        await (await entry(account)).setPassword(secret);
      } catch {
        throw unavailable();
      }
    },
    async delete(account) {
      try {
        return await (await entry(account)).deleteCredential();
      } catch {
        throw unavailable();
      }
    },
    async list() {
      const { status } = await detect();
      if (status.backend === 'kernel keyring' || status.backend === 'none') return [];
      try {
        return (await findCredentialsAsync(service))
          .map((credential) => credential.account)
          .filter((a) => a !== PROBE_ACCOUNT);
      } catch {
        throw unavailable();
      }
    },
    async status() {
      return (await detect()).status;
    },
  };
}
