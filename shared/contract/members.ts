import { z } from 'zod';
import { idSchema } from '../api/common';
import { FIELD_MAX } from '../field-limits';
import { createMemberBodySchema, inviteBodySchema, memberSchema, memberStatusSchema } from '../api/members';
import { memberBadges } from '../member-badge';
import { enteredPasswordSchema, passwordRules, temporaryPasswordSchema } from '../password-policy';
import { holdForHandoverField } from './handover';

export const MEMBERS_QUERY_MAX_LIMIT = 500;

export const memberBadgeSchema = z.enum(memberBadges as [string, ...string[]]);

export const memberSortFieldSchema = z.enum(['name', 'email', 'role', 'status', 'updatedAt', 'lastSignInAt']);
export type MemberSortField = z.infer<typeof memberSortFieldSchema>;

export const membersQueryInputSchema = z.object({
  /** Matches name and email, case-insensitive, by prefix of any word. */
  text: z.string().max(FIELD_MAX.search).default(''),
  badges: z.array(memberBadgeSchema).max(5).default([]),
  roleIds: z.array(idSchema).max(100).default([]),
  /** Removed members are hidden unless asked for. */
  includeRemoved: z.boolean().default(false),
  sort: z
    .object({ field: memberSortFieldSchema, direction: z.enum(['asc', 'desc']) })
    .default({ field: 'name', direction: 'asc' }),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(MEMBERS_QUERY_MAX_LIMIT).default(100),
});
export type MembersQueryInput = z.input<typeof membersQueryInputSchema>;

/** A pending local change on a row, from the outbox. */
export const rowPendingSchema = z.object({
  outboxId: z.string(),
  kind: z.string(),
  state: z.enum(['queued', 'sending', 'needs_attention']),
  /** For a refused change: what it asked, and why it was refused (the row shows the server's truth). */
  summary: z.string().default(''),
  reason: z.string().nullable().default(null),
});

/**
 * One row of the members list. `id` is the server's membership id, or `local:<outboxId>` for a
 * member added offline and not yet on the server: a `placeholder` row, until the server's row
 * replaces it.
 */
export const memberRowSchema = memberSchema.omit({ invitation: true, work: true }).extend({
  roleName: z.string(),
  badge: memberBadgeSchema,
  invitationExpiresAt: z.string().nullable(),
  pending: rowPendingSchema.nullable(),
  placeholder: z.boolean(),
});
export type MemberRow = z.infer<typeof memberRowSchema>;

/** How many members show each badge, for the status counts above the list (issue 17). */
export const memberCountsSchema = z.object({
  Active: z.number().int().nonnegative(),
  Pending: z.number().int().nonnegative(),
  Expired: z.number().int().nonnegative(),
  'Created by admin': z.number().int().nonnegative(),
  Removed: z.number().int().nonnegative(),
});
export type MemberCounts = z.infer<typeof memberCountsSchema>;
/** The counts are of what the list shows for its text and role filter (issue 16); both optional. */
export const memberCountsInputSchema = membersQueryInputSchema.pick({ text: true, roleIds: true });

export const membersQueryResultSchema = z.object({
  rows: z.array(memberRowSchema),
  total: z.number().int().nonnegative(),
});
export type MembersQueryResult = z.infer<typeof membersQueryResultSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  summary: z.string(),
  actorEmail: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const memberDetailSchema = z.object({
  member: memberRowSchema,
  invitation: memberSchema.shape.invitation,
  work: memberSchema.shape.work,
  history: z.array(auditEntrySchema),
  /**
   * This computer's changes to the member that have not reached the server yet (queued, sending
   * or refused), newest first. What did reach it is in the server's audit (`audit.list`).
   */
  stillQueued: z.array(auditEntrySchema).default([]),
});
export type MemberDetail = z.infer<typeof memberDetailSchema>;

export const memberIdInputSchema = z.object({ memberId: idSchema });

export const lookupEmailResultSchema = z.object({
  /** False when offline: the console cannot tell yet, and says so. */
  checked: z.boolean(),
  exists: z.boolean().nullable(),
  memberStatus: memberStatusSchema.nullable(),
  /** Create directly is only for emails with no Nexus account. */
  canCreate: z.boolean(),
  canInvite: z.boolean(),
  message: z.string().nullable(),
  /**
   * The membership in this org the email already has, from the cache: to open it, resend its
   * invitation, or re-add a removed member (whose work comes back).
   */
  member: z
    .object({
      id: z.string(),
      name: z.string(),
      status: memberStatusSchema,
      origin: memberSchema.shape.origin,
      work: memberSchema.shape.work,
      invitationLastSentAt: z.string().nullable(),
    })
    .nullable()
    .default(null),
});
export type LookupEmailResult = z.infer<typeof lookupEmailResultSchema>;

/** A role picked from the org's roles (the API's id), worded for the form that picks it. */
const roleChoiceSchema = z
  .string({ error: 'Choose a role' })
  .min(1, 'Choose a role')
  .max(idSchema.maxLength ?? 200);

/**
 * The API's own bodies: what core queues is what it will send (the console asks for a password).
 * The password policy is part of the schema, checked against the account's own email, so the
 * dialogs' forms, core and the dispatcher apply the one rule.
 */
export const inviteInputSchema = inviteBodySchema.extend({ roleId: roleChoiceSchema });
export const createInputSchema = createMemberBodySchema
  .extend({ roleId: roleChoiceSchema, temporaryPassword: enteredPasswordSchema, ...holdForHandoverField })
  .superRefine((input, ctx) => passwordRules(input.email, ['temporaryPassword'])(input.temporaryPassword, ctx));
/**
 * Change Password or Resend credentials. The contract table checks the policy without the
 * account; core checks it again for the member's email with `setPasswordInputFor`, as the
 * dialog's form does.
 */
export const setPasswordInputSchema = z.object({
  memberId: idSchema,
  password: temporaryPasswordSchema(),
  /** Change Password or Resend credentials: same call, different history line. */
  reason: z.enum(['change', 'resend_credentials']),
  ...holdForHandoverField,
});
export function setPasswordInputFor(email: string) {
  return setPasswordInputSchema.extend({ password: temporaryPasswordSchema(email) });
}
export const changeRoleInputSchema = z.object({ memberId: idSchema, roleId: idSchema });

/** Every change is queued first; the answer names the outbox entry and the row it shows on. */
export const queuedChangeSchema = z.object({ outboxId: z.string(), memberId: z.string() });
export type QueuedChange = z.infer<typeof queuedChangeSchema>;
/**
 * A change that sets a temporary password. `held` is there only when the admin asked to hold it
 * for the handover: `false` means the change IS queued but the keychain refused to hold the
 * password, so the admin must copy it now (the show-once dialog says so).
 */
export const queuedPasswordChangeSchema = queuedChangeSchema.extend({ held: z.boolean().optional() });
export type QueuedPasswordChange = z.infer<typeof queuedPasswordChangeSchema>;
