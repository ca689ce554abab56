import { useState } from 'react';
import { Select } from '@mantine/core';
import type { MemberRow } from '../../../shared/contract/members';
import { isOwnerRole } from '../../../shared/role-grants';
import { runMemberChange } from '../lib/member-actions';
import { useGrantableRoles, useRolesStore } from '../stores/roles-store';
import { useSessionStore } from '../stores/session-store';
import { ConfirmDialog } from './confirm-dialog';

/**
 * A member's role, changed only after a confirmation that says what the new role means. Offers
 * only the roles the admin may grant; nobody changes their own role.
 */
export function RoleSelect({ member }: { member: MemberRow }) {
  const allRoles = useRolesStore((s) => s.roles);
  const grantable = useGrantableRoles();
  const orgName = useSessionStore((s) => s.status?.org?.name ?? 'the org');
  const self = useSessionStore((s) => s.status?.user?.id === member.userId);
  const [choice, setChoice] = useState<string | null>(null);
  const current = allRoles.find((role) => role.id === member.roleId);
  const options = [...grantable];
  if (current && !options.some((role) => role.id === current.id)) options.unshift(current);
  const chosen = allRoles.find((role) => role.id === choice) ?? null;
  const owner = chosen ? isOwnerRole(chosen) : false;

  async function confirm() {
    if (!chosen) return;
    await runMemberChange(
      'members.changeRole',
      { memberId: member.id, roleId: chosen.id },
      {
        what: `Change the role of ${member.email} to ${chosen.name}`,
        done: `${member.email} now has the role ${chosen.name}.`,
      },
    );
    setChoice(null);
  }

  return (
    <>
      <Select
        label="Role"
        data={options.map((role) => ({ value: role.id, label: role.name }))}
        value={member.roleId}
        allowDeselect={false}
        disabled={self}
        description={self ? 'You cannot change your own role.' : undefined}
        w={220}
        onChange={(roleId) => {
          if (roleId && roleId !== member.roleId) setChoice(roleId);
        }}
      />
      <ConfirmDialog
        opened={chosen !== null}
        title={`Make ${member.name || member.email} ${owner ? 'an owner' : (chosen?.name ?? '')}?`}
        confirmLabel={owner ? 'Make owner' : 'Change role'}
        keepLabel={`Keep ${current?.name ?? 'current role'}`}
        danger={owner}
        onConfirm={confirm}
        onClose={() => setChoice(null)}
      >
        {owner ? (
          <p style={{ margin: 0 }}>
            An owner can do everything in {orgName}: add and remove anyone, including admins and other owners, make more
            owners, and change every role. Only make someone an owner you would trust with the whole organisation.
          </p>
        ) : (
          <p style={{ margin: 0 }}>
            {member.email} gets the permissions of {chosen?.name} ({chosen?.permissions.join(', ') || 'none'}) in{' '}
            {orgName}, from {current?.name ?? 'their current role'}.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
