/**
 * Prints which keychain backend core would use, as JSON. A diagnostic for support ("why does the
 * console forget my sign-in?") and what the fallback test runs in a process without a bus.
 * Usage: npx tsx electron/core/secrets/print-keyring-status.ts
 */
import { createKeyringSecretStore } from './keyring-secret-store';

const store = createKeyringSecretStore({ service: process.env.NEXUS_KEYRING_SERVICE ?? 'Nexus Admin' });
process.stdout.write(JSON.stringify(await store.status()) + '\n');
