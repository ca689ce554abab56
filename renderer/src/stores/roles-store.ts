import { useMemo } from 'react';
import { create } from 'zustand';
import type { Role } from '../../../shared/api/roles';
import { granterOf, grantRefusal } from '../../../shared/role-grants';
import { call } from '../lib/nexus';
import { useSessionStore } from './session-store';

interface RolesState {
  roles: Role[];
  orgId: string | null;
  load(orgId: string): Promise<void>;
}

export const useRolesStore = create<RolesState>()((set) => ({
  roles: [],
  orgId: null,
  async load(orgId) {
    try {
      const { items } = await call('roles.list');
      set({ roles: items, orgId });
    } catch {
      // Offline before the first sync: role pickers show no choices and say so.
      set({ roles: [], orgId });
    }
  },
}));

/** The role a new member gets unless the admin picks another. */
export function defaultRoleId(roles: Role[]): string | null {
  const member = roles.find((role) => role.name.toLowerCase() === 'member');
  return (member ?? roles.find((role) => !role.permissions.includes('members.manage')) ?? roles[0])?.id ?? null;
}

/**
 * The roles the signed-in admin may grant (shared/role-grants.ts): only owners make owners, and
 * only roles whose permissions are within the admin's own.
 */
export function useGrantableRoles(): Role[] {
  const roles = useRolesStore((s) => s.roles);
  const org = useSessionStore((s) => s.status?.org ?? null);
  return useMemo(() => {
    if (!org) return [];
    const granter = granterOf(roles, org);
    return roles.filter((role) => grantRefusal(granter, role) === null);
  }, [roles, org]);
}
