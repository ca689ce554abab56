import type { MemberSortField } from '../../../shared/contract/members';
import type { MemberBadge } from '../../../shared/member-badge';

export interface MembersQuery {
  text: string;
  badges: string[];
  roleIds: string[];
  includeRemoved: boolean;
  sort: { field: MemberSortField; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

/** The badge rules of shared/member-badge.ts, as SQL over indexed columns. */
export const BADGE_SQL: Record<MemberBadge, string> = {
  Removed: "m.status = 'removed'",
  Pending: "(m.status = 'invited' AND m.invitation_expires_at > @now)",
  Expired: "(m.status = 'invited' AND (m.invitation_expires_at IS NULL OR m.invitation_expires_at <= @now))",
  'Created by admin': "(m.status = 'active' AND m.origin = 'admin_created' AND m.must_change_password = 1)",
  Active: "(m.status = 'active' AND NOT (m.origin = 'admin_created' AND m.must_change_password = 1))",
};

const SORT_SQL: Record<MemberSortField, string> = {
  name: 'm.sort_name',
  email: 'm.email',
  role: 'r.name COLLATE NOCASE',
  // Grouped by badge in the order of the status counts above the list, not by raw status
  // (which mixed Pending with Expired, and Active with Created by admin).
  status: `CASE WHEN ${BADGE_SQL.Active} THEN 0 WHEN ${BADGE_SQL.Pending} THEN 1 WHEN ${BADGE_SQL.Expired} THEN 2 WHEN ${BADGE_SQL['Created by admin']} THEN 3 ELSE 4 END`,
  updatedAt: 'm.updated_at',
  lastSignInAt: 'm.last_sign_in_at',
};

/**
 * Word-prefix match over name and email: every typed word must start some word of the name or
 * the email (FTS5 splits "ana.lopez@acme.test" into ana, lopez, acme, test). Quotes are
 * doubled, so the text is always data, never FTS syntax.
 */
export function ftsQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((word) => `"${word.replaceAll('"', '""')}"*`)
    .join(' AND ');
}

export function buildMembersQuery(orgId: string, query: MembersQuery, now: Date) {
  const where = ['m.org_id = @orgId'];
  const params: Record<string, string | number> = { orgId, now: now.toISOString() };
  const fts = ftsQuery(query.text);
  if (fts) {
    where.push('m.seq IN (SELECT rowid FROM members_fts WHERE members_fts MATCH @fts)');
    params.fts = fts;
  }
  const badges = query.badges.filter((badge): badge is MemberBadge => Object.hasOwn(BADGE_SQL, badge));
  if (badges.length > 0) where.push(`(${badges.map((badge) => BADGE_SQL[badge]).join(' OR ')})`);
  else if (!query.includeRemoved) where.push("m.status != 'removed'");
  if (badges.length > 0 && !query.includeRemoved && !badges.includes('Removed')) where.push("m.status != 'removed'");
  if (query.roleIds.length > 0) {
    where.push(`m.role_id IN (${query.roleIds.map((_, index) => `@role${index}`).join(',')})`);
    query.roleIds.forEach((roleId, index) => (params[`role${index}`] = roleId));
  }
  const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
  // Name order has no tie-breaker of its own beyond id; a repeated term made SQLite sort in a temp B-tree.
  const order =
    query.sort.field === 'name'
      ? `m.sort_name ${direction}, m.id ${direction}`
      : `${SORT_SQL[query.sort.field]} ${direction}, m.sort_name ${direction}, m.id ${direction}`;
  const from = 'FROM members m LEFT JOIN roles r ON r.org_id = m.org_id AND r.id = m.role_id';
  const whereSql = where.join(' AND ');
  return {
    countSql: `SELECT COUNT(*) AS total FROM members m WHERE ${whereSql}`,
    pageSql: `SELECT m.* ${from} WHERE ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    params,
    pageParams: { ...params, limit: query.limit, offset: query.offset },
  };
}
