import { Text } from '@mantine/core';
import { useSessionStore } from '../stores/session-store';

/** Where **Add Member** would be, for roles without Manage Members: say why it isn't there. */
export function ManageMembersNote() {
  const roleName = useSessionStore((s) => s.status?.org?.roleName ?? 'current');
  return (
    <Text size="sm" maw={380} role="note" data-testid="manage-members-note">
      Your role ({roleName}) doesn't include the Manage Members permission, so you can view members but not add, change
      or remove them. Ask an owner of the org if you need it.
    </Text>
  );
}
