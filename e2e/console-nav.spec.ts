import { expect, test } from '@playwright/test';
import { memberRow, openMembers, signIn, signOutFromHeader, startConsole, type ConsoleRig } from './support/console';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

test('17. Back and Forward move between the console’s views and Back never leaves the console', async ({ page }) => {
  await openMembers(page, rig);
  const consoleUrl = page.url();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const membersHeading = page.getByRole('heading', { name: 'Members', exact: true });

  await memberRow(page, 'aisha.khan@acme.test').click();
  await expect(page.getByRole('heading', { name: 'Aisha Khan' })).toBeVisible();
  await page.goBack();
  await expect(membersHeading).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'Aisha Khan' })).toBeVisible();

  await nav.getByRole('button', { name: /Pending changes/ }).click();
  await expect(page.getByRole('heading', { name: 'Pending changes' })).toBeVisible();
  await nav.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Pending changes' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Aisha Khan' })).toBeVisible();
  await page.goBack();
  await expect(membersHeading).toBeVisible();

  // Back from the first view: still the console, still signed in.
  await page.goBack();
  await page.goBack();
  await expect(membersHeading).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Members' })).toBeVisible();
  expect(page.url()).toBe(consoleUrl);
});

test('17. the last chosen org is remembered per account: across another account’s sign-in and a restart', async ({
  page,
}) => {
  await signIn(page, rig);
  await expect(page.getByRole('heading', { name: 'Choose an organization' })).toBeVisible();
  await page
    .getByRole('listitem')
    .filter({ hasText: /^Acme Labs/ })
    .getByRole('button')
    .click();
  const orgLabel = page.getByRole('banner').getByText('Acme Labs', { exact: true });
  await expect(orgLabel).toBeVisible();
  await signOutFromHeader(page);

  // Someone else signs in on this computer in between.
  await signIn(page, rig, 'hr@acme.test');
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await signOutFromHeader(page);

  // The owner again, after a restart: straight into Acme Labs, no picker.
  await rig.restartHost();
  await signIn(page, rig);
  await expect(orgLabel).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Choose an organization' })).toHaveCount(0);
});
