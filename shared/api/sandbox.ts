import { z } from 'zod';
import { isoDateTimeSchema } from './common';

/** A message the sandbox would have mailed; only the sandbox serves `/sandbox/*`. */
export const outboxMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  acceptUrl: z.string().nullable(),
  createdAt: isoDateTimeSchema,
});
export type OutboxMail = z.infer<typeof outboxMailSchema>;
export const outboxMailListSchema = z.object({ items: z.array(outboxMailSchema) });

export const sandboxStatsSchema = z.object({
  requests: z.number().int(),
  /** Mutations that changed state; a replayed idempotent request adds none. */
  effects: z.number().int(),
  /** Effects per idempotency key beyond the first: must stay 0. */
  duplicateEffects: z.number().int(),
  idempotentReplays: z.number().int(),
  faultsInjected: z.record(z.string(), z.number().int()),
});
export type SandboxStats = z.infer<typeof sandboxStatsSchema>;
