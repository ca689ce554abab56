import { expect, test } from '@playwright/test';
import { memberRow, openMembers, searchMembers, startConsole, syncNow, type ConsoleRig } from './support/console';
import { apiSignIn } from './support/sandbox-api';

/**
 * Names an attacker (or a careless admin) could give a member: markup, script, event handlers,
 * template syntax, a right-to-left override, a very long name. Created through the sandbox API as
 * the owner, then shown in the list and the detail view: they must render as text, and no script
 * may run (the `window.__pwned` trap and any dialog would tell).
 */
const HOSTILE = [
  { email: 'xss.script@example.com', name: '<script>window.__pwned = "script"</script>' },
  { email: 'xss.img@example.com', name: '<img src=x onerror="window.__pwned = \'img\'">' },
  { email: 'xss.svg@example.com', name: '"><svg onload="window.__pwned = \'svg\'"></svg>' },
  { email: 'xss.link@example.com', name: '<a href="javascript:window.__pwned=\'link\'">click</a>' },
  {
    email: 'xss.template@example.com',
    name: "{{constructor.constructor('window.__pwned = 1')()}} ${window.__pwned = 2}",
  },
  { email: 'rtl.override@example.com', name: 'Invoice \u202Egnp.exe\u202C Bob' },
  { email: "o'hara+tag@example.com", name: 'O\'Hara & "Sons" <b>bold</b>' },
  {
    email: 'very.long.name@example.com',
    name: `${'Wolfeschlegelsteinhausenbergerdorff '.repeat(6)}`.trim().slice(0, 200),
  },
];

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

test('member names with markup, script, RTL overrides and great length render as text; no script runs', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Any write to the trap is recorded, even one that happens and is undone before we look.
  await page.addInitScript(() => {
    const hits: unknown[] = [];
    Object.defineProperty(window, '__pwnedHits', { value: hits });
    Object.defineProperty(window, '__pwned', {
      configurable: false,
      get: () => undefined,
      set: (value: unknown) => void hits.push(value),
    });
  });

  const owner = await apiSignIn(rig, 'owner@acme.test', rig.sandbox.adminPassword);
  expect(owner.status).toBe(201);
  for (const [i, person] of HOSTILE.entries()) {
    const response = await fetch(`${rig.sandbox.apiUrl}/orgs/org_acme/members`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${owner.body.accessToken}` },
      body: JSON.stringify({
        email: person.email,
        name: person.name,
        roleId: 'role_acme_member',
        temporaryPassword: `Quiet-Harbor-Lantern-${i}-Orbit`,
      }),
    });
    expect(response.status, `${person.email}: ${await response.clone().text()}`).toBe(201);
  }

  await openMembers(page, rig);
  await syncNow(page);
  for (const person of HOSTILE) {
    await searchMembers(page, person.email);
    const row = memberRow(page, person.email);
    await expect(row).toHaveCount(1);
    // The exact string is the row's text: nothing was parsed out of it.
    await expect(row).toContainText(person.name.trim().replace(/\s+/g, ' '));
    await row.click();
    const title = page.locator('#member-title');
    await expect(title).toHaveText(person.name.trim().replace(/\s+/g, ' '));
    // Long names stay inside the window (wrapped or clipped), never push the page sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${person.email}: horizontal overflow`).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '← Back to members' }).click();
    await expect(page.getByRole('grid', { name: 'Members' })).toBeVisible();
  }

  // Not one element came out of the names.
  const injected = await page.evaluate(() => ({
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned')).length,
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    links: document.querySelectorAll('a[href^="javascript:"]').length,
    bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'bold').length,
  }));
  expect(injected).toEqual({ scripts: 0, images: 0, svgs: 0, links: 0, bold: 0 });
  expect(await page.evaluate(() => (window as unknown as { __pwnedHits: unknown[] }).__pwnedHits)).toEqual([]);
  expect(dialogs).toEqual([]);
});
