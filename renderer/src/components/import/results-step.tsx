import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Alert, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImportResultItem } from '../../../../shared/contract/imports';
import { csvDocument } from '../../../../shared/csv/csv-write';
import { downloadText } from '../../lib/download-text';
import { call } from '../../lib/nexus';
import { useNexusEvent } from '../../lib/use-nexus-event';
import { useImportStore, type QueuedImportRow } from '../../stores/import-store';
import { useSyncStore } from '../../stores/sync-store';
import { NotHeldImportNotice } from './import-hold';
import { STEP_FOCUS } from './use-step-focus';

export interface ResultLine {
  line: number;
  email: string;
  name: string;
  role: string;
  action: string;
  result: 'created' | 'invited' | 'rejected' | 'waiting' | 'discarded' | 'not queued';
  reason: string;
}

function outcome(row: QueuedImportRow, item: ImportResultItem | undefined): Pick<ResultLine, 'result' | 'reason'> {
  if (!item || item.state === 'queued' || item.state === 'sending')
    return { result: 'waiting', reason: 'Waiting to be sent' };
  if (item.state === 'done') return { result: row.action === 'create' ? 'created' : 'invited', reason: '' };
  if (item.state === 'needs_attention')
    return { result: 'rejected', reason: item.error?.message ?? 'Rejected by the server' };
  return { result: 'discarded', reason: 'Discarded under Pending changes' };
}

/** Per row what happened (created, invited, rejected with the server's reason) and **Download results**. */
export function ResultsStep({ onClose }: { onClose(): void }) {
  const queued = useImportStore((s) => s.queued);
  const notQueued = useImportStore((s) => s.notQueued);
  const results = useImportStore((s) => s.results);
  const setResults = useImportStore((s) => s.setResults);
  const reset = useImportStore((s) => s.reset);
  const sync = useSyncStore((s) => s.status);
  const syncNow = useSyncStore((s) => s.syncNow);
  const scrollRef = useRef<HTMLDivElement>(null);
  const loading = useRef(false);

  const refresh = useCallback(async () => {
    if (loading.current || queued.length === 0) return;
    loading.current = true;
    try {
      setResults((await call('import.results', { outboxIds: queued.map((row) => row.outboxId) })).items);
    } catch {
      // The next event asks again.
    } finally {
      loading.current = false;
    }
  }, [queued, setResults]);
  useEffect(() => void refresh(), [refresh]);
  useNexusEvent('outbox.changed', () => void refresh());
  useNexusEvent('sync.status', () => void refresh());

  const lines: ResultLine[] = useMemo(
    () =>
      [
        ...queued.map((row) => ({
          line: row.line,
          email: row.email,
          name: row.name,
          role: row.roleName,
          action: row.action === 'create' ? 'Create' : 'Invite',
          ...outcome(row, results.get(row.outboxId)),
        })),
        ...notQueued.map((row) => ({
          line: row.line,
          email: row.email,
          name: row.name,
          role: row.roleName,
          action: row.action === 'create' ? 'Create' : 'Invite',
          result: 'not queued' as const,
          reason: row.skip ? 'Left out' : row.problems.map((problem) => problem.message).join(' '),
        })),
      ].sort((a, b) => a.line - b.line),
    [queued, notQueued, results],
  );
  const tally = (result: ResultLine['result']) => lines.filter((line) => line.result === result).length;
  const finished = queued.length - tally('waiting');
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 36,
    overscan: 8,
    initialRect: { width: 1000, height: 400 },
  });

  const download = () =>
    downloadText(
      `import-results-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.csv`,
      csvDocument(
        ['line', 'email', 'name', 'role', 'action', 'result', 'reason'],
        lines.map((l) => [l.line, l.email, l.name, l.role, l.action, l.result, l.reason]),
      ),
    );

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Text fw={600} data-testid="import-results-summary" aria-live="polite" tabIndex={-1} {...STEP_FOCUS}>
        {tally('created')} created, {tally('invited')} invited, {tally('rejected')} rejected, {tally('waiting')} waiting
        {tally('not queued') > 0 ? `, ${tally('not queued')} not queued` : ''}
      </Text>
      {tally('waiting') > 0 && (
        <Stack gap={4}>
          <Progress value={queued.length ? (finished / queued.length) * 100 : 0} aria-label="Sending" />
          <Text size="sm" aria-live="polite">
            {sync?.state === 'syncing'
              ? `Sending ${Math.min(finished + 1, queued.length).toLocaleString('en')} of ${queued.length.toLocaleString('en')}`
              : sync?.state === 'offline'
                ? `Offline: ${tally('waiting').toLocaleString('en')} wait in the outbox and go out when the server is back.`
                : `${tally('waiting').toLocaleString('en')} waiting to be sent`}
          </Text>
        </Stack>
      )}
      <NotHeldImportNotice />
      {tally('rejected') > 0 && (
        <Alert color="orange" title="Some rows were rejected">
          They wait under Pending changes, where you can edit, retry or discard each one.
        </Alert>
      )}
      <div ref={scrollRef} style={{ flex: 1, minHeight: 200, overflow: 'auto' }}>
        <Table stickyHeader aria-label="Import results" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>Line</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th w={90}>Action</Table.Th>
              <Table.Th w={110}>Result</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {virtualizer.getVirtualItems().length > 0 && (
              <tr style={{ height: virtualizer.getVirtualItems()[0]!.start }} />
            )}
            {virtualizer.getVirtualItems().map((item) => {
              const line = lines[item.index]!;
              return (
                <Table.Tr key={line.line} data-testid={`import-result-${line.line}`} data-result={line.result}>
                  <Table.Td>{line.line}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{line.email}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{line.name}</Table.Td>
                  <Table.Td>{line.action}</Table.Td>
                  <Table.Td>{line.result}</Table.Td>
                  <Table.Td>{line.reason}</Table.Td>
                </Table.Tr>
              );
            })}
            {virtualizer.getVirtualItems().length > 0 && (
              <tr style={{ height: virtualizer.getTotalSize() - virtualizer.getVirtualItems().at(-1)!.end }} />
            )}
          </Table.Tbody>
        </Table>
      </div>
      <Group justify="flex-end">
        {tally('waiting') > 0 && (
          <Button variant="default" onClick={() => void syncNow()} loading={sync?.state === 'syncing'}>
            Sync now
          </Button>
        )}
        <Button variant="default" onClick={download}>
          Download results
        </Button>
        <Button variant="default" onClick={reset}>
          Import another file
        </Button>
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
