import { z } from 'zod';
import { emailSchema, idSchema, isoDateTimeSchema } from './common';
import { roleSchema } from './roles';

export const userSummarySchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const sessionSchema = z.object({
  accessToken: z.string().min(1),
  accessTokenExpiresAt: isoDateTimeSchema,
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: isoDateTimeSchema,
  user: userSummarySchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const signInBodySchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(1024),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const passwordChangeRequiredSchema = z.object({
  passwordChangeToken: z.string().min(1),
});

export const passwordChangeBodySchema = z.object({
  passwordChangeToken: z.string().min(1).max(1024),
  newPassword: z.string().max(1024),
});
export type PasswordChangeBody = z.infer<typeof passwordChangeBodySchema>;

export const refreshBodySchema = z.object({
  refreshToken: z.string().min(1).max(1024),
});

export const membershipSchema = z.object({
  org: z.object({ id: idSchema, name: z.string() }),
  role: roleSchema,
  permissions: z.array(z.string()),
});
export type Membership = z.infer<typeof membershipSchema>;

export const meSchema = z.object({
  user: userSummarySchema,
  memberships: z.array(membershipSchema),
});
export type Me = z.infer<typeof meSchema>;

export const ACCESS_TOKEN_TTL_MS = 15 * 60 * 1000;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
