import { useMemo, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, Progress, SegmentedControl, Select, Stack, Switch, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EventPayload } from '../../../../shared/contract/events';
import { importFormatNames } from '../../../../shared/csv/import-formats';
import { errorMessage } from '../../lib/error-message';
import { call, toConsoleError } from '../../lib/nexus';
import { useAccountCheckNote } from '../../lib/use-account-check';
import { useImportCheck } from '../../lib/use-import-check';
import { useNexusEvent } from '../../lib/use-nexus-event';
import { useImportStore } from '../../stores/import-store';
import { useGrantableRoles } from '../../stores/roles-store';
import { ImportFileLine } from './file-line';
import { ImportHoldSwitch } from './import-hold';
import { notQueuedReason } from './import-result-lines';
import { STEP_FOCUS } from './use-step-focus';
import classes from './import-preview.module.css';
import { PreviewRow } from './preview-row';

const ESTIMATED_ROW_HEIGHT = 44;
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The whole file, checked: choices for all rows, a summary, every row fixable, **Queue N members**. */
export function PreviewStep() {
  const file = useImportStore((s) => s.file);
  const rows = useImportStore((s) => s.rows);
  const choices = useImportStore((s) => s.choices);
  const setChoices = useImportStore((s) => s.setChoices);
  const setQueued = useImportStore((s) => s.setQueued);
  const reset = useImportStore((s) => s.reset);
  const holdForHandover = useImportStore((s) => s.holdForHandover);
  // Only the roles this admin may grant (shared/role-grants.ts); a file's other roles are row problems.
  const roles = useGrantableRoles();
  const check = useImportCheck();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [progress, setProgress] = useState<EventPayload<'import.progress'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  useNexusEvent('import.progress', (payload) => {
    if (progress !== null) setProgress(payload);
  });

  const roleOptions = useMemo(() => roles.map((role) => ({ value: role.id, label: role.name })), [roles]);
  const visible = useMemo(
    () =>
      check.rows
        .map((checked, index) => ({ checked, row: rows[index]! }))
        .filter(({ checked }) => !onlyProblems || (checked.problems.length > 0 && !checked.skip)),
    [check.rows, rows, onlyProblems],
  );
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 1000, height: 480 },
    getItemKey: (index) => visible[index]!.row.line,
  });
  const createEmails = useMemo(
    () =>
      check.rows
        .filter((row) => !row.skip && row.problems.length === 0 && row.action === 'create')
        .map((row) => row.email),
    [check],
  );
  const accountNote = useAccountCheckNote(createEmails);
  if (!file) return null;
  const source = { name: file.fileName, format: file.format };
  const creates = check.rows.filter((row) => !row.skip && row.problems.length === 0 && row.action === 'create');

  async function queue() {
    const ready = check.rows.filter((row) => !row.skip && row.problems.length === 0);
    // Kept in the import's record with why (core's import.history); never with a password.
    const notQueued = check.rows
      .filter((row) => row.skip || row.problems.length > 0)
      .map((row) => ({
        line: row.line,
        email: row.email,
        name: row.name,
        roleName: row.roleName,
        action: row.action,
        reason: notQueuedReason(row),
      }));
    const byLine = new Map(rows.map((row) => [row.line, row]));
    setError(null);
    setProgress({ phase: 'checking', done: 0, total: ready.length });
    try {
      const result = await call('import.queue', {
        rows: ready.map((row) => ({
          line: row.line,
          action: row.action,
          email: row.email,
          name: row.name,
          roleId: row.roleId!,
          ...(row.action === 'create' && row.password === 'file' ? { password: byLine.get(row.line)!.password } : {}),
          reAdd: row.reAdd === 'confirmed',
        })),
        holdForHandover,
        file: source,
        notQueued: notQueued.map(({ roleName, ...row }) => ({ ...row, role: roleName })),
      });
      const readyByLine = new Map(ready.map((row) => [row.line, row]));
      setQueued(
        result.importId,
        result.entries.map((entry) => {
          const row = readyByLine.get(entry.line)!;
          return {
            line: entry.line,
            outboxId: entry.outboxId,
            email: row.email,
            name: row.name,
            roleName: row.roleName,
            action: row.action,
          };
        }),
        notQueued,
        result.notHeld,
      );
    } catch (caught) {
      setError(errorMessage(toConsoleError(caught)));
    } finally {
      setProgress(null);
    }
  }

  const items = virtualizer.getVirtualItems();
  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group gap="xs">
        <Badge variant="light" size="lg" data-testid="import-format">
          {importFormatNames[file.format]}
        </Badge>
        <ImportFileLine file={file} />
      </Group>
      <Group align="flex-end" gap="lg">
        <Select
          label="Default role"
          description="For rows that name no role"
          data={roleOptions}
          value={choices.defaultRoleId}
          onChange={(defaultRoleId) => setChoices({ defaultRoleId })}
          w={220}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="without-password-label">
            Rows without a password
          </Text>
          <SegmentedControl
            aria-labelledby="without-password-label"
            value={choices.withoutPassword}
            onChange={(value) => setChoices({ withoutPassword: value as 'invite' | 'generate' })}
            data={[
              { value: 'invite', label: 'Send invite' },
              { value: 'generate', label: 'Generate a password' },
            ]}
          />
          {choices.withoutPassword === 'generate' && (
            <Text size="xs" c="dimmed" maw={420}>
              Each gets a generated temporary password
              {holdForHandover
                ? ', held in the keychain for the Handover screen, where you hand each person theirs.'
                : '.'}
            </Text>
          )}
        </Stack>
        {creates.length > 0 && (
          <div style={{ maxWidth: 420 }}>
            <ImportHoldSwitch generates={creates.some((row) => row.password !== 'file')} />
          </div>
        )}
      </Group>
      <Group justify="space-between">
        <Text fw={600} data-testid="import-summary" aria-live="polite" tabIndex={-1} {...STEP_FOCUS}>
          {check.ready.toLocaleString('en')} ready, {count(check.withProblems, 'with problems', 'with problems')}
          {check.skipped > 0 ? `, ${check.skipped.toLocaleString('en')} left out` : ''}
        </Text>
        <Switch
          label="Show only rows with problems"
          checked={onlyProblems}
          onChange={(event) => setOnlyProblems(event.currentTarget.checked)}
        />
      </Group>
      {creates.length > 0 && (
        <Text size="xs" c="dimmed">
          Created accounts must change their password at first sign-in (a Nexus rule). {accountNote ?? ''}
        </Text>
      )}
      <div
        className={classes.table}
        ref={scrollRef}
        role="table"
        aria-label="Rows of the file"
        aria-rowcount={visible.length}
      >
        <div className={classes.header} role="row">
          {['Line', 'Email', 'Name', 'Role', 'Action', 'Password', ''].map((label) => (
            <span key={label || 'skip'} role="columnheader">
              {label}
            </span>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const { row, checked } = visible[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              >
                <PreviewRow row={row} checked={checked} roleOptions={roleOptions} />
              </div>
            );
          })}
        </div>
      </div>
      {error && (
        <Alert color="red" role="alert" title="Nothing was queued">
          {error}
        </Alert>
      )}
      {progress && (
        <Stack gap={4}>
          <Progress value={progress.total ? (progress.done / progress.total) * 100 : 0} aria-label="Queueing" />
          <Text size="xs" aria-live="polite">
            {progress.phase === 'keychain' ? 'Saving passwords in the keychain' : 'Queueing'}{' '}
            {progress.done.toLocaleString('en')} of {progress.total.toLocaleString('en')}
          </Text>
        </Stack>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={reset} disabled={progress !== null}>
          Choose another file
        </Button>
        <Button onClick={() => void queue()} disabled={check.ready === 0} loading={progress !== null}>
          Queue {count(check.ready, 'member')}
        </Button>
      </Group>
    </Stack>
  );
}
