import { z } from 'zod';
import {
  consoleCheckCodes,
  outboxKindSchema,
  outboxStateSchema,
  type OutboxEntry,
} from '../../../shared/contract/outbox';

/**
 * The rows of local.db as they are read back (snake_case columns), each checked by its schema,
 * and an outbox row in the contract's shape.
 */

/** One outbox entry. */
export const outboxRowSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  account: z.string(),
  org_id: z.string(),
  kind: outboxKindSchema,
  state: outboxStateSchema,
  summary: z.string(),
  member_id: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role_id: z.string().nullable(),
  reason: z.string().nullable(),
  has_secret: z.number().int(),
  idempotency_key: z.string(),
  attempts: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  next_attempt_at: z.string().nullable(),
  last_error_code: z.string().nullable(),
  last_error_message: z.string().nullable(),
  result_member_id: z.string().nullable(),
  snapshot_json: z.string().nullable(),
});
export type OutboxRow = z.infer<typeof outboxRowSchema>;

/** One line of the local activity log. */
export const auditRowSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  summary: z.string(),
  actor_email: z.string(),
});

/** The account signed in last (its org, to open it again). */
export const lastAccountSchema = z.object({
  serverUrl: z.string(),
  email: z.string(),
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  orgId: z.string().nullable(),
});
export type LastAccount = z.infer<typeof lastAccountSchema>;

/** An outbox row as the contract shows it (Pending changes, import results). */
export function toOutboxEntry(
  row: OutboxRow,
  waitingFor: string | null = null,
  suggestion: OutboxEntry['suggestion'] = null,
): OutboxEntry {
  return {
    id: row.id,
    orgId: row.org_id,
    kind: row.kind,
    state: row.state,
    summary: row.summary,
    memberId: row.result_member_id ?? row.member_id,
    email: row.email,
    name: row.name,
    roleId: row.role_id,
    hasSecret: row.has_secret === 1,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error_code
      ? {
          code: row.last_error_code,
          message: row.last_error_message ?? '',
          source: consoleCheckCodes.includes(row.last_error_code) ? 'console' : 'server',
        }
      : null,
    waitingFor,
    suggestion,
  };
}
