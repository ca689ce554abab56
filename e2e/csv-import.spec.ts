import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openMembers, startConsole, type ConsoleRig } from './support/console';
import { apiSignIn, mailsTo, serverMembers } from './support/sandbox-api';

const FIXTURES = join(import.meta.dirname, '../shared/csv/fixtures');

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

function importDialog(page: Page) {
  return page.getByRole('dialog', { name: /^Import CSV/ });
}

async function chooseFile(page: Page, name: string) {
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const chooser = page.waitForEvent('filechooser');
  await importDialog(page).getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(join(FIXTURES, name));
}

/** Drag-and-drop of a file onto the drop zone, as the OS would deliver it. */
async function dropFile(page: Page, name: string) {
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const bytes = [...readFileSync(join(FIXTURES, name))];
  const transfer = await page.evaluateHandle(
    ({ bytes, name }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
      return data;
    },
    { bytes, name },
  );
  await importDialog(page).getByTestId('import-drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
}

/** The newest file's results (this session's imports are listed newest first). */
function latestResults(page: Page) {
  return importDialog(page).getByTestId('import-results').first();
}

async function queueAndFinish(page: Page, count: number) {
  const dialog = importDialog(page);
  await dialog.getByRole('button', { name: `Queue ${count} member${count === 1 ? '' : 's'}` }).click();
  await expect(latestResults(page).getByTestId('import-results-summary')).toContainText(`${count} waiting`);
  // The results take focus from the Queue button they replace, so the keyboard stays in the dialog.
  await expect(latestResults(page).getByTestId('import-results-summary')).toBeFocused();
  await expect(latestResults(page).getByText(/Offline: \d+ wait in the outbox/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Import another file' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('CSV import: the three vendors’ templates and the console’s own, offline, fixed, queued, synced exactly once', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await openMembers(page, rig);
  await rig.stopSandbox();
  await page.getByRole('status', { name: 'Sync status' }).getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Offline');
  const dialog = importDialog(page);

  // Google Workspace: a password that breaks the policy is fixed in its cell.
  await chooseFile(page, 'google-workspace.csv');
  await expect(dialog.getByTestId('import-format')).toHaveText('Google Workspace bulk upload');
  await expect(dialog.getByTestId('import-summary')).toHaveText('3 ready, 1 with problems');
  await expect(dialog.getByTestId('import-row-5')).toContainText('Password policy, “Minimum length”');
  await expect(dialog.getByTestId('import-row-3')).toContainText('Nexus still asks');
  const password = dialog.getByLabel('Password, line 5');
  await password.fill('Fixed-Long-Password-Here-5');
  await password.press('Enter');
  await expect(dialog.getByTestId('import-summary')).toHaveText('4 ready, 0 with problems');
  await queueAndFinish(page, 4);

  // Microsoft Entra: a row whose user name is not an address is left out.
  await chooseFile(page, 'entra-bulk-create.csv');
  await expect(dialog.getByTestId('import-format')).toHaveText('Microsoft Entra bulk create');
  await expect(dialog.getByTestId('import-row-5')).toContainText('is not a valid email address');
  await dialog.getByTestId('import-row-5').getByRole('checkbox', { name: 'Leave out' }).check();
  await expect(dialog.getByTestId('import-summary')).toHaveText('2 ready, 0 with problems, 1 left out');
  await queueAndFinish(page, 2);

  // Microsoft 365 (no password column): Generate a password; the owner is already a member.
  await chooseFile(page, 'm365-add-users.csv');
  await expect(dialog.getByTestId('import-format')).toHaveText('Microsoft 365 add multiple users');
  await dialog.getByText('Generate a password').click();
  await expect(dialog.getByTestId('import-row-4')).toContainText('already a member of this organisation');
  await dialog.getByTestId('import-row-4').getByRole('checkbox', { name: 'Leave out' }).check();
  await expect(dialog.getByTestId('import-row-2')).toContainText('Generated');
  await queueAndFinish(page, 2);

  // The console's own template, dropped: an unknown role is changed, a duplicate left out.
  await dropFile(page, 'console-template.csv');
  await expect(dialog.getByTestId('import-format')).toHaveText('Nexus Admin template');
  await expect(dialog.getByTestId('import-row-4')).toContainText('Unknown role “Astronaut”');
  // An invitation carries no name (the API's invite is email and role): the preview says so.
  await expect(dialog.getByTestId('import-row-3')).toContainText(
    'The name is not sent with an invitation; they enter it when they accept.',
  );
  await dialog.getByLabel('Role, line 4').click();
  await page.getByRole('option', { name: 'member', exact: true }).click();
  await expect(dialog.getByTestId('import-row-6')).toContainText('also on line 5');
  await dialog.getByTestId('import-row-6').getByRole('checkbox', { name: 'Leave out' }).check();
  await expect(dialog.getByTestId('import-summary')).toHaveText('5 ready, 0 with problems, 1 left out');
  await dialog.getByRole('button', { name: 'Queue 5 members' }).click();
  const latest = latestResults(page);
  await expect(latest.getByTestId('import-results-summary')).toContainText('5 waiting, 1 not queued');
  // Every file queued this session keeps its results, newest first.
  await expect(dialog.getByTestId('import-results')).toHaveCount(4);

  // Online: every row ends created, invited or rejected with the server's reason.
  await rig.startSandbox();
  // The offline probe may find the server first; otherwise Sync now from the results.
  const syncNow = dialog.getByRole('button', { name: 'Sync now' });
  await syncNow.click({ timeout: 2_000 }).catch(() => undefined);
  await expect(latest.getByTestId('import-results-summary')).toHaveText(
    '1 created, 3 invited, 1 rejected, 0 waiting, 1 not queued',
    {
      timeout: 30_000,
    },
  );
  await expect(latest.getByTestId('import-result-7')).toContainText(/rejected.*(account|exists)/i);
  // The earlier files' rows ended too; each file's header says how.
  await expect(dialog.getByTestId('import-results').nth(3)).toContainText(
    /google-workspace\.csv.*3 created, 1 invited, 0 rejected, 0 waiting/,
  );
  // The tally once per file: the open file's in its summary, the closed files' in their headers.
  await page.screenshot({ path: testInfo.outputPath('import-results-four-files.png') });
  const download = page.waitForEvent('download');
  await latest.getByRole('button', { name: 'Download results' }).click();
  const results = readFileSync((await (await download).path())!, 'utf8');
  expect(results.startsWith('\uFEFFline,email,name,role,action,result,reason\r\n')).toBe(true);
  expect(results).toContain(
    'dana@globex.test,Dana Elsewhere,member,Create,rejected,dana@globex.test already has a Nexus account',
  );
  expect(results).not.toContain('World-Wide-Web-Proposal-89');
  expect(results).not.toContain('Elsewhere-Account-Exists-77');
  // **Download all results**: every file of the session, each row naming its file, no passwords.
  const downloadAll = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download all results' }).click();
  const all = readFileSync((await (await downloadAll).path())!, 'utf8');
  expect(all.startsWith('\uFEFFfile,queued at,line,email,name,role,action,result,reason\r\n')).toBe(true);
  for (const file of ['google-workspace.csv', 'entra-bulk-create.csv', 'm365-add-users.csv', 'console-template.csv'])
    expect(all).toContain(`${file},`);
  expect(all).toMatch(/google-workspace\.csv,[^,]+,5,short\.password@import\.acme\.test,.*,created,/);
  for (const secret of ['Fixed-Long-Password-Here-5', 'Apollo-Guidance-Computer-11', 'World-Wide-Web-Proposal-89'])
    expect(all).not.toContain(secret);

  const members = await serverMembers(rig);
  const once = (email: string) =>
    expect(
      members.filter((m) => m.email === email),
      email,
    ).toHaveLength(1);
  const created = [
    ['grace.hopper@import.acme.test', 'Cobol-Compiler-1952-Mark'],
    ['alan.turing@import.acme.test', 'Enigma-Bombe-Bletchley-39'],
    ['short.password@import.acme.test', 'Fixed-Long-Password-Here-5'],
    ['margaret.hamilton@import.acme.test', 'Apollo-Guidance-Computer-11'],
    ['katherine.johnson@import.acme.test', 'Orbital-Trajectory-Math-62'],
    ['tim.berners-lee@import.acme.test', 'World-Wide-Web-Proposal-89'],
  ];
  for (const [email, filePassword] of created) {
    once(email!);
    expect(members.find((m) => m.email === email)).toMatchObject({ origin: 'admin_created', mustChangePassword: true });
    // The file's password works, and must be changed (Google's FALSE notwithstanding).
    const signIn = await apiSignIn(rig, email!, filePassword!);
    expect([signIn.status, signIn.body.code], email).toEqual([403, 'password_change_required']);
  }
  for (const email of ['linus.t@import.acme.test', 'barbara.liskov@import.acme.test']) {
    once(email);
    expect(members.find((m) => m.email === email)?.origin).toBe('admin_created');
  }
  for (const email of [
    'ada.lovelace@import.acme.test',
    'radia.perlman@import.acme.test',
    'vint.cerf@import.acme.test',
    'dup@import.acme.test',
  ]) {
    once(email);
    expect(members.find((m) => m.email === email)?.status).toBe('invited');
    expect(await mailsTo(rig, email)).toHaveLength(1);
  }
  expect(members.filter((m) => m.email === 'dana@globex.test')).toHaveLength(0);
  expect(members.filter((m) => m.email === 'owner@acme.test')).toHaveLength(1);
});
