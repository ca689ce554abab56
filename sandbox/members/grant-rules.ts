import type { Role } from '../../shared/api';
import { grantRefusal, isOwnerRole, OWN_ROLE_REFUSAL } from '../../shared/role-grants';
import { ApiError } from '../http/problem';
import type { OrgAccess } from './org-access';

/**
 * Who may grant what, on invite, create and role change: `403 owner_only`,
 * `403 role_not_grantable`, and `403 cannot_change_own_role` when the target is the caller.
 */
export function requireGrantable(access: OrgAccess, role: Role, targetMembershipId?: string): void {
  if (targetMembershipId !== undefined && targetMembershipId === access.membershipId) {
    throw new ApiError(403, OWN_ROLE_REFUSAL.code, OWN_ROLE_REFUSAL.message);
  }
  const refusal = grantRefusal({ permissions: access.role.permissions, isOwner: isOwnerRole(access.role) }, role);
  if (refusal) throw new ApiError(403, refusal.code, refusal.message, { body: { roleId: role.id } });
}
