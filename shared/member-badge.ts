import type { Member } from './api/members';

/** What the console shows for a member's state (nexus-api.md, "How the console shows it"). */
export type MemberBadge = 'Pending' | 'Expired' | 'Created by admin' | 'Active' | 'Removed';
export const memberBadges: readonly MemberBadge[] = ['Pending', 'Expired', 'Created by admin', 'Active', 'Removed'];

export function memberBadge(
  member: Pick<Member, 'status' | 'origin' | 'mustChangePassword' | 'invitation'>,
  now: Date = new Date(),
): MemberBadge {
  if (member.status === 'removed') return 'Removed';
  if (member.status === 'invited') {
    const expiresAt = member.invitation ? Date.parse(member.invitation.expiresAt) : 0;
    return expiresAt > now.getTime() ? 'Pending' : 'Expired';
  }
  if (member.origin === 'admin_created' && member.mustChangePassword) return 'Created by admin';
  return 'Active';
}
