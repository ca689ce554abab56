import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchConsole } from '../electron/web-host/launch-console';
import { userDataDir } from '../electron/web-host/user-data-dir';
import { startWebHost, type WebHost } from '../electron/web-host/web-host';
import { startSandbox, type RunningSandbox } from '../sandbox/server';
import { findElectronBinary } from './electron-binary';

/**
 * `npm start [-- --api URL] [--no-open] [--port P]`: the local sandbox with the demo seed (unless a
 * server is named), then the Electron console pointed at it — or, where the Electron binary is
 * missing, the browser host. Ctrl-C stops everything this started.
 */
const root = resolve(import.meta.dirname, '..');
const USAGE = `npm start [-- --api URL] [--port P] [--no-open]

Starts the demo Nexus sandbox (unless a server is named) and the console pointed at it: the
Electron app, or the browser host where the Electron binary is missing. Ctrl-C stops both.

  --api URL    use this Nexus server instead of the sandbox (or NEXUS_API_URL)
  --port P     the browser host's port (default: a free one)
  --no-open    open no window: print a one-time link to open in Chromium or Chrome
  -h, --help   this text

Data (the sandbox's and the console's): NEXUS_DATA_DIR, else ${userDataDir()}.
A new NEXUS_DATA_DIR gives a fresh sandbox.
`;
let parsed;
try {
  parsed = parseArgs({
    options: {
      api: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
} catch (error) {
  // A mistyped option is one line saying so, not a stack trace.
  const message = (error as Error).message;
  console.error(`npm start: ${message}${message.endsWith('.') ? '' : '.'} See npm start -- --help.`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const stoppers: Array<() => Promise<void>> = [];
let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const dataRoot = process.env.NEXUS_DATA_DIR || userDataDir();
let serverUrl = values.api ?? process.env.NEXUS_API_URL ?? null;

if (!serverUrl) {
  const sandboxDir = join(dataRoot, 'sandbox');
  await mkdir(sandboxDir, { recursive: true });
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ dataDir: sandboxDir, seed: 'demo', quiet: true });
  } catch (error) {
    // The default port is taken (another sandbox?): a free one still gives a working demo.
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    sandbox = await startSandbox({ dataDir: sandboxDir, seed: 'demo', quiet: true, port: 0 });
  }
  stoppers.push(() => sandbox.close());
  serverUrl = sandbox.url;
  console.log(`Nexus sandbox: ${sandbox.url}`);
  console.log(`Demo sign-in: owner@acme.test / ${sandbox.adminPassword}`);
} else {
  console.log(`Nexus server: ${serverUrl}`);
}

const electron = findElectronBinary();
if (electron.path !== null) {
  await runElectron(electron.path, serverUrl);
} else {
  console.log(`Electron is not available here (${electron.reason}); starting the console in the browser host instead.`);
  await runBrowserHost(serverUrl);
}

async function runElectron(binary: string, apiUrl: string): Promise<void> {
  const built = join(root, 'out/main/index.js');
  if (!existsSync(built) || !existsSync(join(root, 'out/preload/index.cjs'))) {
    console.log('Building the Electron app (electron-vite build)...');
    const { build } = await import('electron-vite');
    await build({ root, logLevel: 'warn' });
  }
  const child: ChildProcess = spawn(binary, [root], {
    stdio: 'inherit',
    env: { ...process.env, NEXUS_API_URL: apiUrl, ELECTRON_RUN_AS_NODE: undefined },
  });
  stoppers.push(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  child.on('exit', (code) => void stopAll(code ?? 0));
}

async function runBrowserHost(apiUrl: string): Promise<void> {
  const port = values.port === undefined ? 0 : Number(values.port);
  const host: WebHost = await startWebHost({
    port,
    dataDir: join(dataRoot, 'web-host'),
    defaultServerUrl: apiUrl,
    log: (line) => console.error(line),
  });
  stoppers.push(() => host.close());
  const window = await launchConsole({ host, open: !values['no-open'], print: (line) => console.log(line) });
  if (window) stoppers.push(() => window.close());
  console.log('Press Ctrl-C to stop.');
}
