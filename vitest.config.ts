import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const rendererSetup = fileURLToPath(new URL('./renderer/test/setup.ts', import.meta.url));

/**
 * Two projects: `node` for everything that runs on Node (real HTTP, SQLite, keychain) and
 * `renderer` for the UI under jsdom. Playwright specs (e2e/) are not vitest's.
 * Keychain tests need a Secret Service: run through `scripts/with-keyring.sh` (npm test does).
 */
export default defineConfig({
  test: {
    // Each file in its own child process: native modules (better-sqlite3, keyring) and servers
    // on real ports stay isolated, and a crash takes down one file, not the run.
    pool: 'forks',
    // Two cores here; one worker each.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 10_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          // A Secret Service of each file's own (see the file): one file's keychain trouble stays its own.
          setupFiles: ['scripts/private-keyring.ts'],
          include: [
            'shared/**/*.test.ts',
            'sandbox/**/*.test.ts',
            'electron/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: existsSync(rendererSetup) ? [rendererSetup] : [],
        },
      },
    ],
  },
});
