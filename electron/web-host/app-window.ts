import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export interface AppWindow {
  close(): Promise<void>;
}

export type OpenResult = { opened: true; window: AppWindow } | { opened: false; reason: string };

export async function openAppWindow(url: string): Promise<OpenResult> {
  const browser = findChromium();
  if (!browser) return { opened: false, reason: 'no Chromium or Chrome is installed' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { opened: false, reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  const profile = await mkdtemp(join(tmpdir(), 'nexus-admin-window-'));
  const child: ChildProcess = spawn(
    browser,
    [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check', '--disable-sync'],
    { stdio: 'ignore' },
  );
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
