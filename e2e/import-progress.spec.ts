import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestSandbox } from '../sandbox/testing';
import { openMembers, startConsole, type ConsoleRig } from './support/console';
import { startHoldProxy } from './support/hold-proxy';
import { serverMembers } from './support/sandbox-api';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

/** Members open, the server gone (the header says Offline), and a file chosen in Import CSV. */
async function chooseFileOffline(page: Page, name: string, text: string) {
  await openMembers(page, rig);
  await rig.stopSandbox();
  const status = page.getByRole('status', { name: 'Sync status' });
  await status.getByRole('button', { name: 'Sync now' }).click();
  await expect(status).toContainText('Offline');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: /^Import CSV/ });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  return { status, dialog };
}

const EMAILS = Array.from({ length: 6 }, (_, i) => `progress.${i + 1}@import.acme.test`);

test('CSV import: while a queued import syncs, its results and the header show how far it is ("Sending N of M")', async ({
  page,
}) => {
  const { status, dialog } = await chooseFileOffline(
    page,
    'progress.csv',
    `email,name\n${EMAILS.map((email) => `${email},Progress Person`).join('\n')}\n`,
  );
  await dialog.getByRole('button', { name: 'Queue 6 members' }).click();
  const results = dialog.getByTestId('import-results').first();
  await expect(results.getByTestId('import-results-summary')).toContainText('6 waiting');

  // The server comes back behind a forwarder that lets two invitations through and holds the rest.
  const sandbox = await startTestSandbox({ dataDir: rig.sandboxDir });
  const proxy = await startHoldProxy({
    port: rig.sandboxPort,
    target: sandbox.url,
    matches: (req) => req.method === 'POST' && /\/orgs\/[^/]+\/invitations$/.test(req.url ?? ''),
    passFirst: 2,
  });
  try {
    await dialog.getByRole('button', { name: 'Sync now' }).click();
    await expect(results.getByText('Sending 3 of 6')).toBeVisible();
    await expect(results.getByTestId('import-results-summary')).toContainText('2 invited');
    await expect(status).toContainText('Sending 2 of 6…');
    expect(proxy.held()).toBe(1);

    proxy.release();
    await expect(results.getByTestId('import-results-summary')).toHaveText(
      '0 created, 6 invited, 0 rejected, 0 waiting',
    );
    await expect(results.getByText(/Sending \d+ of \d+/)).toBeHidden();
    const members = await serverMembers({ sandbox });
    for (const email of EMAILS) expect(members.filter((m) => m.email === email)).toHaveLength(1);
  } finally {
    await proxy.close();
    await sandbox.close();
  }
});

const FILE_PASSWORD = 'Reload-Proof-Lantern-Harbour-42';

/** Every byte of the host's data folder (local.db, cache.db with their WAL, logs). */
function dataBytes(dir: string): Buffer {
  return Buffer.concat(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name))),
  );
}

test('CSV import: after a reload, Import CSV still lists the import with its rows, and their outcomes follow sync', async ({
  page,
}, testInfo) => {
  const { dialog } = await chooseFileOffline(
    page,
    'reload-cohort.csv',
    'email,name,role,password\n' +
      `reload.create@import.acme.test,Reload Create,member,${FILE_PASSWORD}\n` +
      'reload.invite@import.acme.test,Reload Invite,member,\n' +
      'not-an-address,Typo Row,member,\n',
  );
  await expect(dialog.getByTestId('import-format')).toHaveText('Nexus Admin template');
  await dialog.getByRole('button', { name: 'Queue 2 members' }).click();
  await expect(dialog.getByTestId('import-results-summary')).toHaveText(
    '0 created, 0 invited, 0 rejected, 2 waiting, 1 not queued',
  );

  // The page reloads (a window reload, or the browser host's tab): the renderer starts empty.
  await page.reload();
  await expect(page.getByRole('grid', { name: 'Members' })).toBeVisible();
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await dialog.getByRole('button', { name: 'Results of your last import' }).click();
  const results = dialog.getByTestId('import-results');
  await expect(results).toHaveCount(1);
  await expect(results).toContainText('reload-cohort.csv');
  await expect(results).toContainText('Nexus Admin template');
  await expect(results.getByTestId('import-results-summary')).toHaveText(
    '0 created, 0 invited, 0 rejected, 2 waiting, 1 not queued',
  );
  await expect(results.getByTestId('import-result-4')).toContainText('is not a valid email address');

  // Online again: the kept rows end as the outbox says.
  await rig.startSandbox();
  await dialog
    .getByRole('button', { name: 'Sync now' })
    .click({ timeout: 2_000 })
    .catch(() => undefined);
  await expect(results.getByTestId('import-results-summary')).toHaveText(
    '1 created, 1 invited, 0 rejected, 0 waiting, 1 not queued',
    { timeout: 30_000 },
  );
  await page.reload();
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await dialog.getByRole('button', { name: 'Results of your last import' }).click();
  await expect(results.getByTestId('import-results-summary')).toHaveText(
    '1 created, 1 invited, 0 rejected, 0 waiting, 1 not queued',
  );
  await page.screenshot({ path: testInfo.outputPath('import-results-after-reload.png') });

  const download = page.waitForEvent('download');
  await results.getByRole('button', { name: 'Download results' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv).toContain('2,reload.create@import.acme.test,Reload Create,member,Create,created,');
  expect(csv).toContain('3,reload.invite@import.acme.test,Reload Invite,member,Invite,invited,');
  expect(csv).toContain('4,not-an-address,Typo Row,member,Invite,not queued,');
  expect(csv).not.toContain(FILE_PASSWORD);
  // The record core keeps never holds the file's password (nor does anything else on disk).
  expect(dataBytes(rig.hostDir).includes(Buffer.from(FILE_PASSWORD))).toBe(false);
});
