import type { MemberBadge } from '../../../shared/member-badge';

/**
 * What the member index keeps per row so that the badge and role views answer from memory
 * (issue 16): the badge's inputs that do not depend on the clock (`kind`), the invitation's
 * expiry as a number (the clock part: Pending or Expired is decided at query time with `now`)
 * and the role as a small code. 1 + 8 + 4 = 13 bytes a member in typed arrays.
 */
export const KIND_ACTIVE = 0;
export const KIND_INVITED = 1;
export const KIND_ADMIN_CREATED = 2;
export const KIND_REMOVED = 3;
/** A status the badge rules do not know: no badge, sorted with Removed (members-query.ts ELSE 4). */
export const KIND_OTHER = 4;

/** The same kinds in SQL, over the columns of BADGE_SQL (members-query.ts). */
export const KIND_SQL = `CASE status WHEN 'active' THEN (CASE WHEN origin = 'admin_created' AND must_change_password = 1 THEN ${KIND_ADMIN_CREATED} ELSE ${KIND_ACTIVE} END) WHEN 'invited' THEN ${KIND_INVITED} WHEN 'removed' THEN ${KIND_REMOVED} ELSE ${KIND_OTHER} END`;

/**
 * Badge codes in the order of the status counts and of the Status sort (SORT_SQL.status):
 * Active 0, Pending 1, Expired 2, Created by admin 3, Removed 4; 5 = no badge.
 */
export const BADGE_ORDER: readonly MemberBadge[] = ['Active', 'Pending', 'Expired', 'Created by admin', 'Removed'];
export const NO_BADGE = 5;

/** invitation_expires_at as milliseconds; NaN (never after now) when there is none. */
export function expiryMs(expiresAt: string | null): number {
  return expiresAt === null ? NaN : Date.parse(expiresAt);
}

/** The badge code of a row at `nowMs` (shared/member-badge.ts's rules, as BADGE_SQL has them). */
export function badgeCode(kind: number, expires: number, nowMs: number): number {
  switch (kind) {
    case KIND_ACTIVE:
      return 0;
    case KIND_INVITED:
      return expires > nowMs ? 1 : 2;
    case KIND_ADMIN_CREATED:
      return 3;
    case KIND_REMOVED:
      return 4;
    default:
      return NO_BADGE;
  }
}

/** The small code of a role id in one org's index (0: no role); new ids get the next code. */
export function roleCode(codes: Map<string, number>, roleId: string | null): number {
  if (roleId === null) return 0;
  let code = codes.get(roleId);
  if (code === undefined) {
    code = codes.size + 1;
    codes.set(roleId, code);
  }
  return code;
}
