import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Member, Role } from '../../../shared/api';
import type { OrgSummary } from '../../../shared/contract/session';
import type { Logger } from '../logger';
import { cacheMigrations } from './cache-schema';
import { CacheJobs, type CacheJobsOptions } from './cache-jobs';
import { CacheReplacement } from './cache-replacement';
import { holdCheckpoints, openDatabase, releaseCheckpoints, vacuum } from './open-database';
import type { Db, OpenedDatabase } from './open-database';
import { MemberIndex } from './member-index';
import type { CountsFilter, MemberCounts } from './member-counts';
import { transactionWithFtsByRows } from './fts-by-rows';
import type { CheckResult } from './integrity-check';
import type { MembersQuery } from './members-query';
import { MembersTable } from './members-table';
import type { WaitLimits } from './member-index-wait';
import type { CachedMember, ExportedMember } from './member-rows';
import type { MemberByEmail } from './member-lookups';
import { BulkWrites } from './full-listing';
import { OrgsAndRoles } from './orgs-roles';
import { statementCache } from './statement-cache';
import { readSyncState, writeSyncState, type SyncState } from './sync-state';

export { sortName, type CachedMember, type ExportedMember } from './member-rows';

export interface CacheStoreOptions extends CacheJobsOptions {
  /** From this cache.db size on, the integrity check after open runs in a worker (integrity-check.ts). */
  checkWorkerMinBytes?: number;
  /** Up to these table sizes queries use SQL while the member index builds (member-index-wait.ts). */
  indexWait?: WaitLimits;
}

/**
 * cache.db: what the server told us, plus optimistic rows from the outbox. Rebuildable: a
 * corrupt or newer-schema file is moved aside and refilled by a full sync. The parts: the row
 * format (`member-rows.ts`), the members table's reads and row writes (`members-table.ts`),
 * the member index (`member-index.ts`), orgs and roles (`orgs-roles.ts`), the sync state
 * (`sync-state.ts`), the integrity check after open (`cache-replacement.ts`), and the deferred
 * index work of bulk writes (`deferred-indexes.ts`, `full-listing.ts`) that `cache-jobs.ts`
 * runs in the cache worker. Writes wait for that work: see CacheJobs.
 */
export class CacheStore {
  /**
   * Open for tests and benchmarks only: core modules go through the methods below (eslint
   * enforces it). Replaced, with everything prepared on it, when the background integrity check
   * finds the file corrupt (cache-replacement.ts): do not keep it across an await.
   */
  db!: Db;
  /** Set when the file was unusable and a fresh one was made (at open, or by the background check). */
  rebuilt: OpenedDatabase['rebuilt'];
  memberIndex!: MemberIndex;
  private orgsAndRoles!: OrgsAndRoles;
  private members!: MembersTable;
  private bulkWrites!: BulkWrites;
  /** Prepared once per SQL text (statement-cache.ts). */
  private sql!: (text: string) => Database.Statement;
  private readonly jobs: CacheJobs;
  private readonly replacement: CacheReplacement;
  /** Inside bulkTransaction: each org's generation, read once (it was a sync_state read per row). */
  private bulkGenerations: Map<string, number> | null = null;
  private readonly indexWait: WaitLimits | undefined;

  constructor(dataDir: string, logger: Logger, options: CacheStoreOptions = {}) {
    const path = join(dataDir, 'cache.db');
    // No quick_check here (seconds at 1M members): it runs after open (cache-replacement.ts).
    const opened = openDatabase(path, cacheMigrations, logger, { check: 'later' });
    this.rebuilt = opened.rebuilt;
    this.jobs = new CacheJobs(opened.db, path, logger, options);
    this.indexWait = options.indexWait;
    this.attach(opened.db);
    this.bulkWrites.repairAtOpen(logger);
    this.replacement = new CacheReplacement({
      db: () => this.db,
      path,
      logger,
      jobs: this.jobs,
      rebuilt: opened.rebuilt !== null,
      workerMinBytes: options.checkWorkerMinBytes,
      closing: () => this.memberIndex.changed(),
      // Everything prepared again on the fresh file; the remembered counts go with the old one.
      reopened: (fresh) => {
        this.rebuilt = fresh.rebuilt;
        this.attach(fresh.db);
      },
    });
  }

  /** Everything prepared on the connection (again after the file was replaced: cache-replacement.ts). */
  private attach(db: Db): void {
    this.db = db;
    this.sql = statementCache(this.db);
    this.memberIndex = new MemberIndex(this.db);
    this.orgsAndRoles = new OrgsAndRoles(this.db, this.sql);
    this.members = new MembersTable(this.db, this.sql, this.memberIndex);
    this.jobs.reattach(this.db);
    this.bulkWrites = new BulkWrites(this.db, this.jobs, this.memberIndex, () => this.members.written());
  }

  /**
   * Bulk writes of the members table: a full listing (index upkeep off, its pages in the cache
   * worker, the indexes built once at its end) and FTS upkeep deferred during a replay
   * (full-listing.ts). Replaced with the file, like `db`: do not keep it across an await.
   */
  get bulk(): BulkWrites {
    return this.bulkWrites;
  }

  /** Called after the background check found cache.db corrupt and replaced it with an empty one. */
  onRebuilt(listener: () => void): void {
    this.replacement.onRebuilt(listener);
  }

  /** The background integrity check's answer, once the file was replaced if it had to be (tests, bench). */
  integrityChecked(): Promise<CheckResult> {
    return this.replacement.checked();
  }

  /** Rewrites the file so deleted rows leave its bytes too (sign-out: "remove this computer's copy"). */
  compact(): void {
    this.assertWritable();
    vacuum(this.db);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Ends a running cache worker (its flags repair on the next open), then closes. */
  async shutdown(): Promise<void> {
    await Promise.all([this.jobs.stop(), this.replacement.stop()]);
    this.db.close();
  }

  close(): void {
    void this.jobs.stop();
    void this.replacement.stop();
    this.db.close();
  }

  // --- writes wait for the cache worker (cache-jobs.ts) ---------------------------------------

  /** Resolves when cache.db may be written; write right after it, before the next await. */
  async writable(): Promise<void> {
    // A write between the check's corrupt answer and the file's replacement would be lost with it.
    if (this.replacement.pending) await this.replacement.pending;
    return this.jobs.writable();
  }

  /** A sync cycle: writes with awaits between them, which no outside job may interrupt. */
  async writeSession<T>(work: () => Promise<T>): Promise<T> {
    if (this.replacement.pending) await this.replacement.pending;
    return this.jobs.writeSession(work);
  }

  private assertWritable(): void {
    this.jobs.assertWritable();
  }

  /** Runs `work` in one transaction: one commit for many writes, all or none of them. */
  transaction<T>(work: () => T): T {
    this.assertWritable();
    return this.db.transaction(work)();
  }

  /**
   * `transaction` for many member writes at once (a CSV import's rows): the FTS index is brought
   * up to date for the rows written at its end instead of by a trigger per row (fts-by-rows.ts).
   */
  bulkTransaction<T>(work: () => T): T {
    this.assertWritable();
    this.bulkGenerations = new Map();
    try {
      return transactionWithFtsByRows(this.db, (fts) => this.members.withFtsRows(fts, work));
    } finally {
      this.bulkGenerations = null;
    }
  }

  /** For a burst of small commits (an outbox replay); see holdCheckpoints in open-database.ts. */
  holdCheckpoints(): void {
    holdCheckpoints(this.db);
  }

  releaseCheckpoints(): void {
    releaseCheckpoints(this.db);
  }

  /** Forget everything of a previous account (another server or person signed in). */
  clearAll(): void {
    this.assertWritable();
    this.orgsAndRoles.forget();
    this.db.exec('DELETE FROM members; DELETE FROM roles; DELETE FROM orgs; DELETE FROM sync_state;');
    this.members.written();
    this.memberIndex.changed();
  }

  // --- orgs and roles (orgs-roles.ts) ---------------------------------------------------------

  setOrgs(orgs: OrgSummary[]): void {
    this.assertWritable();
    this.orgsAndRoles.setOrgs(orgs);
  }

  /** Asked on every command (which org is selected); parsed once per change, not per call. */
  orgs(): OrgSummary[] {
    return this.orgsAndRoles.orgs();
  }

  setRoles(orgId: string, roles: Role[]): void {
    this.assertWritable();
    this.orgsAndRoles.setRoles(orgId, roles);
  }

  roles(orgId: string): Role[] {
    return this.orgsAndRoles.roles(orgId);
  }

  // --- members (members-table.ts: reads from the member index when fresh, else SQL) -----------

  upsertMember(orgId: string, member: Member, options: { local?: boolean; generation?: number } = {}): void {
    this.assertWritable();
    let generation = options.generation ?? this.bulkGenerations?.get(orgId);
    if (generation === undefined) {
      generation = this.generation(orgId);
      this.bulkGenerations?.set(orgId, generation);
    }
    this.members.upsert(orgId, member, options.local ?? false, generation);
  }

  deleteMember(id: string): void {
    this.assertWritable();
    this.members.delete(id);
  }

  /** Rows in the members table, all orgs (what an FTS rebuild has to read). */
  memberCount(): number {
    return this.members.memberCount();
  }

  getMember(id: string): CachedMember | null {
    return this.members.getMember(id);
  }

  countActiveWithRoles(orgId: string, roleIds: readonly string[], exceptId: string): number {
    return this.members.countActiveWithRoles(orgId, roleIds, exceptId);
  }

  exportMembers(orgId: string, query: Omit<MembersQuery, 'offset' | 'limit'>, now: Date): ExportedMember[] {
    return this.members.exportMembers(orgId, query, now);
  }

  membersByEmails(orgId: string, emails: readonly string[]): MemberByEmail[] {
    return this.members.membersByEmails(orgId, emails);
  }

  findByEmail(orgId: string, email: string): CachedMember | null {
    return this.members.findByEmail(orgId, email);
  }

  /** How many members show each badge (issue 17), kept until a write or a minute (members-table.ts). */
  memberCounts(orgId: string, now: Date, filter: CountsFilter = { text: '', roleIds: [] }): MemberCounts {
    return this.members.memberCounts(orgId, now, filter);
  }

  /** Resolves when queryMembers (memberCounts: `query` null) needs no whole-table SQL pass (member-index-wait.ts); query right after. */
  whenMembersIndexed(orgId: string, query: MembersQuery | null): Promise<void> {
    return this.members.whenIndexed(orgId, query, this.indexWait);
  }

  queryMembers(orgId: string, query: MembersQuery, now: Date): { rows: CachedMember[]; total: number } {
    return this.members.queryMembers(orgId, query, now);
  }

  // --- sync state (sync-state.ts) ---------------------------------------------------------------

  syncState(orgId: string): SyncState {
    return readSyncState(this.sql, orgId);
  }

  generation(orgId: string): number {
    return this.syncState(orgId).generation;
  }

  setSyncState(orgId: string, state: Partial<SyncState>): void {
    this.assertWritable();
    this.bulkGenerations?.delete(orgId);
    writeSyncState(this.sql, orgId, state);
  }
}
