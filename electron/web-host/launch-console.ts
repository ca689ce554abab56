import { openAppWindow, type AppWindow, type OpenResult } from './app-window';
import type { WebHost } from './web-host';

/**
 * What `npm start` / `npm run start:web` do once the host is up: open the app window with a
 * one-time launch code, and print on the admin's own terminal only what is safe there.
 * - Window opened: its code is spent by that window; the terminal gets the bare address (which
 *   opens nothing by itself), so scrollback, a shared screen or a pasted log give nobody the console.
 * - No window (`--no-open`, no Chromium, no display): the terminal gets a one-time link, the only
 *   way in. Whoever opens it first has the console; any later use is refused and says so.
 */
export interface LaunchConsoleOptions {
  host: Pick<WebHost, 'origin' | 'launchUrl'>;
  open: boolean;
  /** The console's one stdout line, and notes for the admin. */
  print: (line: string) => void;
  openWindow?: (launchUrl: string) => Promise<OpenResult>;
}

export async function launchConsole(options: LaunchConsoleOptions): Promise<AppWindow | null> {
  const { host, print } = options;
  let reason = 'you asked not to open one (--no-open)';
  if (options.open) {
    const result = await (options.openWindow ?? openAppWindow)(host.launchUrl());
    if (result.opened) {
      print(`Nexus Admin console: opened in its own window (${host.origin}).`);
      return result.window;
    }
    reason = result.reason;
  }
  print(`Nexus Admin console: ${host.launchUrl()}`);
  print(
    `Not opening a window: ${reason}. Open the link above in Chromium or Chrome: it works once, for one tab (a reload of that tab still works).`,
  );
  return null;
}
