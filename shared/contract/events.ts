import { z } from 'zod';
import { outboxSettledSchema } from './outbox';
import { sessionStatusSchema } from './session';
import { syncStatusSchema } from './sync';
import { settingsStateSchema } from './settings';
import { accountsListSchema } from './accounts';
import { importProgressSchema } from './imports';
import { handoverChangedSchema } from './handover';
import { hostConnectionSchema } from './host-connection';

/** Everything core or a shell pushes to the renderer. Payloads never carry a token or password. */
export const events = {
  'sync.status': syncStatusSchema,
  'members.changed': z.object({ orgId: z.string().nullable() }),
  'session.changed': sessionStatusSchema,
  'outbox.changed': z.object({ queued: z.number().int(), needsAttention: z.number().int() }),
  'clipboard.cleared': z.object({ at: z.string() }),
  'outbox.settled': outboxSettledSchema,
  'settings.changed': settingsStateSchema,
  'accounts.changed': accountsListSchema,
  /** Progress of `import.queue` (checking, keychain writes, outbox rows). */
  'import.progress': importProgressSchema,
  /** Handover (issue 14): how many people are waiting for their password. */
  'handover.changed': handoverChangedSchema,
  /** The browser host's page only: its link to the host was lost, ended or is back (host-connection.ts). */
  'host.connection': hostConnectionSchema,
} as const;

export type EventTable = typeof events;
export type EventName = keyof EventTable;
export const eventNames = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<EventTable[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
