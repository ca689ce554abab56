import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { openMembers, startConsole, type ConsoleRig } from './support/console';

/**
 * A console tab must never look connected while its browser host is gone: the host stopped and
 * started again (the rig's host, in this process), killed without a goodbye and started again on
 * the same port, or frozen with the socket open (a real `npm run start:web` process, SIGKILL and
 * SIGSTOP). The page's heartbeat is shortened by an init script instead of waiting 20 s.
 */
type NexusWindow = { nexus: { invoke(command: string, input?: unknown): Promise<unknown> } };

let rig: ConsoleRig;
const children: ChildProcess[] = [];
test.beforeEach(async ({ page }) => {
  rig = await startConsole();
  await page.addInitScript(() => {
    (globalThis as { __nexusBridgeTimings?: unknown }).__nexusBridgeTimings = {
      heartbeat: { idleMs: 500, answerMs: 1_500 },
      connectTimeoutMs: 2_000,
    };
  });
});
test.afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
  }
  await rig.close();
});

/** What a command answers now, and how long it took (never a hang). */
async function tryCommand(page: Page, command: string) {
  return page.evaluate(async (name) => {
    const started = performance.now();
    try {
      await (window as unknown as NexusWindow).nexus.invoke(name);
      return { code: 'ok', message: '', ms: performance.now() - started };
    } catch (error) {
      const { code, message } = error as { code: string; message: string };
      return { code, message, ms: performance.now() - started };
    }
  }, command);
}

const banner = (page: Page, title: string) => page.getByRole('alert').filter({ hasText: title });

/**
 * The banner takes its place at the top of the page: `under` starts below it and nothing covers
 * its middle (the page is inert, so hit testing finds it or, through it, one of its ancestors).
 */
async function expectNotCovered(alert: Locator, under: Locator) {
  const [top, below] = [await alert.boundingBox(), await under.boundingBox()];
  expect(top && below && below.y >= top.y + top.height - 0.5, 'below the banner').toBe(true);
  const shown = await under.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return hit !== null && (element.contains(hit) || hit.contains(element));
  });
  expect(shown, 'nothing over it').toBe(true);
}

/** Scrolled to the bottom of a page longer than the window, the banner is still wholly at the top. */
async function expectBannerStaysInView(page: Page, alert: Locator) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY), 'the page is longer than the window').toBeGreaterThan(0);
  await expect(alert).toBeInViewport({ ratio: 1 });
}

test('the host stopped and started again: the tab says so at once, its actions are disabled, and the new link works', async ({
  page,
}) => {
  await openMembers(page, rig);
  const syncNow = page.getByRole('status', { name: 'Sync status' }).getByRole('button', { name: 'Sync now' });
  await expect(syncNow).toBeEnabled();

  await rig.restartHost();
  await expect(banner(page, 'The console stopped')).toContainText('Start it again (npm start) and open the new link');
  await expect(syncNow).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Add Member' })).toBeDisabled();
  // At the top of the page, the console's header and view under it (also at 1024×700).
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectNotCovered(banner(page, 'The console stopped'), page.locator('header'));
  await expectNotCovered(banner(page, 'The console stopped'), page.getByRole('heading', { name: 'Members' }));
  // The banner has the focus; the page under it cannot be reached (no dead controls to tab through).
  await expect(banner(page, 'The console stopped')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('fieldset :focus')).toHaveCount(0);
  await expectAccessible(page, 'the console with its host gone');
  const failed = await tryCommand(page, 'sync.now');
  expect(failed).toMatchObject({ code: 'host_unavailable', message: expect.stringMatching(/was stopped/) });

  await page.goto(rig.host.launchUrl());
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(syncNow).toBeEnabled();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * `npm run start:web -- --no-open` as its own process; resolves with its one-time link. Without
 * a keychain (no D-Bus session) its sign-in screen starts with the keychain notice.
 */
async function startHostProcess(
  port: number,
  dataDir: string,
  options: { keychain?: boolean } = {},
): Promise<{ child: ChildProcess; link: string }> {
  const root = resolve(import.meta.dirname, '..');
  const env: NodeJS.ProcessEnv = { ...process.env, NEXUS_API_URL: rig.sandbox.url };
  if (options.keychain === false) delete env.DBUS_SESSION_BUS_ADDRESS;
  const child = spawn(
    join(root, 'node_modules/.bin/node'),
    ['--import', 'tsx', 'electron/web-host/cli.ts', '--no-open', '--port', String(port), '--data', dataDir],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  const link = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString();
      const found = /(http:\/\/127\.0\.0\.1:\d+\/#launch=[\w-]+)/.exec(out);
      if (found?.[1]) done(found[1]);
    });
    child.stderr?.resume();
    child.on('exit', (code) => fail(new Error(`the host exited (${code}) before printing its link: ${out}`)));
  });
  return { child, link };
}

test('a host killed without a goodbye and started again on the same port: the tab says it was restarted, never reconnects silently', async ({
  page,
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nexus-e2e-restart-'));
  try {
    const port = await freePort();
    const first = await startHostProcess(port, dataDir, { keychain: false });
    await page.goto(first.link);
    const signIn = page.getByRole('button', { name: 'Sign in' });
    await expect(signIn).toBeEnabled();
    const notice = page.getByTestId('secret-store-notice');
    await expect(notice).toBeVisible();

    first.child.kill('SIGKILL');
    const lost = banner(page, 'Lost connection to the console');
    await expect(lost).toBeVisible();
    await expect(lost).toContainText('Trying to reconnect');
    await expect(signIn).toBeDisabled();
    // The sign-in screen moves down under the banner: its title and the keychain notice show in full.
    await page.setViewportSize({ width: 1024, height: 600 });
    await expectNotCovered(lost, page.getByRole('heading', { name: 'Nexus Admin' }));
    await expectNotCovered(lost, notice);
    await expectBannerStaysInView(page, lost);
    await expectAccessible(page, 'the sign-in screen with its host gone');
    expect(await tryCommand(page, 'session.status')).toMatchObject({ code: 'host_unavailable' });

    await startHostProcess(port, dataDir, { keychain: false });
    // The page's retry reaches the new host, which never issued this tab's session token.
    await expect(banner(page, 'The console was restarted')).toContainText('Open the new link');
    await expect(signIn).toBeDisabled();
    expect(await tryCommand(page, 'session.status')).toMatchObject({
      code: 'host_unavailable',
      message: expect.stringMatching(/was restarted/),
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a frozen host (socket open, no answers): the heartbeat says so, calls fail instead of hanging, and the tab reconnects when it wakes', async ({
  page,
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nexus-e2e-freeze-'));
  try {
    const host = await startHostProcess(await freePort(), dataDir);
    await page.goto(host.link);
    const signIn = page.getByRole('button', { name: 'Sign in' });
    await expect(signIn).toBeEnabled();
    const email = page.getByRole('textbox', { name: 'Email' });
    await email.focus();

    host.child.kill('SIGSTOP');
    const call = tryCommand(page, 'session.status');
    await expect(banner(page, 'The console is not answering')).toBeVisible();
    await expect(banner(page, 'The console is not answering')).toBeFocused();
    await expect(signIn).toBeDisabled();
    expect(await call).toMatchObject({ code: 'host_unavailable' });

    host.child.kill('SIGCONT');
    await expect(page.getByRole('alert')).toHaveCount(0, { timeout: 20_000 });
    await expect(signIn).toBeEnabled();
    // Back where the admin was, not on the page's body.
    await expect(email).toBeFocused();
    expect(await tryCommand(page, 'session.status')).toMatchObject({ code: 'ok' });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
