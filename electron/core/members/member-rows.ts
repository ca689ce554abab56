import type { MemberRow } from '../../../shared/contract/members';
import { memberBadge } from '../../../shared/member-badge';
import type { CachedMember } from '../cache/cache-store';
import type { CoreContext } from '../context';
import { localMemberId, makesMember } from '../local-store/outbox-ids';

export type PendingMark = NonNullable<MemberRow['pending']>;

/**
 * How a cached member shows in the list and on their page: its badge, its role's name, and the
 * change still queued for it (the read side of MembersService).
 */

/** The pending marks of the given rows only: reading the whole open outbox per page made every query O(queued). */
export function pendingByMember(
  ctx: CoreContext,
  account: string,
  orgId: string,
  memberIds: string[],
): Map<string, PendingMark> {
  const map = new Map<string, PendingMark>();
  for (const row of ctx.local.openEntriesForMembers(account, memberIds)) {
    if (row.org_id !== orgId || row.state === 'done') continue;
    const memberId = makesMember(row.kind) ? (row.result_member_id ?? localMemberId(row.id)) : row.member_id;
    if (!memberId) continue;
    const existing = map.get(memberId);
    if (existing?.state === 'needs_attention') continue;
    map.set(memberId, {
      outboxId: row.id,
      kind: row.kind,
      state: row.state as 'queued' | 'sending' | 'needs_attention',
      summary: row.summary,
      reason: row.state === 'needs_attention' ? (row.last_error_message ?? null) : null,
    });
  }
  return map;
}

export function toMemberRow(
  ctx: CoreContext,
  cached: CachedMember,
  roleNames: Map<string, string>,
  pending: Map<string, PendingMark>,
): MemberRow {
  const { member } = cached;
  const { invitation: _invitation, work: _work, ...rest } = member;
  return {
    ...rest,
    roleName: roleNames.get(member.roleId) ?? member.roleId,
    badge: memberBadge(member, ctx.now()),
    invitationExpiresAt: member.invitation?.expiresAt ?? null,
    pending: pending.get(member.id) ?? null,
    placeholder: cached.local,
  };
}

export function roleNamesOf(ctx: CoreContext, orgId: string): Map<string, string> {
  return new Map(ctx.cache.roles(orgId).map((role) => [role.id, role.name]));
}
