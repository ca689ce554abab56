import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createKeyringSecretStore } from '../electron/core/secrets/keyring-secret-store';
import { expectAccessible } from './support/axe';
import { openMembers, startConsole, syncNow, type ConsoleRig } from './support/console';
import { importCohort, openHandover } from './support/handover';
import { apiChangeTemporaryPassword } from './support/sandbox-api';

/**
 * "Did it work?" (issue 14), through the browser host: after the handover and a sync, a person
 * who signed in and chose their own password shows **Signed in**; one who did not shows **Not
 * signed in yet**, and after `HandoverFollowUpDays` (3) is flagged with **Resend credentials**,
 * which (held for the handover) puts them back on the list of people waiting.
 */

let rig: ConsoleRig;
const keychainService = `Nexus Admin Follow-up ${randomUUID().slice(0, 8)}`;
const keychain = createKeyringSecretStore({ service: keychainService });

test.beforeEach(async ({ context }) => {
  rig = await startConsole({ keychainService });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.host.origin });
});
test.afterEach(async () => {
  await rig.close();
  for (const account of await keychain.list().catch(() => [])) await keychain.delete(account).catch(() => false);
});

test('handed-over people show Signed in, Not signed in yet, and flagged after 3 days with Resend credentials', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const [signsIn, staysAway] = ['signs.in@example.com', 'stays.away@example.com'];
  await openMembers(page, rig);
  await importCohort(page, [signsIn, staysAway], '2 created');
  await syncNow(page);
  await openHandover(page);

  const handedOverTab = page.getByRole('tab', { name: 'Handed over' });
  await handedOverTab.click();
  await expect(page.getByTestId('handed-over-empty')).toBeVisible();
  await page.getByRole('tab', { name: /^Waiting/ }).click();

  // Hand both over, keeping each password as it was shown.
  const passwords = new Map<string, string>();
  for (let n = 0; n < 2; n++) {
    const person = page.getByRole('region', { name: /^Cohort Person/ });
    await expect(person.getByText('On the server')).toBeVisible();
    const shown = person.getByTestId('handover-password');
    await expect(shown).not.toBeEmpty();
    passwords.set((await person.getByTestId('handover-email').textContent())!, (await shown.textContent())!);
    await person.getByRole('button', { name: 'Mark handed over' }).click();
  }
  await expect(page.getByTestId('handover-empty')).toBeVisible();

  await handedOverTab.click();
  const table = page.getByRole('table', { name: 'Handed over' });
  const row = (email: string) => table.getByTestId('handed-over-row').filter({ hasText: email });
  await expect(row(signsIn)).toContainText('Not signed in yet');
  await expect(row(staysAway)).toContainText('Not signed in yet');
  await expect(table.getByRole('button', { name: /Resend credentials/ })).toHaveCount(0);

  // One signs in and chooses a password; the console knows after the next sync.
  expect(await apiChangeTemporaryPassword(rig, signsIn, passwords.get(signsIn)!, 'Own-Choice-Lantern-Meadow-42')).toBe(
    201,
  );
  await syncNow(page);
  await expect(row(signsIn)).toContainText('Signed in');
  await expect(row(signsIn)).not.toContainText('Not signed in');
  await expect(row(staysAway)).toContainText('Not signed in yet');

  // Three days on, the other is flagged, with Resend credentials at hand.
  rig.advanceClock(3 * 24 * 3600 * 1000 + 60_000);
  await syncNow(page);
  await expect(row(staysAway)).toContainText('Not signed in after 3 days');
  await expect(page.getByTestId('handed-over-summary')).toContainText('1 not signed in after 3 days');
  await expect(row(signsIn)).toContainText('Signed in');
  await expectAccessible(page, 'Handover, Handed over tab');

  // Resend credentials (the member page's flow), held for the handover: back on the waiting list.
  await row(staysAway)
    .getByRole('button', { name: `Resend credentials to ${staysAway}` })
    .click();
  const confirm = page.getByRole('dialog', { name: `Resend credentials to ${staysAway}?` });
  await confirm.getByRole('switch', { name: 'Hold for handover' }).check();
  await confirm.getByRole('button', { name: 'Resend credentials' }).click();
  const shown = page.getByRole('dialog', { name: 'New temporary password' });
  await expect(shown.getByTestId('credential-password')).not.toBeEmpty();
  await shown.getByRole('button', { name: 'Copy password' }).click();
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Waiting (1)' })).toBeVisible();
  await page.getByRole('tab', { name: /^Waiting/ }).click();
  await expect(page.getByRole('region', { name: /^Cohort Person/ }).getByTestId('handover-email')).toHaveText(
    staysAway,
  );
});
