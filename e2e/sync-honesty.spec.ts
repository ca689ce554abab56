import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REACHABILITY_PROBE_MS } from '../electron/core/sync/reachability-probe';
import { openMembers, startConsole, syncNow, type ConsoleRig } from './support/console';
import { serverMembers } from './support/sandbox-api';

let rig: ConsoleRig;
test.beforeEach(async () => {
  // The product's probe (periodic sync stays manual, so only the probe and the retries use the network).
  rig = await startConsole({ reachabilityProbeMs: REACHABILITY_PROBE_MS });
});
test.afterEach(async () => {
  await rig.close();
});

/** Sync cycles core has started so far, from its log. */
async function cyclesLogged(): Promise<number> {
  const log = await readFile(join(rig.hostDir, 'logs', 'core.log'), 'utf8').catch(() => '');
  return log.split('\n').filter((line) => line.includes(' sync cycle')).length;
}

async function inviteOffline(page: Page, email: string) {
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await expect(dialog.getByTestId('email-lookup')).toContainText("can't check this email yet");
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await expect(dialog).toBeHidden();
}

test('17. the header says Offline within 5 s of the server going away; queued changes go within 5 s of it coming back; the banner says it once', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openMembers(page, rig);
  const status = page.getByRole('status', { name: 'Sync status' });
  await syncNow(page);
  await expect(status).toContainText('Synced just now');

  // The server stops answering: no click, no sync interval — the header finds out by itself.
  await rig.stopSandbox();
  await expect(status).toContainText('Offline', { timeout: 5_000 });
  await expect(status).not.toContainText('Synced');

  // The banner: one title, one sentence about the state, a button whose label fits.
  const banner = page.getByRole('status').filter({ hasText: "You're offline" });
  await expect(banner).toHaveCount(1);
  await inviteOffline(page, 'back.soon@example.com');
  await expect(banner).toContainText('1 queued change will be sent when the server is back.');
  const bannerText = (await banner.innerText()).replaceAll('\n', ' ');
  expect(bannerText.match(/server/g) ?? [], bannerText).toHaveLength(1);
  const button = banner.getByRole('button', { name: 'View pending changes' });
  await expect(button).toBeInViewport({ ratio: 1 });
  expect(
    await button.evaluate((element) => {
      const label = element.querySelector('.mantine-Button-label') ?? element;
      return label.scrollWidth <= label.clientWidth && element.scrollWidth <= element.clientWidth;
    }),
    'the button label is not cut off',
  ).toBe(true);

  // On Pending changes the banner does not repeat the list or offer the screen already open.
  await button.click();
  await expect(page.getByRole('listitem').filter({ hasText: 'back.soon@example.com' })).toBeVisible();
  await expect(banner).toHaveCount(1);
  await expect(banner.getByRole('button')).toHaveCount(0);
  await expect(banner).not.toContainText('queued change');

  // Stay offline long enough for the retries to space out (counted in core's log, not slept).
  const before = await cyclesLogged();
  await expect.poll(cyclesLogged, { timeout: 40_000, intervals: [250] }).toBeGreaterThanOrEqual(before + 3);

  // The server is back: the queued invite reaches it within 5 s, without a click.
  await rig.startSandbox();
  await expect
    .poll(async () => (await serverMembers(rig)).some((member) => member.email === 'back.soon@example.com'), {
      timeout: 5_000,
      intervals: [250],
    })
    .toBe(true);
  await expect(status).toContainText('Synced', { timeout: 5_000 });
  await expect(banner).toHaveCount(0);
});
