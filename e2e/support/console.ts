import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { createKeyringSecretStore } from '../../electron/core/secrets/keyring-secret-store';
import { startWebHost, type WebHost } from '../../electron/web-host/web-host';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../../sandbox/testing';

export { TEST_ADMIN_PASSWORD };

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

export interface ConsoleRig {
  sandbox: Sandbox;
  sandboxPort: number;
  sandboxDir: string;
  host: WebHost;
  hostDir: string;
  /** Stops the sandbox but keeps its data, so it can come back on the same port. */
  stopSandbox(): Promise<void>;
  startSandbox(): Promise<void>;
  /** A new host on the same data dir: "restart the console". */
  restartHost(): Promise<void>;
  /**
   * Moves the clock the sandbox and the console's core share forward, instead of waiting (the
   * page's own timers are Playwright's `page.clock`).
   */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/**
 * A sandbox (demo seed) and a browser host on free ports with fresh data dirs, driven through
 * `out/web` (the host rebuilds it with its bridge script when stale). Sync is manual (**Sync now**) so specs decide when it happens.
 */
export async function startConsole(
  options: {
    syncIntervalMs?: number;
    /** How often an idle console checks the server still answers (off unless set, like periodic sync). */
    reachabilityProbeMs?: number;
    /** A keychain service name of the spec's own (a real user's keyring must never see test entries). */
    keychainService?: string;
    /** The sandbox's seed: the demo org, or `large:N` for N more members in Acme. */
    seed?: 'demo' | `large:${number}`;
  } = {},
): Promise<ConsoleRig> {
  const sandboxDir = await mkdtemp(join(tmpdir(), 'nexus-e2e-sandbox-'));
  const hostDir = await mkdtemp(join(tmpdir(), 'nexus-e2e-host-'));
  // One clock for the sandbox and core: real time plus what the spec has skipped.
  let skippedMs = 0;
  const now = () => new Date(Date.now() + skippedMs);
  let sandbox: Sandbox | null = await startTestSandbox({ dataDir: sandboxDir, now, seed: options.seed ?? 'demo' });
  const sandboxUrl = sandbox.url;
  const sandboxPort = Number(new URL(sandboxUrl).port);
  // A new secret store per start, as a new process would have: what was held in memory is gone.
  const open = () =>
    startWebHost({
      dataDir: hostDir,
      defaultServerUrl: sandboxUrl,
      syncIntervalMs: options.syncIntervalMs ?? 0,
      ...(options.reachabilityProbeMs !== undefined ? { reachabilityProbeMs: options.reachabilityProbeMs } : {}),
      // Hermetic: never the machine's /etc/nexus-admin/policies.json; specs write this file to set policies.
      policyFile: join(hostDir, 'policies.json'),
      now,
      ...(options.keychainService
        ? { secretStore: createKeyringSecretStore({ service: options.keychainService }) }
        : {}),
    });
  let host = await open();
  const rig: ConsoleRig = {
    get sandbox() {
      if (!sandbox) throw new Error('The sandbox is stopped');
      return sandbox;
    },
    sandboxPort,
    sandboxDir,
    get host() {
      return host;
    },
    hostDir,
    async stopSandbox() {
      await sandbox?.close();
      sandbox = null;
    },
    async startSandbox() {
      sandbox = await startTestSandbox({ dataDir: sandboxDir, port: sandboxPort, now });
    },
    async restartHost() {
      await host.close();
      host = await open();
    },
    advanceClock(ms) {
      skippedMs += ms;
    },
    async close() {
      await host.close().catch(() => undefined);
      await sandbox?.close().catch(() => undefined);
      await rm(sandboxDir, { recursive: true, force: true });
      await rm(hostDir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Signs in from the sign-in screen; the server URL is prefilled with the sandbox. */
export async function signIn(page: Page, rig: ConsoleRig, email = 'owner@acme.test', password = TEST_ADMIN_PASSWORD) {
  await page.goto(rig.host.launchUrl());
  await expect(page.getByRole('textbox', { name: 'Server URL' })).toHaveValue(rig.sandbox.url);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the members list of Acme. */
export async function openMembers(page: Page, rig: ConsoleRig, email = 'owner@acme.test') {
  await signIn(page, rig, email);
  const org = page.getByRole('listitem').filter({ hasText: /^Acme\b/ });
  // The owner belongs to several orgs: pick Acme when asked.
  await expect(
    page.getByRole('heading', { name: 'Members' }).or(page.getByRole('heading', { name: 'Choose an organization' })),
  ).toBeVisible();
  if (await page.getByRole('heading', { name: 'Choose an organization' }).isVisible()) {
    await org.first().getByRole('button').click();
  }
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Members' })).toBeVisible();
}

export function memberRow(page: Page, email: string) {
  return page.getByRole('row').filter({ hasText: email });
}

/**
 * Signs out through the header's **Sign out** and its dialog. With changes not sent yet the
 * dialog asks what to do with them: `queued` answers it (keep by default).
 */
export async function signOutFromHeader(
  page: Page,
  options: { queued?: 'keep' | 'discard'; removeLocalData?: boolean } = {},
) {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out' });
  const confirm = dialog.getByRole('button', { name: 'Sign out' });
  await expect(confirm).toBeVisible();
  const keep = dialog.getByRole('radio', { name: /^Keep them/ });
  if (await keep.isVisible()) {
    await (options.queued === 'discard' ? dialog.getByRole('radio', { name: /^Discard them/ }) : keep).check();
  }
  if (options.removeLocalData) await dialog.getByRole('checkbox', { name: /Remove this computer/ }).check();
  await confirm.click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

/** Clicks **Sync now** and waits until core reports it is idle again. */
export async function syncNow(page: Page) {
  const status = page.getByRole('status', { name: 'Sync status' });
  await status.getByRole('button', { name: 'Sync now' }).click();
  await expect(status).toContainText(/Synced/, { timeout: 20_000 });
}

/** Types in the search box and waits until the list shows that search's answer. */
export async function searchMembers(page: Page, text: string) {
  await page.getByRole('searchbox', { name: 'Search members' }).fill(text);
  await page.waitForTimeout(400); // the search box is debounced
  const grid = page.getByRole('grid', { name: 'Members' });
  await expect(grid.and(page.locator('[aria-busy="false"]')).or(page.getByTestId('members-empty'))).toBeVisible();
}

/**
 * Closes the show-once credentials dialog with **Done**; when the password was not copied the
 * console asks first, and this answers **Close without copying**.
 */
export async function closeCredentials(page: Page) {
  await page.getByRole('button', { name: 'Done' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Close without copying the password?' });
  await ask.getByRole('button', { name: 'Close without copying' }).click();
}
