import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import {
  closeCredentials,
  memberRow,
  openMembers,
  searchMembers,
  signIn,
  signOutFromHeader,
  startConsole,
  type ConsoleRig,
} from './support/console';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

test('every screen and dialog passes axe (WCAG 2 A/AA) in both themes', async ({ page }) => {
  test.setTimeout(420_000);
  await page.goto(rig.host.launchUrl());
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page, 'sign-in screen');

  // A failed sign-in shows its error.
  await page.getByRole('textbox', { name: 'Email' }).fill('owner@acme.test');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectAccessible(page, 'sign-in error');

  await openMembers(page, rig);
  await expect(memberRow(page, 'aisha.khan@acme.test')).toBeVisible();
  await expectAccessible(page, 'members list');

  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('axe.check@example.com');
  await expect(dialog.getByTestId('email-lookup')).toContainText('No Nexus account');
  await dialog.getByRole('switch', { name: 'Set password manually' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Axe Check');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await dialog.getByRole('button', { name: 'Generator options' }).click();
  await expect(dialog.getByText(/Strength: /)).toBeVisible();
  await expectAccessible(page, 'Add Member dialog');

  await dialog.getByRole('button', { name: 'Create User' }).click();
  const credentials = page.getByRole('dialog', { name: 'New user’s temporary password' });
  await expect(credentials).toBeVisible();
  await expectAccessible(page, 'credentials dialog');
  await closeCredentials(page);

  await searchMembers(page, 'axe.check');
  await memberRow(page, 'axe.check@example.com').click();
  await expect(page.getByRole('heading', { name: 'Axe Check' })).toBeVisible();
  await expectAccessible(page, 'member detail');

  await page.getByRole('button', { name: 'Change Password' }).click();
  await expect(page.getByRole('dialog', { name: /Change Password/ })).toBeVisible();
  await expectAccessible(page, 'Change Password dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Remove from org' }).click();
  await expect(page.getByRole('dialog', { name: /Remove/ })).toBeVisible();
  await expectAccessible(page, 'remove confirmation');
  await page.keyboard.press('Escape');

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /Pending changes/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Pending changes' })).toBeVisible();
  await expectAccessible(page, 'pending changes');

  // Dark theme through the real toggle, then a screen as a role without Manage Members.
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('dialog', { name: 'Sign out' }).getByRole('checkbox')).toBeVisible();
  await expectAccessible(page, 'sign-out dialog');
  await page.keyboard.press('Escape');
  await signOutFromHeader(page);
  await signIn(page, rig, 'accountant@acme.test');
  await expect(page.getByTestId('manage-members-note')).toBeVisible();
  await expectAccessible(page, 'members list without Manage Members');
});
