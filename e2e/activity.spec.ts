import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  memberRow,
  openMembers,
  searchMembers,
  startConsole,
  syncNow,
  TEST_ADMIN_PASSWORD,
  type ConsoleRig,
} from './support/console';
import { apiSignIn, serverMembers } from './support/sandbox-api';
import { expectAccessible } from './support/axe';

// Issue 17, "History that covers every machine": the server's audit log as the **Activity**
// screen and on the member page, each change credited to the admin who made it, and this
// computer's still-queued changes shown apart.

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

const AISHA = 'aisha.khan@acme.test';

/** Another admin, on another computer: Harper Reyes (HR Manager) changes Aisha's role through the API. */
async function hrChangesRole(roleId: string) {
  const session = await apiSignIn(rig, 'hr@acme.test', TEST_ADMIN_PASSWORD);
  const member = (await serverMembers(rig)).find((m) => m.email === AISHA)!;
  const response = await fetch(`${rig.sandbox.apiUrl}/orgs/org_acme/members/${member.id}`, {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${session.body.accessToken}`,
      'Content-Type': 'application/json',
      'If-Match': `"v${member.version}"`,
      'X-Nexus-Client': 'hr-laptop-script/2.1',
    },
    body: JSON.stringify({ roleId }),
  });
  expect(response.status).toBe(200);
}

async function changeRoleInConsole(page: Page, roleName: string) {
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: roleName, exact: true }).click();
  await page
    .getByRole('dialog', { name: new RegExp(`^Make Aisha Khan ${roleName}\\?`) })
    .getByRole('button', { name: 'Change role' })
    .click();
}

const serverHistory = (page: Page) => page.getByRole('list', { name: 'History from the server' });

test('two admins change the same member: the member page and Activity credit each one, and Export CSV says the same', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await openMembers(page, rig);
  await searchMembers(page, 'aisha.khan');
  await memberRow(page, AISHA).click();
  await expect(page.getByRole('heading', { name: 'Aisha Khan' })).toBeVisible();

  // Olivia (this console) makes Aisha an admin; Harper (elsewhere) turns her into an Accountant.
  await changeRoleInConsole(page, 'admin');
  await expect
    .poll(async () => (await serverMembers(rig)).find((m) => m.email === AISHA)?.roleId)
    .toBe('role_acme_admin');
  await hrChangesRole('role_acme_accountant');
  await syncNow(page);

  const history = serverHistory(page);
  const olivias = history.getByRole('listitem').filter({ hasText: 'Role changed member → admin' });
  const harpers = history.getByRole('listitem').filter({ hasText: 'Role changed admin → Accountant' });
  await expect(olivias.getByTestId('actor')).toHaveText('Olivia Owner (owner@acme.test)');
  await expect(olivias).toContainText('Nexus Admin/');
  await expect(harpers.getByTestId('actor')).toHaveText('Harper Reyes (hr@acme.test)');
  await expect(harpers).toContainText('hr-laptop-script/2.1');
  await expect(page.getByRole('heading', { name: 'Still queued on this computer' })).toHaveCount(0);
  await expectAccessible(page, 'member history from the server');

  // The Activity screen: every change in the org, with the same credit.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { name: 'Activity', level: 2 })).toBeVisible();
  const list = page.getByRole('list', { name: 'Activity' });
  const rowFor = (text: string) => list.getByRole('listitem').filter({ hasText: text });
  await expect(rowFor('member → admin').getByTestId('actor')).toHaveText('Olivia Owner (owner@acme.test)');
  await expect(rowFor('admin → Accountant').getByTestId('actor')).toHaveText('Harper Reyes (hr@acme.test)');
  await expectAccessible(page, 'Activity screen');

  // Filters: words (member or admin), action, dates.
  await page.getByRole('searchbox', { name: 'Search member or admin' }).fill('hr@acme');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(rowFor('admin → Accountant')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search member or admin' }).fill('aisha');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('combobox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'Removed from org' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByText('No activity matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('searchbox', { name: 'Search member or admin' }).fill('aisha');
  const today = new Date(Date.now());
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  await page.getByLabel('From', { exact: true }).fill(day);
  await page.getByLabel('To', { exact: true }).fill(day);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.getByLabel('From', { exact: true }).fill('2001-01-01');
  await page.getByLabel('To', { exact: true }).fill('2001-01-02');
  await expect(page.getByText('No activity matches these filters.')).toBeVisible();
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill('');
  await expect(list.getByRole('listitem')).toHaveCount(2);

  // Export CSV: what the filters show, UTF-8 with BOM, credited the same way.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv.startsWith('\uFEFFwhen,who,')).toBe(true);
  const lines = csv.trim().split('\r\n').slice(1);
  expect(lines).toHaveLength(2);
  expect(lines.find((line) => line.includes('admin → Accountant'))).toContain('hr@acme.test');
  expect(lines.find((line) => line.includes('member → admin'))).toContain('owner@acme.test');

  // Opening the member from a row goes to their page.
  await rowFor('admin → Accountant').getByRole('button', { name: 'Aisha Khan' }).click();
  await expect(page.getByRole('heading', { name: 'Aisha Khan' })).toBeVisible();
});

test('offline: the member page keeps this computer’s queued change apart, Activity says it needs the server, and both catch up', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await openMembers(page, rig);
  await searchMembers(page, 'aisha.khan');
  await memberRow(page, AISHA).click();
  await expect(serverHistory(page)).toHaveCount(0);
  await expect(page.getByText('The server has no recorded changes to this member yet.')).toBeVisible();

  await rig.stopSandbox();
  await page.getByRole('status', { name: 'Sync status' }).getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Offline');
  await changeRoleInConsole(page, 'admin');
  const queued = page.getByRole('list', { name: 'Still queued on this computer' });
  await expect(queued.getByRole('listitem')).toContainText(['queued by owner@acme.test']);
  await expect(
    page.getByText('You are offline: the history of every admin and computer shows when the server can be reached.'),
  ).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity' }).click();
  await expect(page.getByRole('alert').filter({ hasText: "You're offline" })).toContainText(
    'cannot be reached right now',
  );
  await expectAccessible(page, 'Activity offline');

  await rig.startSandbox();
  await syncNow(page);
  const list = page.getByRole('list', { name: 'Activity' });
  await expect(list.getByRole('listitem').filter({ hasText: 'member → admin' }).getByTestId('actor')).toHaveText(
    'Olivia Owner (owner@acme.test)',
  );
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Members' }).click();
  await searchMembers(page, 'aisha.khan');
  await memberRow(page, AISHA).click();
  await expect(serverHistory(page).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Still queued on this computer' })).toHaveCount(0);
});
