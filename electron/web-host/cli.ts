import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { AppWindow } from './app-window';
import { launchConsole } from './launch-console';
import { userDataDir } from './user-data-dir';
import { startWebHost } from './web-host';

/**
 * `npm run start:web -- [--port P] [--no-open] [--data DIR] [--api URL]`
 * Prints one line on stdout when ready, `Nexus Admin console: …` (see launch-console.ts for what it
 * holds); everything else goes to stderr.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'no-open': { type: 'boolean', default: false },
    data: { type: 'string' },
    api: { type: 'string' },
  },
  strict: true,
});

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not ${values.port}`);
  process.exit(2);
}

const log = (line: string) => console.error(line);
const host = await startWebHost({
  port,
  dataDir: values.data ?? join(userDataDir(), 'web-host'),
  defaultServerUrl: values.api ?? process.env.NEXUS_API_URL ?? null,
  log,
});
let printed = 0;
const window: AppWindow | null = await launchConsole({
  host,
  open: !values['no-open'],
  print: (line) => (printed++ === 0 ? console.log(line) : log(line)),
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await window?.close();
  await host.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
