import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSeed } from './db/seed';
import { DEFAULT_PORT, startSandbox } from './server';

/** The per-user data folder each platform expects. */
export function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'nexus-admin', 'sandbox');
  if (process.platform === 'win32') {
    return join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'nexus-admin', 'sandbox');
  }
  return join(process.env.XDG_DATA_HOME || join(home, '.local', 'share'), 'nexus-admin', 'sandbox');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      data: { type: 'string' },
      seed: { type: 'string', default: 'demo' },
      'public-url': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run sandbox -- [--port 4010] [--data DIR] [--seed demo|none|large:N] [--public-url URL]\n' +
        'Environment: NEXUS_SANDBOX_ADMIN_PASSWORD (demo password), NEXUS_SANDBOX_FAULTS (fault injection)\n',
    );
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got "${values.port}"`);
  const dataDir = values.data ?? defaultDataDir();
  const sandbox = await startSandbox({
    port,
    dataDir,
    seed: parseSeed(values.seed),
    publicUrl: values['public-url'],
    quiet: values.quiet,
  });
  process.stdout.write(`Nexus sandbox: ${sandbox.url}\n`);
  if (!process.env.NEXUS_SANDBOX_ADMIN_PASSWORD) {
    process.stderr.write(
      `Demo accounts owner@acme.test, hr@acme.test, accountant@acme.test, dana@globex.test; password: ${sandbox.adminPassword}\n` +
        `Data: ${dataDir}  Mail outbox: ${sandbox.url}/sandbox/outbox.html\n`,
    );
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`nexus sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
