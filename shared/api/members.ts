import { z } from 'zod';
import { emailSchema, idSchema, isoDateTimeSchema, nameSchema } from './common';

export const memberStatusSchema = z.enum(['invited', 'active', 'removed']);
export type MemberStatus = z.infer<typeof memberStatusSchema>;

export const memberOriginSchema = z.enum(['invitation', 'admin_created']);
export type MemberOrigin = z.infer<typeof memberOriginSchema>;

export const invitationSummarySchema = z.object({
  id: idSchema,
  expiresAt: isoDateTimeSchema,
  lastSentAt: isoDateTimeSchema,
  sendCount: z.number().int().nonnegative(),
});
export type InvitationSummary = z.infer<typeof invitationSummarySchema>;

export const memberWorkSchema = z.object({
  tasks: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
});
export type MemberWork = z.infer<typeof memberWorkSchema>;

export const memberSchema = z.object({
  id: idSchema,
  userId: idSchema,
  email: z.string(),
  name: z.string(),
  roleId: idSchema,
  status: memberStatusSchema,
  origin: memberOriginSchema,
  mustChangePassword: z.boolean(),
  invitation: invitationSummarySchema.nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  lastSignInAt: isoDateTimeSchema.nullable(),
  version: z.number().int().positive(),
  work: memberWorkSchema,
});
export type Member = z.infer<typeof memberSchema>;

export const memberTombstoneSchema = z.object({
  id: idSchema,
  deleted: z.literal(true),
  updatedAt: isoDateTimeSchema,
});
export type MemberTombstone = z.infer<typeof memberTombstoneSchema>;

export const MEMBER_PAGE_DEFAULT_LIMIT = 500;
export const MEMBER_PAGE_MAX_LIMIT = 1000;

export const memberListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MEMBER_PAGE_MAX_LIMIT).default(MEMBER_PAGE_DEFAULT_LIMIT),
  cursor: z.string().min(1).max(500).optional(),
  since: z.string().min(1).max(500).optional(),
});

/** A full listing has only members; a delta (`since=`) may also carry tombstones. */
export const memberListPageSchema = z.object({
  items: z.array(z.union([memberSchema, memberTombstoneSchema])),
  nextCursor: z.string().nullable(),
  syncToken: z.string(),
});
export type MemberListPage = z.infer<typeof memberListPageSchema>;

export function isTombstone(item: Member | MemberTombstone): item is MemberTombstone {
  return 'deleted' in item && item.deleted === true;
}

export const emailLookupSchema = z.object({
  exists: z.boolean(),
  memberStatus: memberStatusSchema.nullable(),
});
export type EmailLookup = z.infer<typeof emailLookupSchema>;

export const inviteBodySchema = z.object({
  email: emailSchema,
  roleId: idSchema,
});
export type InviteBody = z.infer<typeof inviteBodySchema>;

export const createMemberBodySchema = z.object({
  email: emailSchema,
  name: nameSchema.min(1, 'Enter a name'),
  roleId: idSchema,
  temporaryPassword: z.string().max(1024),
});
export type CreateMemberBody = z.infer<typeof createMemberBodySchema>;

export const setPasswordBodySchema = z.object({
  password: z.string().max(1024),
});
export type SetPasswordBody = z.infer<typeof setPasswordBodySchema>;

export const changeRoleBodySchema = z.object({
  roleId: idSchema,
});
export type ChangeRoleBody = z.infer<typeof changeRoleBodySchema>;
