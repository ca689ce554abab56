import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appWindowArgs, writeLaunchPage, type OpenResult } from './app-window';
import { launchConsole } from './launch-console';

/**
 * What reaches a command line and the terminal. Another local user can read any process's
 * arguments (`/proc/<pid>/cmdline`), so the launch link must not be among the browser's; what is
 * printed must open nothing that the window has not already spent.
 */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexus-launch-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const LAUNCH = /launch=/;
let minted = 0;
const fakeHost = {
  origin: 'http://127.0.0.1:4321',
  launchUrl: () => `http://127.0.0.1:4321/#launch=code${++minted}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
};

describe('app window', () => {
  it('the browser is started with a private launch page, never with the launch link', async () => {
    const url = fakeHost.launchUrl();
    const page = await writeLaunchPage(dir, url);
    const args = appWindowArgs(page, dir);
    expect(args.join(' ')).not.toMatch(LAUNCH);
    expect(args).toContain(`--app=${page}`);
    const path = fileURLToPath(page);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const html = await readFile(path, 'utf8');
    expect(html).toContain(`location.replace(${JSON.stringify(url)})`);
  });

  it('a launch link cannot close the launch page script early', async () => {
    const page = await writeLaunchPage(dir, 'http://127.0.0.1:1/#launch=</script><script>alert(1)</script>');
    expect(await readFile(fileURLToPath(page), 'utf8')).not.toContain('</script><script>');
  });
});

describe('what the terminal gets', () => {
  it('with a window open: the bare address, no code; the window got its own code', async () => {
    const lines: string[] = [];
    const opened: string[] = [];
    const openWindow = async (url: string): Promise<OpenResult> => {
      opened.push(url);
      return { opened: true, window: { close: async () => undefined } };
    };
    const window = await launchConsole({ host: fakeHost, open: true, print: (line) => lines.push(line), openWindow });
    expect(window).not.toBeNull();
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(LAUNCH);
    expect(lines.join('\n')).not.toMatch(LAUNCH);
    expect(lines[0]).toBe('Nexus Admin console: opened in its own window (http://127.0.0.1:4321).');
  });

  it('without a window: a one-time link, and why there is no window', async () => {
    const lines: string[] = [];
    const openWindow = async (): Promise<OpenResult> => ({
      opened: false,
      reason: 'no Chromium or Chrome is installed',
    });
    expect(
      await launchConsole({ host: fakeHost, open: true, print: (line) => lines.push(line), openWindow }),
    ).toBeNull();
    expect(lines[0]).toMatch(/^Nexus Admin console: http:\/\/127\.0\.0\.1:4321\/#launch=/);
    expect(lines[1]).toMatch(/no Chromium or Chrome is installed.*works once/);
  });
});
