import { Stack, Text, Timeline, Title } from '@mantine/core';
import type { AuditEntry } from '../../../shared/contract/members';
import { formatDateTime } from '../lib/format';
import { MemberServerHistory } from './member-server-history';

/**
 * A member's history: what the server recorded (every admin, every computer, credited by the
 * server), and apart from it this computer's changes that have not reached the server yet. A
 * queued invite or create (a `placeholder` row) has no server history until it is sent.
 */
export function MemberHistory({
  memberId,
  placeholder,
  stillQueued,
}: {
  memberId: string;
  placeholder: boolean;
  stillQueued: AuditEntry[];
}) {
  return (
    <Stack gap="md">
      {placeholder ? (
        <Text size="sm">This member is not on the server yet: their history starts when the change below is sent.</Text>
      ) : (
        <MemberServerHistory memberId={memberId} />
      )}
      {stillQueued.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="still-queued-title">
          <Title order={4} size="h5" id="still-queued-title">
            Still queued on this computer
          </Title>
          <Text size="sm" c="dimmed">
            Not on the server yet: they are sent with the next sync (see Pending changes).
          </Text>
          <Timeline role="list" bulletSize={12} lineWidth={2} aria-label="Still queued on this computer">
            {[...stillQueued]
              .sort((a, b) => b.at.localeCompare(a.at))
              .map((entry) => (
                <Timeline.Item role="listitem" key={entry.id} title={entry.summary}>
                  <Text size="sm">
                    {formatDateTime(entry.at)} · queued by {entry.actorEmail}
                  </Text>
                </Timeline.Item>
              ))}
          </Timeline>
        </Stack>
      )}
    </Stack>
  );
}
