import { Stack, Text, Timeline } from '@mantine/core';
import type { AuditEntry } from '../../../shared/contract/members';
import { formatDateTime } from '../lib/format';

/** The local audit log for one member, newest first. */
export function MemberHistory({ history }: { history: AuditEntry[] }) {
  if (history.length === 0) return <Text size="sm">No changes recorded on this computer yet.</Text>;
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline bulletSize={12} lineWidth={2} aria-label="History">
      {entries.map((entry) => (
        <Timeline.Item key={entry.id} title={entry.summary}>
          <Stack gap={0}>
            <Text size="sm">
              {formatDateTime(entry.at)} · by {entry.actorEmail}
            </Text>
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
