import { commands } from '../../shared/contract/commands';
import { ConsoleError, fieldErrorsFromZod, type CommandResult } from '../../shared/contract/errors';
import { createNexusBridge } from '../../shared/shell/nexus-bridge';
import { createSecretClipboard } from '../../shared/shell/secret-clipboard';
import { LAUNCH_PROTOCOL_PREFIX, WS_PATH, WS_PROTOCOL, type HostFrame } from './bridge-protocol';

/**
 * The page side of the browser host: the same `window.nexus` as the Electron preload, over the
 * loopback WebSocket. Bundled as a classic script and loaded before the renderer. The launch
 * secret comes from the URL fragment, is moved out of the address bar at once, and is kept in
 * sessionStorage only so a reload of this tab reconnects.
 */
const SECRET_KEY = 'nexus.launch';

/**
 * The browser APIs this script uses. electron/ is type-checked as Node code (no DOM lib), so the
 * page's globals are described here rather than pulling the DOM types into every Node file.
 */
interface BrowserSocket {
  readonly readyState: number;
  send(data: string): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (message: { data: unknown }) => void): void;
}
interface BrowserGlobals {
  location: { hash: string; pathname: string; search: string; host: string };
  history: { replaceState(data: null, unused: string, url: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
  WebSocket: new (url: string, protocols: string[]) => BrowserSocket;
  addEventListener(type: 'pagehide', listener: () => void): void;
  setTimeout(callback: () => void, ms: number): unknown;
}
const { location, history, sessionStorage, navigator } = globalThis as unknown as BrowserGlobals;
const page = globalThis as unknown as BrowserGlobals;

function takeLaunchSecret(): string | null {
  const match = /(?:^#|&)launch=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(SECRET_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return sessionStorage.getItem(SECRET_KEY);
}

const hostUnavailable = (): CommandResult<never> => ({
  ok: false,
  error: {
    code: 'host_unavailable',
    message:
      'The console lost its connection to Nexus Admin on this computer. Start it again (npm run start:web) and open the new link.',
  },
});

const secret = takeLaunchSecret();
const listeners = new Set<(event: string, payload: unknown) => void>();
const pending = new Map<number, (result: CommandResult<unknown>) => void>();
let nextId = 1;
let socket: BrowserSocket | null = null;
let opened: Promise<BrowserSocket | null> | null = null;
let retryMs = 500;

function emit(event: string, payload: unknown): void {
  for (const listener of [...listeners]) listener(event, payload);
}

function connect(): Promise<BrowserSocket | null> {
  if (!secret) return Promise.resolve(null);
  opened ??= new Promise((resolve) => {
    const ws = new page.WebSocket(`ws://${location.host}${WS_PATH}`, [WS_PROTOCOL, LAUNCH_PROTOCOL_PREFIX + secret]);
    ws.addEventListener('open', () => {
      socket = ws;
      retryMs = 500;
      resolve(ws);
    });
    ws.addEventListener('message', (message) => {
      let frame: HostFrame;
      try {
        frame = JSON.parse(String(message.data)) as HostFrame;
      } catch {
        return;
      }
      if (frame.type === 'event') emit(frame.event, frame.payload);
      else if (frame.type === 'result') {
        pending.get(frame.id)?.(frame.result as CommandResult<unknown>);
        pending.delete(frame.id);
      }
    });
    ws.addEventListener('close', () => {
      socket = null;
      opened = null;
      resolve(null);
      for (const settle of pending.values()) settle(hostUnavailable());
      pending.clear();
      // Keep trying in the background so events resume if the host comes back with this secret.
      page.setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    });
  });
  return opened;
}

const clipboard = createSecretClipboard({
  clipboard: {
    readText: () => navigator.clipboard.readText(),
    writeText: (text) => navigator.clipboard.writeText(text),
  },
  onCleared: (at) => emit('clipboard.cleared', { at: at.toISOString() }),
});
page.addEventListener('pagehide', () => void clipboard.flush());

const nexus = createNexusBridge({
  host: 'browser',
  transport: {
    async call(command, input) {
      const ws = socket ?? (await connect());
      if (!ws) return hostUnavailable();
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'call', id, command, input }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      void connect();
      return () => listeners.delete(listener);
    },
  },
  local: {
    // Served in the page: the secret never travels to the host.
    async 'clipboard.copySecret'(input) {
      const parsed = commands['clipboard.copySecret'].input.safeParse(input);
      if (!parsed.success) {
        throw new ConsoleError({
          code: 'invalid_input',
          message: 'Some fields are not valid.',
          fields: fieldErrorsFromZod(parsed.error),
        });
      }
      return clipboard.copy(parsed.data.text, parsed.data.clearAfterMs);
    },
  },
});

Object.defineProperty(globalThis, 'nexus', {
  value: Object.freeze(nexus),
  writable: false,
  configurable: false,
  enumerable: true,
});
void connect();
