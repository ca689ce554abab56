import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { AuditEntry } from '../../../shared/contract/members';
import { holdCheckpoints, openDatabase, releaseCheckpoints, vacuum, type Db } from '../cache/open-database';
import { statementCache } from '../cache/statement-cache';
import type { Logger } from '../logger';
import { ImportRecords } from './import-records';
import { localMigrations } from './local-schema';
import { isLocalId, outboxIdOfLocal } from './outbox-ids';
import { auditRowSchema, lastAccountSchema, outboxRowSchema, type LastAccount, type OutboxRow } from './local-rows';
import { restoreSalvaged, salvage } from './salvage';

/**
 * The outbox, the audit log and the remembered account. Nothing secret is stored here:
 * temporary passwords live in the SecretStore under `outbox:<id>`.
 */
export class LocalStore {
  /** Open for tests and benchmarks only: core modules go through the methods below (eslint enforces it). */
  readonly db: Db;
  /** The record of each queued CSV import (import-records.ts). */
  readonly imports: ImportRecords;
  /** Prepared once per SQL text: preparing cost more than running these small statements. */
  private readonly sql: (text: string) => Database.Statement;

  constructor(dataDir: string, logger: Logger) {
    const path = join(dataDir, 'local.db');
    const opened = openDatabase(path, localMigrations, logger);
    this.db = opened.db;
    if (opened.rebuilt) restoreSalvaged(this.db, salvage(opened.rebuilt.movedTo, logger), logger);
    this.sql = statementCache(this.db);
    this.imports = new ImportRecords(this.sql);
  }

  /** Rewrites the file so deleted rows leave its bytes too (sign-out: "remove this computer's copy"). */
  compact(): void {
    vacuum(this.db);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    this.db.close();
  }

  /** Runs `work` in one transaction: one commit for many writes, all or none of them. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** For a burst of small commits (an outbox replay); see holdCheckpoints in open-database.ts. */
  holdCheckpoints(): void {
    holdCheckpoints(this.db);
  }

  releaseCheckpoints(): void {
    releaseCheckpoints(this.db);
  }

  // --- meta -----------------------------------------------------------------------------------

  getLastAccount(): LastAccount | null {
    const row = this.sql("SELECT value FROM meta WHERE key = 'lastAccount'").get() as { value: string } | undefined;
    if (!row) return null;
    try {
      const parsed = lastAccountSchema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  setLastAccount(account: LastAccount | null): void {
    if (account === null) this.sql("DELETE FROM meta WHERE key = 'lastAccount'").run();
    else
      this.sql(
        "INSERT INTO meta (key, value) VALUES ('lastAccount', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ).run(JSON.stringify(lastAccountSchema.parse(account)));
  }

  /** The org this account chose last (issue 17): kept per account, so signing in as someone else in between does not forget it. */
  orgChoice(account: string): string | null {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(`orgChoice|${account}`) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setOrgChoice(account: string, orgId: string | null): void {
    if (orgId === null) this.sql('DELETE FROM meta WHERE key = ?').run(`orgChoice|${account}`);
    else
      this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
        `orgChoice|${account}`,
        orgId,
      );
  }

  /**
   * Sign-out with "remove this computer's copy": this account's activity history, sent changes,
   * import records and the remembered account. Open changes (kept by the admin's choice) stay.
   */
  forgetAccount(account: string): void {
    this.db.transaction(() => {
      this.imports.forget(account);
      this.sql('DELETE FROM audit WHERE account = ?').run(account);
      this.sql("DELETE FROM outbox WHERE account = ? AND state = 'done'").run(account);
      this.sql("DELETE FROM meta WHERE key = 'lastAccount'").run();
      this.sql('DELETE FROM meta WHERE key = ?').run(`orgChoice|${account}`);
    })();
  }

  // --- outbox ---------------------------------------------------------------------------------

  insertOutbox(row: Omit<OutboxRow, 'seq'>): OutboxRow {
    const keys = Object.keys(row) as (keyof typeof row)[];
    const info = this.sql(`INSERT INTO outbox (${keys.join(',')}) VALUES (${keys.map((k) => '@' + k).join(',')})`).run(
      row,
    );
    return { ...row, seq: Number(info.lastInsertRowid) };
  }

  updateOutbox(id: string, changes: Partial<Omit<OutboxRow, 'seq' | 'id'>>): void {
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    this.sql(`UPDATE outbox SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...changes, id });
  }

  getOutbox(id: string): OutboxRow | null {
    const row = this.sql('SELECT * FROM outbox WHERE id = ?').get(id);
    return row ? outboxRowSchema.parse(row) : null;
  }

  /**
   * How many open entries wait to be sent and how many need attention, from the counts the
   * triggers keep (local-schema.ts): constant, however long the outbox.
   */
  outboxCounts(account: string): { queued: number; needsAttention: number } {
    const row = this.sql(
      "SELECT TOTAL(n) FILTER (WHERE state IN ('queued', 'sending')) AS queued, TOTAL(n) FILTER (WHERE state = 'needs_attention') AS needsAttention FROM outbox_counts WHERE account = ?",
    ).get(account) as { queued: number; needsAttention: number };
    return { queued: row.queued, needsAttention: row.needsAttention };
  }

  /** Entries not yet done, oldest first: the order they are sent in. */
  openOutbox(account?: string): OutboxRow[] {
    const rows = account
      ? this.sql("SELECT * FROM outbox WHERE state != 'done' AND account = ? ORDER BY seq").all(account)
      : this.sql("SELECT * FROM outbox WHERE state != 'done' ORDER BY seq").all();
    return rows.map((row) => outboxRowSchema.parse(row));
  }

  /**
   * Open entries that show on the given members (by member id, by the server id a create got,
   * or by the outbox id behind a `local:` row), oldest first. Indexed lookups: the cost follows
   * the page of members asked about, not the length of the outbox. The unary `+` keeps SQLite
   * from walking the account's entries in outbox_state and testing each against the list
   * (≈ 5 ms per page with 10,000 queued).
   */
  openEntriesForMembers(account: string, memberIds: readonly string[]): OutboxRow[] {
    if (memberIds.length === 0) return [];
    const ids = JSON.stringify(memberIds);
    const localIds = JSON.stringify(memberIds.filter(isLocalId).map(outboxIdOfLocal));
    return this.sql(
      `SELECT * FROM outbox WHERE seq IN (
         SELECT seq FROM outbox WHERE member_id IN (SELECT value FROM json_each(@ids))
         UNION SELECT seq FROM outbox WHERE result_member_id IN (SELECT value FROM json_each(@ids))
         UNION SELECT seq FROM outbox WHERE id IN (SELECT value FROM json_each(@localIds))
       ) AND +state != 'done' AND +account = @account ORDER BY seq`,
    )
      .all({ ids, localIds, account })
      .map((row) => outboxRowSchema.parse(row));
  }

  /** The ids of the entries not yet done, in send order, without reading (and parsing) the rows. */
  openOutboxIds(account: string): string[] {
    return this.sql("SELECT id FROM outbox WHERE state != 'done' AND account = ? ORDER BY seq")
      .pluck()
      .all(account) as string[];
  }

  /** How these entries stand (an id not found was discarded or pruned). For import results. */
  outboxStates(
    account: string,
    ids: readonly string[],
  ): Pick<OutboxRow, 'id' | 'kind' | 'state' | 'result_member_id' | 'last_error_code' | 'last_error_message'>[] {
    return this.sql(
      `SELECT id, kind, state, result_member_id, last_error_code, last_error_message FROM outbox
       WHERE account = ? AND id IN (SELECT value FROM json_each(?))`,
    ).all(account, JSON.stringify(ids)) as Pick<
      OutboxRow,
      'id' | 'kind' | 'state' | 'result_member_id' | 'last_error_code' | 'last_error_message'
    >[];
  }

  /** Where a `local:` id went once its invite/create reached the server. */
  resolveLocalId(localId: string): string | null {
    const row = this.sql(
      "SELECT result_member_id FROM outbox WHERE id = ? AND kind IN ('invite','create') AND result_member_id IS NOT NULL",
    ).get(outboxIdOfLocal(localId)) as { result_member_id: string } | undefined;
    return row?.result_member_id ?? null;
  }

  /** Later entries that named a local row now point at the server's id. */
  remapMember(fromId: string, toId: string): void {
    this.sql("UPDATE outbox SET member_id = ? WHERE member_id = ? AND kind NOT IN ('invite','create')").run(
      toId,
      fromId,
    );
    this.sql('UPDATE audit SET member_id = ? WHERE member_id = ?').run(toId, fromId);
  }

  /** Drops an entry that was discarded (its audit line stays). */
  deleteOutbox(id: string): void {
    this.sql('DELETE FROM outbox WHERE id = ?').run(id);
  }

  /** Sent entries older than `before` go; an import's rows keep that they were sent. */
  pruneDone(before: string): void {
    this.transaction(() => {
      this.imports.keepOutcomes(before);
      this.sql("DELETE FROM outbox WHERE state = 'done' AND updated_at < ?").run(before);
    });
  }

  // --- audit ----------------------------------------------------------------------------------

  addAudit(entry: {
    id: string;
    account: string;
    orgId: string;
    memberId: string | null;
    outboxId: string | null;
    at: string;
    action: string;
    summary: string;
    actorEmail: string;
  }): void {
    this.sql(
      'INSERT INTO audit (id, account, org_id, member_id, outbox_id, at, action, summary, actor_email) VALUES (?,?,?,?,?,?,?,?,?)',
    ).run(
      entry.id,
      entry.account,
      entry.orgId,
      entry.memberId,
      entry.outboxId,
      entry.at,
      entry.action,
      entry.summary,
      entry.actorEmail,
    );
  }

  /** The whole local activity log of an account in an org, oldest first, with how each change ended. */
  activityLog(
    account: string,
    orgId: string,
  ): {
    at: string;
    actor_email: string;
    action: string;
    summary: string;
    state: string | null;
    last_error_code: string | null;
    last_error_message: string | null;
  }[] {
    return this.sql(
      `SELECT a.at, a.actor_email, a.action, a.summary, o.state, o.last_error_code, o.last_error_message
       FROM audit a LEFT JOIN outbox o ON o.id = a.outbox_id
       WHERE a.account = ? AND a.org_id = ? ORDER BY a.at, a.rowid`,
    ).all(account, orgId) as ReturnType<LocalStore['activityLog']>;
  }

  /**
   * "Did it work?": the latest handover to each person (the `handover` lines of the activity log:
   * who, to whom, when; never a password), newest first.
   */
  handovers(account: string, orgId: string): { member_id: string; at: string; actor_email: string }[] {
    // SQLite takes the bare columns from the row holding MAX(at).
    return this.sql(
      `SELECT member_id, MAX(at) AS at, actor_email FROM audit
       WHERE account = ? AND org_id = ? AND action = 'handover' AND member_id IS NOT NULL
       GROUP BY member_id ORDER BY at DESC`,
    ).all(account, orgId) as ReturnType<LocalStore['handovers']>;
  }

  history(memberId: string, onlyOpen = false): AuditEntry[] {
    return this.sql(
      onlyOpen
        ? // Still on this computer: the outbox entry is queued, sending or refused (not done, not discarded).
          `SELECT a.id, a.at, a.action, a.summary, a.actor_email FROM audit a JOIN outbox o ON o.id = a.outbox_id
           WHERE a.member_id = ? AND o.state != 'done' ORDER BY a.at DESC, a.rowid DESC LIMIT 200`
        : 'SELECT id, at, action, summary, actor_email FROM audit WHERE member_id = ? ORDER BY at DESC, rowid DESC LIMIT 200',
    )
      .all(memberId)
      .map((row) => {
        const parsed = auditRowSchema.parse(row);
        return {
          id: parsed.id,
          at: parsed.at,
          action: parsed.action,
          summary: parsed.summary,
          actorEmail: parsed.actor_email,
        };
      });
  }
}
