import { expect, test } from '@playwright/test';
import {
  memberRow,
  openMembers,
  searchMembers,
  startConsole,
  TEST_ADMIN_PASSWORD,
  type ConsoleRig,
} from './support/console';
import { apiSignIn, serverMembers } from './support/sandbox-api';

// Issue 17, "Roles": a role change is confirmed, making an owner says what it grants, and who may
// grant what is a server rule the console follows.

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

const roleOf = async (email: string) => (await serverMembers(rig)).find((m) => m.email === email)?.roleId;

test('a role change asks first, and making an owner says what that grants', async ({ page }) => {
  await openMembers(page, rig);
  await searchMembers(page, 'aisha.khan');
  await memberRow(page, 'aisha.khan@acme.test').click();
  await expect(page.getByRole('heading', { name: 'Aisha Khan' })).toBeVisible();
  const before = await roleOf('aisha.khan@acme.test');

  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'owner', exact: true }).click();
  const ownerConfirm = page.getByRole('dialog', { name: 'Make Aisha Khan an owner?' });
  await expect(ownerConfirm).toContainText('An owner can do everything in Acme Corp');
  await ownerConfirm.getByRole('button', { name: /^Keep / }).click();
  await expect(ownerConfirm).toBeHidden();
  expect(await roleOf('aisha.khan@acme.test')).toBe(before);

  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'admin', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Make Aisha Khan admin?' });
  await expect(confirm).toContainText('members.manage');
  await confirm.getByRole('button', { name: 'Change role' }).click();
  await expect.poll(() => roleOf('aisha.khan@acme.test')).toBe('role_acme_admin');
});

test('who may grant what: an HR manager is not offered owner, cannot change their own role, and the server says 403', async ({
  page,
}) => {
  await openMembers(page, rig, 'hr@acme.test');
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await expect(page.getByRole('option', { name: 'admin', exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'owner', exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  await searchMembers(page, 'hr@acme');
  await memberRow(page, 'hr@acme.test').click();
  await expect(page.getByRole('combobox', { name: 'Role' })).toBeDisabled();
  await expect(page.getByText('You cannot change your own role.')).toBeVisible();

  // The rule is the server's: the sandbox refuses with a code, whatever the client.
  const session = await apiSignIn(rig, 'hr@acme.test', TEST_ADMIN_PASSWORD);
  const response = await fetch(`${rig.sandbox.apiUrl}/orgs/org_acme/invitations`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${session.body.accessToken}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': 'roles-spec-owner',
    },
    body: JSON.stringify({ email: 'new.owner@example.com', roleId: 'role_acme_owner' }),
  });
  expect(response.status).toBe(403);
  expect(((await response.json()) as { code: string }).code).toBe('owner_only');
});
