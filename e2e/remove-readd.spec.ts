import { expect, test } from '@playwright/test';
import {
  memberRow,
  openMembers,
  searchMembers,
  startConsole,
  syncNow,
  TEST_ADMIN_PASSWORD,
  type ConsoleRig,
} from './support/console';
import { acceptInvitation, mailsTo, serverMembers } from './support/sandbox-api';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

test('7. remove from org → gone → re-add by invite → same user with their work, Active after accept', async ({
  page,
  browser,
}) => {
  const before = (await serverMembers(rig)).find((member) => member.email === 'aisha.khan@acme.test')!;
  await openMembers(page, rig);
  await searchMembers(page, 'aisha.khan');
  await memberRow(page, 'aisha.khan@acme.test')
    .getByRole('button', { name: 'Actions for aisha.khan@acme.test' })
    .click();
  await page.getByRole('menuitem', { name: 'Remove from org' }).click();
  const confirm = page.getByRole('dialog', { name: /Remove Aisha Khan/ });
  await expect(confirm).toContainText('Their work (tasks, files and notes) stays');
  await expect(confirm).toContainText('re-add them later');
  await confirm.getByRole('button', { name: 'Remove from org' }).click();
  await expect(memberRow(page, 'aisha.khan@acme.test')).toHaveCount(0);
  await syncNow(page);
  await expect(memberRow(page, 'aisha.khan@acme.test')).toHaveCount(0);
  expect(
    (await serverMembers(rig)).find((member) => member.email === 'aisha.khan@acme.test')?.status ?? 'removed',
  ).toBe('removed');

  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('aisha.khan@acme.test');
  await expect(dialog.getByTestId('email-lookup')).toContainText('already has a Nexus account');
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await expect(dialog).toBeHidden();
  await expect(memberRow(page, 'aisha.khan@acme.test')).toContainText('Pending');

  await expect.poll(async () => (await mailsTo(rig, 'aisha.khan@acme.test')).length).toBe(1);
  const [mail] = await mailsTo(rig, 'aisha.khan@acme.test');
  await acceptInvitation(browser, mail!.acceptUrl!, TEST_ADMIN_PASSWORD, 'Aisha Khan');
  await syncNow(page);
  await expect(memberRow(page, 'aisha.khan@acme.test')).toContainText('Active');

  const after = (await serverMembers(rig)).find((member) => member.email === 'aisha.khan@acme.test')!;
  expect(after.userId).toBe(before.userId);
  await memberRow(page, 'aisha.khan@acme.test').click();
  await expect(page.getByText('25 tasks, 20 files, 1 notes')).toBeVisible();
});
