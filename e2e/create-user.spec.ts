import { expect, test, type Page } from '@playwright/test';
import {
  closeCredentials,
  memberRow,
  openMembers,
  searchMembers,
  startConsole,
  syncNow,
  type ConsoleRig,
} from './support/console';
import { apiChangeTemporaryPassword, apiSignIn, mailsTo } from './support/sandbox-api';

let rig: ConsoleRig;
test.beforeEach(async ({ context }) => {
  rig = await startConsole();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.host.origin });
});
test.afterEach(async () => {
  await rig.close();
});

const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test('3. create user with a generated password: show once, copy, clipboard cleared; must change password; Created by admin until then', async ({
  page,
}) => {
  // The page's timers (the clipboard clear, the dialog's countdown) run on Playwright's clock.
  await page.clock.install();
  await openMembers(page, rig);
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('pat.created@example.com');
  await expect(dialog.getByTestId('email-lookup')).toContainText('No Nexus account');
  await expect(dialog.getByRole('button', { name: 'Send Invite' })).toBeVisible();
  await dialog.getByRole('switch', { name: 'Set password manually' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Pat Created');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  const generated = await dialog.getByRole('textbox', { name: 'Temporary password' }).inputValue();
  expect(generated).toHaveLength(20);
  await expect(dialog.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Create User' }).click();

  const shown = page.getByRole('dialog', { name: 'New user’s temporary password' });
  await expect(shown.getByTestId('credential-email')).toHaveText('pat.created@example.com');
  await expect(shown.getByTestId('credential-password')).toHaveText(generated);
  await expect(shown).toContainText("can't be shown again");
  await shown.getByRole('button', { name: 'Copy both' }).click();
  await expect(shown.getByRole('status').filter({ hasText: 'copied' })).toContainText(/cleared in \d+ s/);
  expect(await readClipboard(page)).toBe(
    `Email: pat.created@example.com\nTemporary password: ${generated}\nSign in at: ${rig.sandbox.url}`,
  );
  // The shell clears the clipboard after 30 s, and the dialog says so: skip the 30 s.
  const clipboardStatus = shown.getByRole('status').filter({ hasText: 'clipboard' });
  await expect(clipboardStatus).not.toContainText('has been cleared');
  await page.clock.fastForward(30_000);
  await expect(clipboardStatus).toContainText('The clipboard has been cleared.');
  expect(await readClipboard(page)).toBe('');
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(generated)).toHaveCount(0);

  // Nexus has the account; signing in asks for a new password first. No invitation mail.
  const attempt = await apiSignIn(rig, 'pat.created@example.com', generated);
  expect(attempt.status).toBe(403);
  expect(attempt.body.code).toBe('password_change_required');
  expect(await mailsTo(rig, 'pat.created@example.com')).toEqual([]);

  await syncNow(page);
  await searchMembers(page, 'pat.created');
  await expect(memberRow(page, 'pat.created@example.com')).toContainText('Created by admin');

  // Once Pat chooses a password, the next sync shows Active.
  expect(
    await apiChangeTemporaryPassword(rig, 'pat.created@example.com', generated, 'Pats-Own-Chosen-Passphrase-9'),
  ).toBe(201);
  await syncNow(page);
  await expect(memberRow(page, 'pat.created@example.com')).toContainText('Active');
  await expect(memberRow(page, 'pat.created@example.com')).not.toContainText('Created by admin');
});

test('4. an email with an existing Nexus account cannot be created, only invited', async ({ page }) => {
  await openMembers(page, rig);
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('dana@globex.test');
  await expect(dialog.getByTestId('email-lookup')).toContainText('already has a Nexus account');
  await expect(dialog.getByRole('switch', { name: 'Set password manually' })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Create User' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await mailsTo(rig, 'dana@globex.test')).length).toBe(1);
  await searchMembers(page, 'dana');
  await expect(memberRow(page, 'dana@globex.test')).toContainText('Pending');
});

async function readShownPassword(page: Page): Promise<string> {
  const shown = page.getByRole('dialog', { name: 'New temporary password' });
  const password = (await shown.getByTestId('credential-password').textContent()) ?? '';
  await closeCredentials(page);
  await expect(shown).toBeHidden();
  return password;
}

test('5. Change Password and Resend credentials from the detail page; the old password stops working', async ({
  page,
}) => {
  await openMembers(page, rig);
  await searchMembers(page, 'rosa.garcia');
  await memberRow(page, 'rosa.garcia@acme.test').click();
  await expect(page.getByRole('heading', { name: 'Rosa Garcia' })).toBeVisible();
  await expect(page.getByText('Created by an admin')).toBeVisible();

  await page.getByRole('button', { name: 'Change Password' }).click();
  const change = page.getByRole('dialog', { name: /Change Password/ });
  await change.getByRole('button', { name: 'Generate' }).click();
  await change.getByRole('button', { name: 'Change Password' }).click();
  const first = await readShownPassword(page);
  expect(first.length).toBeGreaterThanOrEqual(15);
  await syncNow(page);
  expect((await apiSignIn(rig, 'rosa.garcia@acme.test', first)).body.code).toBe('password_change_required');

  await page.getByRole('button', { name: 'Resend credentials' }).click();
  await page
    .getByRole('dialog', { name: /Resend credentials/ })
    .getByRole('button', { name: 'Resend credentials' })
    .click();
  const second = await readShownPassword(page);
  expect(second).not.toBe(first);
  await syncNow(page);
  expect((await apiSignIn(rig, 'rosa.garcia@acme.test', first)).status).toBe(401);
  expect((await apiSignIn(rig, 'rosa.garcia@acme.test', second)).body.code).toBe('password_change_required');
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
});
