import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../sandbox/testing';
import { findElectronBinary } from '../scripts/electron-binary';

/** The page's `window.nexus`, typed loosely here (its real type lives in the renderer's project). */
type NexusWindow = { nexus?: { host: string; invoke(command: string, input?: unknown): Promise<unknown> } };

/**
 * [electron] The packaged shell itself, for machines that have the Electron binary: the built
 * app (electron-vite build → out/) against its own sandbox. Where the binary is missing (this
 * build machine: it cannot be downloaded here) every test is SKIPPED with the reason, never
 * reported as passed.
 */
const root = resolve(import.meta.dirname, '..');
const binary = findElectronBinary();
const built = existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/preload/index.cjs'));

const missing =
  binary.path === null
    ? `ELECTRON BINARY MISSING — not run: ${binary.reason}. Install it (npx install-electron) to run this spec.`
    : null;

// Reporters show titles, not skip reasons: the title itself says when nothing ran.
const title = missing ? '[electron] NOT RUN (Electron binary missing, skipped)' : '[electron] Electron shell smoke';

test.describe(title, () => {
  test.skip(missing !== null, missing ?? '');
  test.skip(!built, 'The app is not built: run `npx electron-vite build` first.');

  test('starts hardened, signs in as owner@acme.test and lists the demo members', async () => {
    const sandbox = await startTestSandbox();
    const dataDir = await mkdtemp(join(tmpdir(), 'nexus-electron-e2e-'));
    const app = await electron.launch({
      executablePath: binary.path ?? undefined,
      args: [root],
      env: { ...process.env, NEXUS_API_URL: sandbox.url, NEXUS_DATA_DIR: dataDir } as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toMatch(/^app:\/\/nexus\//);
      // The checklist as seen from the page: no Node, only window.nexus from the preload.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => (window as unknown as NexusWindow).nexus?.host)).toBe('electron');
      expect(await page.evaluate(() => Object.keys((window as unknown as NexusWindow).nexus ?? {}).sort())).toEqual([
        'host',
        'invoke',
        'on',
      ]);
      // New windows are denied.
      await page.evaluate(() => window.open('https://example.com/'));
      expect(app.windows()).toHaveLength(1);

      await expect(page.getByRole('textbox', { name: 'Server URL' })).toHaveValue(sandbox.url);
      await page.getByRole('textbox', { name: 'Email' }).fill('owner@acme.test');
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(TEST_ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const chooser = page.getByRole('heading', { name: 'Choose an organization' });
      await expect(page.getByRole('heading', { name: 'Members' }).or(chooser)).toBeVisible();
      if (await chooser.isVisible()) {
        await page
          .getByRole('listitem')
          .filter({ hasText: /^Acme\b/ })
          .first()
          .getByRole('button')
          .click();
      }
      await expect(page.getByRole('row').filter({ hasText: 'aisha.khan@acme.test' })).toBeVisible();
    } finally {
      await app.close();
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
