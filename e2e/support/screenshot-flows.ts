/**
 * The flows behind the README's screenshots of this round's screens (e2e/screenshots.ts): each
 * leaves the page on the screen to photograph, with the data settled.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { memberRow, searchMembers, syncNow, TEST_ADMIN_PASSWORD, type ConsoleRig } from './console';
import { apiSignIn, serverMembers } from './sandbox-api';

/** Six new starters in the console's own template; one names a role the org does not have. */
const NEW_STARTERS = [
  'email,name,role,password',
  'nina.kowalski@acme.test,Nina Kowalski,Member,',
  'samuel.osei@acme.test,Samuel Osei,Accountant,',
  'li.wei@acme.test,Li Wei,Member,',
  'sofia.marin@acme.test,Sofia Marín,Astronaut,',
  'tom.becker@acme.test,Tom Becker,Member,',
  'amara.nwosu@acme.test,Amara Nwosu,Admin,',
].join('\r\n');

/** Closes every toast (outcome toasts stay until closed), so none covers the screen photographed. */
export async function dismissToasts(page: Page): Promise<void> {
  const close = page.locator('.mantine-Notification-closeButton');
  // A toast being closed leaves with an animation: its button is briefly still there but not clickable.
  while ((await close.count()) > 0)
    await close
      .first()
      .click({ timeout: 1_000 })
      .catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
}

const importDialog = (page: Page) => page.getByRole('dialog', { name: /^Import CSV/ });

/** Import CSV → Choose file… with the new starters, generated passwords: the preview with one problem. */
export async function openImportPreview(page: Page): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nexus-screenshots-'));
  try {
    const file = path.join(dir, 'new-starters.csv');
    await writeFile(file, NEW_STARTERS);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const chooser = page.waitForEvent('filechooser');
    await importDialog(page).getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const dialog = importDialog(page);
  await expect(dialog.getByTestId('import-format')).toHaveText('Nexus Admin template');
  await dialog.getByText('Generate a password').click();
  await expect(dialog.getByTestId('import-summary')).toHaveText('5 ready, 1 with problems');
  await expect(dialog.getByTestId('import-row-5')).toContainText('Unknown role “Astronaut”');
}

/** Fixes the problem row's role, queues all six, syncs, and opens Handover (first in order: Amara Nwosu). */
export async function queueAndOpenHandover(page: Page): Promise<void> {
  const dialog = importDialog(page);
  await dialog.getByLabel('Role, line 5').click();
  await page.getByRole('option', { name: 'member', exact: true }).click();
  await expect(dialog.getByTestId('import-summary')).toHaveText('6 ready, 0 with problems');
  await dialog.getByRole('button', { name: 'Queue 6 members' }).click();
  await expect(dialog.getByTestId('import-results').first().getByTestId('import-results-summary')).toContainText('6');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await syncNow(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /^Handover/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Handover', level: 2 })).toBeVisible();
  await expect(page.getByTestId('handover-waiting')).toContainText('6 people waiting');
  const person = page.getByRole('region', { name: 'Amara Nwosu' });
  await expect(person.getByText('On the server')).toBeVisible();
  await expect(person.getByTestId('handover-password')).not.toBeEmpty();
}

/** Another admin on another computer: Harper Reyes (HR Manager) makes a member an Accountant through the API. */
async function hrMakesAccountant(rig: ConsoleRig, email: string): Promise<void> {
  const session = await apiSignIn(rig, 'hr@acme.test', TEST_ADMIN_PASSWORD);
  const member = (await serverMembers(rig)).find((m) => m.email === email)!;
  const response = await fetch(`${rig.sandbox.apiUrl}/orgs/org_acme/members/${member.id}`, {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${session.body.accessToken}`,
      'Content-Type': 'application/json',
      'If-Match': `"v${member.version}"`,
      'X-Nexus-Client': 'hr-laptop-script/2.1',
    },
    body: JSON.stringify({ roleId: 'role_acme_accountant' }),
  });
  expect(response.status).toBe(200);
}

/**
 * Makes Aisha Khan an admin from her page; Harper (elsewhere) makes Li Wei an Accountant; syncs,
 * and opens Activity with every change listed and credited.
 */
export async function changeRolesAndOpenActivity(page: Page, rig: ConsoleRig): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Members' }).click();
  await searchMembers(page, 'aisha.khan');
  await memberRow(page, 'aisha.khan@acme.test').click();
  await expect(page.getByRole('heading', { name: 'Aisha Khan' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'admin', exact: true }).click();
  await page
    .getByRole('dialog', { name: /^Make Aisha Khan admin\?/ })
    .getByRole('button', { name: 'Change role' })
    .click();
  await expect
    .poll(async () => (await serverMembers(rig)).find((m) => m.email === 'aisha.khan@acme.test')?.roleId)
    .toBe('role_acme_admin');
  await hrMakesAccountant(rig, 'li.wei@acme.test');
  await syncNow(page);
  await nav.getByRole('button', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { name: 'Activity', level: 2 })).toBeVisible();
  const list = page.getByRole('list', { name: 'Activity' });
  await expect(list.getByRole('listitem').filter({ hasText: 'member → admin' })).toBeVisible();
  await expect(list.getByRole('listitem').filter({ hasText: 'member → Accountant' }).getByTestId('actor')).toHaveText(
    'Harper Reyes (hr@acme.test)',
  );
  await expect(list.getByRole('listitem').filter({ hasText: 'Nina Kowalski' }).first()).toBeVisible();
}
