import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, ipcChannel } from '../../shared/contract/api';
import { commandNames } from '../../shared/contract/commands';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../../sandbox/testing';
import { createCore } from '../core/create-core';
import type { Core } from '../core/core-api';
import { createKeyringSecretStore } from '../core/secrets/keyring-secret-store';
import { preloadBridge, type IpcRendererLike } from '../preload/preload-bridge';
import { appOrigin } from './app-origin';
import { registerCommandIpc, type IpcMainLike } from './ipc-registration';
import { isTrustedSender, type IpcEventLike } from './sender-policy';

/**
 * The IPC wiring without the Electron binary: an ipcMain-shaped registry, the real core on a real
 * sandbox and keychain (run under scripts/with-keyring.sh), and the real preload bridge on top.
 */
class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(event: IpcEventLike, channel: string, input: unknown) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return Promise.resolve(handler(event, input));
  }
}

const WINDOW_ID = 3;
const ourFrame = (url = 'app://nexus/index.html'): IpcEventLike => ({
  sender: { id: WINDOW_ID },
  senderFrame: { url, parent: null },
});

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let core: Core;
let dir: string;
const ipcMain = new FakeIpcMain();
const dispatched: string[] = [];
const copied: unknown[] = [];
let dispose: () => void;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexus-ipc-test-'));
  sandbox = await startTestSandbox();
  core = await createCore({
    dataDir: dir,
    secretStore: createKeyringSecretStore({ service: `Nexus Admin Test ${randomUUID().slice(0, 8)}` }),
    defaultServerUrl: sandbox.url,
    syncIntervalMs: 0,
  });
  const origin = appOrigin();
  dispose = registerCommandIpc({
    ipcMain,
    isTrustedSender: (event) =>
      isTrustedSender(event, { trustedWebContentsId: () => WINDOW_ID, isAppUrl: origin.isAppUrl }),
    dispatch: (command, input) => {
      dispatched.push(command);
      return core.dispatch(command, input);
    },
    shellHandlers: {
      'clipboard.copySecret': async (input) => {
        copied.push(input);
        return { clearsAt: '2030-01-01T00:00:30.000Z' };
      },
    },
  });
});

afterAll(async () => {
  dispose?.();
  await core?.dispatch('session.signOut', {});
  await core?.close();
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('registerCommandIpc', () => {
  it('registers one nexus:<command> handler per contract command, and removes them all', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(commandNames.map(ipcChannel).sort());
    const other = new FakeIpcMain();
    const off = registerCommandIpc({
      ipcMain: other,
      isTrustedSender: () => true,
      dispatch: async () => ({ ok: true, value: null }),
      shellHandlers: { 'clipboard.copySecret': async () => null },
    });
    off();
    expect(other.handlers.size).toBe(0);
  });

  it('refuses to start without a handler for a shell command', () => {
    expect(() =>
      registerCommandIpc({
        ipcMain: new FakeIpcMain(),
        isTrustedSender: () => true,
        dispatch: async () => ({ ok: true, value: null }),
        shellHandlers: {},
      }),
    ).toThrow(/clipboard\.copySecret/);
  });

  it('refuses a foreign sender before core sees the call', async () => {
    const before = dispatched.length;
    const foreign: IpcEventLike[] = [
      { sender: { id: WINDOW_ID + 1 }, senderFrame: { url: 'app://nexus/index.html', parent: null } },
      { sender: { id: WINDOW_ID }, senderFrame: { url: 'app://nexus/index.html', parent: {} } },
      ourFrame('https://evil.example/'),
      { sender: { id: WINDOW_ID }, senderFrame: null },
    ];
    for (const event of foreign) {
      const result = await ipcMain.invoke(event, ipcChannel('session.status'), {});
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
      expect(await ipcMain.invoke(event, ipcChannel('clipboard.copySecret'), { text: 'Tmp-Pass-1' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(dispatched.length).toBe(before);
    expect(copied).toEqual([]);
  });

  it('answers our window through core, and bad input with the typed error naming the field', async () => {
    const status = (await ipcMain.invoke(ourFrame(), ipcChannel('session.status'), {})) as {
      ok: boolean;
      value: { state: string };
    };
    expect(status).toMatchObject({ ok: true, value: { state: 'signedOut', defaultServerUrl: sandbox.url } });
    const bad = (await ipcMain.invoke(ourFrame(), ipcChannel('session.signIn'), {
      serverUrl: 'ftp://x',
      email: 'nope',
      password: '',
    })) as {
      ok: false;
      error: { code: string; fields: Array<{ path: string }> };
    };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('invalid_input');
    expect(bad.error.fields.map((field) => field.path).sort()).toEqual(
      expect.arrayContaining(['email', 'password', 'serverUrl']),
    );
  });

  it('validates shell command input in main, and never echoes the secret in the error', async () => {
    const bad = (await ipcMain.invoke(ourFrame(), ipcChannel('clipboard.copySecret'), {
      text: 'Tmp-Pass-1',
      clearAfterMs: 5,
    })) as {
      ok: false;
      error: { code: string; fields: Array<{ path: string }> };
    };
    expect(bad.error.code).toBe('invalid_input');
    expect(bad.error.fields.map((field) => field.path)).toEqual(['clearAfterMs']);
    expect(JSON.stringify(bad)).not.toContain('Tmp-Pass-1');
    expect(copied).toEqual([]);
    const good = await ipcMain.invoke(ourFrame(), ipcChannel('clipboard.copySecret'), { text: 'Tmp-Pass-1' });
    expect(good).toEqual({ ok: true, value: { clearsAt: '2030-01-01T00:00:30.000Z' } });
    expect(copied).toEqual([{ text: 'Tmp-Pass-1' }]);
  });
});

describe('preload bridge over the registered IPC', () => {
  /** ipcRenderer as the preload sees it: invoke goes to the handlers above as our own window. */
  class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
    invoke(channel: string, input: unknown) {
      return ipcMain.invoke(ourFrame(), channel, input);
    }
  }
  const ipcRenderer = new FakeIpcRenderer();
  const nexus = preloadBridge(ipcRenderer);

  it('exposes only invoke, on and host', () => {
    expect(Object.keys(nexus).sort()).toEqual(['host', 'invoke', 'on']);
    expect(nexus.host).toBe('electron');
  });

  it('signs in through core and resolves with the output', async () => {
    const result = await nexus.invoke('session.signIn', {
      serverUrl: sandbox.url,
      email: 'owner@acme.test',
      password: TEST_ADMIN_PASSWORD,
    });
    expect(result.outcome).toBe('signedIn');
    expect(JSON.stringify(result)).not.toMatch(/nx[a-z]_[A-Za-z0-9_-]{20,}/);
  });

  it('rejects with a plain { code, message, fields } object that survives contextBridge', async () => {
    const error = await nexus.invoke('members.lookupEmail', { email: 'nope' }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ConsoleError', code: 'invalid_input', fields: [{ path: 'email' }] });
    expect(structuredClone(error)).toEqual(error);
  });

  it('hands listeners the payload only, never the IPC event object', () => {
    const calls: unknown[][] = [];
    const off = nexus.on('members.changed', (...args: unknown[]) => calls.push(args));
    const ipcEvent = { sender: { id: 99, send: () => undefined }, ports: [] };
    ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, { event: 'members.changed', payload: { orgId: 'org_acme' } });
    ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, { event: 'sync.status', payload: {} });
    ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, 'garbage');
    off();
    ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, { event: 'members.changed', payload: { orgId: 'later' } });
    expect(calls).toEqual([[{ orgId: 'org_acme' }]]);
  });
});
