import { Group, UnstyledButton } from '@mantine/core';
import type { MemberCounts } from '../../../shared/contract/members';
import type { MemberBadge } from '../../../shared/member-badge';
import { MemberStatusBadge } from './member-badge';
import classes from './status-counts.module.css';

/** The order the counts show in, and the order sorting by status groups the rows in (core's SORT_SQL). */
export const STATUS_COUNT_ORDER: MemberBadge[] = ['Active', 'Pending', 'Expired', 'Created by admin', 'Removed'];

interface Props {
  counts: MemberCounts | null;
  selected: readonly MemberBadge[];
  onSelect(badges: MemberBadge[]): void;
}

/**
 * Counts by status above the list, each a one-click filter: a click shows only that status, a
 * second click on the same one shows everyone again.
 */
export function StatusCounts({ counts, selected, onSelect }: Props) {
  return (
    <Group gap={6} role="group" aria-label="Members by status" className={classes.counts}>
      {STATUS_COUNT_ORDER.map((badge) => {
        const only = selected.length === 1 && selected[0] === badge;
        const count = counts ? counts[badge].toLocaleString() : '…';
        return (
          <UnstyledButton
            key={badge}
            className={classes.count}
            aria-pressed={only}
            aria-label={`${badge}: ${count}`}
            onClick={() => onSelect(only ? [] : [badge])}
          >
            <MemberStatusBadge badge={badge} />
            <span className={classes.number}>{count}</span>
          </UnstyledButton>
        );
      })}
    </Group>
  );
}
