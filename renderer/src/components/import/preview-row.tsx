import { memo, useEffect, useState } from 'react';
import { Anchor, Checkbox, PasswordInput, Select, Text, TextInput } from '@mantine/core';
import type { ImportRow } from '../../../../shared/csv/import-rows';
import type { CheckedRow, ProblemField } from '../../../../shared/csv/validate-import';
import { useImportStore } from '../../stores/import-store';
import classes from './import-preview.module.css';

interface Props {
  row: ImportRow;
  checked: CheckedRow;
  roleOptions: { value: string; label: string }[];
}

/** A text cell fixed in place: kept locally while typed, checked again on blur or Enter. */
function EditableCell({
  label,
  value,
  error,
  onCommit,
  secret = false,
}: {
  label: string;
  value: string;
  error: string | undefined;
  onCommit(value: string): void;
  secret?: boolean;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft !== value) onCommit(draft.trim());
  };
  const common = {
    'aria-label': label,
    size: 'xs' as const,
    value: draft,
    error,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setDraft(event.currentTarget.value),
    onBlur: commit,
    onKeyDown: (event: React.KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Enter') commit();
    },
  };
  return secret ? <PasswordInput {...common} /> : <TextInput {...common} />;
}

const problemOf = (checked: CheckedRow, field: ProblemField) =>
  checked.problems
    .filter((problem) => problem.field === field)
    .map((problem) => problem.message)
    .join(' ') || undefined;

/** One row of the preview: every cell editable, each problem under the cell that causes it. */
export const PreviewRow = memo(function PreviewRow({ row, checked, roleOptions }: Props) {
  const editRow = useImportStore((s) => s.editRow);
  const override = useImportStore((s) => s.override);
  const line = row.line;
  const actionProblem = problemOf(checked, 'action');
  const emailProblem = problemOf(checked, 'email');
  return (
    <div
      className={classes.row}
      data-skip={checked.skip || undefined}
      data-problem={(checked.problems.length > 0 && !checked.skip) || undefined}
      data-testid={`import-row-${line}`}
      role="row"
    >
      <Text size="xs" c="dimmed" role="cell">
        {line}
      </Text>
      <div role="cell">
        <EditableCell
          label={`Email, line ${line}`}
          value={row.email}
          error={emailProblem}
          onCommit={(email) => editRow(line, { email })}
        />
        {checked.reAdd === 'offer' && (
          <Anchor component="button" type="button" size="xs" onClick={() => override(line, { reAdd: true })}>
            Re-add
          </Anchor>
        )}
      </div>
      <div role="cell">
        <EditableCell
          label={`Name, line ${line}`}
          value={row.name}
          error={problemOf(checked, 'name')}
          onCommit={(name) => editRow(line, { name })}
        />
      </div>
      <div role="cell">
        <Select
          aria-label={`Role, line ${line}`}
          size="xs"
          data={roleOptions}
          value={checked.roleId}
          placeholder={row.role || 'Choose a role'}
          error={problemOf(checked, 'role')}
          onChange={(roleId) => roleId && override(line, { roleId })}
          allowDeselect={false}
        />
      </div>
      <div role="cell">
        <Select
          aria-label={`Action, line ${line}`}
          size="xs"
          data={[
            { value: 'invite', label: 'Invite' },
            { value: 'create', label: 'Create' },
          ]}
          value={checked.action}
          error={actionProblem}
          onChange={(action) => action && override(line, { action: action as 'invite' | 'create' })}
          allowDeselect={false}
        />
        {actionProblem && checked.action === 'create' && (
          <Anchor component="button" type="button" size="xs" onClick={() => override(line, { action: 'invite' })}>
            Invite instead
          </Anchor>
        )}
      </div>
      <div role="cell">
        {checked.action === 'invite' ? (
          <Text size="xs" c="dimmed">
            They choose it
          </Text>
        ) : checked.password === 'generate' ? (
          <Text size="xs">Generated</Text>
        ) : (
          <EditableCell
            label={`Password, line ${line}`}
            value={row.password}
            error={problemOf(checked, 'password')}
            onCommit={(password) => editRow(line, { password })}
            secret
          />
        )}
      </div>
      <div role="cell">
        <Checkbox
          size="xs"
          label="Leave out"
          checked={checked.skip}
          onChange={(event) => override(line, { skip: event.currentTarget.checked })}
        />
      </div>
      {checked.notes.length > 0 && (
        <Text size="xs" c="dimmed" className={classes.notes}>
          {checked.notes.join(' ')}
        </Text>
      )}
    </div>
  );
});
