import { PERMISSIONS, type Permission, type Role } from '../../shared/api';
import type { AuthenticatedUser, SandboxContext } from '../context';
import { ApiError, notFound } from '../http/problem';

export interface OrgAccess {
  orgId: string;
  orgName: string;
  membershipId: string;
  userId: string;
  role: Role;
}

interface RoleRow {
  id: string;
  name: string;
  builtin: number;
  permissions: string;
}

export function toRole(row: RoleRow): Role {
  return {
    id: row.id,
    name: row.name,
    builtin: row.builtin === 1,
    permissions: JSON.parse(row.permissions) as string[],
  };
}

export function listRoles(ctx: SandboxContext, orgId: string): Role[] {
  const rows = ctx.db
    .prepare('SELECT id, name, builtin, permissions FROM roles WHERE org_id = ? ORDER BY position')
    .all(orgId) as RoleRow[];
  return rows.map(toRole);
}

export function findRole(ctx: SandboxContext, orgId: string, roleId: string): Role | null {
  const row = ctx.db
    .prepare('SELECT id, name, builtin, permissions FROM roles WHERE org_id = ? AND id = ?')
    .get(orgId, roleId) as RoleRow | undefined;
  return row ? toRole(row) : null;
}

export function requireRole(ctx: SandboxContext, orgId: string, roleId: string): Role {
  const role = findRole(ctx, orgId, roleId);
  if (!role) {
    throw new ApiError(422, 'unknown_role', 'That role does not exist in this organisation.', {
      errors: [{ path: 'roleId', message: 'Unknown role' }],
    });
  }
  return role;
}

/**
 * The caller's standing in an org. Not being an active member looks like the org does not exist
 * (404), so ids of other orgs reveal nothing; lacking the permission is `403 missing_permission`.
 */
export function orgAccess(
  ctx: SandboxContext,
  auth: AuthenticatedUser,
  orgId: string,
  permission: Permission = PERMISSIONS.membersRead,
): OrgAccess {
  const row = ctx.db
    .prepare(
      `SELECT o.id AS org_id, o.name AS org_name, m.id AS membership_id, r.id, r.name, r.builtin, r.permissions
       FROM memberships m JOIN orgs o ON o.id = m.org_id JOIN roles r ON r.id = m.role_id
       WHERE m.org_id = ? AND m.user_id = ? AND m.status = 'active' AND m.deleted = 0`,
    )
    .get(orgId, auth.userId) as (RoleRow & { org_id: string; org_name: string; membership_id: string }) | undefined;
  if (!row) throw notFound('organisation');
  const role = toRole(row);
  if (!role.permissions.includes(permission)) {
    throw new ApiError(
      403,
      'missing_permission',
      `Your role "${role.name}" does not include the ${permission} permission needed for this.`,
      { body: { permission } },
    );
  }
  return { orgId: row.org_id, orgName: row.org_name, membershipId: row.membership_id, userId: auth.userId, role };
}

export const OWNER_ROLE_NAME = 'owner';

export function isOwnerRole(ctx: SandboxContext, roleId: string): boolean {
  const row = ctx.db.prepare('SELECT name, builtin FROM roles WHERE id = ?').get(roleId) as
    { name: string; builtin: number } | undefined;
  return row?.builtin === 1 && row.name === OWNER_ROLE_NAME;
}

export function activeOwnerCount(ctx: SandboxContext, orgId: string): number {
  const row = ctx.db
    .prepare(
      `SELECT COUNT(*) AS n FROM memberships m JOIN roles r ON r.id = m.role_id
       WHERE m.org_id = ? AND m.status = 'active' AND m.deleted = 0 AND r.builtin = 1 AND r.name = ?`,
    )
    .get(orgId, OWNER_ROLE_NAME) as { n: number };
  return row.n;
}
