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
import { deferFts, markStale, resumeFts } from './deferred-indexes';
import type { CheckResult } from './integrity-check';
import type { MembersQuery } from './members-query';
import { MembersTable } from './members-table';
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
  private bulk!: BulkWrites;
  /** Prepared once per SQL text (statement-cache.ts). */
  private sql!: (text: string) => Database.Statement;
  private readonly jobs: CacheJobs;
  private readonly replacement: CacheReplacement;

  constructor(dataDir: string, logger: Logger, options: CacheStoreOptions = {}) {
    const path = join(dataDir, 'cache.db');
    // No quick_check here (seconds at 1M members): it runs after open (cache-replacement.ts).
    const opened = openDatabase(path, cacheMigrations, logger, { check: 'later' });
    this.rebuilt = opened.rebuilt;
    this.jobs = new CacheJobs(opened.db, path, logger, options);
    this.attach(opened.db);
    this.bulk.repairAtOpen(logger);
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
    this.bulk = new BulkWrites(this.db, this.jobs, this.memberIndex, () => this.members.written());
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

  /**
   * Finishes deferred index work (the FTS rebuild after an import or a replay) in the cache
   * worker, or on the main thread in steps. `afterWriteSessions` when called outside a sync
   * cycle: the job waits for a running cycle to end.
   */
  finishDeferred(options: { afterWriteSessions?: boolean } = {}): Promise<void> {
    return this.bulk.finishDeferred(options);
  }

  /** A main-thread write while the worker holds the write lock would wait in SQLite: refuse it. */
  private assertWritable(): void {
    if (this.jobs.busy) throw new Error('cache.db is being indexed by the cache worker: await cache.writable() first');
  }

  /** Runs `work` in one transaction: one commit for many writes, all or none of them. */
  transaction<T>(work: () => T): T {
    this.assertWritable();
    return this.db.transaction(work)();
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
    this.members.upsert(orgId, member, options.local ?? false, options.generation ?? this.generation(orgId));
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

  queryMembers(orgId: string, query: MembersQuery, now: Date): { rows: CachedMember[]; total: number } {
    return this.members.queryMembers(orgId, query, now);
  }

  // --- bulk writes: index upkeep off, then done once (deferred-indexes.ts, full-listing.ts) ---

  /** Stops per-row FTS upkeep until the FTS index is rebuilt; text search misses rows written meanwhile. */
  deferFts(): void {
    this.assertWritable();
    deferFts(this.db);
  }

  /** Rebuilds the FTS index on this thread, at once (tests; core calls finishDeferred). */
  resumeFts(): void {
    resumeFts(this.db);
  }

  /**
   * Before a full listing writes every row: FTS upkeep off, and when the members table is empty
   * (a first sync) the secondary indexes too. finishFullListing() builds them again.
   */
  beginFullListing(): void {
    this.assertWritable();
    this.bulk.beginFullListing();
  }

  /** A full listing has written `rows` so far: from the worker's threshold on, it is started now. */
  listingProgress(rows: number): void {
    this.jobs.prestart(rows);
  }

  /** A full listing's pages go to the cache worker now (its connection is open): see writeListingPage. */
  writesListingInWorker(): boolean {
    return this.jobs.listingWriter() !== null;
  }

  /** One page of a full listing to the cache worker (full-listing.ts); false: write it here. */
  writeListingPage(...page: Parameters<BulkWrites['writeListingPage']>): Promise<boolean> {
    return this.bulk.writeListingPage(...page);
  }

  /** In the transaction of a full listing's last rows: rows of older generations go at its end. */
  markStale(orgId: string, generation: number): void {
    this.assertWritable();
    markStale(this.db, orgId, generation);
  }

  /** The end of a full listing, in the cache worker while this thread keeps answering (full-listing.ts). */
  finishFullListing(): Promise<void> {
    return this.bulk.finishFullListing();
  }

  /** The same on this thread, at once (tests). */
  endFullListing(): void {
    this.bulk.endFullListing();
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
    writeSyncState(this.sql, orgId, state);
  }
}
