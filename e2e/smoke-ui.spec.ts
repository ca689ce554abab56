import { expect, test } from '@playwright/test';
import { memberRow, openMembers, startConsole, type ConsoleRig } from './support/console';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

test('signs in and shows the members list', async ({ page }) => {
  await openMembers(page, rig);
  await expect(memberRow(page, 'aisha.khan@acme.test')).toContainText('Active');
  await page.screenshot({ path: 'test-results/members.png' });
});
