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
import { acceptInvitation, apiChangeTemporaryPassword, mailsTo, serverMembers } from './support/sandbox-api';

let rig: ConsoleRig;
test.beforeEach(async ({ context }) => {
  rig = await startConsole();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.host.origin });
});
test.afterEach(async () => {
  await rig.close();
});

async function removeFromOrg(page: Page, email: string, who: RegExp) {
  await searchMembers(page, email.split('@')[0]!);
  await memberRow(page, email)
    .getByRole('button', { name: `Actions for ${email}` })
    .click();
  await page.getByRole('menuitem', { name: 'Remove from org' }).click();
  const confirm = page.getByRole('dialog', { name: who });
  await expect(confirm).toContainText('Their work (tasks, files and notes) stays');
  await confirm.getByRole('button', { name: 'Remove from org' }).click();
  await expect(memberRow(page, email)).toHaveCount(0);
  await syncNow(page);
}

/** The **Removed** status filter: removed people can be found again. */
async function toggleRemoved(page: Page) {
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Removed' }).click();
  await page.keyboard.press('Escape');
}

test('7. remove from org → found under Removed → Add Member offers Re-add with their work → same user, Active after accept', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const before = (await serverMembers(rig)).find((member) => member.email === 'aisha.khan@acme.test')!;
  await openMembers(page, rig);
  await removeFromOrg(page, 'aisha.khan@acme.test', /Remove Aisha Khan/);
  await expect(memberRow(page, 'aisha.khan@acme.test')).toHaveCount(0);
  expect((await serverMembers(rig)).find((member) => member.email === 'aisha.khan@acme.test')?.status).toBe('removed');

  await toggleRemoved(page);
  await expect(memberRow(page, 'aisha.khan@acme.test')).toContainText('Removed');

  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('aisha.khan@acme.test');
  const notice = dialog.getByTestId('existing-member');
  await expect(notice).toContainText('Aisha Khan was removed from Acme Corp');
  await expect(notice).toContainText('25 tasks, 20 files and 1 note');
  await expect(dialog).not.toContainText('already has a Nexus account');
  await dialog.getByRole('button', { name: 'Re-add' }).click();
  await expect(dialog).toBeHidden();

  await expect.poll(async () => (await mailsTo(rig, 'aisha.khan@acme.test')).length).toBe(1);
  const [mail] = await mailsTo(rig, 'aisha.khan@acme.test');
  await acceptInvitation(browser, mail!.acceptUrl!, TEST_ADMIN_PASSWORD, 'Aisha Khan');
  await syncNow(page);
  // Back under Removed she no longer is: clear the filter to find her again.
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await searchMembers(page, 'aisha.khan');
  await expect(memberRow(page, 'aisha.khan@acme.test')).toContainText('Active');

  const after = (await serverMembers(rig)).find((member) => member.email === 'aisha.khan@acme.test')!;
  expect(after.userId).toBe(before.userId);
  await memberRow(page, 'aisha.khan@acme.test').click();
  await expect(page.getByText('25 tasks, 20 files and 1 note')).toBeVisible();
});

test('a removed admin-created member is re-added from their page with a new temporary password', async ({ page }) => {
  await openMembers(page, rig);
  await removeFromOrg(page, 'rosa.garcia@acme.test', /Remove Rosa Garcia/);
  await toggleRemoved(page);
  await memberRow(page, 'rosa.garcia@acme.test').click();
  await expect(page.getByRole('heading', { name: 'Rosa Garcia' })).toBeVisible();
  await page.getByRole('button', { name: 'Re-add' }).click();
  const readd = page.getByRole('dialog', { name: 'Re-add rosa.garcia@acme.test' });
  await expect(readd.getByRole('radio', { name: /Set a new temporary password/ })).toBeChecked();
  await readd.getByRole('button', { name: 'Generate' }).click();
  const password = await readd.getByRole('textbox', { name: 'Temporary password' }).inputValue();
  await readd.getByRole('button', { name: 'Re-add' }).click();
  const shown = page.getByRole('dialog', { name: 'New temporary password' });
  await expect(shown.getByTestId('credential-password')).toHaveText(password);
  await expect(shown.getByTestId('credentials-server-state')).toContainText('The account exists');
  await shown.getByRole('button', { name: 'Copy password' }).click();
  await shown.getByRole('button', { name: 'Done' }).click();

  const rosa = (await serverMembers(rig)).find((member) => member.email === 'rosa.garcia@acme.test')!;
  expect(rosa.status).toBe('active');
  expect(rosa.origin).toBe('admin_created');
  expect(await apiChangeTemporaryPassword(rig, 'rosa.garcia@acme.test', password, `${TEST_ADMIN_PASSWORD}-new`)).toBe(
    201,
  );
});

test('Add Member never contradicts itself: an invited email offers Resend invite, a member offers Open member', async ({
  page,
}) => {
  await openMembers(page, rig);
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('liam.murphy@acme.test');
  const notice = dialog.getByTestId('existing-member');
  await expect(notice).toContainText('already has a pending invitation');
  const mailsBefore = (await mailsTo(rig, 'liam.murphy@acme.test')).length;
  await notice.getByRole('button', { name: 'Resend invite' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await mailsTo(rig, 'liam.murphy@acme.test')).length).toBe(mailsBefore + 1);

  await page.getByRole('button', { name: 'Add Member' }).click();
  await dialog.getByRole('textbox', { name: 'Email' }).fill('aisha.khan@acme.test');
  await expect(dialog.getByTestId('existing-member')).toContainText('Aisha Khan is already a member of Acme Corp');
  await expect(dialog.getByRole('button', { name: 'Send Invite' })).toBeDisabled();
  await dialog.getByTestId('existing-member').getByRole('button', { name: 'Open member' }).click();
  await expect(page.getByRole('heading', { name: 'Aisha Khan' })).toBeVisible();
});
