import { expect, test } from '@playwright/test';
import { openMembers, startConsole, type ConsoleRig } from './support/console';
import { serverMembers } from './support/sandbox-api';

// Issue 17, "Passwords": NIST SP 800-63B repetitive, sequential and context-word rules, named.

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

test('a repetitive, sequential or context-word temporary password is refused with the rule named', async ({ page }) => {
  await openMembers(page, rig);
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill('weak.pass@acme.test');
  await dialog.getByRole('switch', { name: 'Set password manually' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Weak Pass');
  const field = dialog.getByRole('textbox', { name: 'Temporary password' });
  for (const [password, rule] of [
    ['a'.repeat(16), 'Repetitive:'],
    ['abcdefghijklmnop', 'Sequential:'],
    ['my acme desk lamp here', 'Context word:'],
  ] as const) {
    await field.fill(password);
    await dialog.getByRole('button', { name: 'Create User' }).click();
    await expect(dialog.getByText(rule)).toBeVisible();
    await expect(dialog).toBeVisible();
  }
  expect((await serverMembers(rig)).some((m) => m.email === 'weak.pass@acme.test')).toBe(false);
});
