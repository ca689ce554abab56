import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { z } from 'zod';
import { memberSchema, roleSchema, type Member, type Role } from '../../../shared/api';
import type { OrgSummary } from '../../../shared/contract/session';
import { orgSummarySchema } from '../../../shared/contract/session';
import type { Logger } from '../logger';
import { cacheMigrations } from './cache-schema';
import { holdCheckpoints, openDatabase, releaseCheckpoints, type Db, type OpenedDatabase } from './open-database';
import { listRowToMember } from './list-row';
import { MemberIndex } from './member-index';
import { countMembersByBadge, type CountsFilter, type MemberCounts } from './member-counts';
import { countView } from './member-index-views';
import {
  deferFts,
  deferSecondaryIndexes,
  repairDeferred,
  resumeFts,
  resumeSecondaryIndexes,
  resumeSecondaryIndexesInSteps,
} from './deferred-indexes';
import { buildMembersQuery, type MembersQuery } from './members-query';

const memberRowSchema = z.object({
  id: z.string(),
  org_id: z.string(),
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  role_id: z.string(),
  status: z.string(),
  origin: z.string(),
  must_change_password: z.number().int(),
  invitation_json: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  last_sign_in_at: z.string().nullable(),
  version: z.number().int(),
  work_json: z.string(),
  local: z.number().int(),
});

export interface CachedMember {
  member: Member;
  orgId: string;
  local: boolean;
}

function rowToMember(raw: unknown): CachedMember {
  const row = memberRowSchema.parse(raw);
  const member = memberSchema.parse({
    id: row.id,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    roleId: row.role_id,
    status: row.status,
    origin: row.origin,
    mustChangePassword: row.must_change_password === 1,
    invitation: row.invitation_json ? JSON.parse(row.invitation_json) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSignInAt: row.last_sign_in_at,
    version: row.version,
    work: JSON.parse(row.work_json),
  });
  return { member, orgId: row.org_id, local: row.local === 1 };
}

const BULK_CACHE_KIB = 64 * 1024;

export const sortName = (member: Pick<Member, 'name' | 'email'>): string =>
  (member.name.trim() || member.email).toLowerCase();

/**
 * cache.db: what the server told us, plus optimistic rows from the outbox. Rebuildable: a
 * corrupt or newer-schema file is moved aside and refilled by a full sync.
 */
/** A member as the CSV export reads it, in this column order. */
export type ExportedMember = [
  email: string,
  name: string,
  roleId: string,
  status: 'active' | 'invited' | 'removed',
  origin: 'invitation' | 'admin_created',
  mustChangePassword: number,
  invitationExpiresAt: string | null,
  createdAt: string,
  lastSignInAt: string | null,
];

export class CacheStore {
  /** Open for tests and benchmarks only: core modules go through the methods below (eslint enforces it). */
  readonly db: Db;
  readonly rebuilt: OpenedDatabase['rebuilt'];
  private readonly upsertStmt;
  private readonly upsertReturningStmt;
  readonly memberIndex: MemberIndex;
  private orgsCache: OrgSummary[] | null = null;
  private readonly rolesCache = new Map<string, Role[]>();
  private readonly countsCache = new Map<string, { writes: number; at: number; counts: MemberCounts }>();
  /** Bumped by every write to the members table (issue 17: remembered counts go stale with it). */
  private memberWrites = 0;
  private readonly bySeqsStmt;
  private readonly defaultCacheSize: number;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(dataDir: string, logger: Logger) {
    const opened = openDatabase(join(dataDir, 'cache.db'), cacheMigrations, logger);
    this.db = opened.db;
    this.rebuilt = opened.rebuilt;
    // Positional parameters: binding 19 named ones per row was a visible part of a full sync.
    const upsertSql = `
      INSERT INTO members (id, org_id, user_id, email, name, sort_name, role_id, status, origin, must_change_password,
        invitation_json, invitation_expires_at, created_at, updated_at, last_sign_in_at, version, work_json, local, generation)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
      ON CONFLICT(id) DO UPDATE SET org_id = excluded.org_id, user_id = excluded.user_id, email = excluded.email,
        name = excluded.name, sort_name = excluded.sort_name, role_id = excluded.role_id, status = excluded.status,
        origin = excluded.origin, must_change_password = excluded.must_change_password,
        invitation_json = excluded.invitation_json, invitation_expires_at = excluded.invitation_expires_at,
        created_at = excluded.created_at, updated_at = excluded.updated_at, last_sign_in_at = excluded.last_sign_in_at,
        version = excluded.version, work_json = excluded.work_json, local = excluded.local, generation = excluded.generation`;
    this.upsertStmt = this.db.prepare(upsertSql);
    this.upsertReturningStmt = this.db.prepare(`${upsertSql} RETURNING seq`);
    this.defaultCacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.memberIndex = new MemberIndex(this.db);
    // A sync that died while index upkeep was off: rebuild what it dropped.
    repairDeferred(this.db);
    this.bySeqsStmt = this.db.prepare('SELECT * FROM members WHERE seq IN (SELECT value FROM json_each(?))');
  }

  /** Rewrites the file so deleted rows leave its bytes too (sign-out: "remove this computer's copy"). */
  compact(): void {
    this.db.exec('VACUUM');
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

  /**
   * Prepared once per SQL text. Preparing a statement on members compiles its FTS trigger
   * programs too, and was most of the cost of small writes (≈ 1 ms each during an outbox replay).
   */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      // Filtered queries build their SQL from the filters: a bounded set, but bound it anyway.
      if (this.statements.size > 500) this.statements.clear();
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Forget everything of a previous account (another server or person signed in). */
  clearAll(): void {
    this.orgsCache = null;
    this.rolesCache.clear();
    this.db.exec('DELETE FROM members; DELETE FROM roles; DELETE FROM orgs; DELETE FROM sync_state;');
    this.memberWrites++;
    this.memberIndex.changed();
  }

  // --- orgs and roles -------------------------------------------------------------------------

  setOrgs(orgs: OrgSummary[]): void {
    this.orgsCache = null;
    this.db.transaction(() => {
      this.sql('DELETE FROM orgs').run();
      const insert = this.sql('INSERT INTO orgs (id, name, role_name, permissions_json, position) VALUES (?,?,?,?,?)');
      orgs.forEach((org, index) => insert.run(org.id, org.name, org.roleName, JSON.stringify(org.permissions), index));
    })();
  }

  /** Asked on every command (which org is selected); parsed once per change, not per call. */
  orgs(): OrgSummary[] {
    this.orgsCache ??= this.readOrgs();
    return this.orgsCache;
  }

  private readOrgs(): OrgSummary[] {
    return (this.sql('SELECT * FROM orgs ORDER BY position').all() as Record<string, unknown>[]).map((row) => {
      const permissions = z.array(z.string()).parse(JSON.parse(String(row.permissions_json)));
      return orgSummarySchema.parse({
        id: row.id,
        name: row.name,
        roleName: row.role_name,
        permissions,
        canManageMembers: permissions.includes('members.manage'),
      });
    });
  }

  setRoles(orgId: string, roles: Role[]): void {
    this.rolesCache.delete(orgId);
    this.db.transaction(() => {
      this.sql('DELETE FROM roles WHERE org_id = ?').run(orgId);
      const insert = this.sql(
        'INSERT INTO roles (org_id, id, name, builtin, permissions_json, position) VALUES (?,?,?,?,?,?)',
      );
      roles.forEach((role, index) =>
        insert.run(orgId, role.id, role.name, role.builtin ? 1 : 0, JSON.stringify(role.permissions), index),
      );
    })();
  }

  roles(orgId: string): Role[] {
    let roles = this.rolesCache.get(orgId);
    if (!roles) {
      roles = this.readRoles(orgId);
      this.rolesCache.set(orgId, roles);
    }
    return roles;
  }

  private readRoles(orgId: string): Role[] {
    return (
      this.sql('SELECT * FROM roles WHERE org_id = ? ORDER BY position').all(orgId) as Record<string, unknown>[]
    ).map((row) =>
      roleSchema.parse({
        id: row.id,
        name: row.name,
        builtin: row.builtin === 1,
        permissions: JSON.parse(String(row.permissions_json)),
      }),
    );
  }

  // --- members --------------------------------------------------------------------------------

  upsertMember(orgId: string, member: Member, options: { local?: boolean; generation?: number } = {}): void {
    const values = [
      member.id,
      orgId,
      member.userId,
      member.email,
      member.name,
      sortName(member),
      member.roleId,
      member.status,
      member.origin,
      member.mustChangePassword ? 1 : 0,
      member.invitation ? JSON.stringify(member.invitation) : null,
      member.invitation?.expiresAt ?? null,
      member.createdAt,
      member.updatedAt,
      member.lastSignInAt,
      member.version,
      JSON.stringify(member.work),
      options.local ? 1 : 0,
      options.generation ?? this.generation(orgId),
    ];
    this.memberWrites++;
    // The member index takes the row in at the next query; it needs to know which row it was.
    if (this.memberIndex.tracking)
      this.memberIndex.touched((this.upsertReturningStmt.get(values) as { seq: number }).seq);
    else this.upsertStmt.run(values);
  }

  deleteMember(id: string): void {
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

  /** Active server members holding one of these roles, other than `exceptId` (e.g. the other owners). */
  countActiveWithRoles(orgId: string, roleIds: readonly string[], exceptId: string): number {
    if (roleIds.length === 0) return 0;
    const { n } = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM members WHERE org_id = ? AND local = 0 AND status = 'active' AND id != ?
         AND role_id IN (${roleIds.map(() => '?').join(', ')})`,
      )
      .get(orgId, exceptId, ...roleIds) as { n: number };
    return n;
  }

  /**
   * Every member matching a list query, in its order, as plain columns (no zod per row: the
   * export of 100,000 rows spent most of its time validating rows the cache itself wrote), only
   * the ones an export writes and as arrays (`ExportedMember`): reading every column as an
   * object per row was half of a 100k export, mostly in allocation and GC.
   */
  exportMembers(orgId: string, query: Omit<MembersQuery, 'offset' | 'limit'>, now: Date): ExportedMember[] {
    const built = buildMembersQuery(
      orgId,
      { ...query, offset: 0, limit: -1 },
      now,
      'm.email, m.name, m.role_id, m.status, m.origin, m.must_change_password, m.invitation_expires_at, m.created_at, m.last_sign_in_at',
    );
    return this.sql(built.pageSql).raw().all(built.pageParams) as ExportedMember[];
  }

  /**
   * Status of the members with these addresses, in one statement (a 10,000-row import at 100,000
   * cached members: one indexed pass, not 10,000 queries). Local rows come last, so a server row wins.
   */
  membersByEmails(
    orgId: string,
    emails: readonly string[],
  ): {
    email: string;
    status: 'active' | 'invited' | 'removed';
    origin: 'invitation' | 'admin_created';
    local: boolean;
  }[] {
    const rows = this.sql(
      `SELECT email, status, origin, local FROM members
       WHERE org_id = ? AND email IN (SELECT value FROM json_each(?)) ORDER BY local DESC`,
    ).all(orgId, JSON.stringify(emails)) as {
      email: string;
      status: 'active' | 'invited' | 'removed';
      origin: 'invitation' | 'admin_created';
      local: number;
    }[];
    return rows.map((row) => ({ ...row, local: row.local === 1 }));
  }

  findByEmail(orgId: string, email: string): CachedMember | null {
    const row = this.sql('SELECT * FROM members WHERE org_id = ? AND email = ? ORDER BY local ASC LIMIT 1').get(
      orgId,
      email,
    );
    return row ? rowToMember(row) : null;
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

  // --- full-text index during bulk writes -----------------------------------------------------

  /** Stops per-row FTS upkeep until resumeFts(); text search misses rows written meanwhile. */
  deferFts(): void {
    deferFts(this.db);
  }

  /** Rebuilds the FTS index from the members table in one pass and turns per-row upkeep back on. */
  resumeFts(): void {
    resumeFts(this.db);
  }

  /**
   * Before a full listing writes every row: FTS upkeep off, and when the members table is empty
   * (a first sync: nothing to query yet) the secondary indexes too. endFullListing() rebuilds
   * both in one pass each.
   */
  beginFullListing(): void {
    const empty = this.sql('SELECT 1 FROM members LIMIT 1').get() === undefined;
    // Every row is rewritten: the member index is dropped and rebuilt once after the listing.
    this.memberWrites++;
    this.memberIndex.suspend();
    deferFts(this.db);
    if (empty) {
      deferSecondaryIndexes(this.db);
      // The table and its id index outgrow the default 2 MB page cache at ~10k rows; a bigger
      // one for the bulk write keeps the id index's pages in memory instead of re-reading them,
      // and lets the index builds at the end sort in memory.
      this.db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
      // New rows of an empty table go to pages past the end of the file, which a rollback
      // journal does not copy: each page is written once, where WAL writes it to the log and
      // again at the checkpoint. A process crash cannot harm either; a power cut at the wrong
      // moment is a little likelier to corrupt a DELETE journal than a WAL one, and a corrupt
      // cache.db is moved aside and refilled on open. WAL is back after (and set on every open).
      this.db.pragma('journal_mode = DELETE');
      // And no fsync per commit: a first listing holds nothing the server does not, and a file
      // a power cut left corrupt is moved aside and listed again on open. Each COMMIT's fsync
      // held the thread for 15–80 ms on a busy disk (issue 16's stalls).
      this.db.pragma('synchronous = OFF');
    }
  }

  /**
   * endFullListing with `pause` (a turn of the event loop) between the index builds, so queries
   * and changes are answered in between instead of after all of them.
   */
  async endFullListingInSteps(pause: () => Promise<void>): Promise<void> {
    try {
      await resumeSecondaryIndexesInSteps(this.db, pause);
    } catch (error) {
      this.endFullListing();
      throw error;
    }
    this.endFullListing();
  }

  endFullListing(): void {
    this.memberWrites++;
    this.memberIndex.resume();
    try {
      resumeSecondaryIndexes(this.db);
      resumeFts(this.db);
    } finally {
      this.db.pragma(`cache_size = ${this.defaultCacheSize}`);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
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

  /** After a full listing: server rows not seen in this generation are gone. Local rows stay. */
  dropStale(orgId: string, generation: number): number {
    const { changes } = this.sql('DELETE FROM members WHERE org_id = ? AND local = 0 AND generation < ?').run(
      orgId,
      generation,
    );
    if (changes > 0) {
      this.memberWrites++;
      this.memberIndex.changed();
    }
    return changes;
  }
}
