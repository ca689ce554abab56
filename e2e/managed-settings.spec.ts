import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expectAccessible } from './support/axe';
import { TEST_ADMIN_PASSWORD, openMembers, signOutFromHeader, startConsole, type ConsoleRig } from './support/console';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

const policyFile = () => join(rig.hostDir, 'policies.json');
const setting = (page: Page, key: string) => page.locator(`[data-setting="${key}"]`);
const source = (page: Page, key: string) => page.getByTestId(`source-${key}`);

async function openSettings(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

/** "Quit and start again": a new host on the same data dir, the page opened on it. */
async function restart(page: Page) {
  await rig.restartHost();
  await page.goto(rig.host.launchUrl());
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
}

test('15. a Linux policy file presets and locks server, clipboard delay and handover limit at the next start; removing it gives the admin’s own back; a broken one is reported', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await openMembers(page, rig);

  // The admin's own settings, through the screen; a bad value is refused with the field's error.
  await openSettings(page);
  await expect(source(page, 'ClipboardClearSeconds')).toHaveText('Default');
  await setting(page, 'ClipboardClearSeconds').fill('2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('At least 5 seconds')).toBeVisible();
  await setting(page, 'ClipboardClearSeconds').fill('45');
  await setting(page, 'HandoverMaxHours').fill('4');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(source(page, 'ClipboardClearSeconds')).toHaveText('Your setting');
  await expect(source(page, 'HandoverMaxHours')).toHaveText('Your setting');

  // The organization's file: honoured at the next start, shown as set by the organization.
  await writeFile(
    policyFile(),
    JSON.stringify({ ServerUrl: rig.sandbox.url, ClipboardClearSeconds: 12, HandoverMaxHours: 2 }),
  );
  await restart(page);
  await openSettings(page);
  await expect(page.getByText('3 settings are set by your organization.')).toBeVisible();
  await expect(page.getByText(policyFile())).toBeVisible();
  for (const [key, value] of [
    ['ServerUrl', rig.sandbox.url],
    ['ClipboardClearSeconds', '12 seconds'],
    ['HandoverMaxHours', '2 hours'],
  ] as const) {
    await expect(source(page, key)).toHaveText('Set by your organization');
    await expect(setting(page, key)).toHaveValue(value);
    await expect(setting(page, key)).toBeDisabled();
  }
  await expect(source(page, 'Theme')).not.toHaveText('Set by your organization');
  await expectAccessible(page, 'Settings screen with settings set by the organization');

  // The clipboard delay it sets is the one the shell uses (the restarted host has a new origin).
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.host.origin });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Members' }).click();
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('policy.copy@example.com');
  await dialog.getByRole('switch', { name: 'Set password manually' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Policy Copy');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await dialog.getByRole('button', { name: 'Create User' }).click();
  const shown = page.getByRole('dialog', { name: 'New user’s temporary password' });
  await shown.getByRole('button', { name: 'Copy both' }).click();
  // The clipboard's line (the dialog also has a status saying whether the account exists yet).
  const clipboardStatus = shown.getByRole('status').filter({ hasText: 'clipboard' });
  await expect(clipboardStatus).toContainText(/cleared in ([1-9]|1[0-2]) s\./);
  await expect(clipboardStatus).toContainText('The clipboard has been cleared.', { timeout: 25_000 });
  await shown.getByRole('button', { name: 'Done' }).click();

  // The sign-in screen offers only the organization's server.
  await signOutFromHeader(page);
  const server = page.getByRole('textbox', { name: 'Server URL' });
  await expect(server).toHaveValue(rig.sandbox.url);
  await expect(server).toHaveAttribute('readonly', '');
  await expect(page.getByText('Set by your organization')).toBeVisible();

  // Without the file, the admin's own values are back (and editable).
  await rm(policyFile());
  await rig.restartHost();
  await page.goto(rig.host.launchUrl());
  await expect(page.getByRole('textbox', { name: 'Server URL' })).not.toHaveAttribute('readonly', '');
  await openMembers(page, rig);
  await openSettings(page);
  await expect(page.getByText('Your organization sets none of these.')).toBeVisible();
  await expect(setting(page, 'ClipboardClearSeconds')).toHaveValue('45 seconds');
  await expect(source(page, 'ClipboardClearSeconds')).toHaveText('Your setting');
  await expect(setting(page, 'ClipboardClearSeconds')).toBeEnabled();
  await expect(setting(page, 'HandoverMaxHours')).toHaveValue('4 hours');

  // A broken file is reported, not fatal.
  await writeFile(policyFile(), '{ "ClipboardClearSeconds": 12,');
  await restart(page);
  await openSettings(page);
  const notice = page.getByRole('status').filter({ hasText: 'Some settings could not be used' });
  await expect(notice).toContainText(`The policy file ${policyFile()} could not be read`);
  await expect(setting(page, 'ClipboardClearSeconds')).toHaveValue('45 seconds');
  await expect(setting(page, 'ClipboardClearSeconds')).toBeEnabled();
});

test('15. Help → Export diagnostics writes a zip with the settings and logs, and no password or member email unless ticked', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openMembers(page, rig);
  const email = 'diagnostics.person@example.com';
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await dialog.getByRole('switch', { name: 'Set password manually' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Diagnostics Person');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await dialog.getByRole('button', { name: 'Create User' }).click();
  const shown = page.getByRole('dialog', { name: 'New user’s temporary password' });
  const temporaryPassword = (await shown.getByTestId('credential-password').textContent())!.trim();
  expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
  await shown.getByRole('button', { name: 'Done' }).click();
  // Not copied: closing asks first (issue 17).
  await shown.getByRole('alertdialog').getByRole('button', { name: 'Close without copying' }).click();
  await expect(shown).toBeHidden();

  await openSettings(page);
  await expect(page.getByText(join(rig.hostDir, 'logs'), { exact: true })).toBeVisible();
  let lastPath = '';
  const exportZip = async () => {
    await page.getByRole('button', { name: 'Export diagnostics' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Diagnostics exported' }).locator('code');
    // A new file each time (its name has the time): wait for this export's answer, not the last one's.
    await expect(saved).not.toHaveText(lastPath);
    lastPath = (await saved.textContent())!;
    const files = unzipSync(new Uint8Array(await readFile(lastPath)));
    return {
      names: Object.keys(files),
      text: Object.values(files)
        .map((bytes) => strFromU8(bytes))
        .join('\n'),
    };
  };

  const plain = await exportZip();
  expect(plain.names).toEqual(expect.arrayContaining(['settings.json', 'keychain.json', 'sync.json', 'logs/core.log']));
  expect(plain.text).toContain('"source": "default"');
  for (const secret of [temporaryPassword, TEST_ADMIN_PASSWORD]) expect(plain.text).not.toContain(secret);
  expect(plain.text).not.toContain(email);
  expect(plain.text).not.toContain('owner@acme.test');

  await expectAccessible(page, 'Settings screen after Export diagnostics');
  await page.getByRole('checkbox', { name: 'Include member emails' }).check();
  const withEmails = await exportZip();
  expect(withEmails.text).toContain('owner@acme.test');
  for (const secret of [temporaryPassword, TEST_ADMIN_PASSWORD]) expect(withEmails.text).not.toContain(secret);
});

test('15. with AllowOfflineTemporaryPasswords off, creating a user offline is refused with a clear message and nothing is queued', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await writeFile(policyFile(), JSON.stringify({ AllowOfflineTemporaryPasswords: false }));
  await rig.restartHost();
  await openMembers(page, rig);
  await rig.stopSandbox();
  await page.getByRole('status', { name: 'Sync status' }).getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Offline');

  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('offline.create@example.com');
  await dialog.getByRole('switch', { name: 'Set password manually' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Offline Create');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await dialog.getByRole('button', { name: 'Create User' }).click();
  await expect(
    dialog.getByText('Your organization does not allow temporary passwords to be queued offline.', { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'New user’s temporary password' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /Pending changes/ })
    .click();
  await expect(page.getByText('offline.create@example.com')).toHaveCount(0);
});
