import type { CommandName } from '../../shared/contract/commands';
import type { CommandResult } from '../../shared/contract/errors';
import { START_UP_CALLS, startEarlyCalls } from '../../shared/shell/early-calls';
import {
  CLOSE_HOST_STOPPED,
  CLOSE_IN_USE,
  CLOSE_MESSAGES,
  CLOSE_NOT_VALID,
  CLOSE_REPLACED,
  LAUNCH_PROTOCOL_PREFIX,
  WS_PATH,
  WS_PROTOCOL,
  type HostFrame,
} from './bridge-protocol';

/**
 * The page's loopback WebSocket to the host: calls out, answers and events in, reconnecting in
 * the background. The one-time launch code comes from the URL fragment, is moved out of the
 * address bar at once and is never stored (it is spent by the first connection anyway). The host
 * answers with a session token for this tab, kept in sessionStorage only so a reload of this tab
 * gets back in; it is replaced on every connection, refused while another window holds the
 * console, dropped when the host says goodbye, and worthless once the host stops.
 *
 * Nothing here may import zod or the contract tables: `bridge-start.ts` opens the connection
 * and sends the start-up calls before the rest of the bridge script (and the renderer) evaluate.
 */
const SESSION_KEY = 'nexus.session';
/** Close codes after which trying again cannot help: say why and stop. */
const FINAL_CLOSES = new Set([CLOSE_NOT_VALID, CLOSE_IN_USE, CLOSE_REPLACED, CLOSE_HOST_STOPPED]);
/** Close codes after which the stored session token is dead. */
const TOKEN_DEAD_CLOSES = new Set([CLOSE_NOT_VALID, CLOSE_REPLACED, CLOSE_HOST_STOPPED]);

/**
 * The browser APIs used. electron/ is type-checked as Node code (no DOM lib), so the page's
 * globals are described here rather than pulling the DOM types into every Node file.
 */
interface BrowserSocket {
  readonly readyState: number;
  send(data: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { code: number }) => void): void;
  addEventListener(type: 'message', listener: (message: { data: unknown }) => void): void;
}
export interface BrowserGlobals {
  location: { hash: string; pathname: string; search: string; host: string };
  history: { replaceState(data: null, unused: string, url: string): void };
  sessionStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
  };
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

const LOST_CONNECTION =
  'The console lost its connection to Nexus Admin on this computer. Start it again (npm run start:web) and open the new link.';
const hostUnavailable = (message = LOST_CONNECTION): CommandResult<never> => ({
  ok: false,
  error: { code: 'host_unavailable', message },
});

export function openBridgeConnection(page: BrowserGlobals): BridgeConnection {
  const { location, history, sessionStorage } = page;
  /** The launch code of this page load, until the host has spent it. */
  let launchCode = takeLaunchCode();
  /** Why the host refused or ended this page's socket, when it said so; no more retries then. */
  let refusal: string | null = null;
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const pending = new Map<number, (result: CommandResult<unknown>) => void>();
  let nextId = 1;
  let socket: BrowserSocket | null = null;
  let opened: Promise<BrowserSocket | null> | null = null;
  let retryMs = 500;

  function takeLaunchCode(): string | null {
    const match = /(?:^#|&)launch=([A-Za-z0-9_-]+)/.exec(location.hash);
    if (!match?.[1]) return null;
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }

  /** A fresh launch code wins (a new launch); otherwise this tab's session token, if any. */
  function credential(): string | null {
    return launchCode ?? sessionStorage.getItem(SESSION_KEY);
  }

  function emit(event: string, payload: unknown): void {
    for (const listener of [...listeners]) listener(event, payload);
  }

  function connect(): Promise<BrowserSocket | null> {
    const key = credential();
    if (!key || refusal) return Promise.resolve(null);
    opened ??= new Promise((resolve) => {
      const ws = new page.WebSocket(`ws://${location.host}${WS_PATH}`, [WS_PROTOCOL, LAUNCH_PROTOCOL_PREFIX + key]);
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
        if (frame.type === 'session') {
          launchCode = null;
          sessionStorage.setItem(SESSION_KEY, frame.token);
        } else if (frame.type === 'event') {
          early?.onEvent(frame.event);
          emit(frame.event, frame.payload);
        } else if (frame.type === 'result') {
          pending.get(frame.id)?.(frame.result as CommandResult<unknown>);
          pending.delete(frame.id);
        }
      });
      ws.addEventListener('close', (event) => {
        socket = null;
        opened = null;
        early?.clear();
        if (FINAL_CLOSES.has(event.code)) {
          refusal = CLOSE_MESSAGES[event.code] ?? LOST_CONNECTION;
          launchCode = null;
          if (TOKEN_DEAD_CLOSES.has(event.code)) sessionStorage.removeItem(SESSION_KEY);
        }
        resolve(null);
        for (const settle of pending.values()) settle(hostUnavailable(refusal ?? LOST_CONNECTION));
        pending.clear();
        if (refusal) return;
        // Keep trying in the background so events resume if the host comes back.
        page.setTimeout(() => void connect(), retryMs);
        retryMs = Math.min(retryMs * 2, 10_000);
      });
    });
    return opened;
  }

  async function send(command: CommandName, input: unknown): Promise<CommandResult<unknown>> {
    const ws = socket ?? (await connect());
    if (!ws) return hostUnavailable(refusal ?? LOST_CONNECTION);
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ type: 'call', id, command, input }));
    });
  }

  // Start-up calls go out now, while the renderer's bundle is still loading; see early-calls.ts.
  const early = credential() ? startEarlyCalls(send, START_UP_CALLS) : null;

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
