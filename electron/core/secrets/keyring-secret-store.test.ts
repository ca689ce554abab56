import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createKeyringSecretStore } from './keyring-secret-store';

const script = fileURLToPath(new URL('./print-keyring-status.ts', import.meta.url));
const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

describe('keyring secret store', () => {
  it.runIf(hasBus)('keeps, lists and deletes secrets in the Secret Service', async () => {
    const store = createKeyringSecretStore({ service: `Nexus Admin Test ${randomUUID()}` });
    expect(await store.status()).toEqual({ backend: 'Secret Service', persistent: true, warning: null });
    expect(await store.get('outbox:1')).toBeNull();
    await store.set('outbox:1', 'first secret value');
    await store.set('http://x|a@b.test', 'refresh-token-value');
    await store.set('outbox:1', 'second secret value');
    expect(await store.get('outbox:1')).toBe('second secret value');
    expect((await store.list()).sort()).toEqual(['http://x|a@b.test', 'outbox:1']);
    expect(await store.delete('outbox:1')).toBe(true);
    expect(await store.delete('outbox:1')).toBe(false);
    expect(await store.list()).toEqual(['http://x|a@b.test']);
    await store.delete('http://x|a@b.test');
  });

  it('reports a non-persistent fallback with a warning when no Secret Service is on the bus', () => {
    const env = {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/nexus-test-bus',
      NEXUS_KEYRING_SERVICE: `probe-${randomUUID()}`,
    };
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8', timeout: 20_000 });
    expect(result.status, result.stderr).toBe(0);
    const status = JSON.parse(result.stdout.trim());
    expect(['kernel keyring', 'none']).toContain(status.backend);
    expect(status.persistent).toBe(false);
    expect(status.warning).toMatch(/Secret Service|keychain/);
  });
});
