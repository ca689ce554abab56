/**
 * Run by keyring-secret-store.test.ts in a process of its own, because what it tests is the
 * process's environment (no D-Bus session; a private keyring it may lock and replace).
 * Usage: node --import tsx keychain-child.ts <no-keychain|locked>   → one JSON object on stdout.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createKeyringSecretStore } from '../keyring-secret-store';

const mode = process.argv[2];
const store = createKeyringSecretStore({ service: `Nexus Admin Test ${randomUUID().slice(0, 8)}` });
const out: Record<string, unknown> = {};

/** dbus-send comes with the dbus package the keyring tests already need. */
const dbusSend = (path: string, method: string, ...args: string[]) =>
  execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.secrets', path, method, ...args], {
    encoding: 'utf8',
  });
const LOGIN = '/org/freedesktop/secrets/collection/login';
const isLocked = () => {
  try {
    const reply = dbusSend(
      LOGIN,
      'org.freedesktop.DBus.Properties.Get',
      'string:org.freedesktop.Secret.Collection',
      'string:Locked',
    );
    return /boolean true/.test(reply);
  } catch {
    return true; // the daemon is being replaced
  }
};

async function attempt(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: (await run()) ?? null };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

if (mode === 'no-keychain') {
  out.status = await store.status();
  out.set = await attempt(() => store.set('outbox:1', 'held-secret-value'));
  out.get = await attempt(() => store.get('outbox:1'));
  out.list = await attempt(() => store.list());
  out.delete = await attempt(() => store.delete('outbox:1'));
  out.after = await attempt(() => store.get('outbox:1'));
} else if (mode === 'locked') {
  out.before = await store.status();
  dbusSend('/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', `array:objpath:${LOGIN}`);
  out.lockedByDbus = isLocked();
  out.statusBeforeRetry = await store.status();
  out.locked = await store.redetect();
  out.setWhileLocked = await attempt(() => store.set('outbox:1', 'held-secret-value'));
  // "Unlock it": a new daemon opens the login keyring with its password, as a desktop login does.
  execFileSync('gnome-keyring-daemon', ['--replace', '--unlock', '--components=secrets'], {
    input: 'nexus-test-keyring\n',
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const deadline = Date.now() + 10_000;
  while (isLocked() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  out.afterRetry = await store.redetect();
  out.setAfterRetry = await attempt(() => store.set('outbox:1', 'held-secret-value'));
  await store.delete('outbox:1');
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(JSON.stringify(out) + '\n');
