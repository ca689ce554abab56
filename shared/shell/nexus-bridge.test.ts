import { describe, expect, it } from 'vitest';
import { ConsoleError, type CommandResult } from '../contract/errors';
import { asConsoleError, createNexusBridge, type BridgeTransport } from './nexus-bridge';

function transport(answer: (command: string, input: unknown) => CommandResult<unknown>) {
  const calls: Array<{ command: string; input: unknown }> = [];
  let deliver: ((event: string, payload: unknown) => void) | null = null;
  let subscriptions = 0;
  const t: BridgeTransport = {
    call: async (command, input) => {
      calls.push({ command, input });
      return answer(command, input);
    },
    subscribe: (listener) => {
      subscriptions += 1;
      deliver = listener;
      return () => (deliver = null);
    },
  };
  return {
    t,
    calls,
    push: (event: string, payload: unknown) => deliver?.(event, payload),
    subscriptions: () => subscriptions,
  };
}

describe('createNexusBridge', () => {
  it('resolves with the value of an ok result', async () => {
    const { t, calls } = transport(() => ({ ok: true, value: { state: 'signedOut' } }));
    const bridge = createNexusBridge({ host: 'browser', transport: t });
    await expect(bridge.invoke('session.status')).resolves.toEqual({ state: 'signedOut' });
    expect(calls).toEqual([{ command: 'session.status', input: {} }]);
    expect(bridge.host).toBe('browser');
  });

  it('rejects with a ConsoleError carrying code and fields', async () => {
    const { t } = transport(() => ({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Some fields are not valid.',
        fields: [{ path: 'email', message: 'Bad' }],
      },
    }));
    const bridge = createNexusBridge({ host: 'browser', transport: t });
    const error = await bridge.invoke('members.lookupEmail', { email: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect((error as ConsoleError).code).toBe('invalid_input');
    expect((error as ConsoleError).fields).toEqual([{ path: 'email', message: 'Bad' }]);
  });

  it('refuses unknown commands without touching the transport', async () => {
    const { t, calls } = transport(() => ({ ok: true, value: null }));
    const bridge = createNexusBridge({ host: 'electron', transport: t, toRejection: (e) => ({ ...e }) });
    await expect(bridge.invoke('shell.exec' as never)).rejects.toMatchObject({ code: 'unknown_command' });
    expect(calls).toHaveLength(0);
  });

  it('passes only the payload to listeners, per event, and unsubscribes', () => {
    const { t, push, subscriptions } = transport(() => ({ ok: true, value: null }));
    const bridge = createNexusBridge({ host: 'electron', transport: t });
    const seen: unknown[][] = [];
    const off = bridge.on('members.changed', (...args: unknown[]) => seen.push(args));
    bridge.on('sync.status', () => seen.push(['sync']));
    expect(subscriptions()).toBe(1);
    push('members.changed', { orgId: 'o1' });
    push('outbox.changed', { queued: 1, needsAttention: 0 });
    off();
    push('members.changed', { orgId: 'o2' });
    expect(seen).toEqual([[{ orgId: 'o1' }]]);
    expect(() => bridge.on('no.such' as never, () => undefined)).toThrow(TypeError);
  });

  it('serves in-page commands itself and maps transport failures to ConsoleError', async () => {
    const { t, calls } = transport(() => {
      throw new Error('socket gone');
    });
    const bridge = createNexusBridge({
      host: 'browser',
      transport: t,
      inPage: { 'clipboard.copySecret': async () => ({ clearsAt: 'soon' }) },
    });
    await expect(bridge.invoke('clipboard.copySecret', { text: 'x' })).resolves.toEqual({ clearsAt: 'soon' });
    expect(calls).toHaveLength(0);
    await expect(bridge.invoke('sync.now')).rejects.toMatchObject({ code: 'internal_error', message: 'socket gone' });
  });

  it('asConsoleError accepts shapes and plain errors', async () => {
    expect((await asConsoleError({ code: 'offline', message: 'Offline' })).code).toBe('offline');
    expect((await asConsoleError(new Error('boom'))).message).toBe('boom');
    expect((await asConsoleError(42)).code).toBe('internal_error');
  });
});
