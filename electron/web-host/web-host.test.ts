import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../../sandbox/testing';
import { createKeyringSecretStore } from '../core/secrets/keyring-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import {
  CLOSE_IN_USE,
  CLOSE_MESSAGES,
  CLOSE_NOT_VALID,
  CLOSE_REPLACED,
  LAUNCH_PROTOCOL_PREFIX,
  WS_PROTOCOL,
} from './bridge-protocol';
import { startWebHost, type WebHost } from './web-host';

/**
 * The browser host for real: a sandbox on a free port, the real core, the real keychain (run
 * under scripts/with-keyring.sh), a real WebSocket client. The renderer build is not needed
 * here (the e2e spec covers the page), so a one-line index.html stands in for it.
 */
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let host: WebHost;
let secretStore: SecretStore;
let dir: string;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexus-web-host-test-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  await writeFile(join(dir, 'bridge.js'), '/* bridge */');
  sandbox = await startTestSandbox();
  secretStore = createKeyringSecretStore({ service: `Nexus Admin Test ${randomUUID().slice(0, 8)}` });
  host = await startWebHost({
    dataDir: join(dir, 'data'),
    defaultServerUrl: sandbox.url,
    secretStore,
    syncIntervalMs: 0,
    web: { webDir: dir, bridgeFile: join(dir, 'bridge.js') },
  });
  origin = host.origin;
});

afterAll(async () => {
  await host?.close();
  for (const account of (await secretStore?.list()) ?? []) await secretStore.delete(account);
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

type Handshake = { credential?: string; protocols?: string[]; origin?: string | null; host?: string };
type Outcome =
  { socket: WebSocket; token: string } | { closed: number; reason: string; frames: string[] } | { refused: number };

const launchCode = () => new URL(host.launchUrl()).hash.replace('#launch=', '');

/**
 * Opens a socket as a page would and resolves with what the host did: admitted (with the session
 * token of its first frame), closed at once with a code, or refused at the HTTP handshake.
 */
function connect(options: Handshake = {}): Promise<Outcome> {
  const protocols = options.protocols ?? [WS_PROTOCOL, LAUNCH_PROTOCOL_PREFIX + (options.credential ?? launchCode())];
  const headers: Record<string, string> = {};
  if (options.host) headers.host = options.host;
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, protocols, {
    headers,
    ...(options.origin === null ? {} : { origin: options.origin ?? origin }),
  });
  const frames: string[] = [];
  return new Promise((resolve, reject) => {
    socket.on('message', (data) => {
      const text = data.toString();
      frames.push(text);
      const frame = JSON.parse(text);
      if (frame.type === 'session') resolve({ socket, token: frame.token });
    });
    socket.once('close', (code, reason) => resolve({ closed: code, reason: reason.toString(), frames }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      response.resume();
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

async function admitted(options: Handshake = {}): Promise<{ socket: WebSocket; token: string }> {
  const outcome = await connect(options);
  if (!('socket' in outcome)) throw new Error(`not admitted: ${JSON.stringify(outcome)}`);
  return outcome;
}

function closed(socket: WebSocket): Promise<number> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

// Results are checked field by field below; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** A page-like client: numbered calls, every received frame kept as text. */
async function client() {
  const { socket } = await admitted();
  const frames: string[] = [];
  const waiting = new Map<number, (frame: Loose) => void>();
  socket.on('message', (data) => {
    const text = data.toString();
    frames.push(text);
    const frame = JSON.parse(text);
    if (frame.type === 'result') waiting.get(frame.id)?.(frame.result);
  });
  let nextId = 1;
  const call = (command: string, input?: unknown): Promise<Loose> => {
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ type: 'call', id, command, input }));
    });
  };
  return { socket, frames, call };
}

describe('browser host handshake', () => {
  it('admits our page with a launch code, selects nexus.v1 and gives it a session token, never echoing the code', async () => {
    const code = launchCode();
    const { socket, token } = await admitted({ credential: code });
    expect(socket.protocol).toBe(WS_PROTOCOL);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).not.toBe(code);
    socket.close();
    await closed(socket);
  });

  it('a launch code opens the console once: a second use, a wrong code or none is refused with a reason', async () => {
    const code = launchCode();
    const first = await admitted({ credential: code });
    first.socket.close();
    await closed(first.socket);
    // The code another local user read off a command line or a scrollback, used after the page did.
    expect(await connect({ credential: code })).toMatchObject({ closed: CLOSE_NOT_VALID, frames: [] });
    expect(await connect({ credential: `${code.slice(0, -2)}xx` })).toMatchObject({ closed: CLOSE_NOT_VALID });
    expect(await connect({ protocols: [WS_PROTOCOL] })).toMatchObject({ closed: CLOSE_NOT_VALID });
    expect(CLOSE_MESSAGES[CLOSE_NOT_VALID]).toMatch(/already been used/);
  });

  it('the session token lets the same tab back in (a reload), one live socket at a time', async () => {
    const first = await admitted();
    // A second client with the token while the first is open: refused, and told why.
    expect(await connect({ credential: first.token })).toMatchObject({ closed: CLOSE_IN_USE, frames: [] });
    // The reload: the old socket goes, the same token comes back in and is replaced.
    first.socket.close();
    await closed(first.socket);
    const reloaded = await admitted({ credential: first.token });
    expect(reloaded.token).not.toBe(first.token);
    reloaded.socket.close();
    await closed(reloaded.socket);
    // The replaced token opens nothing any more.
    expect(await connect({ credential: first.token })).toMatchObject({ closed: CLOSE_NOT_VALID });
  });

  it('a reload whose old socket is still closing gets in once it has closed', async () => {
    const first = await admitted();
    const knocking = connect({ credential: first.token });
    setTimeout(() => first.socket.close(), 200);
    const outcome = await knocking;
    expect('socket' in outcome).toBe(true);
    if ('socket' in outcome) outcome.socket.close();
  });

  it('a fresh launch code replaces the live session, which is told so', async () => {
    const first = await admitted();
    const firstClosed = closed(first.socket);
    const second = await admitted();
    expect(await firstClosed).toBe(CLOSE_REPLACED);
    second.socket.close();
    await closed(second.socket);
  });

  it('an oversized frame closes that socket (1009) and the host keeps serving', async () => {
    const { socket } = await admitted();
    const gone = closed(socket);
    socket.send('x'.repeat(1024 * 1024 + 1));
    expect(await gone).toBe(1009);
    const { socket: next, call } = await client();
    expect((await call('session.status', {})).ok).toBe(true);
    next.close();
  });

  it('refuses a foreign Origin and a missing Origin even with the secret', async () => {
    expect(await connect({ origin: 'http://evil.example' })).toEqual({ refused: 403 });
    expect(await connect({ origin: `http://127.0.0.1:${host.port + 1}` })).toEqual({ refused: 403 });
    expect(await connect({ origin: null })).toEqual({ refused: 403 });
  });

  it('refuses a foreign Host header (DNS rebinding) even with the secret and our Origin', async () => {
    expect(await connect({ host: `evil.example:${host.port}` })).toEqual({ refused: 421 });
  });

  it('answers plain HTTP only for its own Host', async () => {
    const status = (hostHeader: string, path = '/') =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status(`127.0.0.1:${host.port}`)).toBe(200);
    expect(await status(`rebind.evil.example:${host.port}`)).toBe(421);
    expect([400, 404]).toContain(await status(`127.0.0.1:${host.port}`, '/..%2f..%2fetc%2fpasswd'));
  });
});

describe('browser host calls', () => {
  it('a call with bad input returns the typed error naming the field', async () => {
    const { socket, call } = await client();
    const result = await call('members.lookupEmail', { email: 'not an email' });
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.fields.map((field: { path: string }) => field.path)).toContain('email');
    socket.close();
  });

  it('refuses unknown commands and the clipboard (served by the page, never the host)', async () => {
    const { socket, call } = await client();
    expect((await call('shell.exec', {})).error.code).toBe('unknown_command');
    expect((await call('clipboard.copySecret', { text: 'Tmp-Pass-123' })).error.code).toBe('unknown_command');
    socket.close();
  });

  it('answers the page’s heartbeat ping with a pong and keeps the socket (bridge-heartbeat.ts)', async () => {
    const { socket, frames, call } = await client();
    socket.send(JSON.stringify({ type: 'ping' }));
    await vi.waitFor(() => expect(frames.map((frame) => JSON.parse(frame).type)).toContain('pong'));
    expect((await call('sync.status', {})).ok).toBe(true);
    socket.close();
  });

  it('closes the socket on a frame that is not a call', async () => {
    const { socket } = await client();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{"hello":1}');
    expect(await closed).toBe(1008);
  });

  it('no frame that reaches the page carries the access or refresh token', async () => {
    const { socket, frames, call } = await client();
    const signIn = await call('session.signIn', {
      serverUrl: sandbox.url,
      email: 'owner@acme.test',
      password: TEST_ADMIN_PASSWORD,
    });
    expect(signIn.ok).toBe(true);
    const orgs = await call('orgs.list', {});
    expect(orgs.ok).toBe(true);
    expect((await call('orgs.select', { orgId: orgs.value.items[0].id })).ok).toBe(true);
    expect((await call('sync.now', {})).ok).toBe(true);
    const members = await call('members.query', { limit: 50 });
    expect(members.ok).toBe(true);
    expect(members.value.rows.length).toBeGreaterThan(3);
    await call('session.status', {});

    // The refresh token core keeps in the keychain for this session.
    const account = (await secretStore.list()).find((name) => name.endsWith('|owner@acme.test'));
    expect(account).toBeDefined();
    const refreshToken = await secretStore.get(account!);
    expect(refreshToken).toMatch(/^nxr_/);

    const all = frames.join('\n');
    // The scan is meaningful: the frames do hold the session's user and members, and events came.
    expect(all).toContain('owner@acme.test');
    expect(frames.some((frame) => frame.includes('"type":"event"'))).toBe(true);
    expect(all).not.toContain(refreshToken!);
    // Anything shaped like a sandbox token (access nxa_, refresh nxr_, password-change nxp_).
    expect(all.match(/nx[a-z]_[A-Za-z0-9_-]{20,}/g)).toBeNull();
    expect(all).not.toMatch(/accessToken|refreshToken/i);
    expect(all).not.toContain(TEST_ADMIN_PASSWORD);
    socket.close();
  });
});
