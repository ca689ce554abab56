import { z } from 'zod';

/** One account the console keeps signed in (several servers or customers, issue 15). */
export const accountSummarySchema = z.object({
  id: z.string(),
  serverUrl: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  signedIn: z.boolean(),
  queued: z.number().int(),
  needsAttention: z.number().int(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const accountsListSchema = z.object({ items: z.array(accountSummarySchema), activeId: z.string() });
export type AccountsList = z.infer<typeof accountsListSchema>;

export const accountIdInputSchema = z.object({ id: z.string().min(1).max(100) });
