import type { MemberBadge } from '../../../shared/member-badge';
import { BADGE_SQL, ftsQuery } from './members-query';
import type { Db } from './open-database';

export type MemberCounts = Record<MemberBadge, number>;

/** The list's text and role filter: the counts are of what the list shows for them (issue 16). */
export interface CountsFilter {
  text: string;
  roleIds: string[];
}

const BADGES = Object.keys(BADGE_SQL) as MemberBadge[];

/**
 * How many members of an org show each badge (the list's status counts): one pass over the
 * org's rows with the badge rules of members-query.ts, so the counts and the filters they open
 * can never disagree. The fallback while the member index is not built (then `countView` in
 * member-index-views.ts answers); never per page, so a count never slows a scroll.
 */
export function countMembersByBadge(
  db: Db,
  orgId: string,
  now: Date,
  filter: CountsFilter = { text: '', roleIds: [] },
): MemberCounts {
  const columns = BADGES.map(
    (badge, i) => `COALESCE(SUM(CASE WHEN ${BADGE_SQL[badge]} THEN 1 ELSE 0 END), 0) AS c${i}`,
  );
  const where = ['m.org_id = @orgId'];
  const params: Record<string, string> = { orgId, now: now.toISOString() };
  const fts = ftsQuery(filter.text);
  if (fts) {
    where.push('m.seq IN (SELECT rowid FROM members_fts WHERE members_fts MATCH @fts)');
    params.fts = fts;
  }
  if (filter.roleIds.length > 0) {
    where.push(`m.role_id IN (${filter.roleIds.map((_, i) => `@role${i}`).join(',')})`);
    filter.roleIds.forEach((roleId, i) => (params[`role${i}`] = roleId));
  }
  const row = db
    .prepare(`SELECT ${columns.join(', ')} FROM members m WHERE ${where.join(' AND ')}`)
    .get(params) as Record<string, number>;
  return Object.fromEntries(BADGES.map((badge, i) => [badge, row[`c${i}`] ?? 0])) as MemberCounts;
}
