/**
 * Makes the README's screenshots from the real app: a demo sandbox and the browser host on free
 * ports, driven by Playwright in Debian's Chromium. `npm run screenshots` writes docs/screenshots/*.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, expect } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium-launch';
import { memberRow, openMembers, startConsole } from './support/console';
import {
  changeRolesAndOpenActivity,
  dismissToasts,
  openImportPreview,
  queueAndOpenHandover,
} from './support/screenshot-flows';

const outDir = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const rig = await startConsole();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.host.origin });
    const page = await context.newPage();
    await openMembers(page, rig);
    await expect(memberRow(page, 'hr@acme.test')).toBeVisible();
    // The list at a glance: counts by status, and sorted by status (descending) so the first
    // rows show every badge and when the invitations expire.
    await expect(page.getByRole('button', { name: /^Active: \d+$/ })).toBeVisible();
    const statusSort = page.getByRole('columnheader', { name: /Status/ }).getByRole('button');
    await statusSort.click();
    await statusSort.click();
    await expect(page.getByRole('columnheader', { name: /Status/ })).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByRole('grid', { name: 'Members' })).toHaveAttribute('aria-busy', 'false');
    await expect(page.getByRole('grid', { name: 'Members' }).getByText('Created by admin').first()).toBeVisible();
    await page.screenshot({ path: path.join(outDir, 'members-list.png') });

    await page.getByRole('button', { name: 'Add Member' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('jordan.lee@acme.test');
    await dialog.getByRole('switch', { name: 'Set password manually' }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Jordan Lee');
    await dialog.getByRole('button', { name: 'Generate' }).click();
    await expect(dialog.getByRole('button', { name: 'Create User' })).toBeEnabled();
    await expect(dialog.getByText(/^Strength: /)).toBeVisible();
    // The strength bar animates its width; let it settle so the picture shows the real score.
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(outDir, 'add-member.png') });

    await dialog.getByRole('button', { name: 'Create User' }).click();
    await expect(page.getByRole('button', { name: 'Copy both' })).toBeVisible();
    await page.getByRole('button', { name: 'Copy both' }).click();
    await page.screenshot({ path: path.join(outDir, 'credentials.png') });
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();

    await openImportPreview(page);
    await page.screenshot({ path: path.join(outDir, 'import-preview.png') });
    await queueAndOpenHandover(page);
    await dismissToasts(page);
    await page.screenshot({ path: path.join(outDir, 'handover.png') });
    await changeRolesAndOpenActivity(page, rig);
    await dismissToasts(page);
    // The list scrolls inside the window: a taller one shows all nine changes, none cut off.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.mouse.move(640, 140);
    await page.screenshot({ path: path.join(outDir, 'activity.png') });
    console.log(`screenshots written to ${path.relative(process.cwd(), outDir)}`);
  } finally {
    await browser.close();
    await rig.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
