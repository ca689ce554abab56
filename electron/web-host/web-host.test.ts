import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../../sandbox/testing';
import { createKeyringSecretStore } from '../core/secrets/keyring-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { LAUNCH_PROTOCOL_PREFIX, WS_PROTOCOL } from './bridge-protocol';
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
let secret: string;
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
  const url = new URL(host.url);
  secret = url.hash.replace('#launch=', '');
  origin = url.origin;
});

afterAll(async () => {
  await host?.close();
  for (const account of (await secretStore?.list()) ?? []) await secretStore.delete(account);
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

type Handshake = { protocols?: string[]; origin?: string | null; host?: string };

/** Resolves with the open socket, or with the HTTP status the host refused the handshake with. */
function connect(options: Handshake = {}): Promise<{ socket: WebSocket } | { refused: number }> {
  const protocols = options.protocols ?? [WS_PROTOCOL, LAUNCH_PROTOCOL_PREFIX + secret];
  const headers: Record<string, string> = {};
  if (options.host) headers.host = options.host;
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, protocols, {
    headers,
    ...(options.origin === null ? {} : { origin: options.origin ?? origin }),
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      response.resume();
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

// Results are checked field by field below; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** A page-like client: numbered calls, every received frame kept as text. */
async function client() {
  const opened = await connect();
  if (!('socket' in opened)) throw new Error(`refused with ${opened.refused}`);
  const { socket } = opened;
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
  it('accepts our page with the launch secret and selects nexus.v1, never echoing the secret', async () => {
    const opened = await connect();
    expect('socket' in opened).toBe(true);
    if ('socket' in opened) {
      expect(opened.socket.protocol).toBe(WS_PROTOCOL);
      opened.socket.close();
    }
  });

  it('refuses a WebSocket without the launch secret, or with a wrong one', async () => {
    expect(await connect({ protocols: [WS_PROTOCOL] })).toEqual({ refused: 401 });
    expect(await connect({ protocols: [WS_PROTOCOL, `${LAUNCH_PROTOCOL_PREFIX}${secret.slice(0, -2)}xx`] })).toEqual({
      refused: 401,
    });
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
