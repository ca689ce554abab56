import { SimpleGrid, Text } from '@mantine/core';
import type { MemberDetail } from '../../../shared/contract/members';
import { formatDateTime, formatWork } from '../lib/format';

/** All fields of a member as a description list. */
export function MemberFields({ detail }: { detail: MemberDetail }) {
  const { member, invitation, work } = detail;
  const items: [string, React.ReactNode][] = [
    ['Name', member.name || '—'],
    ['Email', member.email],
    ['Role', member.roleName],
    ['Status', member.badge],
    ['Added by', member.origin === 'admin_created' ? 'Created by an admin' : 'Invitation'],
    ['Must change password', member.mustChangePassword ? 'Yes, at next sign-in' : 'No'],
    ['Added', formatDateTime(member.createdAt)],
    ['Last changed', formatDateTime(member.updatedAt)],
    ['Last sign-in', member.lastSignInAt ? formatDateTime(member.lastSignInAt) : 'Never'],
  ];
  if (invitation) {
    items.push(
      ['Invitation expires', formatDateTime(invitation.expiresAt)],
      ['Invitation last sent', `${formatDateTime(invitation.lastSentAt)} (sent ${invitation.sendCount}×)`],
    );
  }
  items.push(['Work', formatWork(work)]);

  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm" m={0}>
      {items.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
