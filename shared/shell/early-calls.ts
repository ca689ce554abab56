import type { CommandName } from '../contract/commands';
import type { CommandResult } from '../contract/errors';

/**
 * The first calls every start of the console makes, sent by the bridge as soon as its script
 * runs — in parallel with the renderer's bundle being fetched and evaluated — and handed to the
 * renderer when it asks exactly the same thing. Each answer is given once; it is dropped when an
 * event says it may be out of date, or when it is older than `maxAgeMs`. Not a cache: calls the
 * renderer makes later always go to the host.
 */
export interface EarlyCall {
  command: CommandName;
  input: Record<string, unknown>;
}

/** The first page of the members list in its default view (name order, no search or filter). */
export const FIRST_MEMBERS_PAGE = {
  text: '',
  badges: [],
  roleIds: [],
  sort: { field: 'name', direction: 'asc' },
  offset: 0,
  limit: 100,
};

export const START_UP_CALLS: readonly EarlyCall[] = [
  { command: 'session.status', input: {} },
  { command: 'members.query', input: FIRST_MEMBERS_PAGE },
  { command: 'roles.list', input: {} },
  { command: 'sync.status', input: {} },
];

/** Which early answers an event makes stale. */
const STALE_AFTER: Record<string, readonly CommandName[] | 'all'> = {
  'session.changed': 'all',
  'members.changed': ['members.query', 'roles.list'],
  'sync.status': ['sync.status', 'roles.list'],
  'outbox.changed': ['sync.status'],
};

export interface EarlyCalls {
  /** The early answer to this call, if one was sent and is still good; taken only once. */
  take(command: CommandName, input: unknown): Promise<CommandResult<unknown>> | null;
  /** Feed every event from the host through here. */
  onEvent(event: string): void;
  /** Drops every early answer (the connection went away: its answers are not worth handing out). */
  clear(): void;
}

export function startEarlyCalls(
  send: (command: CommandName, input: unknown) => Promise<CommandResult<unknown>>,
  calls: readonly EarlyCall[],
  options: { maxAgeMs?: number; now?: () => number } = {},
): EarlyCalls {
  const now = options.now ?? (() => Date.now());
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  const startedAt = now();
  const entries = new Map<string, { command: CommandName; answer: Promise<CommandResult<unknown>> }>();
  for (const call of calls) {
    entries.set(callKey(call.command, call.input), { command: call.command, answer: send(call.command, call.input) });
  }
  return {
    take(command, input) {
      if (entries.size === 0) return null;
      if (now() - startedAt > maxAgeMs) {
        entries.clear();
        return null;
      }
      const key = callKey(command, input);
      const entry = entries.get(key);
      if (!entry) return null;
      entries.delete(key);
      return entry.answer;
    },
    onEvent(event) {
      const stale = STALE_AFTER[event];
      if (!stale) return;
      for (const [key, entry] of entries) if (stale === 'all' || stale.includes(entry.command)) entries.delete(key);
    },
    clear() {
      entries.clear();
    },
  };
}

/** Command + input with object keys in a fixed order, so `{ a, b }` and `{ b, a }` match. */
export function callKey(command: string, input: unknown): string {
  return `${command} ${JSON.stringify(input ?? {}, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )}`;
}
