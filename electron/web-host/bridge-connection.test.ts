import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openBridgeConnection, type BrowserGlobals } from './bridge-connection';
import { CLOSE_HOST_STOPPED, CLOSE_NOT_VALID, HOST_LOST_MESSAGE, HOST_RESTARTED_MESSAGE } from './bridge-protocol';

/**
 * The page's side of the link to the browser host, with a scripted socket: what the page says
 * (the `host.connection` event) and what a waiting call gets when the host goes away, is
 * restarted, comes back, or freezes with the socket open. The real host and Chromium play the
 * same out in e2e/host-restart.spec.ts.
 */
class FakeSocket {
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  closedByPage = false;
  private listeners: Record<string, Array<(event: never) => void>> = {};
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.made.push(this);
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.closedByPage = true;
    // A browser fires `close` later, and never for a socket whose host is frozen: tests decide.
  }
  fire(type: string, event: unknown = {}): void {
    for (const listener of this.listeners[type] ?? []) listener(event as never);
  }
  open(): void {
    this.readyState = 1;
    this.fire('open');
  }
  receive(frame: unknown): void {
    this.fire('message', { data: JSON.stringify(frame) });
  }
  closeWith(code: number): void {
    this.readyState = 3;
    this.fire('close', { code });
  }
  calls(command?: string) {
    return this.sent.filter((frame) => frame.type === 'call' && (!command || frame.command === command));
  }
}

function fakePage(hash: string, storage = new Map<string, string>()): BrowserGlobals {
  return {
    location: { hash, pathname: '/', search: '', host: '127.0.0.1:9' },
    history: { replaceState: () => undefined },
    sessionStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
      removeItem: (key) => void storage.delete(key),
    },
    navigator: { clipboard: { readText: async () => '', writeText: async () => undefined } },
    WebSocket: FakeSocket,
    addEventListener: () => undefined,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

const heartbeat = { idleMs: 1_000, answerMs: 3_000 };
const latest = () => FakeSocket.made.at(-1)!;

/** A page opened with a launch link, admitted, with its `host.connection` events collected. */
async function connectedPage(storage = new Map<string, string>()) {
  const connection = openBridgeConnection(fakePage('#launch=CODE', storage), { heartbeat, connectTimeoutMs: 5_000 });
  const link: Array<{ state: string; reason: string | null; message: string }> = [];
  connection.listen((event, payload) => {
    if (event === 'host.connection') link.push(payload as (typeof link)[number]);
  });
  latest().open();
  latest().receive({ type: 'session', token: 'TOKEN-1' });
  await vi.advanceTimersByTimeAsync(0);
  return { connection, link, storage };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.made = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the page’s link to the browser host', () => {
  it('a host that goes away is announced at once, and a waiting call fails with a clear error', async () => {
    const { connection, link } = await connectedPage();
    expect(link.map((l) => l.state)).toEqual(['connected']);
    const waiting = connection.call('sync.now', {});
    await vi.advanceTimersByTimeAsync(0);
    latest().closeWith(1006);
    expect(link.at(-1)).toEqual({ state: 'lost', reason: 'closed', message: HOST_LOST_MESSAGE });
    await expect(waiting).resolves.toEqual({
      ok: false,
      error: { code: 'host_unavailable', message: HOST_LOST_MESSAGE },
    });
  });

  it('a restarted host does not know this tab: the link has ended, calls fail at once, no more retries', async () => {
    const { connection, link, storage } = await connectedPage();
    latest().closeWith(1006);
    // The retry offers this tab's session token, which the new host never issued.
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.made).toHaveLength(2);
    expect(latest().protocols).toContain('nexus.launch.TOKEN-1');
    latest().open();
    latest().closeWith(CLOSE_NOT_VALID);
    expect(link.at(-1)).toEqual({ state: 'ended', reason: 'restarted', message: HOST_RESTARTED_MESSAGE });
    expect(storage.size).toBe(0);
    await expect(connection.call('sync.now', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'host_unavailable', message: HOST_RESTARTED_MESSAGE },
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.made).toHaveLength(2);
  });

  it('a host that said it stopped ends the link with its own sentence', async () => {
    const { link } = await connectedPage();
    latest().closeWith(CLOSE_HOST_STOPPED);
    expect(link.at(-1)).toMatchObject({
      state: 'ended',
      reason: 'stopped',
      message: expect.stringMatching(/was stopped/),
    });
  });

  it('the same host back (a socket dropped, the host still running): connected again', async () => {
    const { link } = await connectedPage();
    latest().closeWith(1006);
    await vi.advanceTimersByTimeAsync(500);
    latest().open();
    latest().receive({ type: 'session', token: 'TOKEN-2' });
    expect(link.map((l) => l.state)).toEqual(['connected', 'lost', 'connected']);
  });

  it('a frozen host (socket open, nothing answers) is noticed by the heartbeat; the waiting call fails', async () => {
    const { connection, link } = await connectedPage();
    const socket = latest();
    const waiting = connection.call('sync.now', {});
    let settled = false;
    void waiting.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(heartbeat.idleMs + 500);
    expect(socket.sent.filter((frame) => frame.type === 'ping')).toHaveLength(1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(heartbeat.answerMs);
    expect(link.at(-1)).toMatchObject({ state: 'lost', reason: 'not_answering' });
    expect(socket.closedByPage).toBe(true);
    await expect(waiting).resolves.toMatchObject({ ok: false, error: { code: 'host_unavailable' } });
  });

  it('a host that answers its pings stays connected through a long command', async () => {
    const { connection, link } = await connectedPage();
    const socket = latest();
    void connection.call('sync.now', {});
    for (let i = 0; i < 20; i += 1) {
      await vi.advanceTimersByTimeAsync(heartbeat.idleMs);
      if (socket.sent.at(-1)?.type === 'ping') socket.receive({ type: 'pong' });
    }
    expect(link.map((l) => l.state)).toEqual(['connected']);
    expect(socket.closedByPage).toBe(false);
  });

  it('a call made while the host does not answer the handshake fails after a while; one handshake at a time', async () => {
    const { connection } = await connectedPage();
    latest().closeWith(1006);
    const call = connection.call('sync.status', {});
    await vi.advanceTimersByTimeAsync(0);
    const stuck = latest();
    expect(stuck.readyState).toBe(0);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'host_unavailable' } });
    // The handshake goes on (a frozen host answers it when it wakes); no second one is started.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(latest()).toBe(stuck);
    expect(stuck.closedByPage).toBe(false);
    stuck.open();
    stuck.receive({ type: 'session', token: 'TOKEN-2' });
    expect(stuck.protocols).toContain('nexus.launch.TOKEN-1');
  });

  it('a listener added after the link went down learns it at once', async () => {
    const { connection } = await connectedPage();
    latest().closeWith(1006);
    const late: string[] = [];
    connection.listen((event, payload) => {
      if (event === 'host.connection') late.push((payload as { state: string }).state);
    });
    expect(late).toEqual(['lost']);
  });

  it('a page that never had the console announces nothing (its start-up screen says why)', async () => {
    const connection = openBridgeConnection(fakePage('#launch=CODE'), { heartbeat });
    const events: string[] = [];
    connection.listen((event) => events.push(event));
    latest().closeWith(1006);
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual([]);
  });
});
