import type Database from 'better-sqlite3';
import { buildMembersQuery, type MembersQuery } from './members-query';
import { rowToMember, type CachedMember, type ExportedMember } from './member-rows';
import type { Db } from './open-database';

/** CacheStore's prepared-once statements. */
type Sql = (text: string) => Database.Statement;

/** Active server members holding one of these roles, other than `exceptId` (e.g. the other owners). */
export function countActiveWithRoles(db: Db, orgId: string, roleIds: readonly string[], exceptId: string): number {
  if (roleIds.length === 0) return 0;
  const { n } = db
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
export function exportMembers(
  sql: Sql,
  orgId: string,
  query: Omit<MembersQuery, 'offset' | 'limit'>,
  now: Date,
): ExportedMember[] {
  const built = buildMembersQuery(
    orgId,
    { ...query, offset: 0, limit: -1 },
    now,
    'm.email, m.name, m.role_id, m.status, m.origin, m.must_change_password, m.invitation_expires_at, m.created_at, m.last_sign_in_at',
  );
  return sql(built.pageSql).raw().all(built.pageParams) as ExportedMember[];
}

export interface MemberByEmail {
  email: string;
  status: 'active' | 'invited' | 'removed';
  origin: 'invitation' | 'admin_created';
  local: boolean;
}

/**
 * Status of the members with these addresses, in one statement (a 10,000-row import at 100,000
 * cached members: one indexed pass, not 10,000 queries). Local rows come last, so a server row wins.
 */
export function membersByEmails(sql: Sql, orgId: string, emails: readonly string[]): MemberByEmail[] {
  const rows = sql(
    `SELECT email, status, origin, local FROM members
       WHERE org_id = ? AND email IN (SELECT value FROM json_each(?)) ORDER BY local DESC`,
  ).all(orgId, JSON.stringify(emails)) as (Omit<MemberByEmail, 'local'> & { local: number })[];
  return rows.map((row) => ({ ...row, local: row.local === 1 }));
}

export function findByEmail(sql: Sql, orgId: string, email: string): CachedMember | null {
  const row = sql('SELECT * FROM members WHERE org_id = ? AND email = ? ORDER BY local ASC LIMIT 1').get(orgId, email);
  return row ? rowToMember(row) : null;
}
