import type { MemberBadge } from '../../../shared/member-badge';
import { BADGE_SQL } from './members-query';
import type { Db } from './open-database';

export type MemberCounts = Record<MemberBadge, number>;

const BADGES = Object.keys(BADGE_SQL) as MemberBadge[];

/**
 * How many members of an org show each badge (the list's status counts): one pass over the
 * org's rows with the badge rules of members-query.ts, so the counts and the filters they open
 * can never disagree. Kept apart from the member index (issue 16 owns that) and from the page
 * query, so a count never slows a scroll: it runs once per change to the list, not per page.
 */
export function countMembersByBadge(db: Db, orgId: string, now: Date): MemberCounts {
  const columns = BADGES.map(
    (badge, i) => `COALESCE(SUM(CASE WHEN ${BADGE_SQL[badge]} THEN 1 ELSE 0 END), 0) AS c${i}`,
  );
  const row = db
    .prepare(`SELECT ${columns.join(', ')} FROM members m WHERE m.org_id = @orgId`)
    .get({ orgId, now: now.toISOString() }) as Record<string, number>;
  return Object.fromEntries(BADGES.map((badge, i) => [badge, row[`c${i}`] ?? 0])) as MemberCounts;
}
