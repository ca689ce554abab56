import type Database from 'better-sqlite3';
import type { Member } from '../../../shared/api';
import { listRowToMember } from './list-row';
import { MemberIndex } from './member-index';
import { countMembersByBadge, type CountsFilter, type MemberCounts } from './member-counts';
import { countView } from './member-index-views';
import { waitForMemberIndex, type WaitLimits } from './member-index-wait';
import { buildMembersQuery, type MembersQuery } from './members-query';
import * as lookups from './member-lookups';
import { memberRowValues, rowToMember, UPSERT_MEMBER_SQL, type CachedMember, type ExportedMember } from './member-rows';
import type { Db } from './open-database';
import type { FtsByRows } from './fts-by-rows';
import type { statementCache } from './statement-cache';

/**
 * The members table, for CacheStore (which delegates to it and checks that writes may happen):
 * row writes that tell the member index which row changed, the list's pages and counts (from
 * the member index when it is fresh, by SQL otherwise), and the lookups by other keys
 * (member-lookups.ts). Made again with the connection (CacheStore.attach), so the counts
 * remembered here go with a replaced file.
 */
export class MembersTable {
  private readonly countsCache = new Map<string, { writes: number; at: number; counts: MemberCounts }>();
  /** Bumped by every write to the members table (issue 17: remembered counts go stale with it). */
  private memberWrites = 0;
  /** Orgs whose plain list was asked for (member-index-wait.ts: the first answers by SQL, unwaited). */
  private readonly opened = new Set<string>();
  private readonly bySeqsStmt: Database.Statement;
  private readonly upsertStmt: Database.Statement;
  private readonly upsertReturningStmt: Database.Statement;
  /** Set inside CacheStore.bulkTransaction: the rows written, for the FTS index (fts-by-rows.ts). */
  private ftsRows: FtsByRows | null = null;

  constructor(
    private readonly db: Db,
    /** Prepared once per SQL text (statement-cache.ts). */
    private readonly sql: ReturnType<typeof statementCache>,
    private readonly memberIndex: MemberIndex,
  ) {
    this.upsertStmt = db.prepare(UPSERT_MEMBER_SQL);
    this.upsertReturningStmt = db.prepare(`${UPSERT_MEMBER_SQL} RETURNING seq`);
    this.bySeqsStmt = db.prepare('SELECT * FROM members WHERE seq IN (SELECT value FROM json_each(?))');
  }

  /** A write to the members table happened: counts remembered before it are stale. */
  written(): void {
    this.memberWrites++;
  }

  upsert(orgId: string, member: Member, local: boolean, generation: number): void {
    const values = memberRowValues(orgId, member, local, generation);
    this.memberWrites++;
    if (this.ftsRows) {
      this.ftsRows.beforeWrite(member.id);
      const { seq } = this.upsertReturningStmt.get(values) as { seq: number };
      this.ftsRows.wrote(seq);
      if (this.memberIndex.tracking) this.memberIndex.touched(seq);
      return;
    }
    // The member index takes the row in at the next query; it needs to know which row it was.
    if (this.memberIndex.tracking)
      this.memberIndex.touched((this.upsertReturningStmt.get(values) as { seq: number }).seq);
    else this.upsertStmt.run(values);
  }

  delete(id: string): void {
    this.memberWrites++;
    this.ftsRows?.beforeWrite(id);
    if (!this.memberIndex.tracking) {
      this.sql('DELETE FROM members WHERE id = ?').run(id);
      return;
    }
    const row = this.sql('DELETE FROM members WHERE id = ? RETURNING seq').get(id) as { seq: number } | undefined;
    if (row) this.memberIndex.touched(row.seq);
  }

  /** Runs `work` telling `fts` which rows it writes (null: no one to tell). */
  withFtsRows<T>(fts: FtsByRows | null, work: () => T): T {
    this.ftsRows = fts;
    try {
      return work();
    } finally {
      this.ftsRows = null;
    }
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
  memberCounts(orgId: string, now: Date, filter: CountsFilter = { text: '', roleIds: [] }): MemberCounts {
    const index = this.memberIndex.fresh(orgId);
    if (index) return countView(index, filter, now.getTime());
    if (filter.text.trim() !== '' || filter.roleIds.length > 0) return countMembersByBadge(this.db, orgId, now, filter);
    const kept = this.countsCache.get(orgId);
    const fresh = kept && kept.writes === this.memberWrites && Math.abs(now.getTime() - kept.at) < 60_000;
    if (fresh) return kept.counts;
    const counts = countMembersByBadge(this.db, orgId, now);
    this.countsCache.set(orgId, { writes: this.memberWrites, at: now.getTime(), counts });
    return counts;
  }

  /** Resolves when queryMembers (or memberCounts, `query` null) needs no whole-table SQL pass (member-index-wait.ts). */
  whenIndexed(orgId: string, query: MembersQuery | null, limits?: WaitLimits): Promise<void> {
    return waitForMemberIndex(this.sql, this.memberIndex, orgId, query, this.opened, limits);
  }

  queryMembers(orgId: string, query: MembersQuery, now: Date): { rows: CachedMember[]; total: number } {
    const index = MemberIndex.handles(query) ? this.memberIndex.fresh(orgId) : null;
    if (index) {
      const { seqs, total } = this.memberIndex.query(index, query, now);
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
}
