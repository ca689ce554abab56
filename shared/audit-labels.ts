import type { AuditAction, AuditEvent } from './api/audit';

/** How each audit action reads, on the Activity screen, the member page and in the CSV export. */
export const auditActionLabels: Record<AuditAction, string> = {
  'member.invited': 'Invited',
  'invitation.resent': 'Invitation resent',
  'invitation.cancelled': 'Invitation cancelled',
  'invitation.accepted': 'Invitation accepted',
  'member.created': 'Created by admin',
  'member.password_set': 'Temporary password set',
  'member.role_changed': 'Role changed',
  'member.removed': 'Removed from org',
};

/** The event's details as a short phrase: "as Admin", "Member → Admin", "re-added as Member". */
export function auditDetailText(event: Pick<AuditEvent, 'action' | 'details'>): string {
  const { roleName, previousRoleName, readded } = event.details;
  if (event.action === 'member.role_changed' && roleName)
    return previousRoleName ? `${previousRoleName} → ${roleName}` : `to ${roleName}`;
  if (roleName) return `${readded ? 're-added ' : ''}as ${roleName}`;
  return readded ? 're-added' : '';
}

/** "Ana Lima <ana@x>" or just the email when the name is empty (pending invitations). */
export function auditPersonText(person: { email: string; name: string }): string {
  return person.name ? `${person.name} <${person.email}>` : person.email;
}
