import { z } from 'zod';

/**
 * Signing out says what stays on this computer and never drops queued changes silently: with
 * changes waiting, the admin must choose to keep them (sent after the next sign-in as the same
 * account) or discard them. The org's data (members, roles, the local activity history) stays for
 * the next sign-in unless the admin asks to remove this computer's copy.
 */
export const signOutInputSchema = z
  .object({
    /** Required when changes wait to be sent; otherwise sign-out fails with `confirmation_required`. */
    queuedChanges: z.enum(['keep', 'discard']).optional(),
    removeLocalData: z.boolean().default(false),
  })
  .default({ removeLocalData: false });
export type SignOutInput = z.input<typeof signOutInputSchema>;

/** What the sign-out dialog shows before the admin confirms. */
export const signOutCheckSchema = z.object({
  /** Changes waiting to be sent, and those the server refused (needing attention). */
  queued: z.number().int().nonnegative(),
  needsAttention: z.number().int().nonnegative(),
  /** Offline: the session is revoked at the next chance instead of now. */
  offline: z.boolean(),
  /** The orgs whose data this computer keeps. */
  orgNames: z.array(z.string().max(500)),
});
export type SignOutCheck = z.infer<typeof signOutCheckSchema>;
