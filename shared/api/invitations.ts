import { z } from 'zod';
import { isoDateTimeSchema, nameSchema } from './common';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const INVITATION_RESEND_INTERVAL_MS = 60 * 1000;

export const publicInvitationSchema = z.object({
  orgName: z.string(),
  email: z.string(),
  inviterName: z.string(),
  expiresAt: isoDateTimeSchema,
  accountExists: z.boolean(),
});
export type PublicInvitation = z.infer<typeof publicInvitationSchema>;

/** `name` is required only when the invitee has no Nexus account yet. */
export const acceptInvitationBodySchema = z.object({
  name: nameSchema.min(1).optional(),
  password: z.string().min(1).max(1024),
});
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBodySchema>;
