import { UnstyledButton } from '@mantine/core';
import type { MemberSortField } from '../../../shared/contract/members';
import type { MemberSort } from '../stores/members-query-store';
import classes from './members-grid.module.css';

interface Props {
  field: MemberSortField;
  label: string;
  sort: MemberSort;
  onSort(field: MemberSortField): void;
}

export function SortHeader({ field, label, sort, onSort }: Props) {
  const active = sort.field === field;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <div role="columnheader" aria-sort={ariaSort} className={`${classes.cell} ${classes.sortCell}`}>
      <UnstyledButton className={classes.sortButton} onClick={() => onSort(field)}>
        {label}
        <span aria-hidden="true">{active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
      </UnstyledButton>
    </div>
  );
}
