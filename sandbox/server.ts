import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generatePassword } from '../shared/password-generator';
import type { SandboxContext } from './context';
import { getMeta, openDatabase, setMeta } from './db/schema';
import { seed, type SeedSpec } from './db/seed';
import { parseFaults } from './faults';
import { answerClientError } from './http/client-error';
import { createRequestHandler } from './request-handler';
import { SandboxStatsCounter } from './stats';

export interface SandboxOptions {
  /** 0 picks a free port; default 4010. */
  port?: number;
  dataDir: string;
  seed?: SeedSpec;
  /** Base of the links in invitation mail; default the server's own URL. */
  publicUrl?: string;
  /** The demo accounts' password; default NEXUS_SANDBOX_ADMIN_PASSWORD, else generated once per data dir. */
  adminPassword?: string;
  /** NEXUS_SANDBOX_FAULTS syntax; default process.env.NEXUS_SANDBOX_FAULTS. */
  faults?: string;
  /** Injectable clock for expiry tests. */
  now?: () => Date;
  quiet?: boolean;
  /** scrypt cost N (power of two); default 2^15. Tests use less to stay fast; the hash records it. */
  scryptCost?: number;
}

export interface RunningSandbox {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/api/v1' */
  apiUrl: string;
  /** The demo accounts' password. */
  adminPassword: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_SCRYPT_COST = 2 ** 15;
const DEMO_PASSWORD_FILE = 'demo-password.txt';

/**
 * A generated demo password is kept beside the database (owner-only file) so a restart with the
 * same data dir can say what it is; a password given by option or environment is never written.
 */
function resolveDemoPassword(options: SandboxOptions): string {
  const given = options.adminPassword ?? process.env.NEXUS_SANDBOX_ADMIN_PASSWORD;
  if (given) return given;
  const file = join(options.dataDir, DEMO_PASSWORD_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored) return stored;
  } catch {
    // first start: generate below
  }
  const generated = generatePassword();
  writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  return generated;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const db = openDatabase(options.dataDir);
  let secret = getMeta(db, 'secret');
  if (!secret) {
    secret = randomBytes(32).toString('base64');
    setMeta(db, 'secret', secret);
  }
  const faults = parseFaults(options.faults ?? process.env.NEXUS_SANDBOX_FAULTS);
  const adminPassword = resolveDemoPassword(options);
  const ctx: SandboxContext = {
    db,
    now: options.now ?? (() => new Date()),
    publicUrl: options.publicUrl ?? '',
    scryptCost: options.scryptCost ?? DEFAULT_SCRYPT_COST,
    secret: Buffer.from(secret, 'base64'),
    stats: new SandboxStatsCounter(),
  };
  const timers = new Set<NodeJS.Timeout>();
  const handler = createRequestHandler(ctx, { faults, timers, quiet: options.quiet ?? false });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => void handler(req, res));
  server.keepAliveTimeout = 5000;
  server.on('clientError', answerClientError);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  ctx.publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
  try {
    await seed(ctx, options.seed ?? 'demo', adminPassword);
  } catch (error) {
    server.close();
    db.close();
    throw error;
  }

  let closing: Promise<void> | null = null;
  return {
    url,
    apiUrl: `${url}/api/v1`,
    adminPassword,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
