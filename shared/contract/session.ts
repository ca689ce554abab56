import { z } from 'zod';
import { emailSchema } from '../api/common';

export const serverUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter the server address, for example https://nexus.example.com' }));

/**
 * Where core keeps secrets, found by a write/read/delete round trip (see
 * `electron/core/secrets/keychain-probe.ts`):
 * - `persistent`: an OS keychain that keeps them across restarts and reboots;
 * - `untilLogout`: the Linux kernel keyring (no Secret Service): kept until the user logs out;
 * - `locked`: a keychain that answers but is locked: the admin unlocks it and presses Retry;
 * - `memoryOnly`: no keychain is usable: secrets live only in core's memory, sign-ins are not
 *   remembered and nothing secret is written anywhere.
 */
export const secretStoreStateSchema = z.enum(['persistent', 'untilLogout', 'locked', 'memoryOnly']);
export type SecretStoreState = z.infer<typeof secretStoreStateSchema>;

export const secretStoreStatusSchema = z.object({
  state: secretStoreStateSchema,
  /** e.g. "Secret Service", "macOS Keychain", "Windows Credential Manager", "kernel keyring", "memory". */
  backend: z.string(),
  /** False when secrets would be lost on logout/reboot (Linux without a Secret Service). */
  persistent: z.boolean(),
  /** One sentence for the admin when `state` is not `persistent`: what happens and why. */
  warning: z.string().nullable(),
});
export type SecretStoreStatus = z.infer<typeof secretStoreStatusSchema>;

export const orgSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  roleName: z.string(),
  permissions: z.array(z.string()),
  canManageMembers: z.boolean(),
});
export type OrgSummary = z.infer<typeof orgSummarySchema>;

export const sessionStatusSchema = z.object({
  state: z.enum(['signedOut', 'signedIn']),
  serverUrl: z.string().nullable(),
  /** Server the console suggests on the sign-in screen (the local sandbox, or set by policy). */
  defaultServerUrl: z.string().nullable(),
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
  /** True while signed in from the cache without reaching the server. */
  offline: z.boolean(),
  /** Set when the server refused the stored session: sync is paused until the admin signs in. */
  reauthRequired: z.boolean(),
  org: orgSummarySchema.nullable(),
  orgs: z.array(orgSummarySchema),
  secretStore: secretStoreStatusSchema,
});
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const signInInputSchema = z.object({
  serverUrl: serverUrlSchema,
  email: emailSchema,
  password: z.string().min(1, 'Enter your password').max(1024),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

/** The change token stays in core; the renderer only learns that a new password is needed. */
export const signInResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('signedIn'), status: sessionStatusSchema }),
  z.object({ outcome: z.literal('passwordChangeRequired'), email: z.string() }),
]);
export type SignInResult = z.infer<typeof signInResultSchema>;

export const changeOwnPasswordInputSchema = z.object({
  newPassword: z.string().min(1, 'Enter a new password').max(1024),
});
