import { expect, test, type Locator, type Page } from '@playwright/test';
import { memberRow, openMembers, searchMembers, startConsole, type ConsoleRig } from './support/console';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

test.use({ viewport: { width: 1024, height: 700 } });

/** Data rows wholly inside the grid's visible area. */
async function rowsInView(page: Page): Promise<number> {
  return page.getByRole('grid', { name: 'Members' }).evaluate((grid) => {
    const box = grid.getBoundingClientRect();
    const header = grid.querySelector('[role="rowgroup"]')!.getBoundingClientRect();
    return [...grid.querySelectorAll('[role="row"][data-member-id]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= header.bottom - 1 && r.bottom <= box.bottom + 1 && r.bottom <= window.innerHeight;
    }).length;
  });
}

/** The dialog's primary button is on screen as it opens: no scrolling to find it. */
async function expectReachable(button: Locator) {
  await expect(button).toBeVisible();
  await expect(button).toBeInViewport({ ratio: 1 });
}

test('17. at 1024×700: compact density shows ≥ 10 rows and is remembered; every dialog’s primary button is on screen', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openMembers(page, rig);
  const density = page.getByRole('radiogroup', { name: 'List density' });
  await density.getByText('Compact').click();
  await expect(page.getByRole('grid', { name: 'Members' })).toHaveAttribute('data-density', 'compact');
  await expect.poll(() => rowsInView(page)).toBeGreaterThanOrEqual(10);

  // Remembered: a restarted console opens compact.
  await rig.restartHost();
  await page.goto(rig.host.launchUrl());
  await expect(page.getByRole('grid', { name: 'Members' })).toHaveAttribute('data-density', 'compact');
  await expect.poll(() => rowsInView(page)).toBeGreaterThanOrEqual(10);
  // The header fits: nothing in it is cut off at the right edge.
  await expectReachable(page.getByRole('banner').getByRole('button', { name: 'Sign out' }));
  await expectReachable(page.getByRole('status', { name: 'Sync status' }).getByRole('button', { name: 'Sync now' }));

  // Add Member at its tallest: set a password manually, with the generator's options open.
  await page.getByRole('button', { name: 'Add Member' }).click();
  const add = page.getByRole('dialog', { name: 'Add Member' });
  await add.getByRole('textbox', { name: 'Email' }).fill('small.screen@example.com');
  await add.getByRole('switch', { name: 'Set password manually' }).check();
  await add.getByRole('textbox', { name: 'Name' }).fill('Small Screen');
  await add.getByRole('button', { name: 'Generate' }).click();
  await add.getByRole('button', { name: 'Generator options' }).click();
  await expectReachable(add.getByRole('button', { name: 'Create User' }));
  await add.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(add).toBeHidden();

  // Remove from org.
  await searchMembers(page, 'aisha');
  await memberRow(page, 'aisha.khan@acme.test')
    .getByRole('button', { name: 'Actions for aisha.khan@acme.test' })
    .click();
  await page.getByRole('menuitem', { name: 'Remove from org' }).click();
  const remove = page.getByRole('dialog', { name: /Remove Aisha Khan/ });
  await expectReachable(remove.getByRole('button', { name: 'Remove from org' }));
  await page.keyboard.press('Escape');
  await expect(remove).toBeHidden();

  // Change Password on the member page.
  await memberRow(page, 'aisha.khan@acme.test').click();
  await page.getByRole('button', { name: 'Change Password' }).click();
  const change = page.getByRole('dialog', { name: /Change Password for/ });
  await change.getByRole('button', { name: 'Generate' }).click();
  await change.getByRole('button', { name: 'Generator options' }).click();
  await expectReachable(change.getByRole('button', { name: 'Change Password' }));
  await page.keyboard.press('Escape');
  await expect(change).toBeHidden();

  // Sign out, with its choices.
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expectReachable(page.getByRole('dialog', { name: 'Sign out' }).getByRole('button', { name: 'Sign out' }));
});
