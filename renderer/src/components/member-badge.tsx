import { Badge, Group } from '@mantine/core';
import type { MemberRow } from '../../../shared/contract/members';

const COLORS: Record<string, string> = {
  Pending: 'blue',
  Active: 'green',
  'Created by admin': 'violet',
  Expired: 'orange',
  Removed: 'gray',
};

export function MemberStatusBadge({ badge }: { badge: string }) {
  return (
    <Badge color={COLORS[badge] ?? 'gray'} variant="light" tt="none">
      {badge}
    </Badge>
  );
}

/** A local change not yet accepted by the server. */
export function PendingMarker({ pending }: { pending: MemberRow['pending'] }) {
  if (!pending) return null;
  return pending.state === 'needs_attention' ? (
    <Badge color="red" variant="outline" tt="none" title="The server refused this change. Open Pending changes.">
      Needs attention
    </Badge>
  ) : (
    <Badge color="gray" variant="outline" tt="none" title="Saved here; waiting to be sent to the server">
      Queued
    </Badge>
  );
}

export function MemberBadges({ row }: { row: Pick<MemberRow, 'badge' | 'pending'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      <MemberStatusBadge badge={row.badge} />
      <PendingMarker pending={row.pending} />
    </Group>
  );
}
