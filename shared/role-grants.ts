import type { Role } from './api/roles';

/** The API's owner role: built in and named "owner". */
export function isOwnerRole(role: Pick<Role, 'builtin' | 'name'>): boolean {
  return role.builtin && role.name.toLowerCase() === 'owner';
}

export interface Granter {
  /** The permissions of the granter's own role. */
  permissions: readonly string[];
  isOwner: boolean;
}

export type GrantRefusal = { code: 'owner_only' | 'role_not_grantable'; message: string };

/**
 * Who may grant what (nexus-api.md, "Who may grant what"): only an owner makes someone an owner,
 * and a role is grantable only when its permissions are a subset of the granter's own. The
 * sandbox enforces it (403 with the code); the console offers only the roles that pass.
 */
export function grantRefusal(
  granter: Granter,
  role: Pick<Role, 'builtin' | 'name' | 'permissions'>,
): GrantRefusal | null {
  if (isOwnerRole(role) && !granter.isOwner)
    return { code: 'owner_only', message: 'Only an owner can make someone an owner.' };
  const missing = role.permissions.filter((permission) => !granter.permissions.includes(permission));
  if (missing.length > 0)
    return {
      code: 'role_not_grantable',
      message: `The role "${role.name}" has permissions your role does not (${missing.join(', ')}), so you cannot grant it.`,
    };
  return null;
}

/** The signed-in admin as a granter: their membership's permissions, and whether their role is the owner role. */
export function granterOf(
  roles: readonly Pick<Role, 'builtin' | 'name'>[],
  org: { roleName: string; permissions: readonly string[] },
): Granter {
  const own = roles.find((role) => role.name === org.roleName);
  return { permissions: org.permissions, isOwner: own ? isOwnerRole(own) : org.roleName.toLowerCase() === 'owner' };
}

export const OWN_ROLE_REFUSAL = {
  code: 'cannot_change_own_role',
  message: 'You cannot change your own role. Ask another admin or an owner.',
} as const;
