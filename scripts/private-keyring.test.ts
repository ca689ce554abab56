import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const LOGIN = '/org/freedesktop/secrets/collection/login';
const underKeyring = Boolean(process.env.NEXUS_KEYRING_SESSION && process.env.DBUS_SESSION_BUS_ADDRESS);

function loginLocked(busAddress: string): boolean {
  const reply = execFileSync(
    'dbus-send',
    [
      `--bus=${busAddress}`,
      '--print-reply',
      '--dest=org.freedesktop.secrets',
      LOGIN,
      'org.freedesktop.DBus.Properties.Get',
      'string:org.freedesktop.Secret.Collection',
      'string:Locked',
    ],
    { encoding: 'utf8' },
  );
  return /boolean true/.test(reply);
}

/**
 * scripts/private-keyring.ts gives each test file a keychain of its own: what one file does to
 * it (here: lock it) must not reach the keychain with-keyring.sh started for the whole run.
 */
describe('a private keyring per test file', () => {
  it.runIf(underKeyring)('locking this file’s keyring leaves the shared one unlocked', () => {
    const own = process.env.DBUS_SESSION_BUS_ADDRESS!;
    const shared = process.env.NEXUS_SHARED_BUS_ADDRESS;
    expect(shared, 'no private keyring: the setup file did not run').toBeDefined();
    expect(own).not.toBe(shared);
    expect(loginLocked(own)).toBe(false);
    execFileSync('dbus-send', [
      `--bus=${own}`,
      '--print-reply',
      '--dest=org.freedesktop.secrets',
      '/org/freedesktop/secrets',
      'org.freedesktop.Secret.Service.Lock',
      `array:objpath:${LOGIN}`,
    ]);
    expect(loginLocked(own)).toBe(true);
    expect(loginLocked(shared!)).toBe(false);
  });
});
