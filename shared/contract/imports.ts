import { z } from 'zod';
import { emailSchema, idSchema, nameSchema } from '../api/common';
import { memberStatusSchema } from '../api/members';
import { importFormatIds } from '../csv/import-formats';
import { CSV_MAX_ROWS } from '../csv/parse-csv';
import { FIELD_MAX } from '../field-limits';
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

/** The file as the results name it: its name and the format the preview named (never its content). */
export const importFileSchema = z.object({
  name: z.string().trim().min(1).max(255),
  format: z.enum(importFormatIds),
});

/**
 * A row of the file that was not queued (left out, or still with problems), kept in the import's
 * record with why. It has no password field: a file's passwords never reach the record.
 */
export const importNotQueuedRowSchema = z.object({
  line: z.number().int().min(1),
  /** As typed: an address that failed the checks is kept as the file had it. */
  email: z.string().max(1000),
  name: z.string().max(1000),
  role: z.string().max(FIELD_MAX.name),
  action: z.enum(['invite', 'create']),
  reason: z.string().max(4000),
});

export const importQueueInputSchema = z.object({
  rows: z.array(importQueueRowSchema).min(1).max(CSV_MAX_ROWS),
  /** Hold the creates' passwords for a handover session (issue 14); the default for imports. */
  holdForHandover: z.boolean().default(true),
  /** What the import's record (import.history) calls the file. */
  file: importFileSchema.default({ name: 'CSV file', format: 'custom' }),
  notQueued: z.array(importNotQueuedRowSchema).max(CSV_MAX_ROWS).default([]),
});

export const importQueueResultSchema = z.object({
  /** The import's record, as import.history lists it. */
  importId: z.string(),
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

/**
 * How many imports core keeps per account and org (local.db, so they outlive a reload and a
 * restart): the newest 20, and no older one once the newer ones hold 20,000 rows (the list is
 * read each time the dialog opens: 20 files of 10,000 rows took ≈ 0.8 s to read); the newest is
 * always kept. An older one goes with its rows when a new one is queued.
 */
export const IMPORT_HISTORY_KEPT = 20;
export const IMPORT_HISTORY_ROWS_KEPT = 20_000;

/** One row of a kept import: queued (with the outbox entry it became) or not (with why). Never a password. */
export const importRecordRowSchema = z.object({
  line: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  action: z.enum(['invite', 'create']),
  /** Null: not queued, `reason` says why. How a queued row ended comes from import.results. */
  outboxId: z.string().nullable(),
  reason: z.string(),
});
export const importRecordSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(importFormatIds),
  queuedAt: z.string(),
  /** Passwords the keychain refused to hold for the handover (the rows ARE queued). */
  notHeld: z.number().int(),
  rows: z.array(importRecordRowSchema),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;
/** The signed-in account's imports in this org, newest first (at most IMPORT_HISTORY_KEPT). */
export const importHistorySchema = z.object({ imports: z.array(importRecordSchema) });

/** The members list as filtered and sorted on screen: every matching row. */
export const membersExportInputSchema = membersQueryInputSchema.omit({ offset: true, limit: true });
export const csvExportSchema = z.object({ csv: z.string(), rows: z.number().int(), fileName: z.string() });

export const importProgressSchema = z.object({
  phase: z.enum(['checking', 'keychain', 'queueing', 'done']),
  done: z.number().int(),
  total: z.number().int(),
});
