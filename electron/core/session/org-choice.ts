import type { Me } from '../../../shared/api';
import type { OrgSummary } from '../../../shared/contract/session';

/** The orgs `/me` says we belong to, as the console shows them. */
export function orgSummariesFromMe(me: Me): OrgSummary[] {
  return me.memberships.map((membership) => ({
    id: membership.org.id,
    name: membership.org.name,
    roleName: membership.role.name,
    permissions: membership.permissions,
    canManageMembers: membership.permissions.includes('members.manage'),
  }));
}

/** Keeps the wanted org when it is still one of ours; otherwise the only org, if there is one. */
export function pickOrg(orgs: OrgSummary[], wanted: string | null): string | null {
  if (orgs.some((org) => org.id === wanted)) return wanted;
  return orgs.length === 1 ? orgs[0]!.id : null;
}
