import { z } from 'zod';
import { emailSchema, idSchema, nameSchema } from '../api/common';
import { memberStatusSchema } from '../api/members';
import { CSV_MAX_ROWS } from '../csv/parse-csv';
import { membersQueryInputSchema } from './members';
import { outboxStateSchema } from './outbox';

/**
 * CSV import and export. The file is read and checked in the renderer (shared/csv); core answers
 * what only it knows (cached members, account lookups), queues the rows, and reports how each
 * ended. No output here ever carries a password.
 */
export const ACCOUNT_LOOKUPS_MAX = 200;

export const importLookupInputSchema = z.object({
  /** The file's addresses (as typed: invalid ones simply match nothing). */
  emails: z.array(z.string().max(1000)).max(CSV_MAX_ROWS),
  /** Addresses planned as creates: online, the console asks the server whether each has an account. */
  checkAccounts: z.array(emailSchema).max(ACCOUNT_LOOKUPS_MAX).default([]),
});

export const importLookupResultSchema = z.object({
  members: z.array(
    z.object({
      email: z.string(),
      status: memberStatusSchema,
      origin: z.enum(['invitation', 'admin_created']),
      queued: z.boolean(),
    }),
  ),
  accounts: z.object({
    /** False offline: whether an address has a Nexus account is checked when the row syncs. */
    checked: z.boolean(),
    existing: z.array(z.string()),
    missing: z.array(z.string()),
  }),
});
export type ImportLookupResult = z.infer<typeof importLookupResultSchema>;

export const importQueueRowSchema = z.object({
  /** The file's line, echoed back with the row's outbox entry. */
  line: z.number().int().min(1),
  action: z.enum(['invite', 'create']),
  email: emailSchema,
  name: nameSchema,
  roleId: idSchema,
  /** A create's password from the file; a create without one gets a generated password. */
  password: z.string().min(1).max(1024).optional(),
  /** The admin confirmed re-adding a removed member. */
  reAdd: z.boolean().default(false),
});

export const importQueueInputSchema = z.object({
  rows: z.array(importQueueRowSchema).min(1).max(CSV_MAX_ROWS),
  /** Hold the creates' passwords for a handover session (issue 14); the default for imports. */
  holdForHandover: z.boolean().default(true),
});

export const importQueueResultSchema = z.object({
  entries: z.array(z.object({ line: z.number().int(), outboxId: z.string(), memberId: z.string() })),
  /**
   * Passwords the import asked to hold for the handover but the keychain refused (the rows ARE
   * queued): the results say so, and what to do. Absent when nothing was asked or all were held.
   */
  notHeld: z.number().int().optional(),
});
export type ImportQueueResult = z.infer<typeof importQueueResultSchema>;

export const importResultsInputSchema = z.object({
  outboxIds: z.array(z.string().min(1).max(200)).max(CSV_MAX_ROWS),
});

export const importResultItemSchema = z.object({
  outboxId: z.string(),
  /** `discarded`: the entry was discarded under Pending changes (or pruned long after it synced). */
  state: z.union([outboxStateSchema, z.literal('discarded')]),
  kind: z.enum(['invite', 'create']).nullable(),
  memberId: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export const importResultsSchema = z.object({ items: z.array(importResultItemSchema) });
export type ImportResultItem = z.infer<typeof importResultItemSchema>;

/** The members list as filtered and sorted on screen: every matching row. */
export const membersExportInputSchema = membersQueryInputSchema.omit({ offset: true, limit: true });
export const csvExportSchema = z.object({ csv: z.string(), rows: z.number().int(), fileName: z.string() });

export const importProgressSchema = z.object({
  phase: z.enum(['checking', 'keychain', 'queueing', 'done']),
  done: z.number().int(),
  total: z.number().int(),
});
