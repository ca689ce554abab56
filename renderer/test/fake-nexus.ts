import type { z } from 'zod';
import type { NexusBridge } from '../../shared/contract/api';
import { commands, type CommandInput, type CommandName, type CommandOutput } from '../../shared/contract/commands';
import { events, type EventName, type EventPayload } from '../../shared/contract/events';
import type { MemberRow } from '../../shared/contract/members';
import type { OutboxEntry } from '../../shared/contract/outbox';
import type { SessionStatus } from '../../shared/contract/session';
import type { SyncStatus } from '../../shared/contract/sync';

type Handler<C extends CommandName> = (input: CommandInput<C>) => CommandOutput<C> | Promise<CommandOutput<C>>;
type Handlers = { [C in CommandName]?: Handler<C> };

/**
 * Answers and events a test made up that core would never send (they fail the contract's output
 * or event schema). Kept here as well as thrown, because the component under test may swallow the
 * throw; `renderer/test/setup.ts` fails the test after it when this is not empty.
 */
export const contractViolations: string[] = [];

function checked<T>(schema: z.ZodType, value: T, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data as T;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`);
  const message = `FakeNexus: ${what} is not what core sends (${issues.slice(0, 3).join('; ')})`;
  contractViolations.push(message);
  throw new Error(message);
}

/**
 * A stand-in for `window.nexus` in component tests: answers from per-command handlers, records
 * every call, and lets the test emit events. A command without a handler rejects like core
 * would for an unknown command, so a test notices calls it did not expect. Every answer and
 * event is checked against the contract's schema, as core's dispatcher checks its own output:
 * a fake cannot answer with a shape core never sends.
 */
export class FakeNexus implements NexusBridge {
  readonly host = 'browser' as const;
  readonly calls: { command: CommandName; input: unknown }[] = [];
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  constructor(private readonly handlers: Handlers = {}) {}

  handle<C extends CommandName>(command: C, handler: Handler<C>): this {
    (this.handlers as Record<string, unknown>)[command] = handler;
    return this;
  }

  async invoke<C extends CommandName>(command: C, input?: CommandInput<C>): Promise<CommandOutput<C>> {
    this.calls.push({ command, input });
    const handler = this.handlers[command] as Handler<C> | undefined;
    if (!handler) throw { code: 'unknown_command', message: `No fake handler for ${command}` };
    const answer = await handler(input as CommandInput<C>);
    return checked(commands[command].output, answer, `the answer to ${command}`);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    checked(events[event], payload, `the ${event} event`);
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  callsOf<C extends CommandName>(command: C): CommandInput<C>[] {
    return this.calls.filter((call) => call.command === command).map((call) => call.input as CommandInput<C>);
  }
}

export const acme = {
  id: 'org_acme',
  name: 'Acme',
  roleName: 'Admin',
  permissions: ['members.read', 'members.manage'],
  canManageMembers: true,
};

export function signedInStatus(overrides: Partial<SessionStatus> = {}): SessionStatus {
  return {
    state: 'signedIn',
    serverUrl: 'http://127.0.0.1:4010',
    defaultServerUrl: 'http://127.0.0.1:4010',
    user: { id: 'usr_1', email: 'admin@acme.test', name: 'Ada Admin' },
    offline: false,
    reauthRequired: false,
    org: acme,
    orgs: [acme],
    secretStore: { state: 'persistent', backend: 'Secret Service', persistent: true, warning: null },
    ...overrides,
  };
}

export const idleSync: SyncStatus = {
  state: 'idle',
  lastSyncedAt: new Date().toISOString(),
  queued: 0,
  needsAttention: 0,
  progress: null,
  reason: null,
};

export const roles = [
  { id: 'role_admin', name: 'Admin', builtin: true, permissions: ['members.read', 'members.manage'] },
  { id: 'role_member', name: 'Member', builtin: true, permissions: ['members.read'] },
];

export function memberRow(index: number, overrides: Partial<MemberRow> = {}): MemberRow {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id: `mem_${index}`,
    userId: `usr_${index}`,
    email: `user${index}@acme.test`,
    name: `User ${index}`,
    roleId: 'role_member',
    roleName: 'Member',
    status: 'active',
    origin: 'invitation',
    mustChangePassword: false,
    createdAt: at,
    updatedAt: at,
    lastSignInAt: null,
    version: 1,
    badge: 'Active',
    invitationExpiresAt: null,
    pending: null,
    placeholder: false,
    ...overrides,
  };
}

/** A queued change the server refused (a create of an address that has an account elsewhere). */
export function outboxEntry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id: 'obx_9',
    orgId: 'org_acme',
    kind: 'create',
    state: 'needs_attention',
    summary: 'Create Dana (dana@globex.test) as Member',
    memberId: 'local:obx_9',
    email: 'dana@globex.test',
    name: 'Dana',
    roleId: 'role_member',
    hasSecret: true,
    attempts: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    nextAttemptAt: null,
    lastError: { code: 'user_exists', message: 'That email already has a Nexus account.', source: 'server' },
    waitingFor: null,
    suggestion: null,
    ...overrides,
  };
}
