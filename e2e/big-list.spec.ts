import { expect, test, type Locator } from '@playwright/test';
import { openMembers, startConsole, type ConsoleRig } from './support/console';

/**
 * Issue 16: a browser caps an element's height (Chromium 2^25 px), so 1M rows of 48 px could not
 * all be scrolled to. Past a cap (15M px) the grid's spacer stays at the cap and scrolling is
 * scaled (renderer/src/lib/scaled-scroll.ts). Here the console is given a small cap before it
 * loads (`__nexusMaxListHeight`), so ≈ 2,000 members (≈ 96k px) are scaled ≈ 5×, more than 1M
 * members are (≈ 3×), without seeding a million.
 */
const BULK_MEMBERS = 2_000;
const TEST_CAP = 20_000;

let rig: ConsoleRig;
test.beforeEach(async ({ page }) => {
  rig = await startConsole({ seed: `large:${BULK_MEMBERS}` });
  await page.addInitScript((cap) => {
    (globalThis as { __nexusMaxListHeight?: number }).__nexusMaxListHeight = cap;
  }, TEST_CAP);
});
test.afterEach(async () => {
  await rig.close();
});

const dataRow = (grid: Locator, index: number) => grid.locator(`[role="row"][data-index="${index}"][data-member-id]`);

test('16. a list taller than the browser can lay out: the scrollbar, End and the row menu reach the last member', async ({
  page,
}) => {
  await openMembers(page, rig);
  const grid = page.getByRole('grid', { name: 'Members' });
  await expect
    .poll(async () => Number(await grid.getAttribute('aria-rowcount')), { timeout: 30_000 })
    .toBeGreaterThan(BULK_MEMBERS);
  const total = Number(await grid.getAttribute('aria-rowcount')) - 1;

  // The last member by name, read from the top of the list sorted the other way.
  const nameHeader = grid.getByRole('columnheader', { name: /Name/ });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  const lastEmail = await dataRow(grid, 0).getByRole('gridcell').nth(1).getAttribute('title');
  expect(lastEmail).toBeTruthy();
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');

  // Scaled: the content is capped, far shorter than every row at its height.
  const rowHeight = await dataRow(grid, 0).evaluate((row) => row.getBoundingClientRect().height);
  const scrollHeight = await grid.evaluate((element) => element.scrollHeight);
  expect(scrollHeight).toBeLessThan(TEST_CAP + 100);
  expect(total * rowHeight).toBeGreaterThan(4 * TEST_CAP);

  // The scrollbar dragged to the very bottom: the last member, whole, in view.
  await grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  const last = dataRow(grid, total - 1);
  await expect(last).toContainText(lastEmail!);
  await expect(last).toBeInViewport({ ratio: 1 });
  expect(await last.evaluate((row) => row.getAttribute('aria-rowindex'))).toBe(String(total + 1));

  // Its menu works there.
  await last.getByRole('button', { name: `Actions for ${lastEmail}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Open details' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menuitem', { name: 'Open details' })).toHaveCount(0);

  // Back to the top by the scrollbar: the first member.
  await grid.evaluate((element) => element.scrollTo(0, 0));
  await expect(dataRow(grid, 0)).toBeInViewport({ ratio: 1 });

  // The wheel moves through the list too (faster than one row per 48 px, as the cap scales it).
  await grid.hover();
  await page.mouse.wheel(0, 400);
  await expect.poll(() => grid.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
  await expect(dataRow(grid, 0)).not.toBeInViewport();
  await grid.evaluate((element) => element.scrollTo(0, 0));
  await expect(dataRow(grid, 0)).toBeInViewport({ ratio: 1 });

  // Keyboard: End, Home, PageDown and the arrows move through all of it, the active row always in view.
  await dataRow(grid, 0).focus();
  await page.keyboard.press('End');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('ArrowUp');
  await expect(dataRow(grid, total - 2)).toBeFocused();
  await expect(dataRow(grid, total - 2)).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Home');
  await expect(dataRow(grid, 0)).toBeFocused();
  await expect(dataRow(grid, 0)).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('PageDown');
  const afterPage = grid.locator('[role="row"][data-index]:focus');
  // The focus moves once the key is handled (a busy machine can be slower than the read below).
  await expect(afterPage).not.toHaveAttribute('data-index', '0');
  const paged = Number(await afterPage.getAttribute('data-index'));
  expect(paged).toBeGreaterThan(1);
  await page.keyboard.press('PageDown');
  const pagedTwice = dataRow(grid, 2 * paged);
  await expect(pagedTwice).toBeFocused();
  await expect(pagedTwice).toBeInViewport({ ratio: 1 });
  for (let step = 0; step < 12; step++) await page.keyboard.press('ArrowDown');
  await expect(dataRow(grid, 2 * paged + 12)).toBeFocused();
  await expect(dataRow(grid, 2 * paged + 12)).toBeInViewport({ ratio: 1 });

  // Enter opens the member at the end of the list.
  await page.keyboard.press('End');
  await expect(last).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(lastEmail!).first()).toBeVisible();
  await expect(grid).toHaveCount(0);
});
