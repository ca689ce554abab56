import { Button, Group, Select } from '@mantine/core';
import type { MemberRow } from '../../../shared/contract/members';
import { runMemberChange } from '../lib/member-actions';
import { useRolesStore } from '../stores/roles-store';

export type DetailAction = 'changePassword' | 'resendCredentials' | 'resendInvite' | 'cancelInvite' | 'remove';

interface Props {
  member: MemberRow;
  onAction(action: DetailAction): void;
}

/** The detail page's actions, shown only to roles with Manage Members. */
export function MemberActions({ member, onAction }: Props) {
  const roles = useRolesStore((s) => s.roles);
  const invited = member.status === 'invited';
  const active = member.status === 'active';
  return (
    <Group align="flex-end" gap="sm">
      {(active || invited) && (
        <Select
          label="Role"
          data={roles.map((role) => ({ value: role.id, label: role.name }))}
          value={member.roleId}
          allowDeselect={false}
          w={200}
          onChange={(roleId) => {
            if (roleId && roleId !== member.roleId) {
              const name = roles.find((role) => role.id === roleId)?.name ?? 'the new role';
              void runMemberChange(
                'members.changeRole',
                { memberId: member.id, roleId },
                `${member.email} now has the role ${name}.`,
              );
            }
          }}
        />
      )}
      {active && <Button onClick={() => onAction('changePassword')}>Change Password</Button>}
      {active && member.origin === 'admin_created' && (
        <Button variant="default" onClick={() => onAction('resendCredentials')}>
          Resend credentials
        </Button>
      )}
      {invited && <Button onClick={() => onAction('resendInvite')}>Resend invite</Button>}
      {invited && (
        <Button color="red" variant="outline" onClick={() => onAction('cancelInvite')}>
          Cancel invite
        </Button>
      )}
      {active && (
        <Button color="red" variant="outline" onClick={() => onAction('remove')}>
          Remove from org
        </Button>
      )}
    </Group>
  );
}
