import { z } from 'zod';

/**
 * Handover sessions (issue 14): temporary passwords held in the keychain until the admin hands
 * them over, ends the session, signs out, or the time limit (`HandoverMaxHours`) passes. The list
 * never carries a password; `handover.reveal` returns the one person's password on screen.
 */
export const handoverStateSchema = z.enum(['queued', 'onServer', 'rejected']);
export type HandoverState = z.infer<typeof handoverStateSchema>;

export const handoverItemSchema = z.object({
  /** The outbox entry that sets the password. */
  id: z.string(),
  memberId: z.string(),
  email: z.string(),
  name: z.string(),
  /** A new account, a changed password, or credentials sent again. */
  kind: z.enum(['create', 'change', 'resend_credentials']),
  state: handoverStateSchema,
  /** The server's reason when `rejected`. */
  reason: z.string().nullable(),
  heldAt: z.string(),
  expiresAt: z.string(),
});
export type HandoverItem = z.infer<typeof handoverItemSchema>;

export const handoverListSchema = z.object({
  items: z.array(handoverItemSchema),
  /** Where the people sign in (the server this account uses). */
  signInAddress: z.string().nullable(),
  maxHours: z.number().int(),
});
export type HandoverList = z.infer<typeof handoverListSchema>;

export const handoverIdInputSchema = z.object({ id: z.string().min(1).max(200) });
export const handoverRevealSchema = z.object({ password: z.string() });
export const handoverEndResultSchema = z.object({ deleted: z.number().int() });

/** `handover.changed`: how many people are waiting (the count in the main navigation). */
export const handoverChangedSchema = z.object({ waiting: z.number().int() });

/** The "Hold for handover" choice of the single-user dialogs, added to their inputs. */
export const holdForHandoverField = { holdForHandover: z.boolean().optional() };

/**
 * "Did it work?": the people this admin handed a password to, and whether they have since signed
 * in and chosen their own (from the cached member: `lastSignInAt`, `mustChangePassword`). Not
 * signed in `HandoverFollowUpDays` after the handover: `overdue`, with Resend credentials at hand.
 */
export const handedOverStateSchema = z.enum(['signedIn', 'notSignedIn', 'overdue']);
export type HandedOverState = z.infer<typeof handedOverStateSchema>;

export const handedOverItemSchema = z.object({
  memberId: z.string(),
  email: z.string(),
  name: z.string(),
  /** The latest handover to this person, and the admin who made it. */
  handedOverAt: z.string(),
  handedOverBy: z.string(),
  lastSignInAt: z.string().nullable(),
  state: handedOverStateSchema,
  /** Resend credentials applies (an active, admin-created account on the server). */
  canResend: z.boolean(),
});
export type HandedOverItem = z.infer<typeof handedOverItemSchema>;

export const handedOverListSchema = z.object({
  items: z.array(handedOverItemSchema),
  followUpDays: z.number().int(),
});
export type HandedOverList = z.infer<typeof handedOverListSchema>;
