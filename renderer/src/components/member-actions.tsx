import { Button, Group } from '@mantine/core';
import type { MemberRow } from '../../../shared/contract/members';
import { RoleSelect } from './role-select';

export type DetailAction =
  'changePassword' | 'resendCredentials' | 'resendInvite' | 'cancelInvite' | 'remove' | 'readd';

interface Props {
  member: MemberRow;
  onAction(action: DetailAction): void;
}

/** The detail page's actions, shown only to roles with Manage Members. */
export function MemberActions({ member, onAction }: Props) {
  const invited = member.status === 'invited';
  const active = member.status === 'active';
  if (member.status === 'removed') {
    return (
      <Group gap="sm">
        <Button onClick={() => onAction('readd')}>Re-add</Button>
      </Group>
    );
  }
  return (
    <Group align="flex-end" gap="sm">
      {(active || invited) && <RoleSelect member={member} />}
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
