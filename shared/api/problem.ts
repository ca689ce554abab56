import { z } from 'zod';

/**
 * Stable machine codes of the Nexus API's problem documents (RFC 9457 `code` member).
 * The client branches on these, never on `title` or `detail`.
 */
export const problemCodes = [
  'invalid_request',
  'unauthorized',
  'invalid_credentials',
  'password_change_required',
  'weak_password',
  'refresh_token_reused',
  'invalid_refresh_token',
  'invalid_change_token',
  'rate_limited',
  'missing_permission',
  'not_found',
  'already_member',
  'already_invited',
  'unknown_role',
  'user_exists',
  'not_managed_account',
  'version_mismatch',
  'precondition_required',
  'last_owner',
  'cannot_remove_self',
  // Who may grant what (issue 17): 403s on invite, create and role change.
  'owner_only',
  'role_not_grantable',
  'cannot_change_own_role',
  'sync_token_expired',
  'invitation_expired',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'internal_error',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export const problemFieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type ProblemFieldError = z.infer<typeof problemFieldErrorSchema>;

/** Unknown codes from a newer server are kept as strings rather than rejected. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(problemFieldErrorSchema).optional(),
  })
  .loose();
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
