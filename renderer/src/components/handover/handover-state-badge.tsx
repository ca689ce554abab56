import { Badge } from '@mantine/core';
import type { HandoverItem } from '../../../../shared/contract/handover';

const stateText: Record<HandoverItem['state'], { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  onServer: { label: 'On the server', color: 'green' },
  rejected: { label: 'Rejected', color: 'red' },
};

/** Whether the password works yet: queued on this computer, on the server, or refused. */
export function HandoverStateBadge({ item }: { item: HandoverItem }) {
  const { label, color } = stateText[item.state];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}
