import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createKeyringSecretStore } from './keyring-secret-store';

const child = fileURLToPath(new URL('./test/keychain-child.ts', import.meta.url));
const withKeyring = fileURLToPath(new URL('../../../scripts/with-keyring.sh', import.meta.url));
const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

function runChild(mode: string, env: NodeJS.ProcessEnv, command: string[] = []) {
  const result = spawnSync(
    command[0] ?? process.execPath,
    [...command.slice(1), ...(command.length ? [process.execPath] : []), '--import', 'tsx', child, mode],
    {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

describe('keyring secret store', () => {
  it.runIf(hasBus)('keeps, lists and deletes secrets in the Secret Service', async () => {
    const store = createKeyringSecretStore({ service: `Nexus Admin Test ${randomUUID()}` });
    expect(await store.status()).toEqual({
      state: 'persistent',
      backend: 'Secret Service',
      persistent: true,
      warning: null,
    });
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

  it('without a D-Bus session: a round trip decides, and secrets still work (kernel keyring or memory)', () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const out = runChild('no-keychain', env);
    // Which one depends on whether this kernel lets the process write its keyring; both are honest.
    expect(['untilLogout', 'memoryOnly']).toContain(out.status.state);
    expect(out.status.persistent).toBe(false);
    if (out.status.state === 'memoryOnly') {
      expect(out.status.warning).toMatch(
        /^Sign-ins are not remembered on this computer because .*D-Bus.*gnome-keyring/,
      );
      expect(out.list).toEqual({ ok: ['outbox:1'] });
    } else {
      expect(out.status.backend).toBe('kernel keyring');
      expect(out.status.warning).toMatch(/until you log out.*gnome-keyring/);
    }
    expect(out.set).toEqual({ ok: null });
    expect(out.get).toEqual({ ok: 'held-secret-value' });
    expect(out.delete).toEqual({ ok: true });
    expect(out.after).toEqual({ ok: null });
  });

  it('a locked keychain says so and offers Retry; Retry after unlocking finds it again', () => {
    // A private keyring of its own: locking the one the other test files share would break them.
    const env = { ...process.env };
    delete env.NEXUS_KEYRING_SESSION;
    const out = runChild('locked', env, [withKeyring]);
    expect(out.before.state).toBe('persistent');
    expect(out.lockedByDbus).toBe(true);
    expect(out.statusBeforeRetry.state).toBe('persistent');
    expect(out.locked).toMatchObject({ state: 'locked', backend: 'Secret Service' });
    expect(out.locked.warning).toMatch(/locked\. Unlock it and try again/);
    expect(out.setWhileLocked.error).toMatch(/locked\. Unlock it and try again/);
    expect(out.afterRetry.state).toBe('persistent');
    expect(out.setAfterRetry).toEqual({ ok: null });
  });
});
