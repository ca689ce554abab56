import type { Member } from '../../../shared/api';

/**
 * How each queued change reads in the outbox, the member's history and the audit log. Never
 * contains a password. One place, so an edited entry reads like a new one.
 */

/** "Ana Lee (ana@example.com)", or the email alone for an invitation with no name yet. */
export const memberLabel = (member: Pick<Member, 'name' | 'email'>): string =>
  member.name ? `${member.name} (${member.email})` : member.email;

export const summaries = {
  invite: (email: string, roleName: string) => `Invite ${email} as ${roleName}`,
  create: (name: string, email: string, roleName: string) => `Create an account for ${name} (${email}) as ${roleName}`,
  resendInvite: (email: string) => `Resend the invitation to ${email}`,
  cancelInvite: (email: string) => `Cancel the invitation of ${email}`,
  setPassword: (label: string, reason: 'change' | 'resend_credentials') =>
    `${reason === 'change' ? 'Set a new temporary password for' : 'Resend credentials to'} ${label}`,
  changeRole: (label: string, roleName: string) => `Change the role of ${label} to ${roleName}`,
  remove: (label: string) => `Remove ${label}`,
  edited: (summary: string) => `Edited: ${summary}`,
  discarded: (summary: string) => `Discarded: ${summary}`,
};

/** A queued role change's summary, now naming another role (the member's label is kept). */
export function retargetRoleSummary(summary: string, roleName: string): string {
  const label = /^Change the role of ([^]*) to [^]*$/.exec(summary)?.[1];
  return label === undefined ? summary : summaries.changeRole(label, roleName);
}
