import { Button, Group, MultiSelect, TextInput } from '@mantine/core';
import { auditActions, type AuditAction } from '../../../../shared/api/audit';
import { auditActionLabels } from '../../../../shared/audit-labels';
import { FIELD_MAX } from '../../../../shared/field-limits';
import { NO_ACTIVITY_FILTERS, type ActivityFilterValues } from '../../lib/activity-filter';

const ACTION_OPTIONS = auditActions.map((action) => ({ value: action, label: auditActionLabels[action] }));

interface Props {
  value: ActivityFilterValues;
  onChange(next: ActivityFilterValues): void;
}

/** Action, member/admin search and a date range (both days included). */
export function ActivityFilters({ value, onChange }: Props) {
  const set = (patch: Partial<ActivityFilterValues>) => onChange({ ...value, ...patch });
  const filtered = value.actions.length > 0 || value.text !== '' || value.fromDate !== '' || value.toDate !== '';
  const rangeBackwards = value.fromDate !== '' && value.toDate !== '' && value.toDate < value.fromDate;
  return (
    <Group align="flex-end" gap="sm">
      <TextInput
        label="Search member or admin"
        maxLength={FIELD_MAX.search}
        placeholder="Name or email"
        type="search"
        value={value.text}
        onChange={(e) => set({ text: e.currentTarget.value })}
        w={240}
      />
      <MultiSelect
        label="Action"
        placeholder={value.actions.length ? undefined : 'Any action'}
        data={ACTION_OPTIONS}
        value={value.actions}
        onChange={(actions) => set({ actions: actions as AuditAction[] })}
        clearable
        w={260}
      />
      <TextInput
        label="From"
        type="date"
        maxLength={FIELD_MAX.search}
        value={value.fromDate}
        onChange={(e) => set({ fromDate: e.currentTarget.value })}
        w={160}
      />
      <TextInput
        label="To"
        type="date"
        maxLength={FIELD_MAX.search}
        value={value.toDate}
        onChange={(e) => set({ toDate: e.currentTarget.value })}
        error={rangeBackwards ? 'Before “From”' : undefined}
        w={160}
      />
      {filtered && (
        <Button variant="subtle" onClick={() => onChange(NO_ACTIVITY_FILTERS)}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
