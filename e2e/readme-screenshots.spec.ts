import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { memberRow, openMembers, startConsole, type ConsoleRig } from './support/console';

/**
 * Makes the README's screenshots from the real app against the sandbox:
 *   NEXUS_SCREENSHOTS=1 npx playwright test e2e/readme-screenshots.spec.ts
 * Skipped otherwise, so ordinary runs do not rewrite tracked images.
 */
const out = (name: string) => fileURLToPath(new URL(`../renderer/docs/${name}`, import.meta.url));

let rig: ConsoleRig;
test.beforeEach(async () => {
  test.skip(!process.env.NEXUS_SCREENSHOTS, 'set NEXUS_SCREENSHOTS=1 to refresh the README screenshots');
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig?.close();
});

test('README screenshots: members list, Add Member, show-once credentials', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openMembers(page, rig);
  await expect(memberRow(page, 'aisha.khan@acme.test')).toBeVisible();
  await page.screenshot({ path: out('members-list.png') });

  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('sam.new@example.com');
  await expect(dialog.getByTestId('email-lookup')).toContainText('No Nexus account');
  await dialog.getByRole('switch', { name: 'Set password manually' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Sam New');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByText(/Strength: /)).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out('add-member-dialog.png') });

  await dialog.getByRole('button', { name: 'Create User' }).click();
  const shown = page.getByRole('dialog', { name: 'New user created' });
  await expect(shown).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out('credentials-dialog.png') });
});
