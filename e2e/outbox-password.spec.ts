import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { createKeyringSecretStore } from '../electron/core/secrets/keyring-secret-store';
import { memberRow, openMembers, searchMembers, startConsole, syncNow, type ConsoleRig } from './support/console';
import { apiSignIn, serverMembers } from './support/sandbox-api';

const keychainService = `Nexus Admin e2e ${randomUUID().slice(0, 8)}`;
let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole({ keychainService });
});
test.afterEach(async () => {
  await rig.close();
});

/** Closes the show-once dialog and returns the password it showed. */
async function takeShownPassword(page: Page, title: string, email: string): Promise<string> {
  const shown = page.getByRole('dialog', { name: title });
  await expect(shown.getByTestId('credential-email')).toHaveText(email);
  const password = await shown.getByTestId('credential-password').innerText();
  await shown.getByRole('button', { name: 'Done' }).click();
  // Not copied: closing asks first (issue 17); the test read the password off the screen.
  await shown.getByRole('alertdialog').getByRole('button', { name: 'Close without copying' }).click();
  await expect(shown).toBeHidden();
  return password;
}

test('a queued change with a lost password, and a refused create: Edit sets a new password and both sync', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await openMembers(page, rig);
  await rig.stopSandbox();
  await page.getByRole('status', { name: 'Sync status' }).getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Offline');

  // A Change Password queued offline, whose password then goes missing from the keychain.
  await searchMembers(page, 'rosa.garcia');
  await memberRow(page, 'rosa.garcia@acme.test').click();
  await page.getByRole('button', { name: 'Change Password' }).click();
  const change = page.getByRole('dialog', { name: /Change Password/ });
  await change.getByRole('button', { name: 'Generate' }).click();
  await change.getByRole('button', { name: 'Change Password' }).click();
  await takeShownPassword(page, 'New temporary password', 'rosa.garcia@acme.test');
  const keychain = createKeyringSecretStore({ service: keychainService });
  const queued = (await keychain.list()).filter((account) => account.startsWith('outbox:'));
  expect(queued).toHaveLength(1);
  await keychain.delete(queued[0]!);

  // A create for an email that already has a Nexus account: the server will refuse it.
  await page.getByRole('button', { name: /Back to members/ }).click();
  await page.getByRole('button', { name: 'Add Member' }).click();
  const add = page.getByRole('dialog', { name: 'Add Member' });
  await add.getByRole('textbox', { name: 'Email' }).fill('dana@globex.test');
  await add.getByRole('switch', { name: 'Set password manually' }).check();
  await add.getByRole('textbox', { name: 'Name' }).fill('Dana Again');
  await add.getByRole('button', { name: 'Generate' }).click();
  await add.getByRole('button', { name: 'Create User' }).click();
  await takeShownPassword(page, 'New user’s temporary password', 'dana@globex.test');

  await rig.restartHost();
  await rig.startSandbox();
  await page.goto(rig.host.launchUrl());
  await syncNow(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /Pending changes/ })
    .click();

  const lost = page.getByRole('listitem').filter({ hasText: 'rosa.garcia@acme.test' });
  await expect(lost).toContainText('Needs a new password');
  await lost.getByRole('button', { name: 'Edit' }).click();
  let edit = page.getByRole('dialog', { name: 'Edit change' });
  // Nothing typed yet: saving asks for the password instead of sending nothing.
  await edit.getByRole('button', { name: 'Save and retry' }).click();
  await expect(edit.getByText('Enter or generate a password')).toBeVisible();
  await edit.getByLabel('New temporary password').fill('Typed-Harbor-Willow-4471');
  await edit.getByRole('button', { name: 'Save and retry' }).click();
  expect(await takeShownPassword(page, 'New temporary password', 'rosa.garcia@acme.test')).toBe(
    'Typed-Harbor-Willow-4471',
  );

  const refused = page.getByRole('listitem').filter({ hasText: 'dana@globex.test' });
  await expect(refused).toContainText('Needs attention');
  await refused.getByRole('button', { name: 'Edit' }).click();
  edit = page.getByRole('dialog', { name: 'Edit change' });
  await edit.getByRole('textbox', { name: 'Email' }).fill('dana.fresh@example.com');
  await edit.getByRole('button', { name: 'Generate' }).click();
  await edit.getByRole('button', { name: 'Save and retry' }).click();
  const danaPassword = await takeShownPassword(page, 'New temporary password', 'dana.fresh@example.com');

  await syncNow(page);
  await expect(page.getByText('Nothing pending')).toBeVisible();
  expect((await apiSignIn(rig, 'rosa.garcia@acme.test', 'Typed-Harbor-Willow-4471')).body.code).toBe(
    'password_change_required',
  );
  expect((await apiSignIn(rig, 'dana.fresh@example.com', danaPassword)).body.code).toBe('password_change_required');
  expect((await serverMembers(rig)).filter((member) => member.email === 'dana.fresh@example.com')).toHaveLength(1);
  expect((await keychain.list()).filter((account) => account.startsWith('outbox:'))).toEqual([]);
});
