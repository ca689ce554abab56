import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type WebSocket as PageSocket } from '@playwright/test';
import { writeLaunchPage } from '../electron/web-host/app-window';
import { memberRow, openMembers, startConsole, TEST_ADMIN_PASSWORD, type ConsoleRig } from './support/console';

/** The page's `window.nexus`, typed loosely here (its real type lives in the renderer's project). */
type NexusWindow = { nexus?: { host: string; invoke(command: string, input?: unknown): Promise<unknown> } };

/**
 * The console end to end through the browser host: its own sandbox (demo seed) and host on free
 * ports, Debian's Chromium, sign in as the owner, see the demo members — and on the way, check
 * what the shell promises: `window.nexus` from the bridge, the launch secret gone from the
 * address bar, and no token in any WebSocket frame the page receives.
 */
let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

test('browser host: sign in as owner@acme.test and see the demo members', async ({ page }) => {
  const received: string[] = [];
  const sockets: PageSocket[] = [];
  page.on('websocket', (socket) => {
    sockets.push(socket);
    socket.on('framereceived', (frame) => received.push(String(frame.payload)));
  });

  await openMembers(page, rig);
  for (const email of ['aisha.khan@acme.test', 'ben.carter@acme.test', 'chloe.dubois@acme.test']) {
    await expect(memberRow(page, email)).toBeVisible();
  }
  await expect(memberRow(page, 'aisha.khan@acme.test')).toContainText('Active');

  // The page talks to its own host over one socket; the bridge is the browser variant.
  expect(sockets.map((socket) => new URL(socket.url()).host)).toContain(`127.0.0.1:${rig.host.port}`);
  expect(await page.evaluate(() => (window as unknown as NexusWindow).nexus?.host)).toBe('browser');
  // The launch secret is taken out of the address bar as soon as the bridge starts.
  expect(page.url()).not.toContain('launch=');
  // Nothing but window.nexus: no raw socket or transport handle on the page.
  expect(await page.evaluate(() => Object.keys((window as unknown as NexusWindow).nexus ?? {}).sort())).toEqual([
    'host',
    'invoke',
    'on',
  ]);

  const frames = received.join('\n');
  expect(frames).toContain('owner@acme.test');
  expect(frames.match(/nx[a-z]_[A-Za-z0-9_-]{20,}/g)).toBeNull();
  expect(frames).not.toContain(TEST_ADMIN_PASSWORD);
});

test('browser host: a page without the launch secret gets no console', async ({ page }) => {
  const refused: string[] = [];
  page.on('websocket', (socket) => socket.on('socketerror', (error) => refused.push(error)));
  await page.goto(rig.host.origin);
  const error = await page.evaluate(async () => {
    try {
      await (window as unknown as NexusWindow).nexus?.invoke('session.status');
      return null;
    } catch (e) {
      return (e as { code?: string }).code ?? 'unknown';
    }
  });
  expect(error).toBe('host_unavailable');
  await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toHaveCount(0);
});

test('browser host: a launch link works once, for one tab; a reload still works; nothing stays in storage', async ({
  page,
  browser,
}) => {
  const link = rig.host.launchUrl();
  const code = new URL(link).hash.replace('#launch=', '');
  await page.goto(link);
  const signInScreen = page.getByRole('button', { name: 'Sign in' });
  await expect(signInScreen).toBeVisible();
  // Everything the page keeps, but Mantine's colour scheme (the Theme setting, not a credential).
  const stored = () =>
    page.evaluate(() => [
      ...Object.values({ ...sessionStorage }),
      ...Object.entries({ ...localStorage })
        .filter(([key]) => key !== 'mantine-color-scheme-value')
        .map(([, value]) => value),
      document.cookie,
    ]);
  expect((await stored()).join('\n')).not.toContain(code);

  // A reload of the same tab gets back in (its session token), without the spent code.
  await page.reload();
  await expect(signInScreen).toBeVisible();

  // Anyone else with the same link (another user who read it, a second tab) is refused, and told why.
  const other = await browser.newPage();
  await other.goto(link);
  await expect(other.getByText(/already been used/)).toBeVisible();
  await expect(other.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  await other.close();

  // When the host stops, the page drops its (now dead) session token.
  await expect.poll(async () => (await stored()).filter(Boolean).length).toBe(1);
  await rig.host.close();
  await expect.poll(async () => (await stored()).filter(Boolean).length).toBe(0);
});

test('browser host: the app window launch page (the link kept off the command line) opens the console', async ({
  page,
}) => {
  const profile = await mkdtemp(join(tmpdir(), 'nexus-e2e-window-'));
  try {
    const launchPage = await writeLaunchPage(profile, rig.host.launchUrl());
    expect(launchPage).toMatch(/^file:/);
    await page.goto(launchPage);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(page.url()).toBe(`${rig.host.origin}/`);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('browser host: clipboard.copySecret stays in the page and clears only if unchanged', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: `http://127.0.0.1:${rig.host.port}`,
  });
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
  // The bridge's clear timer runs on Playwright's clock: the spec moves it instead of sleeping.
  await page.clock.install();
  await page.goto(rig.host.launchUrl());
  await expect(page.getByRole('textbox', { name: 'Email' })).toBeVisible();

  type Bridge = {
    nexus: { invoke(c: string, i: unknown): Promise<unknown>; on(e: string, cb: (p: unknown) => void): () => void };
    clearedEvents: number;
  };
  await page.evaluate(() => {
    const bridge = window as unknown as Bridge;
    bridge.clearedEvents = 0;
    bridge.nexus.on('clipboard.cleared', () => bridge.clearedEvents++);
  });
  const copySecret = (text: string) =>
    page.evaluate(
      (secret) =>
        (window as unknown as Bridge).nexus.invoke('clipboard.copySecret', { text: secret, clearAfterMs: 1000 }),
      text,
    );
  // Two reads in a row: the second comes after whatever the clear timer's read-then-write did.
  const readClipboard = () =>
    page.evaluate(async () => {
      await navigator.clipboard.readText();
      return navigator.clipboard.readText();
    });

  await copySecret('Tmp-Secret-One-1');
  expect(await readClipboard()).toBe('Tmp-Secret-One-1');
  await page.clock.runFor(1000);
  await expect.poll(() => page.evaluate(() => (window as unknown as Bridge).clearedEvents)).toBe(1);
  expect(await readClipboard()).toBe('');

  // Second round: the admin copies something else before the timer fires.
  await copySecret('Tmp-Secret-Two-2');
  await page.evaluate(() => navigator.clipboard.writeText('something the admin copied'));
  await page.clock.runFor(1000);
  expect(await readClipboard()).toBe('something the admin copied');
  expect(await page.evaluate(() => (window as unknown as Bridge).clearedEvents)).toBe(1);
  // The secrets never went over the socket to the host.
  expect(sent.join('\n')).not.toContain('Tmp-Secret');
});
