import { expect, test } from '@playwright/test';
import { memberRow, openMembers, searchMembers, startConsole, syncNow, type ConsoleRig } from './support/console';
import { acceptInvitation, mailsTo } from './support/sandbox-api';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

async function invite(page: import('@playwright/test').Page, email: string) {
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await expect(dialog.getByTestId('email-lookup')).toContainText('No Nexus account');
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await expect(dialog).toBeHidden();
}

test('1. invite → Pending → the invitee accepts from the mail → after sync the row is Active', async ({
  page,
  browser,
}) => {
  await openMembers(page, rig);
  await invite(page, 'nora.invitee@example.com');
  await searchMembers(page, 'nora');
  await expect(memberRow(page, 'nora.invitee@example.com')).toContainText('Pending');

  await expect.poll(async () => (await mailsTo(rig, 'nora.invitee@example.com')).length).toBe(1);
  const [mail] = await mailsTo(rig, 'nora.invitee@example.com');
  await acceptInvitation(browser, mail!.acceptUrl!, 'Nora-Picks-A-Long-Passphrase-1', 'Nora Invitee');

  await syncNow(page);
  await expect(memberRow(page, 'nora.invitee@example.com')).toContainText('Active');
  await expect(memberRow(page, 'nora.invitee@example.com')).not.toContainText('Pending');
});

test('2. resend invite sends a new mail and kills the old link; cancel invite removes the row', async ({ page }) => {
  await openMembers(page, rig);
  await invite(page, 'omar.resend@example.com');
  await expect.poll(async () => (await mailsTo(rig, 'omar.resend@example.com')).length).toBe(1);
  const [first] = await mailsTo(rig, 'omar.resend@example.com');

  await searchMembers(page, 'liam.murphy');
  const liam = memberRow(page, 'liam.murphy@acme.test');
  await expect(liam).toContainText('Pending');
  await liam.getByRole('button', { name: 'Actions for liam.murphy@acme.test' }).click();
  await page.getByRole('menuitem', { name: 'Cancel invite' }).click();
  const confirm = page.getByRole('dialog', { name: /Cancel the invitation/ });
  await expect(confirm).toContainText('invite them again');
  await confirm.getByRole('button', { name: 'Cancel invite' }).click();
  await expect(liam).toHaveCount(0);
  await syncNow(page);
  await expect(liam).toHaveCount(0);
  await expect(page.getByText('No members match')).toBeVisible();

  // The server allows one resend a minute per invitation: move its clock (and core's) past it.
  rig.advanceClock(61_000);
  await searchMembers(page, 'omar');
  const omar = memberRow(page, 'omar.resend@example.com');
  await omar.getByRole('button', { name: 'Actions for omar.resend@example.com' }).click();
  await page.getByRole('menuitem', { name: 'Resend invite' }).click();
  await expect.poll(async () => (await mailsTo(rig, 'omar.resend@example.com')).length, { timeout: 20_000 }).toBe(2);
  const [latest] = await mailsTo(rig, 'omar.resend@example.com');
  expect(latest!.acceptUrl).not.toBe(first!.acceptUrl);
  expect((await fetch(first!.acceptUrl!)).status).not.toBe(200);
  expect((await fetch(latest!.acceptUrl!)).status).toBe(200);
  await expect(omar).toContainText('Pending');
});
