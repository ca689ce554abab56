import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'nexus-start-options-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm start -- <args>` as ensure-node.mjs runs it (tsx on this Node), with a throwaway data dir. */
function start(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    // Were the option ignored, the sandbox and host would start and never exit: the timeout ends them.
    timeout: 20_000,
    env: { ...process.env, NEXUS_DATA_DIR: dataDir, NEXUS_API_URL: '' },
  });
}

it('npm start -- --help says the options and where the data goes, and starts nothing', () => {
  const run = start('--help');
  expect(run.status).toBe(0);
  for (const option of ['--api', '--port', '--no-open', 'NEXUS_DATA_DIR']) expect(run.stdout).toContain(option);
  expect(run.stdout).not.toContain('Nexus sandbox:');
  expect(readdirSync(dataDir)).toEqual([]);
});

it('an unknown option is one line naming it and --help, not a stack trace', () => {
  const run = start('--bogus');
  expect(run.status).toBe(2);
  expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/Unknown option '--bogus'.*--help/)]);
  expect(readdirSync(dataDir)).toEqual([]);
});
