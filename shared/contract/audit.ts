import { z } from 'zod';
import { auditActionSchema, auditEventSchema } from '../api/audit';
import { idSchema, isoDateTimeSchema } from '../api/common';
import { FIELD_MAX } from '../field-limits';

/**
 * The server's audit log as the console reads it (issue 17): every computer's and every admin's
 * changes, credited by the server. Online only; offline answers `offline`. This computer's changes
 * that have not reached the server yet are the outbox (`outbox.list`, `members.get().stillQueued`).
 */
/** An ISO 8601 instant; bounded like every string that crosses the boundary. */
const instantSchema = isoDateTimeSchema.max(40);

export const auditFilterSchema = z.object({
  /** A member id, or a `local:` id (its create or invite is still queued: no server history yet). */
  memberId: idSchema.optional(),
  actions: z.array(auditActionSchema).max(20).optional(),
  /** Words matched against the member's and the actor's name and email. */
  text: z.string().trim().max(FIELD_MAX.search).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditListInputSchema = auditFilterSchema.extend({
  cursor: z.string().min(1).max(500).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditListInput = z.input<typeof auditListInputSchema>;

export const auditListResultSchema = z.object({
  items: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditListResult = z.infer<typeof auditListResultSchema>;

/** The most rows one **Export CSV** of the activity writes (more: narrow the filters). */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
