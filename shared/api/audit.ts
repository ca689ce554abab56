import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common';

/**
 * The audit log (nexus-api.md, "Audit"): who did what to whom, when, from which client. The
 * server writes one event in the same transaction as every member-changing call, so the log
 * covers every machine and every admin, and credits the one whose request made the change.
 */

/** The header a client names itself with (`<name>/<version>`); recorded on every event it causes. */
export const NEXUS_CLIENT_HEADER = 'X-Nexus-Client';
/** Printable ASCII, 1–100 characters: it is shown to admins and written to CSV as it is. */
export const nexusClientSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\x20-\x7e]+$/, 'Printable ASCII only');

export const auditActions = [
  'member.invited',
  'invitation.resent',
  'invitation.cancelled',
  'invitation.accepted',
  'member.created',
  'member.password_set',
  'member.role_changed',
  'member.removed',
] as const;
export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditPersonSchema = z.object({
  /** The member (membership) id for `member`, the user id for `actor`. */
  id: idSchema,
  /** As they were when it happened: a later rename does not rewrite history. */
  email: z.string(),
  name: z.string(),
});
export type AuditPerson = z.infer<typeof auditPersonSchema>;

export const auditEventSchema = z.object({
  id: idSchema,
  at: isoDateTimeSchema,
  action: auditActionSchema,
  /** Who did it: the signed-in user whose request made the change (the invitee for an acceptance). */
  actor: auditPersonSchema,
  /** To whom. */
  member: auditPersonSchema,
  /** What it changed to: the role granted (invite, create, role change) and, for a role change, the one before. */
  details: z.object({
    roleId: idSchema.optional(),
    roleName: z.string().optional(),
    previousRoleId: idSchema.optional(),
    previousRoleName: z.string().optional(),
    /** An invite or create that brought a removed member back (their work with them). */
    readded: z.boolean().optional(),
  }),
  /** The `X-Nexus-Client` of the request, or null when it sent none. */
  client: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const AUDIT_PAGE_DEFAULT_LIMIT = 100;
export const AUDIT_PAGE_MAX_LIMIT = 500;

/** Filters combine with AND; `action` may repeat (any of them). Newest first. */
export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX_LIMIT).default(AUDIT_PAGE_DEFAULT_LIMIT),
  cursor: z.string().min(1).max(500).optional(),
  memberId: idSchema.optional(),
  actorId: idSchema.optional(),
  action: z.array(auditActionSchema).max(auditActions.length).optional(),
  /** Inclusive lower and exclusive upper bound on `at`. */
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
  /** Words matched (case-insensitive substring) against the member's and the actor's email and name. */
  q: z.string().trim().min(1).max(200).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
