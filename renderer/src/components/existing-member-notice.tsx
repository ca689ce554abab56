import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { LookupEmailResult } from '../../../shared/contract/members';
import { formatRelative, formatWork } from '../lib/format';

interface Props {
  email: string;
  orgName: string;
  member: NonNullable<LookupEmailResult['member']>;
  onOpenMember(memberId: string): void;
  onResendInvite(memberId: string): void;
}

/**
 * Add Member, for an email this org already has: says what it is (member, invited, removed) and
 * offers the one thing that makes sense instead of a second invitation.
 */
export function ExistingMemberNotice({ email, orgName, member, onOpenMember, onResendInvite }: Props) {
  const who = member.name || email;
  let text: string;
  if (member.status === 'removed')
    text = `${who} was removed from ${orgName}. Their work stays in the org (${formatWork(member.work)}) and comes back when you re-add them.`;
  else if (member.status === 'invited')
    text = `${who} already has a pending invitation${member.invitationLastSentAt ? `, last sent ${formatRelative(member.invitationLastSentAt)}` : ''}. Resend it instead of inviting again.`;
  else text = `${who} is already a member of ${orgName}.`;
  return (
    <Paper withBorder p="sm" data-testid="existing-member">
      <Stack gap="xs">
        <Text size="sm">{text}</Text>
        <Group gap="xs">
          {member.status === 'invited' && (
            <Button size="xs" onClick={() => onResendInvite(member.id)}>
              Resend invite
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => onOpenMember(member.id)}>
            Open member
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
