import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestSandbox } from '../sandbox/testing';
import {
  TEST_ADMIN_PASSWORD,
  memberRow,
  openMembers,
  searchMembers,
  startConsole,
  syncNow,
  type ConsoleRig,
} from './support/console';
import { serverMembers } from './support/sandbox-api';

let rig: ConsoleRig;
let second: Awaited<ReturnType<typeof startTestSandbox>>;
let secondDir: string;
test.beforeEach(async () => {
  rig = await startConsole();
  secondDir = await mkdtemp(join(tmpdir(), 'nexus-e2e-sandbox-b-'));
  second = await startTestSandbox({ dataDir: secondDir });
});
test.afterEach(async () => {
  await rig.close();
  await second.close();
  await rm(secondDir, { recursive: true, force: true });
});

async function switchAccount(page: Page, host: string) {
  await page.getByRole('button', { name: /Switch account/ }).click();
  await page.getByRole('menuitem').filter({ hasText: host }).click();
  await expect(page.getByRole('button', { name: /Switch account/ })).toHaveText(host);
  await expect(page.getByRole('grid', { name: 'Members' })).toBeVisible();
}

test('15. two servers signed in at once: the header switches between them, each with its own list and queue', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const hostA = new URL(rig.sandbox.url).host;
  const hostB = new URL(second.url).host;
  await openMembers(page, rig);
  await expect(page.getByRole('button', { name: /Switch account/ })).toHaveText(hostA);

  // Add a second account without signing out of the first.
  await page.getByRole('button', { name: /Switch account/ }).click();
  await page.getByRole('menuitem', { name: 'Add account' }).click();
  await expect(page.getByRole('button', { name: `owner@acme.test on ${hostA}` })).toBeVisible();
  await page.getByRole('textbox', { name: 'Server URL' }).fill(second.url);
  await page.getByRole('textbox', { name: 'Email' }).fill('owner@acme.test');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(TEST_ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const choose = page.getByRole('heading', { name: 'Choose an organization' });
  await expect(page.getByRole('heading', { name: 'Members' }).or(choose)).toBeVisible();
  if (await choose.isVisible()) {
    await page
      .getByRole('listitem')
      .filter({ hasText: /^Acme\b/ })
      .first()
      .getByRole('button')
      .click();
  }
  await expect(page.getByRole('button', { name: /Switch account/ })).toHaveText(hostB);

  // An invitation on B goes to B's server only.
  const email = 'only.on.b@example.com';
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await expect(dialog).toBeHidden();
  await syncNow(page);
  const secondRig = { sandbox: second } as ConsoleRig;
  expect((await serverMembers(secondRig)).some((m) => m.email === email)).toBe(true);
  expect((await serverMembers(rig)).some((m) => m.email === email)).toBe(false);

  // A's list does not have it; B's still does.
  await switchAccount(page, hostA);
  await searchMembers(page, 'only.on.b');
  await expect(memberRow(page, email)).toHaveCount(0);
  await switchAccount(page, hostB);
  await searchMembers(page, 'only.on.b');
  await expect(memberRow(page, email)).toBeVisible();
});
