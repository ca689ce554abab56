import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Opens the console in an installed Chromium or Chrome as an app window (no tabs, no address bar),
 * with its own throwaway profile so it shares nothing with the user's browsing.
 */
const candidates: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Microsoft\\Edge\\Application\\msedge.exe'),
  ],
};

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NEXUS_CHROMIUM && existsSync(env.NEXUS_CHROMIUM)) return env.NEXUS_CHROMIUM;
  return (candidates[process.platform] ?? []).find((path) => existsSync(path)) ?? null;
}

/**
 * The launch link must stay off the browser's command line (`/proc/<pid>/cmdline` is readable by
 * every local user): the window opens a page in its own profile folder (0700, from mkdtemp; the
 * file 0600) that moves on to the link. `location.replace` leaves no history entry to go back to.
 */
export async function writeLaunchPage(profileDir: string, launchUrl: string): Promise<string> {
  const path = join(profileDir, 'launch.html');
  const html = [
    '<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Nexus Admin</title>',
    `<script>location.replace(${JSON.stringify(launchUrl).replace(/</g, '\\u003c')});</script>`,
  ].join('\n');
  await writeFile(path, html, { mode: 0o600 });
  return pathToFileURL(path).href;
}

/** The browser's arguments: the launch page's file URL, never the launch link itself. */
export function appWindowArgs(launchPageUrl: string, profileDir: string): string[] {
  return [
    `--app=${launchPageUrl}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-sync',
  ];
}

export interface AppWindow {
  close(): Promise<void>;
}

export type OpenResult = { opened: true; window: AppWindow } | { opened: false; reason: string };

export async function openAppWindow(launchUrl: string): Promise<OpenResult> {
  const browser = findChromium();
  if (!browser) return { opened: false, reason: 'no Chromium or Chrome is installed' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { opened: false, reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  const profile = await mkdtemp(join(tmpdir(), 'nexus-admin-window-'));
  const launchPage = await writeLaunchPage(profile, launchUrl);
  const child: ChildProcess = spawn(browser, appWindowArgs(launchPage, profile), { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => undefined);
  return {
    opened: true,
    window: {
      async close() {
        if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
        await rm(profile, { recursive: true, force: true });
      },
    },
  };
}
