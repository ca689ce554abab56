import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  IMPORT_HISTORY_KEPT,
  IMPORT_HISTORY_ROWS_KEPT,
  importRecordSchema,
  type ImportRecord,
} from '../../../shared/contract/imports';

/** A kept import as it is written: no password field exists to fill. */
export interface NewImportRecord {
  id: string;
  account: string;
  orgId: string;
  fileName: string;
  format: ImportRecord['format'];
  queuedAt: string;
  rows: ImportRecord['rows'];
}

const fileRowSchema = z.object({
  id: z.string(),
  file_name: z.string(),
  format: importRecordSchema.shape.format,
  queued_at: z.string(),
  not_held: z.number().int(),
});
const recordRowSchema = z.object({
  line: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  action: z.enum(['invite', 'create']),
  outbox_id: z.string().nullable(),
  reason: z.string(),
});

/**
 * The record of each queued CSV import in local.db (tables import_file / import_row): what the
 * Import CSV dialog's results list after a reload or a restart. Kept per account and org, the
 * newest IMPORT_HISTORY_KEPT; removed with the account's local copy at sign-out. Part of
 * LocalStore (its SQL stays in the store), reached as `local.imports`.
 */
export class ImportRecords {
  /** LocalStore's prepared statements (statement-cache.ts). */
  constructor(private readonly sql: (text: string) => Database.Statement) {}

  /**
   * Writes one import and drops this account's older imports in the org beyond the bound
   * (IMPORT_HISTORY_KEPT files; none once the newer hold IMPORT_HISTORY_ROWS_KEPT rows). Call
   * inside the queue's transaction.
   */
  add(record: NewImportRecord): void {
    this.sql(
      'INSERT INTO import_file (id, account, org_id, file_name, format, queued_at, row_count) VALUES (?,?,?,?,?,?,?)',
    ).run(record.id, record.account, record.orgId, record.fileName, record.format, record.queuedAt, record.rows.length);
    const insertRow = this.sql(
      'INSERT INTO import_row (import_id, line, email, name, role, action, outbox_id, reason) VALUES (?,?,?,?,?,?,?,?)',
    );
    for (const row of record.rows)
      insertRow.run(record.id, row.line, row.email, row.name, row.role, row.action, row.outboxId, row.reason);
    const older = `SELECT id FROM (
        SELECT id, ROW_NUMBER() OVER newest AS n, SUM(row_count) OVER newest - row_count AS newer_rows
        FROM import_file WHERE account = @account AND org_id = @orgId
        WINDOW newest AS (ORDER BY queued_at DESC, rowid DESC)
      ) WHERE n > ${IMPORT_HISTORY_KEPT} OR newer_rows >= ${IMPORT_HISTORY_ROWS_KEPT}`;
    const scope = { account: record.account, orgId: record.orgId };
    this.sql(`DELETE FROM import_row WHERE import_id IN (${older})`).run(scope);
    this.sql(`DELETE FROM import_file WHERE id IN (${older})`).run(scope);
  }

  setNotHeld(id: string, notHeld: number): void {
    this.sql('UPDATE import_file SET not_held = ? WHERE id = ?').run(notHeld, id);
  }

  /** This account's imports in the org, newest first, each with its rows by line. */
  list(account: string, orgId: string): ImportRecord[] {
    const files = this.sql(
      'SELECT id, file_name, format, queued_at, not_held FROM import_file WHERE account = ? AND org_id = ? ORDER BY queued_at DESC, rowid DESC',
    ).all(account, orgId);
    const rowsOf = this.sql(
      'SELECT line, email, name, role, action, outbox_id, reason FROM import_row WHERE import_id = ? ORDER BY line, rowid',
    );
    return files.map((raw) => {
      const file = fileRowSchema.parse(raw);
      return {
        id: file.id,
        fileName: file.file_name,
        format: file.format,
        queuedAt: file.queued_at,
        notHeld: file.not_held,
        rows: rowsOf.all(file.id).map((rawRow) => {
          const { outbox_id: outboxId, ...row } = recordRowSchema.parse(rawRow);
          return { ...row, outboxId };
        }),
      };
    });
  }

  /** The member each of these import rows made ('' if unknown), where its done outbox entry was pruned since. */
  prunedDone(ids: readonly string[]): Map<string, string> {
    const rows = this.sql(
      `SELECT outbox_id, ended_member_id FROM import_row
       WHERE ended_member_id IS NOT NULL AND outbox_id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as { outbox_id: string; ended_member_id: string }[];
    return new Map(rows.map((row) => [row.outbox_id, row.ended_member_id]));
  }

  /** Before done outbox entries are pruned: their import rows keep that they ended, and as whom. */
  keepOutcomes(before: string): void {
    this.sql(
      `UPDATE import_row SET ended_member_id = COALESCE(o.result_member_id, '') FROM outbox o
       WHERE o.id = import_row.outbox_id AND o.state = 'done' AND o.updated_at < ?`,
    ).run(before);
  }

  /** Sign-out's "remove this computer's copy": every import of the account. */
  forget(account: string): void {
    this.sql('DELETE FROM import_row WHERE import_id IN (SELECT id FROM import_file WHERE account = ?)').run(account);
    this.sql('DELETE FROM import_file WHERE account = ?').run(account);
  }
}
