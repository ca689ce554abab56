import { z } from 'zod';
import { emailSchema, idSchema, nameSchema } from '../api/common';
import { FIELD_MAX } from '../field-limits';

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
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /**
   * A queued change that cannot go before an earlier one on the same member is fixed or
   * discarded (e.g. a role change behind a rejected create): that earlier change's summary.
   */
  waitingFor: z.string().nullable(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export const outboxListResultSchema = z.object({ items: z.array(outboxEntrySchema) });
export const outboxIdInputSchema = z.object({ id: z.string().min(1).max(200) });

/** What a needs-attention entry may be edited to before it is retried. */
export const outboxEditInputSchema = z.object({
  id: z.string().min(1).max(200),
  changes: z
    .object({
      email: emailSchema.optional(),
      name: nameSchema.min(1).optional(),
      roleId: idSchema.optional(),
      temporaryPassword: z.string().min(1).max(FIELD_MAX.password).optional(),
    })
    .refine((changes) => Object.keys(changes).length > 0, 'Change at least one field'),
});
