import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Member, Role } from '../../../shared/api';
import type { OrgSummary } from '../../../shared/contract/session';
import type { Logger } from '../logger';
import { cacheMigrations } from './cache-schema';
import { CacheJobs, type CacheJobsOptions } from './cache-jobs';
import { holdCheckpoints, openDatabase, releaseCheckpoints, type Db, type OpenedDatabase } from './open-database';
import { listRowToMember } from './list-row';
import { vacuum } from './open-database';
import { MemberIndex } from './member-index';
import { countMembersByBadge, type MemberCounts } from './member-counts';
import { deferFts, markStale, repairDeferred, resumeFts } from './deferred-indexes';
import { buildMembersQuery, type MembersQuery } from './members-query';
import { memberRowValues, rowToMember, UPSERT_MEMBER_SQL, type CachedMember, type ExportedMember } from './member-rows';
import { BulkWrites } from './full-listing';
import * as lookups from './member-lookups';
import { OrgsAndRoles } from './orgs-roles';
import { statementCache } from './statement-cache';

export { sortName, type CachedMember, type ExportedMember } from './member-rows';

/**
 * cache.db: what the server told us, plus optimistic rows from the outbox. Rebuildable: a
 * corrupt or newer-schema file is moved aside and refilled by a full sync. The parts: the row
 * format (`member-rows.ts`), orgs and roles (`orgs-roles.ts`), the member index
 * (`member-index.ts`), and the deferred index work of bulk writes (`deferred-indexes.ts`) that
 * `cache-jobs.ts` runs in the cache worker. Writes wait for that work: see CacheJobs.
 */
export class CacheStore {
  /** Open for tests and benchmarks only: core modules go through the methods below (eslint enforces it). */
  readonly db: Db;
  readonly rebuilt: OpenedDatabase['rebuilt'];
  private readonly upsertStmt;
  private readonly upsertReturningStmt;
  readonly memberIndex: MemberIndex;
  private readonly orgsAndRoles: OrgsAndRoles;
  private readonly countsCache = new Map<string, { writes: number; at: number; counts: MemberCounts }>();
  /** Bumped by every write to the members table (issue 17: remembered counts go stale with it). */
  private memberWrites = 0;
  private readonly bySeqsStmt;
  private readonly bulk: BulkWrites;
  /** Prepared once per SQL text (statement-cache.ts). */
  private readonly sql: (text: string) => Database.Statement;
  private readonly jobs: CacheJobs;

  constructor(dataDir: string, logger: Logger, options: CacheJobsOptions = {}) {
    const path = join(dataDir, 'cache.db');
    const opened = openDatabase(path, cacheMigrations, logger);
    this.db = opened.db;
    this.rebuilt = opened.rebuilt;
    this.sql = statementCache(this.db);
    this.upsertStmt = this.db.prepare(UPSERT_MEMBER_SQL);
    this.upsertReturningStmt = this.db.prepare(`${UPSERT_MEMBER_SQL} RETURNING seq`);
    this.memberIndex = new MemberIndex(this.db);
    this.orgsAndRoles = new OrgsAndRoles(this.db, this.sql);
    // A sync that died while index upkeep was off: rebuild what it dropped.
    repairDeferred(this.db);
    this.bySeqsStmt = this.db.prepare('SELECT * FROM members WHERE seq IN (SELECT value FROM json_each(?))');
    this.jobs = new CacheJobs(this.db, path, logger, options);
    this.bulk = new BulkWrites(this.db, this.jobs, this.memberIndex, () => this.memberWrites++);
  }

  /** Rewrites the file so deleted rows leave its bytes too (sign-out: "remove this computer's copy"). */
  compact(): void {
    this.assertWritable();
    vacuum(this.db);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Ends a running cache worker (its flags repair on the next open), then closes. */
  async shutdown(): Promise<void> {
    await this.jobs.stop();
    this.db.close();
  }

  close(): void {
    void this.jobs.stop();
    this.db.close();
  }

  // --- writes wait for the cache worker (cache-jobs.ts) ---------------------------------------

  /** Resolves when cache.db may be written; write right after it, before the next await. */
  writable(): Promise<void> {
    return this.jobs.writable();
  }

  /** A sync cycle: writes with awaits between them, which no outside job may interrupt. */
  writeSession<T>(work: () => Promise<T>): Promise<T> {
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
    this.memberWrites++;
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

  // --- members --------------------------------------------------------------------------------

  upsertMember(orgId: string, member: Member, options: { local?: boolean; generation?: number } = {}): void {
    this.assertWritable();
    const values = memberRowValues(orgId, member, options.local ?? false, options.generation ?? this.generation(orgId));
    this.memberWrites++;
    // The member index takes the row in at the next query; it needs to know which row it was.
    if (this.memberIndex.tracking)
      this.memberIndex.touched((this.upsertReturningStmt.get(values) as { seq: number }).seq);
    else this.upsertStmt.run(values);
  }

  deleteMember(id: string): void {
    this.assertWritable();
    this.memberWrites++;
    if (!this.memberIndex.tracking) {
      this.sql('DELETE FROM members WHERE id = ?').run(id);
      return;
    }
    const row = this.sql('DELETE FROM members WHERE id = ? RETURNING seq').get(id) as { seq: number } | undefined;
    if (row) this.memberIndex.touched(row.seq);
  }

  /** Rows in the members table, all orgs (what an FTS rebuild has to read). */
  memberCount(): number {
    return (this.sql('SELECT COUNT(*) AS count FROM members').get() as { count: number }).count;
  }

  getMember(id: string): CachedMember | null {
    const row = this.sql('SELECT * FROM members WHERE id = ?').get(id);
    return row ? rowToMember(row) : null;
  }

  // Lookups by other keys than the list's (member-lookups.ts).

  countActiveWithRoles(orgId: string, roleIds: readonly string[], exceptId: string): number {
    return lookups.countActiveWithRoles(this.db, orgId, roleIds, exceptId);
  }

  exportMembers(orgId: string, query: Omit<MembersQuery, 'offset' | 'limit'>, now: Date): ExportedMember[] {
    return lookups.exportMembers(this.sql, orgId, query, now);
  }

  membersByEmails(orgId: string, emails: readonly string[]): lookups.MemberByEmail[] {
    return lookups.membersByEmails(this.sql, orgId, emails);
  }

  findByEmail(orgId: string, email: string): CachedMember | null {
    return lookups.findByEmail(this.sql, orgId, email);
  }

  /**
   * How many members show each badge (issue 17: the counts above the list). One pass reads every
   * row of the org (≈ 0.1–0.5 s at 100k), so the answer is kept until a write to the members
   * table, or a minute (invitations expire with time, not with writes).
   */
  memberCounts(orgId: string, now: Date): MemberCounts {
    const kept = this.countsCache.get(orgId);
    const fresh = kept && kept.writes === this.memberWrites && Math.abs(now.getTime() - kept.at) < 60_000;
    if (fresh) return kept.counts;
    const counts = countMembersByBadge(this.db, orgId, now);
    this.countsCache.set(orgId, { writes: this.memberWrites, at: now.getTime(), counts });
    return counts;
  }

  queryMembers(orgId: string, query: MembersQuery, now: Date): { rows: CachedMember[]; total: number } {
    const index = MemberIndex.handles(query) ? this.memberIndex.fresh(orgId) : null;
    if (index) {
      const { seqs, total } = this.memberIndex.query(index, query);
      const bySeq = new Map(
        (this.bySeqsStmt.all(JSON.stringify(seqs)) as { seq: number }[]).map((row) => [row.seq, row]),
      );
      return { rows: seqs.map((seq) => listRowToMember(bySeq.get(seq))), total };
    }
    const built = buildMembersQuery(orgId, query, now);
    const total = (this.sql(built.countSql).get(built.params) as { total: number }).total;
    const rows = this.sql(built.pageSql).all(built.pageParams).map(listRowToMember);
    return { rows, total };
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

  // --- sync state -----------------------------------------------------------------------------

  syncState(orgId: string): { syncToken: string | null; lastSyncedAt: string | null; generation: number } {
    const row = this.sql('SELECT sync_token, last_synced_at, generation FROM sync_state WHERE org_id = ?').get(
      orgId,
    ) as { sync_token: string | null; last_synced_at: string | null; generation: number } | undefined;
    return {
      syncToken: row?.sync_token ?? null,
      lastSyncedAt: row?.last_synced_at ?? null,
      generation: row?.generation ?? 0,
    };
  }

  generation(orgId: string): number {
    return this.syncState(orgId).generation;
  }

  setSyncState(
    orgId: string,
    state: { syncToken?: string | null; lastSyncedAt?: string | null; generation?: number },
  ): void {
    this.assertWritable();
    const current = this.syncState(orgId);
    this.sql(
      `INSERT INTO sync_state (org_id, sync_token, last_synced_at, generation) VALUES (?,?,?,?)
         ON CONFLICT(org_id) DO UPDATE SET sync_token = excluded.sync_token, last_synced_at = excluded.last_synced_at, generation = excluded.generation`,
    ).run(
      orgId,
      state.syncToken !== undefined ? state.syncToken : current.syncToken,
      state.lastSyncedAt !== undefined ? state.lastSyncedAt : current.lastSyncedAt,
      state.generation ?? current.generation,
    );
  }
}
