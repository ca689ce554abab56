// Vitest setup file of the `node` project: each test file gets a Secret Service of its own.
//
// Under `with-keyring.sh` every test file used to share one gnome-keyring. On CI's fresh machine
// (stop 21) 21 files failed with "the keychain is locked" from one moment on, in a run that
// passes here; what locked it was not found, but sharing let one file's keychain trouble become
// every later file's. Here each file (vitest runs each in its own process) starts a private
// D-Bus session bus and an unlocked gnome-keyring on it before any test runs; the core workers a
// test spawns inherit it. The daemon leaves with the bus, and the bus with this process (see
// startBus).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Only inside with-keyring.sh: without a bus the keychain tests are meant to run without one. */
const wanted = Boolean(process.env.NEXUS_KEYRING_SESSION && process.env.DBUS_SESSION_BUS_ADDRESS);

/**
 * A session bus that ends with this process however it ends (vitest may kill its workers, so an
 * 'exit' handler is not enough): a shell holds it and waits on a pipe from us; our end closes
 * when we die, and the shell stops the bus (the keyring daemon on it follows) and removes `dir`.
 */
async function startBus(dir: string): Promise<string> {
  const holder = spawn(
    'sh',
    [
      '-c',
      'dbus-daemon --session --nofork --print-address=1 2>/dev/null & bus=$!; cat >/dev/null; kill $bus; rm -rf "$0"',
      dir,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: holder.stdout });
  const address = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    holder.once('error', reject);
    holder.once('exit', (code) => reject(new Error(`private keyring: dbus-daemon exited (${code})`)));
  });
  lines.close();
  holder.stdout.destroy();
  // Neither the holder nor its pipe may keep this process alive.
  holder.unref();
  (holder.stdin as unknown as { unref(): void }).unref();
  return address;
}

if (wanted) {
  // In memory where the machine has it: gnome-keyring rewrites and syncs its whole file on every
  // change, and a busy disk would make every keychain call of the file wait for it.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'nexus-file-keyring-'));
  const runtime = join(dir, 'runtime');
  const data = join(dir, 'data');
  mkdirSync(runtime, { mode: 0o700 });
  mkdirSync(data);
  const address = await startBus(dir);

  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: runtime, XDG_DATA_HOME: data };
  const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    env,
    input: 'nexus-test-keyring\n',
    encoding: 'utf8',
  });
  if (keyring.status !== 0)
    throw new Error(
      `private keyring: gnome-keyring-daemon failed (${keyring.error?.message ?? `exit ${keyring.status}`})`,
    );

  // Kept for private-keyring.test.ts, which checks that locking this file's keyring leaves it be.
  process.env.NEXUS_SHARED_BUS_ADDRESS = process.env.DBUS_SESSION_BUS_ADDRESS;
  process.env.DBUS_SESSION_BUS_ADDRESS = address;
  process.env.XDG_RUNTIME_DIR = runtime;
  process.env.XDG_DATA_HOME = data;
}
