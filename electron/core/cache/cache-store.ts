import { join } from 'node:path';
import { z } from 'zod';
import { memberSchema, roleSchema, type Member, type Role } from '../../../shared/api';
import type { OrgSummary } from '../../../shared/contract/session';
import { orgSummarySchema } from '../../../shared/contract/session';
import type { Logger } from '../logger';
import { cacheMigrations, FTS_TRIGGERS } from './cache-schema';
import { openDatabase, type Db, type OpenedDatabase } from './open-database';
import { MemberIndex } from './member-index';
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

export const sortName = (member: Pick<Member, 'name' | 'email'>): string =>
  (member.name.trim() || member.email).toLowerCase();

/**
 * cache.db: what the server told us, plus optimistic rows from the outbox. Rebuildable: a
 * corrupt or newer-schema file is moved aside and refilled by a full sync.
 */
export class CacheStore {
  readonly db: Db;
  readonly rebuilt: OpenedDatabase['rebuilt'];
  private readonly upsertStmt;
  readonly memberIndex: MemberIndex;
  private orgsCache: OrgSummary[] | null = null;
  private readonly rolesCache = new Map<string, Role[]>();
  private readonly bySeqsStmt;

  constructor(dataDir: string, logger: Logger) {
    const opened = openDatabase(join(dataDir, 'cache.db'), cacheMigrations, logger);
    this.db = opened.db;
    this.rebuilt = opened.rebuilt;
    this.upsertStmt = this.db.prepare(`
      INSERT INTO members (id, org_id, user_id, email, name, sort_name, role_id, status, origin, must_change_password,
        invitation_json, invitation_expires_at, created_at, updated_at, last_sign_in_at, version, work_json, local, generation)
      VALUES (@id, @org_id, @user_id, @email, @name, @sort_name, @role_id, @status, @origin, @must_change_password,
        @invitation_json, @invitation_expires_at, @created_at, @updated_at, @last_sign_in_at, @version, @work_json, @local, @generation)
      ON CONFLICT(id) DO UPDATE SET org_id = excluded.org_id, user_id = excluded.user_id, email = excluded.email,
        name = excluded.name, sort_name = excluded.sort_name, role_id = excluded.role_id, status = excluded.status,
        origin = excluded.origin, must_change_password = excluded.must_change_password,
        invitation_json = excluded.invitation_json, invitation_expires_at = excluded.invitation_expires_at,
        created_at = excluded.created_at, updated_at = excluded.updated_at, last_sign_in_at = excluded.last_sign_in_at,
        version = excluded.version, work_json = excluded.work_json, local = excluded.local, generation = excluded.generation`);
    this.memberIndex = new MemberIndex(this.db);
    // A sync that died while the FTS index was deferred: rebuild it now.
    if (this.ftsDeferred()) this.resumeFts();
    this.bySeqsStmt = this.db.prepare('SELECT * FROM members WHERE seq IN (SELECT value FROM json_each(?))');
  }

  close(): void {
    this.db.close();
  }

  /** Forget everything of a previous account (another server or person signed in). */
  clearAll(): void {
    this.orgsCache = null;
    this.rolesCache.clear();
    this.db.exec('DELETE FROM members; DELETE FROM roles; DELETE FROM orgs; DELETE FROM sync_state;');
    this.memberIndex.changed();
  }

  // --- orgs and roles -------------------------------------------------------------------------

  setOrgs(orgs: OrgSummary[]): void {
    this.orgsCache = null;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM orgs').run();
      const insert = this.db.prepare(
        'INSERT INTO orgs (id, name, role_name, permissions_json, position) VALUES (?,?,?,?,?)',
      );
      orgs.forEach((org, index) => insert.run(org.id, org.name, org.roleName, JSON.stringify(org.permissions), index));
    })();
  }

  /** Asked on every command (which org is selected); parsed once per change, not per call. */
  orgs(): OrgSummary[] {
    this.orgsCache ??= this.readOrgs();
    return this.orgsCache;
  }

  private readOrgs(): OrgSummary[] {
    return (this.db.prepare('SELECT * FROM orgs ORDER BY position').all() as Record<string, unknown>[]).map((row) => {
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
      this.db.prepare('DELETE FROM roles WHERE org_id = ?').run(orgId);
      const insert = this.db.prepare(
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
      this.db.prepare('SELECT * FROM roles WHERE org_id = ? ORDER BY position').all(orgId) as Record<string, unknown>[]
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
    this.memberIndex.changed();
    this.upsertStmt.run({
      id: member.id,
      org_id: orgId,
      user_id: member.userId,
      email: member.email,
      name: member.name,
      sort_name: sortName(member),
      role_id: member.roleId,
      status: member.status,
      origin: member.origin,
      must_change_password: member.mustChangePassword ? 1 : 0,
      invitation_json: member.invitation ? JSON.stringify(member.invitation) : null,
      invitation_expires_at: member.invitation?.expiresAt ?? null,
      created_at: member.createdAt,
      updated_at: member.updatedAt,
      last_sign_in_at: member.lastSignInAt,
      version: member.version,
      work_json: JSON.stringify(member.work),
      local: options.local ? 1 : 0,
      generation: options.generation ?? this.generation(orgId),
    });
  }

  deleteMember(id: string): void {
    this.memberIndex.changed();
    this.db.prepare('DELETE FROM members WHERE id = ?').run(id);
  }

  getMember(id: string): CachedMember | null {
    const row = this.db.prepare('SELECT * FROM members WHERE id = ?').get(id);
    return row ? rowToMember(row) : null;
  }

  findByEmail(orgId: string, email: string): CachedMember | null {
    const row = this.db
      .prepare('SELECT * FROM members WHERE org_id = ? AND email = ? ORDER BY local ASC LIMIT 1')
      .get(orgId, email);
    return row ? rowToMember(row) : null;
  }

  queryMembers(orgId: string, query: MembersQuery, now: Date): { rows: CachedMember[]; total: number } {
    const index = MemberIndex.handles(query) ? this.memberIndex.fresh(orgId) : null;
    if (index) {
      const { seqs, total } = this.memberIndex.query(index, query);
      const bySeq = new Map(
        (this.bySeqsStmt.all(JSON.stringify(seqs)) as { seq: number }[]).map((row) => [row.seq, row]),
      );
      return { rows: seqs.map((seq) => rowToMember(bySeq.get(seq))), total };
    }
    const built = buildMembersQuery(orgId, query, now);
    const total = (this.db.prepare(built.countSql).get(built.params) as { total: number }).total;
    const rows = this.db.prepare(built.pageSql).all(built.pageParams).map(rowToMember);
    return { rows, total };
  }

  // --- full-text index during bulk writes -----------------------------------------------------

  private ftsDeferred(): boolean {
    return this.db.prepare("SELECT 1 FROM cache_flags WHERE name = 'fts_deferred'").get() !== undefined;
  }

  /** Stops per-row FTS upkeep until resumeFts(); text search misses rows written meanwhile. */
  deferFts(): void {
    this.db.transaction(() => {
      this.db.prepare("INSERT OR IGNORE INTO cache_flags (name, value) VALUES ('fts_deferred', 1)").run();
      this.db.exec(
        'DROP TRIGGER IF EXISTS members_fts_insert; DROP TRIGGER IF EXISTS members_fts_delete; DROP TRIGGER IF EXISTS members_fts_update;',
      );
    })();
  }

  /** Rebuilds the FTS index from the members table in one pass and turns per-row upkeep back on. */
  resumeFts(): void {
    this.db.transaction(() => {
      this.db.prepare("INSERT INTO members_fts (members_fts) VALUES ('rebuild')").run();
      this.db.exec(FTS_TRIGGERS);
      this.db.prepare("DELETE FROM cache_flags WHERE name = 'fts_deferred'").run();
    })();
  }

  // --- sync state -----------------------------------------------------------------------------

  syncState(orgId: string): { syncToken: string | null; lastSyncedAt: string | null; generation: number } {
    const row = this.db
      .prepare('SELECT sync_token, last_synced_at, generation FROM sync_state WHERE org_id = ?')
      .get(orgId) as { sync_token: string | null; last_synced_at: string | null; generation: number } | undefined;
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
    this.db
      .prepare(
        `INSERT INTO sync_state (org_id, sync_token, last_synced_at, generation) VALUES (?,?,?,?)
         ON CONFLICT(org_id) DO UPDATE SET sync_token = excluded.sync_token, last_synced_at = excluded.last_synced_at, generation = excluded.generation`,
      )
      .run(
        orgId,
        state.syncToken !== undefined ? state.syncToken : current.syncToken,
        state.lastSyncedAt !== undefined ? state.lastSyncedAt : current.lastSyncedAt,
        state.generation ?? current.generation,
      );
  }

  /** After a full listing: server rows not seen in this generation are gone. Local rows stay. */
  dropStale(orgId: string, generation: number): number {
    this.memberIndex.changed();
    return this.db
      .prepare('DELETE FROM members WHERE org_id = ? AND local = 0 AND generation < ?')
      .run(orgId, generation).changes;
  }
}
