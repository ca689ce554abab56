import { z } from 'zod';
import { problemCodes } from '../api/problem';
import type { ConsoleErrorShape, FieldError } from './console-error';

export { ConsoleError, type CommandResult, type ConsoleErrorShape, type FieldError } from './console-error';

/**
 * How every failure crosses the IPC boundary: `{ code, message, fields? }`, never a stack.
 * `code` is one of the console's own codes below or a Nexus API problem code passed through
 * (`already_member`, `weak_password`, ...); `message` is a sentence the admin can act on.
 */
export const consoleErrorCodes = [
  'invalid_input',
  'unknown_command',
  'not_signed_in',
  'no_org_selected',
  /** Core knows it is offline and will not try (sync.now while offline). */
  'offline',
  /** The server could not be reached at all (refused, no route, DNS): "Can't reach …". */
  'server_unreachable',
  'not_found',
  'missing_permission',
  'secret_store_unavailable',
  /** The Electron shell refused a call from a frame or window that is not the console's. */
  'forbidden',
  /** The browser bridge has no connection to its host (closed, or opened without the launch secret). */
  'host_unavailable',
  'internal_error',
  // --- issue 12 (hardening) ------------------------------------------------------------------
  /** The server was reached but did not answer in time, or the connection broke mid-answer. */
  'no_answer',
  /** The server answered a call carrying a secret with a redirect; the console does not follow. */
  'redirect_refused',
  /** A non-2xx answer without a problem document (the status is in the message). */
  'unexpected_status',
  /** The browser host has too many calls in flight from this page. */
  'busy',
  /** A queued change's temporary password is no longer in the keychain. */
  'secret_missing',
  /** A step needs the admin's explicit choice first (sign-out with queued changes). */
  'confirmation_required',
  // --- issue 15 (settings and organization policies) ----------------------------------------
  /** The organization does not allow signing in to this server (AllowedServers / ServerUrl). */
  'server_not_allowed',
  /** Offline, and the organization does not allow temporary passwords to wait in the queue. */
  'offline_passwords_not_allowed',
  /** The organization turned CSV import off (AllowCsvImport). */
  'csv_import_not_allowed',
  // --- issue 17 (say only what is true): the console's own checks before sending ------------
  /** The member a queued change names is no longer in the org (removed meanwhile). */
  'member_gone',
  /** The invitation a queued resend or cancel names is no longer pending. */
  'invitation_gone',
  /**
   * The console's own check of who may grant what (shared/role-grants.ts), before anything is
   * queued: the admin's role may not grant this role (only owners make owners; only roles within
   * their own permissions). Nothing is queued; the server would answer owner_only / role_not_grantable.
   */
  'grant_not_allowed',
  /** The console's own check: nobody changes their own role (the server: cannot_change_own_role). */
  'own_role_change',
] as const;
export type ConsoleErrorCode = (typeof consoleErrorCodes)[number];

/**
 * Every code that may cross the boundary: the console's own and the Nexus API's problem codes,
 * passed through with the server's `detail`. (A newer server's unknown code also passes through,
 * as a string: the renderer then shows the server's sentence.)
 */
export const errorCodes = [...consoleErrorCodes, ...problemCodes] as const;
export type ErrorCode = (typeof errorCodes)[number];
export const isKnownErrorCode = (code: string): code is ErrorCode => (errorCodes as readonly string[]).includes(code);

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });

export const consoleErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(fieldErrorSchema).optional(),
  /** Seconds to wait before trying again (throttled sign-in, rate limits). */
  retryAfterSeconds: z.number().optional(),
});

// The class and types live in console-error.ts (no zod: the bridges use them before zod loads);
// these lines keep the schema and the hand-written types the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const fieldErrorTypeMatches: Same<z.infer<typeof fieldErrorSchema>, FieldError> = true;
const shapeTypeMatches: Same<z.infer<typeof consoleErrorSchema>, ConsoleErrorShape> = true;
void fieldErrorTypeMatches;
void shapeTypeMatches;

export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
}
