import { Badge } from '@mantine/core';
import type { HandedOverItem } from '../../../../shared/contract/handover';
import { plural } from '../../lib/format';

/** Did it work: signed in with their own password, not yet, or not after the follow-up days. */
export function HandedOverBadge({ item, followUpDays }: { item: HandedOverItem; followUpDays: number }) {
  if (item.state === 'signedIn')
    return (
      <Badge color="green" variant="light">
        Signed in
      </Badge>
    );
  if (item.state === 'overdue')
    return (
      <Badge color="red" variant="light">
        Not signed in after {plural(followUpDays, 'day')}
      </Badge>
    );
  return (
    <Badge color="gray" variant="light">
      Not signed in yet
    </Badge>
  );
}
