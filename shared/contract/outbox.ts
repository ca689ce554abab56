import { z } from 'zod';
import { emailSchema, idSchema, nameSchema } from '../api/common';
import { temporaryPasswordSchema } from '../password-policy';

export const outboxKinds = [
  'invite',
  'create',
  'resendInvite',
  'cancelInvite',
  'setPassword',
  'changeRole',
  'remove',
] as const;
export const outboxKindSchema = z.enum(outboxKinds);
export type OutboxKind = z.infer<typeof outboxKindSchema>;

export const outboxStateSchema = z.enum(['queued', 'sending', 'needs_attention', 'done']);
export type OutboxState = z.infer<typeof outboxStateSchema>;

export const outboxEntrySchema = z.object({
  id: z.string(),
  orgId: z.string(),
  kind: outboxKindSchema,
  state: outboxStateSchema,
  /** e.g. "Invite ana@example.com as Admin". Never contains a password. */
  summary: z.string(),
  memberId: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  roleId: z.string().nullable(),
  /** A temporary password waits in the OS keychain under this entry's id. */
  hasSecret: z.boolean(),
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  /** `source`: the server refused it, or the console's own check stopped it before sending. */
  lastError: z
    .object({ code: z.string(), message: z.string(), source: z.enum(['server', 'console']).default('server') })
    .nullable(),
  /**
   * A queued change that cannot go before an earlier one on the same member is fixed or
   * discarded (e.g. a role change behind a rejected create): that earlier change's summary.
   */
  waitingFor: z.string().nullable(),
  /**
   * What the server suggested instead, offered in one click: invite them instead of creating an
   * account, resend the invitation they already have, or open the member they already are.
   */
  suggestion: z
    .object({ action: z.enum(['invite', 'resendInvite', 'openMember']), memberId: z.string().nullable() })
    .nullable()
    .default(null),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export const outboxListResultSchema = z.object({ items: z.array(outboxEntrySchema) });
export const outboxIdInputSchema = z.object({ id: z.string().min(1).max(200) });
export const outboxRetryInputSchema = outboxIdInputSchema.extend({
  /** Retry even when the console can tell it would be refused again for the same reason. */
  force: z.boolean().default(false),
});
/** `retried: false`: not retried, and `refusedAgain` says why it would be refused again. */
export const outboxRetryResultSchema = z.object({
  ok: z.literal(true),
  retried: z.boolean(),
  refusedAgain: z.string().nullable(),
});

/** What a needs-attention entry may be edited to before it is retried. */
export const outboxEditInputSchema = z.object({
  id: z.string().min(1).max(200),
  changes: z
    .object({
      email: emailSchema.optional(),
      name: nameSchema.min(1, 'Enter a name').optional(),
      roleId: idSchema.optional(),
      /** Held to the policy here, and by core again for the entry's email. */
      temporaryPassword: temporaryPasswordSchema().optional(),
      /** Turns a queued create into an invite (the server said the email has an account). */
      kind: z.literal('invite').optional(),
    })
    .refine((changes) => Object.keys(changes).length > 0, 'Change at least one field'),
});

/**
 * `outbox.edit`: saved. `held` is there when the entry's password was held for the handover and a
 * new one was set: the held copy follows the edit (`true`), or the keychain refused the new one and
 * the old copy was dropped (`false`: the admin copies the new password from the show-once dialog).
 */
export const outboxEditResultSchema = z.object({ ok: z.literal(true), held: z.boolean().optional() });

/**
 * Codes of the checks the console makes itself before sending (the server never saw these
 * entries): shown as the console's words, never as "the server refused it".
 */
export const consoleCheckCodes: readonly string[] = ['secret_missing', 'member_gone', 'invitation_gone'];

/**
 * A change moved out of queued/sending: the server took it (`done`), refused it (`refused`, with
 * its reason), or asked to wait before it is tried again (`waiting`). One event per move, so the
 * renderer says the outcome once.
 */
export const outboxSettledSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  kind: outboxKindSchema,
  summary: z.string(),
  /** The row it shows on (the server's id once an invite or create went through). */
  memberId: z.string().nullable(),
  outcome: z.enum(['done', 'refused', 'waiting']),
  message: z.string().nullable(),
  source: z.enum(['server', 'console']).nullable(),
});
export type OutboxSettled = z.infer<typeof outboxSettledSchema>;
