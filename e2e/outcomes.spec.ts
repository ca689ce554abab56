import { expect, test, type Page } from '@playwright/test';
import { createKeyringSecretStore } from '../electron/core/secrets/keyring-secret-store';
import { memberRow, openMembers, searchMembers, startConsole, syncNow, type ConsoleRig } from './support/console';
import { mailsTo, serverMembers } from './support/sandbox-api';

// Issue 17, "Outcomes": the console says queued or sending until the server answers, then the
// outcome; a refused change never stays applied.

let rig: ConsoleRig;
test.beforeEach(async ({ context }) => {
  rig = await startConsole();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.host.origin });
});
test.afterEach(async () => {
  await rig.close();
});

const toasts = (page: Page) => page.locator('.mantine-Notification-root');
const syncStatus = (page: Page) => page.getByRole('status', { name: 'Sync status' });

async function goOffline(page: Page) {
  await rig.stopSandbox();
  await syncStatus(page).getByRole('button', { name: 'Sync now' }).click();
  await expect(syncStatus(page)).toContainText('Offline');
}

async function openPending(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /Pending changes/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Pending changes' })).toBeVisible();
}

/** The outbox as core lists it, read through the page's own bridge (for ids only). */
async function outboxIds(page: Page): Promise<{ id: string; summary: string }[]> {
  return page.evaluate(async () => {
    const nexus = (window as unknown as { nexus: { invoke(c: string, i?: unknown): Promise<unknown> } }).nexus;
    const { items } = (await nexus.invoke('outbox.list', {})) as { items: { id: string; summary: string }[] };
    return items.map(({ id, summary }) => ({ id, summary }));
  });
}

test('a refused removal of the only owner shows the owner again, marked refused with the reason', async ({ page }) => {
  await openMembers(page, rig, 'hr@acme.test');
  await searchMembers(page, 'owner@acme');
  await memberRow(page, 'owner@acme.test').getByRole('button', { name: 'Actions for owner@acme.test' }).click();
  await page.getByRole('menuitem', { name: 'Remove from org' }).click();
  await page
    .getByRole('dialog', { name: /Remove/ })
    .getByRole('button', { name: 'Remove from org' })
    .click();

  // The outcome, once: refused, with the server's reason and a way to fix it; never "removed".
  const refusedToast = toasts(page).filter({ hasText: 'Refused by the server' });
  await expect(refusedToast).toContainText('at least one owner');
  await expect(refusedToast.getByRole('button', { name: 'Open Pending changes to fix it' })).toBeVisible();
  await expect(toasts(page).filter({ hasText: 'was removed' })).toHaveCount(0);

  // The row shows the server's truth: still Active, marked refused with the reason.
  const row = memberRow(page, 'owner@acme.test');
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Refused');
  await expect(row.getByText('Refused')).toHaveAttribute('title', /at least one owner/);
  await syncNow(page);
  await expect(row).toContainText('Active');
  expect((await serverMembers(rig)).find((m) => m.email === 'owner@acme.test')?.status).toBe('active');

  // Retrying it as it stands would be refused again: the console says so instead of sending.
  await refusedToast.getByRole('button', { name: 'Open Pending changes to fix it' }).click();
  const card = page.getByRole('listitem').filter({ hasText: 'Remove Olivia Owner' });
  await expect(card).toContainText('The server refused it: The organisation needs at least one owner');
  await card.getByRole('button', { name: 'Retry' }).click();
  const again = page.getByRole('dialog', { name: 'This would be refused again' });
  await expect(again).toContainText('still has no other owner');
  await again.getByRole('button', { name: "Don't retry" }).click();
  await expect(card).toContainText('Needs attention');
});

test('a resend the server refuses (once a minute) is never announced as sent', async ({ page }) => {
  await openMembers(page, rig);
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('twice@example.com');
  await expect(dialog.getByTestId('email-lookup')).toContainText('No Nexus account');
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await expect(toasts(page).filter({ hasText: 'Invitation sent to twice@example.com.' })).toBeVisible();

  // Resending at once is refused for a minute: the console says it is not sent yet, and why.
  await searchMembers(page, 'twice');
  await memberRow(page, 'twice@example.com').getByRole('button', { name: 'Actions for twice@example.com' }).click();
  await page.getByRole('menuitem', { name: 'Resend invite' }).click();
  await expect(toasts(page).filter({ hasText: 'Not sent yet' })).toContainText('Resend it again in');
  await expect(toasts(page).filter({ hasText: 'A new invitation was sent' })).toHaveCount(0);
  expect(await mailsTo(rig, 'twice@example.com')).toHaveLength(1);
});

test('offline: the create is queued, the credentials dialog says the account does not exist yet, then that it does', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openMembers(page, rig);
  await goOffline(page);

  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('queued.create@example.com');
  await dialog.getByRole('switch', { name: 'Set password manually' }).check();
  // The switch decides the action: Create User, and a missing password is a field error.
  await expect(dialog.getByRole('button', { name: 'Create User' })).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Queued Create');
  await dialog.getByRole('button', { name: 'Create User' }).click();
  await expect(dialog.getByText('Enter or generate a password')).toBeVisible();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await dialog.getByRole('button', { name: 'Create User' }).click();

  await expect(toasts(page).filter({ hasText: 'Queued' })).toContainText('saved on this computer');
  const shown = page.getByRole('dialog', { name: 'New user’s temporary password' });
  await expect(shown.getByTestId('credentials-server-state')).toContainText("The account doesn't exist yet");
  await expect(page.getByRole('dialog', { name: 'New user created' })).toHaveCount(0);

  // The show-once password is not lost to one Escape.
  await page.keyboard.press('Escape');
  const ask = page.getByRole('alertdialog', { name: 'Close without copying the password?' });
  await expect(ask).toContainText("You haven't copied the password");
  await ask.getByRole('button', { name: 'Go back' }).click();
  await expect(shown).toBeVisible();

  // The server comes back: the dialog says what happened, as it happens.
  await rig.startSandbox();
  await expect(shown.getByTestId('credentials-server-state')).toContainText('The account exists', {
    timeout: 40_000,
  });
  await shown.getByRole('button', { name: 'Done' }).click();
  await ask.getByRole('button', { name: 'Close without copying' }).click();
  await expect(shown).toBeHidden();
  await expect(
    toasts(page).filter({ hasText: 'The account for queued.create@example.com was created.' }),
  ).toBeVisible();
  expect((await serverMembers(rig)).filter((m) => m.email === 'queued.create@example.com')).toHaveLength(1);
});

test('queued changes can be edited or withdrawn; a refused create offers the invite the server suggests', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openMembers(page, rig);
  await goOffline(page);

  async function queueCreate(email: string, name: string) {
    await page.getByRole('button', { name: 'Add Member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Member' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
    await dialog.getByRole('switch', { name: 'Set password manually' }).check();
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('button', { name: 'Generate' }).click();
    await dialog.getByRole('button', { name: 'Create User' }).click();
    const shown = page.getByRole('dialog', { name: 'New user’s temporary password' });
    await shown.getByRole('button', { name: 'Copy password' }).click();
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(shown).toBeHidden();
  }
  // dana@globex.test already has a Nexus account: the server will refuse a create.
  await queueCreate('dana@globex.test', 'Dana Whitfield');
  await queueCreate('convert.me@example.com', 'Convert Me');
  await queueCreate('withdraw.me@example.com', 'Withdraw Me');
  await queueCreate('lost.secret@example.com', 'Lost Secret');

  await openPending(page);
  const waiting = page.getByRole('list', { name: 'Waiting to be sent' });
  // Withdraw one before it syncs.
  const withdraw = waiting.getByRole('listitem').filter({ hasText: 'withdraw.me@example.com' });
  await withdraw.getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('dialog', { name: 'Discard this change?' }).getByRole('button', { name: 'Discard' }).click();
  await expect(withdraw).toHaveCount(0);
  // Edit turns a queued create into an invite.
  await waiting
    .getByRole('listitem')
    .filter({ hasText: 'convert.me@example.com' })
    .getByRole('button', { name: 'Edit' })
    .click();
  const edit = page.getByRole('dialog', { name: 'Edit change' });
  await edit.getByRole('checkbox', { name: 'Send an invite instead' }).check();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(waiting.getByRole('listitem').filter({ hasText: 'Invite convert.me@example.com' })).toBeVisible();
  // A check the console makes itself: the queued password is gone from the keychain.
  const lost = (await outboxIds(page)).find((entry) => entry.summary.includes('lost.secret@example.com'))!;
  expect(await createKeyringSecretStore({ service: 'Nexus Admin' }).delete(`outbox:${lost.id}`)).toBe(true);

  await rig.startSandbox();
  await syncNow(page);
  const attention = page.getByRole('list', { name: 'Needs attention' });
  const lostCard = attention.getByRole('listitem').filter({ hasText: 'lost.secret@example.com' });
  // Said in the console's words (issue 10's lost-password wording), never as the server's refusal.
  await expect(lostCard).toContainText('Needs a new password');
  await expect(lostCard).toContainText('Its temporary password is no longer in the keychain');
  await expect(lostCard).not.toContainText('The server refused it');

  const dana = attention.getByRole('listitem').filter({ hasText: 'dana@globex.test' });
  await expect(dana).toContainText('The server refused it: dana@globex.test already has a Nexus account');
  await dana.getByRole('button', { name: 'Invite instead' }).click();
  await expect(dana).toHaveCount(0);
  await expect(toasts(page).filter({ hasText: 'Invitation sent to dana@globex.test.' })).toBeVisible({
    timeout: 20_000,
  });

  const server = await serverMembers(rig);
  expect(server.find((m) => m.email === 'convert.me@example.com')?.origin).toBe('invitation');
  expect(server.find((m) => m.email === 'dana@globex.test')?.status).toBe('invited');
  expect(server.some((m) => m.email === 'withdraw.me@example.com')).toBe(false);
  expect(await mailsTo(rig, 'convert.me@example.com')).toHaveLength(1);
});
