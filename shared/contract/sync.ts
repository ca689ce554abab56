import { z } from 'zod';

export const syncStatusSchema = z.object({
  state: z.enum(['idle', 'syncing', 'offline', 'paused']),
  lastSyncedAt: z.string().nullable(),
  queued: z.number().int(),
  needsAttention: z.number().int(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Why sync is paused or offline, as a sentence. */
  reason: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
