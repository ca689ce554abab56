import type { CommandName } from '../../shared/contract/commands';
import type { CommandResult } from '../../shared/contract/errors';
import { START_UP_CALLS, startEarlyCalls } from '../../shared/shell/early-calls';
import { LAUNCH_PROTOCOL_PREFIX, WS_PATH, WS_PROTOCOL, type HostFrame } from './bridge-protocol';

/**
 * The page's loopback WebSocket to the host: calls out, answers and events in, reconnecting in
 * the background. The launch secret comes from the URL fragment, is moved out of the address
 * bar at once, and is kept in sessionStorage only so a reload of this tab reconnects.
 *
 * Nothing here may import zod or the contract tables: `bridge-start.ts` opens the connection
 * and sends the start-up calls before the rest of the bridge script (and the renderer) evaluate.
 */
const SECRET_KEY = 'nexus.launch';

/**
 * The browser APIs used. electron/ is type-checked as Node code (no DOM lib), so the page's
 * globals are described here rather than pulling the DOM types into every Node file.
 */
interface BrowserSocket {
  readonly readyState: number;
  send(data: string): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (message: { data: unknown }) => void): void;
}
export interface BrowserGlobals {
  location: { hash: string; pathname: string; search: string; host: string };
  history: { replaceState(data: null, unused: string, url: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
  WebSocket: new (url: string, protocols: string[]) => BrowserSocket;
  addEventListener(type: 'pagehide', listener: () => void): void;
  setTimeout(callback: () => void, ms: number): unknown;
}

export interface BridgeConnection {
  /** A call to core; the very first calls may be answered from what was sent at start-up. */
  call(command: CommandName, input: unknown): Promise<CommandResult<unknown>>;
  /** Every event from the host, until the returned function is called. */
  listen(listener: (event: string, payload: unknown) => void): () => void;
  /** Page-side events (the clipboard) go to the same listeners. */
  emit(event: string, payload: unknown): void;
}

const hostUnavailable = (): CommandResult<never> => ({
  ok: false,
  error: {
    code: 'host_unavailable',
    message:
      'The console lost its connection to Nexus Admin on this computer. Start it again (npm run start:web) and open the new link.',
  },
});

export function openBridgeConnection(page: BrowserGlobals): BridgeConnection {
  const { location, history, sessionStorage } = page;
  const secret = takeLaunchSecret();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const pending = new Map<number, (result: CommandResult<unknown>) => void>();
  let nextId = 1;
  let socket: BrowserSocket | null = null;
  let opened: Promise<BrowserSocket | null> | null = null;
  let retryMs = 500;

  function takeLaunchSecret(): string | null {
    const match = /(?:^#|&)launch=([A-Za-z0-9_-]+)/.exec(location.hash);
    if (match?.[1]) {
      sessionStorage.setItem(SECRET_KEY, match[1]);
      history.replaceState(null, '', location.pathname + location.search);
      return match[1];
    }
    return sessionStorage.getItem(SECRET_KEY);
  }

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
        if (frame.type === 'event') {
          early?.onEvent(frame.event);
          emit(frame.event, frame.payload);
        } else if (frame.type === 'result') {
          pending.get(frame.id)?.(frame.result as CommandResult<unknown>);
          pending.delete(frame.id);
        }
      });
      ws.addEventListener('close', () => {
        socket = null;
        opened = null;
        early?.clear();
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

  async function send(command: CommandName, input: unknown): Promise<CommandResult<unknown>> {
    const ws = socket ?? (await connect());
    if (!ws) return hostUnavailable();
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ type: 'call', id, command, input }));
    });
  }

  // Start-up calls go out now, while the renderer's bundle is still loading; see early-calls.ts.
  const early = secret ? startEarlyCalls(send, START_UP_CALLS) : null;

  return {
    call: (command, input) => early?.take(command, input) ?? send(command, input),
    listen(listener) {
      listeners.add(listener);
      void connect();
      return () => listeners.delete(listener);
    },
    emit,
  };
}
