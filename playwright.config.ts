import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium-launch';

/**
 * End-to-end specs drive the console in Debian's Chromium (Playwright's own browser download
 * cannot work here). Each spec starts its own sandbox and browser host on free ports, so there is
 * no global webServer. Two projects: `keyring` runs inside `scripts/with-keyring.sh` (a real
 * Secret Service); `no-keyring` (e2e/no-keyring/) runs with no D-Bus session at all, the
 * newcomer's machine, and exists only in a process without a bus. `npm test` runs both.
 */
const hasBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  // Two cores: the sandbox, the host and Chromium already share them.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    { name: 'keyring', testIgnore: '**/no-keyring/**' },
    ...(hasBus ? [] : [{ name: 'no-keyring', testMatch: '**/no-keyring/**/*.spec.ts' }]),
  ],
  use: {
    ...devices['Desktop Chrome'],
    headless: true,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
