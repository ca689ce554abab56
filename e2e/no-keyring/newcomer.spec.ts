import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../support/axe';
import { openMembers, startConsole, syncNow, type ConsoleRig } from '../support/console';
import { apiSignIn, serverMembers } from '../support/sandbox-api';

/**
 * The newcomer's machine: no D-Bus session, so no Secret Service. Depending on the kernel, the
 * kernel keyring may take secrets (kept until logout) or refuse them (memory only); the spec reads
 * which one the console says it uses and checks what that promises.
 */
let rig: ConsoleRig;
test.beforeAll(() => {
  expect(
    process.env.DBUS_SESSION_BUS_ADDRESS,
    'this spec is the machine without a keychain: run it without a D-Bus session (npm test does)',
  ).toBeUndefined();
});
test.beforeEach(async () => {
  rig = await startConsole({ keychainService: `Nexus Admin e2e ${randomUUID().slice(0, 8)}` });
});
test.afterEach(async () => {
  await rig.close();
});

async function openAddMember(page: Page, email: string) {
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  return dialog;
}

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

/** Every byte the console wrote in its data folder. */
async function dataBytes(dir: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(await readFile(join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

test('no keychain: sign in, members, invite, create online, queue a create offline, restart, fix the lost password, sync', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(rig.host.launchUrl());
  const notice = page.getByTestId('secret-store-notice');
  await expect(notice).toBeVisible();
  const sentence = (await notice.innerText()).trim();
  const memoryOnly = sentence.startsWith('Sign-ins are not remembered on this computer because');
  test.info().annotations.push({ type: 'keychain', description: memoryOnly ? 'memory only' : 'kernel keyring' });
  if (memoryOnly) expect(sentence).toMatch(/D-Bus.*gnome-keyring package \(Debian and Fedora\) or KWallet/);
  else expect(sentence).toMatch(/kept only until you log out of this computer/);
  // Every newcomer sees this screen first.
  await expectAccessible(page, 'the sign-in screen without a keychain');

  // Sign in and see the members, with the same sentence under the console's header.
  await openMembers(page, rig);
  await expect(notice).toHaveText(sentence);

  // Online: an invitation and a created account.
  let dialog = await openAddMember(page, 'newcomer.invite@example.com');
  await expect(dialog.getByTestId('email-lookup')).toContainText('No Nexus account');
  await dialog.getByRole('button', { name: 'Send Invite' }).click();
  await expect(page.getByText('Invitation sent to newcomer.invite@example.com.')).toBeVisible();
  dialog = await openAddMember(page, 'newcomer.online@example.com');
  await expect(dialog.getByTestId('email-lookup')).toContainText('No Nexus account');
  await dialog.getByRole('switch', { name: 'Set password manually' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Online Newcomer');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByTestId('memory-password-note')).toHaveCount(0); // online: sent at once
  await dialog.getByRole('button', { name: 'Create User' }).click();
  const onlinePassword = await takeShownPassword(page, 'New user’s temporary password', 'newcomer.online@example.com');
  await syncNow(page);

  // Offline: a create is queued; without a keychain the dialog says where its password waits.
  await rig.stopSandbox();
  await page.getByRole('status', { name: 'Sync status' }).getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Offline');
  dialog = await openAddMember(page, 'newcomer.offline@example.com');
  await expect(dialog.getByTestId('email-lookup')).toContainText("can't check this email yet");
  await dialog.getByRole('switch', { name: 'Set password manually' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Offline Newcomer');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  const memoryNote = dialog.getByTestId('memory-password-note');
  if (memoryOnly) {
    await expect(memoryNote).toContainText(
      'Keep the console open until this syncs; if it closes, you will be asked for a new password.',
    );
    await expectAccessible(page, 'Add Member with the memory-only note');
  } else {
    await expect(memoryNote).toHaveCount(0);
  }
  await dialog.getByRole('button', { name: 'Create User' }).click();
  const queuedPassword = await takeShownPassword(page, 'New user’s temporary password', 'newcomer.offline@example.com');
  await expect(page.getByText('1 queued change will be sent')).toBeVisible();

  // Quit and start again.
  await rig.restartHost();
  await rig.startSandbox();
  await page.goto(rig.host.launchUrl());
  let finalPassword = queuedPassword;
  if (memoryOnly) {
    // Not remembered: the password is asked for again, and the queued create lost its password.
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(notice).toHaveText(sentence);
    await openMembers(page, rig);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Pending changes/ })
      .click();
    const entry = page.getByRole('listitem').filter({ hasText: 'newcomer.offline@example.com' });
    await expect(entry).toContainText('Needs a new password');
    await entry.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit change' });
    await expect(edit).toContainText('Its temporary password was lost');
    await edit.getByRole('button', { name: 'Generate' }).click();
    await edit.getByRole('button', { name: 'Save and retry' }).click();
    finalPassword = await takeShownPassword(page, 'New temporary password', 'newcomer.offline@example.com');
    expect(finalPassword).not.toBe(queuedPassword);
  } else {
    // The kernel keyring kept the session and the password across the restart.
    await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  }
  await syncNow(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /Pending changes/ })
    .click();
  await expect(page.getByText('Nothing pending')).toBeVisible();

  const members = await serverMembers(rig);
  for (const email of ['newcomer.invite@example.com', 'newcomer.online@example.com', 'newcomer.offline@example.com']) {
    expect(
      members.filter((member) => member.email === email),
      email,
    ).toHaveLength(1);
  }
  // The password the server took is the one the admin was shown last.
  expect((await apiSignIn(rig, 'newcomer.offline@example.com', finalPassword)).body.code).toBe(
    'password_change_required',
  );
  expect((await apiSignIn(rig, 'newcomer.online@example.com', onlinePassword)).body.code).toBe(
    'password_change_required',
  );
  // Never a plaintext secret in what the console wrote.
  const bytes = await dataBytes(rig.hostDir);
  for (const secret of [onlinePassword, queuedPassword, finalPassword]) {
    expect(bytes.includes(Buffer.from(secret)), 'a temporary password on disk').toBe(false);
  }
});
