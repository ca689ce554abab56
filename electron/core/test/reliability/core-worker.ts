// A console core in a child process of its own, so a test can SIGKILL it at any moment and
// start it again on the same data dir and keychain service: a real crash, not a polite close().
// Speaks over the IPC channel of child_process.fork: { id, command, input } → { id, result }.
import { createCore } from '../../create-core';
import { createKeyringSecretStore } from '../../secrets/keyring-secret-store';

interface Request {
  id: number;
  command: string;
  input: unknown;
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`core-worker: ${name} is not set`);
  return value;
};

const core = await createCore({
  dataDir: env('NEXUS_WORKER_DATA_DIR'),
  secretStore: createKeyringSecretStore({ service: env('NEXUS_WORKER_KEYCHAIN_SERVICE') }),
  requestTimeoutMs: Number(process.env.NEXUS_WORKER_TIMEOUT_MS ?? 15_000),
  syncIntervalMs: Number(process.env.NEXUS_WORKER_SYNC_INTERVAL_MS ?? 0),
});

process.on('message', (message: Request | { close: true }) => {
  if ('close' in message) {
    void core.close().then(() => process.exit(0));
    return;
  }
  void core.dispatch(message.command, message.input).then((result) => process.send?.({ id: message.id, result }));
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true, pid: process.pid });
