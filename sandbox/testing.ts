import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxOptions } from './server';

/** The demo accounts' password in every test sandbox. */
export const TEST_ADMIN_PASSWORD = 'Sandbox-Test-Passphrase-2024';
/** Real scrypt, cheaper than production so suites stay fast. */
export const TEST_SCRYPT_COST = 2 ** 12;

/**
 * A sandbox for a test: fresh temp data dir, free port, demo seed, known password, quiet, no faults
 * unless asked. close() also removes the data dir (unless a dataDir was passed in).
 */
export async function startTestSandbox(
  options: Partial<SandboxOptions> = {},
): Promise<RunningSandbox & { dataDir: string }> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'nexus-sandbox-test-')));
  const sandbox = await startSandbox({
    port: 0,
    seed: 'demo',
    adminPassword: TEST_ADMIN_PASSWORD,
    faults: '',
    quiet: true,
    scryptCost: TEST_SCRYPT_COST,
    ...options,
    dataDir,
  });
  return {
    ...sandbox,
    dataDir,
    async close() {
      await sandbox.close();
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
