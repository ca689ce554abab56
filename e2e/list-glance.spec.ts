import { expect, test, type Locator, type Page } from '@playwright/test';
import { memberRow, openMembers, startConsole, type ConsoleRig } from './support/console';
import { serverMembers } from './support/sandbox-api';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

const BADGES = ['Active', 'Pending', 'Expired', 'Created by admin', 'Removed'] as const;

function countButton(page: Page, badge: string): Locator {
  return page
    .getByRole('group', { name: 'Members by status' })
    .getByRole('button', { name: new RegExp(`^${badge}: `) });
}

async function countOf(page: Page, badge: string): Promise<number> {
  const label = (await countButton(page, badge).getAttribute('aria-label')) ?? '';
  return Number(label.split(': ')[1]!.replaceAll(',', ''));
}

/** The badge of every data row on screen, top to bottom. */
async function badgesInView(page: Page): Promise<string[]> {
  const rows = page.getByRole('grid', { name: 'Members' }).locator('[role="row"][data-member-id]');
  return rows.evaluateAll((elements) =>
    elements
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((row) => row.querySelectorAll('[role="gridcell"]')[3]!.querySelector('span span')!.textContent ?? ''),
  );
}

/** Every row's badge in list order, scrolling the virtualized grid through. */
async function allBadges(page: Page, total: number): Promise<string[]> {
  const grid = page.getByRole('grid', { name: 'Members' });
  const byIndex = new Map<number, string>();
  for (let step = 0; step < 50 && byIndex.size < total; step++) {
    const seen = await grid
      .locator('[role="row"][data-member-id]')
      .evaluateAll((rows) =>
        rows.map(
          (row) =>
            [
              Number(row.getAttribute('data-index')),
              row.querySelectorAll('[role="gridcell"]')[3]!.querySelector('span span')!.textContent ?? '',
            ] as const,
        ),
      );
    for (const [index, badge] of seen) byIndex.set(index, badge);
    await grid.evaluate((element) => element.scrollBy(0, element.clientHeight / 2));
  }
  await grid.evaluate((element) => element.scrollTo(0, 0));
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, badge]) => badge);
}

test('17. the list at a glance: counts by status are one-click filters, "N of M", when invitations expire, tooltips, status sort groups badges', async ({
  page,
}) => {
  await openMembers(page, rig);
  const subtitle = page.getByRole('heading', { name: 'Members' }).locator('xpath=following-sibling::*[1]');

  // Counts come from core and agree with the server.
  const server = await serverMembers(rig);
  await expect(countButton(page, 'Removed')).toHaveAttribute('aria-label', /: \d+$/);
  expect(await countOf(page, 'Removed')).toBe(server.filter((member) => member.status === 'removed').length);
  expect(await countOf(page, 'Removed')).toBeGreaterThan(0);
  const invited = server.filter((member) => member.status === 'invited').length;
  expect((await countOf(page, 'Pending')) + (await countOf(page, 'Expired'))).toBe(invited);
  const visible = server.filter((member) => member.status !== 'removed').length;
  await expect(subtitle).toHaveText(`${visible} in Acme Corp`);

  // One click: only that status, "N of M"; the same click again: everyone.
  const pending = await countOf(page, 'Pending');
  await countButton(page, 'Pending').click();
  await expect(countButton(page, 'Pending')).toHaveAttribute('aria-pressed', 'true');
  await expect(subtitle).toHaveText(`${pending} of ${visible}`);
  expect(new Set(await badgesInView(page))).toEqual(new Set(['Pending']));

  // When each invitation expires, with the date as a tooltip.
  const grid = page.getByRole('grid', { name: 'Members' });
  await expect(grid.getByRole('columnheader', { name: 'Invitation expires' })).toBeVisible();
  const firstPending = grid.locator('[role="row"][data-member-id]').first();
  const expires = firstPending.getByRole('gridcell').nth(5);
  await expect(expires).toHaveText(/^in \d+ days?$/);
  await expect(expires).toHaveAttribute('title', /\d{4}/);

  await countButton(page, 'Expired').click();
  await expect(subtitle).toHaveText(`${await countOf(page, 'Expired')} of ${visible}`);
  await expect(grid.locator('[role="row"][data-member-id]').first().getByRole('gridcell').nth(5)).toHaveText(
    /^expired /,
  );

  await countButton(page, 'Removed').click();
  const removed = await countOf(page, 'Removed');
  await expect(subtitle).toHaveText(`${removed} of ${visible + removed}`);
  expect(new Set(await badgesInView(page))).toEqual(new Set(['Removed']));

  await countButton(page, 'Removed').click();
  await expect(countButton(page, 'Removed')).toHaveAttribute('aria-pressed', 'false');
  await expect(subtitle).toHaveText(`${visible} in Acme Corp`);

  // A cut-off email and a relative date have their whole text as a tooltip.
  const aisha = memberRow(page, 'aisha.khan@acme.test');
  await expect(aisha.getByRole('gridcell').nth(1)).toHaveAttribute('title', 'aisha.khan@acme.test');
  await expect(aisha.getByRole('gridcell').nth(4)).toHaveText(/ago$/);
  await expect(aisha.getByRole('gridcell').nth(4)).toHaveAttribute('title', /\d{4}/);

  // Sorting by status groups the badges in the order of the counts. The whole header cell is the
  // sort button: a click at its right end, past the label, sorts too.
  const statusHeader = grid.getByRole('columnheader', { name: /Status/ });
  const headerBox = await statusHeader.boundingBox();
  if (!headerBox) throw new Error('the Status column header has no box');
  await statusHeader.click({ position: { x: headerBox.width - 6, y: headerBox.height / 2 } });
  await expect(grid.getByRole('columnheader', { name: /Status/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect
    .poll(async () => {
      const order = await allBadges(page, visible);
      return order.filter((badge, i) => i === 0 || order[i - 1] !== badge);
    })
    .toEqual(BADGES.filter((badge) => badge !== 'Removed'));
});
