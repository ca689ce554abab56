import { expect, test, type Page } from '@playwright/test';
import {
  closeCredentials,
  memberRow,
  openMembers,
  searchMembers,
  startConsole,
  type ConsoleRig,
} from './support/console';
import { mailsTo, serverMembers } from './support/sandbox-api';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

async function addMember(page: Page, email: string, create?: { name: string }) {
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await expect(dialog.getByTestId('email-lookup')).toContainText("can't check this email yet");
  if (create) {
    await dialog.getByRole('switch', { name: 'Set password manually' }).check();
    await dialog.getByRole('textbox', { name: 'Name' }).fill(create.name);
    await dialog.getByRole('button', { name: 'Generate' }).click();
    await dialog.getByRole('button', { name: 'Create User' }).click();
    const shown = page.getByRole('dialog', { name: 'New user’s temporary password' });
    await expect(shown.getByTestId('credential-email')).toHaveText(email);
    await closeCredentials(page);
  } else {
    await dialog.getByRole('button', { name: 'Send Invite' }).click();
  }
  await expect(dialog).toBeHidden();
}

test('8. offline: queue invites and a create, restart, sync: each reaches the server once; a refused one shows why and is discarded', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await openMembers(page, rig);
  await rig.stopSandbox();
  await page.getByRole('status', { name: 'Sync status' }).getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Offline');
  await expect(page.getByText("You're offline")).toBeVisible();

  await addMember(page, 'off.one@example.com');
  await addMember(page, 'off.two@example.com');
  await addMember(page, 'off.three@example.com', { name: 'Off Three' });
  await addMember(page, 'aisha.khan@acme.test'); // already a member: the server will refuse it
  await expect(page.getByText('4 queued changes will be sent')).toBeVisible();
  await searchMembers(page, 'off.');
  for (const email of ['off.one@example.com', 'off.two@example.com', 'off.three@example.com']) {
    await expect(memberRow(page, email)).toContainText('Queued');
  }

  // Restart the console while still offline: the queue and the session survive.
  await rig.restartHost();
  await page.goto(rig.host.launchUrl());
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await expect(page.getByText(/4 queued changes/)).toBeVisible();

  await rig.startSandbox();
  await page.getByRole('status', { name: 'Sync status' }).getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Synced', { timeout: 30_000 });

  const members = await serverMembers(rig);
  for (const email of ['off.one@example.com', 'off.two@example.com', 'off.three@example.com']) {
    expect(
      members.filter((member) => member.email === email),
      email,
    ).toHaveLength(1);
  }
  expect(members.find((member) => member.email === 'off.three@example.com')?.origin).toBe('admin_created');
  expect(await mailsTo(rig, 'off.one@example.com')).toHaveLength(1);
  expect(await mailsTo(rig, 'off.two@example.com')).toHaveLength(1);
  expect(await mailsTo(rig, 'aisha.khan@acme.test')).toHaveLength(0);

  await expect(page.getByText('1 change needs attention')).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /Pending changes/ })
    .click();
  const refused = page.getByRole('listitem').filter({ hasText: 'aisha.khan@acme.test' });
  await expect(refused).toContainText('Needs attention');
  await expect(refused).toContainText(/already a member/i);
  await refused.getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('dialog', { name: 'Discard this change?' }).getByRole('button', { name: 'Discard' }).click();
  await expect(refused).toHaveCount(0);
  await expect(page.getByText('Nothing pending')).toBeVisible();
});
