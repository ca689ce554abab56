import { expect, test } from '@playwright/test';
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

const EMAILS = Array.from({ length: 6 }, (_, i) => `progress.${i + 1}@import.acme.test`);

test('CSV import: while a queued import syncs, its results and the header show how far it is ("Sending N of M")', async ({
  page,
}) => {
  await openMembers(page, rig);
  await rig.stopSandbox();
  const status = page.getByRole('status', { name: 'Sync status' });
  await status.getByRole('button', { name: 'Sync now' }).click();
  await expect(status).toContainText('Offline');

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: /^Import CSV/ });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'progress.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`email,name\n${EMAILS.map((email) => `${email},Progress Person`).join('\n')}\n`),
  });
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
