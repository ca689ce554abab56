import type { OutboxEntry } from '../../../shared/contract/outbox';
import { isOwnerRole } from '../../../shared/role-grants';
import type { CoreContext } from '../context';
import type { OutboxRow } from '../local-store/local-rows';
import { outboxSecretAccount } from '../secrets/secret-store';

/** The built-in owner role, by the API's rule (shared/role-grants.ts). */
export function ownerRoleIds(ctx: CoreContext, orgId: string): string[] {
  return ctx.cache
    .roles(orgId)
    .filter((role) => isOwnerRole(role))
    .map((role) => role.id);
}

function otherActiveOwners(ctx: CoreContext, row: OutboxRow): number {
  return ctx.cache.countActiveWithRoles(row.org_id, ownerRoleIds(ctx, row.org_id), row.member_id ?? '');
}

function existingMember(ctx: CoreContext, row: OutboxRow, status: 'invited' | 'active') {
  if (!row.email) return null;
  const found = ctx.cache.findByEmail(row.org_id, row.email);
  return found && !found.local && found.member.status === status ? found.member : null;
}

/**
 * Whether retrying a refused entry as it stands would be refused again for the same reason, from
 * what this computer knows: the reason, said before the admin retries, or null when it may pass.
 */
export async function refusalStillHolds(ctx: CoreContext, row: OutboxRow): Promise<string | null> {
  const same = 'Nothing about it has changed, so the server would refuse it again';
  switch (row.last_error_code) {
    case 'last_owner':
      return otherActiveOwners(ctx, row) === 0
        ? `${same}: the organisation still has no other owner. Make someone else owner first, or discard this change.`
        : null;
    case 'user_exists':
      return `${same}: ${row.email} already has a Nexus account. Invite them instead.`;
    case 'already_invited':
      return existingMember(ctx, row, 'invited')
        ? `${same}: ${row.email} already has a pending invitation. Resend it instead.`
        : null;
    case 'already_member':
      return existingMember(ctx, row, 'active') ? `${same}: ${row.email} is already a member.` : null;
    case 'weak_password':
      return `${same}: the temporary password breaks a password rule. Edit it to set another one.`;
    case 'cannot_remove_self':
      return `${same}: you cannot remove yourself. Ask another admin.`;
    case 'not_managed_account':
      return `${same}: this person manages their own password.`;
    case 'unknown_role':
      return row.role_id && !ctx.cache.roles(row.org_id).some((role) => role.id === row.role_id)
        ? `${same}: that role no longer exists. Edit it to choose another role.`
        : null;
    case 'secret_missing':
      return (await ctx.secrets.get(outboxSecretAccount(row.id)).catch(() => null))
        ? null
        : 'The temporary password is still missing from the keychain. Edit the change to set a new one.';
    default:
      return null;
  }
}

/** The other action the server suggested with its refusal, offered in one click. */
export function suggestionFor(ctx: CoreContext, row: OutboxRow): OutboxEntry['suggestion'] {
  if (row.state !== 'needs_attention') return null;
  if (row.kind === 'create' && row.last_error_code === 'user_exists') return { action: 'invite', memberId: null };
  if (row.kind === 'invite' && row.last_error_code === 'already_invited') {
    const member = existingMember(ctx, row, 'invited');
    return member ? { action: 'resendInvite', memberId: member.id } : null;
  }
  if ((row.kind === 'invite' || row.kind === 'create') && row.last_error_code === 'already_member') {
    const member = existingMember(ctx, row, 'active');
    return member ? { action: 'openMember', memberId: member.id } : null;
  }
  return null;
}
