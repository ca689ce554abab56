import { describe, expect, it } from 'vitest';
import type { CommandName } from '../contract/commands';
import type { CommandResult } from '../contract/errors';
import { callKey, FIRST_MEMBERS_PAGE, startEarlyCalls, START_UP_CALLS } from './early-calls';

function recorder() {
  const sent: { command: CommandName; input: unknown }[] = [];
  const send = (command: CommandName, input: unknown): Promise<CommandResult<unknown>> => {
    sent.push({ command, input });
    return Promise.resolve({ ok: true, value: { command, n: sent.length } });
  };
  return { sent, send };
}

describe('early calls', () => {
  it('sends the start-up calls at once and hands each answer over once, to the same question only', async () => {
    const { sent, send } = recorder();
    const early = startEarlyCalls(send, START_UP_CALLS);
    expect(sent.map((s) => s.command)).toEqual(['session.status', 'members.query', 'roles.list', 'sync.status']);
    // Same input with keys in another order matches; another offset does not.
    const reordered = {
      limit: 100,
      offset: 0,
      sort: { direction: 'asc', field: 'name' },
      roleIds: [],
      badges: [],
      text: '',
    };
    expect(early.take('members.query', { ...FIRST_MEMBERS_PAGE, offset: 100 })).toBeNull();
    await expect(early.take('members.query', reordered)).resolves.toEqual({
      ok: true,
      value: { command: 'members.query', n: 2 },
    });
    expect(early.take('members.query', reordered)).toBeNull();
    await expect(early.take('session.status', undefined)).resolves.toMatchObject({ ok: true });
    expect(early.take('session.status', {})).toBeNull();
  });

  it('drops answers an event makes stale', () => {
    const { send } = recorder();
    const early = startEarlyCalls(send, START_UP_CALLS);
    early.onEvent('members.changed');
    expect(early.take('members.query', FIRST_MEMBERS_PAGE)).toBeNull();
    expect(early.take('roles.list', {})).toBeNull();
    expect(early.take('sync.status', {})).not.toBeNull();
    early.onEvent('session.changed');
    expect(early.take('session.status', {})).toBeNull();
  });

  it('drops everything when too old or cleared', () => {
    let clock = 0;
    const early = startEarlyCalls(recorder().send, START_UP_CALLS, { maxAgeMs: 1000, now: () => clock });
    clock = 1001;
    expect(early.take('session.status', {})).toBeNull();
    clock = 0;
    expect(early.take('sync.status', {})).toBeNull();
    const other = startEarlyCalls(recorder().send, START_UP_CALLS);
    other.clear();
    expect(other.take('session.status', {})).toBeNull();
  });

  it('keys calls by command and input, not by key order', () => {
    expect(callKey('a.b', { x: 1, y: { q: 1, p: 2 } })).toBe(callKey('a.b', { y: { p: 2, q: 1 }, x: 1 }));
    expect(callKey('a.b', undefined)).toBe(callKey('a.b', {}));
    expect(callKey('a.b', { x: [2, 1] })).not.toBe(callKey('a.b', { x: [1, 2] }));
  });
});
