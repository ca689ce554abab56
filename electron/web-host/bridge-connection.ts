import type { CommandName } from '../../shared/contract/commands';
import type { CommandResult } from '../../shared/contract/errors';
import type { HostConnection } from '../../shared/contract/host-connection';
import { START_UP_CALLS, startEarlyCalls } from '../../shared/shell/early-calls';
import { DEFAULT_HEARTBEAT, startHeartbeat, type Heartbeat, type HeartbeatOptions } from './bridge-heartbeat';
import {
  CLOSE_HOST_STOPPED,
  CLOSE_IN_USE,
  CLOSE_MESSAGES,
  CLOSE_NOT_VALID,
  CLOSE_REPLACED,
  HOST_LOST_MESSAGE,
  HOST_RESTARTED_MESSAGE,
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
  close(): void;
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
  clearTimeout(handle: unknown): void;
}

export interface BridgeConnection {
  /** A call to core; the very first calls may be answered from what was sent at start-up. */
  call(command: CommandName, input: unknown): Promise<CommandResult<unknown>>;
  /** Every event from the host, until the returned function is called. */
  listen(listener: (event: string, payload: unknown) => void): () => void;
  /** Page-side events (the clipboard) go to the same listeners. */
  emit(event: string, payload: unknown): void;
}

/**
 * The page's own `host.connection` event (shared/contract/host-connection.ts), sent once this
 * page has had the console and its link to the host changes: `lost` (closed or not answering;
 * retrying in the background, which helps only if the same host is still running) or `ended`
 * (the host stopped, was restarted, or gave the console to another window: only a new link helps).
 */
export type HostLinkState = HostConnection;
export const HOST_CONNECTION_EVENT = 'host.connection';

export interface BridgeConnectionOptions {
  heartbeat?: HeartbeatOptions;
  /** A call waits this long at most for a socket (a frozen host accepts TCP, then answers nothing). */
  connectTimeoutMs?: number;
}

const END_REASONS: Record<number, Extract<HostLinkState, { state: 'ended' }>['reason']> = {
  [CLOSE_HOST_STOPPED]: 'stopped',
  [CLOSE_IN_USE]: 'in_use',
  [CLOSE_REPLACED]: 'replaced',
  [CLOSE_NOT_VALID]: 'not_valid',
};

const LOST_CONNECTION = HOST_LOST_MESSAGE;
const hostUnavailable = (message = LOST_CONNECTION): CommandResult<never> => ({
  ok: false,
  error: { code: 'host_unavailable', message },
});

export function openBridgeConnection(page: BrowserGlobals, options: BridgeConnectionOptions = {}): BridgeConnection {
  const { location, history, sessionStorage } = page;
  const heartbeatOptions = options.heartbeat ?? DEFAULT_HEARTBEAT;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
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
  /** Set once the host admitted this page: from then on every change of the link is announced. */
  let link: HostLinkState | null = null;

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

  function announce(next: HostLinkState): void {
    if (link === null && next.state !== 'connected') return;
    if (link?.state === next.state && link.reason === next.reason) return;
    link = next;
    emit(HOST_CONNECTION_EVENT, next);
  }

  function connect(): Promise<BrowserSocket | null> {
    const key = credential();
    if (!key || refusal) return Promise.resolve(null);
    const offeredSessionToken = key !== launchCode;
    opened ??= new Promise((resolve) => {
      const ws = new page.WebSocket(`ws://${location.host}${WS_PATH}`, [WS_PROTOCOL, LAUNCH_PROTOCOL_PREFIX + key]);
      let heartbeat: Heartbeat | null = null;
      let finished = false;
      /** The socket is over (closed, or dead without saying so): settle everything once. */
      const finish = (code: number | 'dead') => {
        if (finished) return;
        finished = true;
        heartbeat?.stop();
        if (socket === ws) socket = null;
        opened = null;
        early?.clear();
        const endReason = typeof code === 'number' && FINAL_CLOSES.has(code) ? END_REASONS[code] : undefined;
        if (typeof code === 'number' && endReason) {
          // A session token refused as unknown: the host that issued it is gone (restarted).
          const restarted = code === CLOSE_NOT_VALID && offeredSessionToken;
          refusal = restarted ? HOST_RESTARTED_MESSAGE : (CLOSE_MESSAGES[code] ?? LOST_CONNECTION);
          launchCode = null;
          if (TOKEN_DEAD_CLOSES.has(code)) sessionStorage.removeItem(SESSION_KEY);
          announce({ state: 'ended', reason: restarted ? 'restarted' : endReason, message: refusal });
        } else {
          announce({ state: 'lost', reason: code === 'dead' ? 'not_answering' : 'closed', message: LOST_CONNECTION });
        }
        resolve(null);
        for (const settle of pending.values()) settle(hostUnavailable(refusal ?? LOST_CONNECTION));
        pending.clear();
        if (refusal) return;
        // Keep trying in the background so events resume if the host comes back.
        page.setTimeout(() => void connect(), retryMs);
        retryMs = Math.min(retryMs * 2, 10_000);
      };
      ws.addEventListener('open', () => {
        socket = ws;
        retryMs = 500;
        heartbeat = startHeartbeat(
          { setTimeout: page.setTimeout.bind(page), clearTimeout: page.clearTimeout.bind(page), now: () => Date.now() },
          heartbeatOptions,
          () => ws.send(JSON.stringify({ type: 'ping' })),
          () => {
            finish('dead');
            ws.close();
          },
        );
        resolve(ws);
      });
      ws.addEventListener('message', (message) => {
        if (finished) return;
        heartbeat?.received();
        let frame: HostFrame;
        try {
          frame = JSON.parse(String(message.data)) as HostFrame;
        } catch {
          return;
        }
        if (frame.type === 'session') {
          launchCode = null;
          sessionStorage.setItem(SESSION_KEY, frame.token);
          announce({ state: 'connected', reason: null, message: 'Connected to Nexus Admin on this computer.' });
        } else if (frame.type === 'event') {
          early?.onEvent(frame.event);
          emit(frame.event, frame.payload);
        } else if (frame.type === 'result') {
          pending.get(frame.id)?.(frame.result as CommandResult<unknown>);
          pending.delete(frame.id);
        }
      });
      ws.addEventListener('close', (event) => finish(event.code));
    });
    return opened;
  }

  /**
   * The open socket, or the one being opened, but waiting no longer than `connectTimeoutMs`: a
   * frozen host accepts the connection and answers nothing. The handshake itself is left to go
   * on (one at a time): handshakes given up would queue on the frozen host, and the first it
   * admitted when it woke would take this tab's session token with it.
   */
  function socketWithin(ms: number): Promise<BrowserSocket | null> {
    if (socket) return Promise.resolve(socket);
    return new Promise((resolve) => {
      const timer = page.setTimeout(() => resolve(null), ms);
      void connect().then((ws) => {
        page.clearTimeout(timer);
        resolve(ws);
      });
    });
  }

  async function send(command: CommandName, input: unknown): Promise<CommandResult<unknown>> {
    const ws = await socketWithin(connectTimeoutMs);
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
      // A listener that comes late still learns that the link is down.
      if (link && link.state !== 'connected') listener(HOST_CONNECTION_EVENT, link);
      void connect();
      return () => listeners.delete(listener);
    },
    emit,
  };
}
