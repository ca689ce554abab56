import { useMemo, useRef } from 'react';
import { Alert, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { downloadText } from '../../lib/download-text';
import type { SessionImport } from '../../stores/import-store';
import { useImportStore } from '../../stores/import-store';
import { useSyncStore } from '../../stores/sync-store';
import { NotHeldImportNotice } from './import-hold';
import { countResults, resultLines, resultsCsv, resultsFileName } from './import-result-lines';
import { STEP_FOCUS } from './use-step-focus';

/** The words of an import's tally: "1 created, 3 invited, 1 rejected, 0 waiting, 1 not queued". */
export function tallyWords(counts: ReturnType<typeof countResults>): string {
  return (
    `${counts.created} created, ${counts.invited} invited, ${counts.rejected} rejected, ${counts.waiting} waiting` +
    (counts['not queued'] > 0 ? `, ${counts['not queued']} not queued` : '') +
    (counts.discarded > 0 ? `, ${counts.discarded} discarded` : '')
  );
}

/** One queued file's results: its tally, progress while it sends, its rows and **Download results**. */
export function ImportResultsPanel({ queuedFile, latest }: { queuedFile: SessionImport; latest: boolean }) {
  const results = useImportStore((s) => s.results);
  const sync = useSyncStore((s) => s.status);
  const scrollRef = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => resultLines(queuedFile, results), [queuedFile, results]);
  const counts = countResults(lines);
  const total = queuedFile.queued.length;
  const finished = total - counts.waiting;
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 36,
    overscan: 8,
    initialRect: { width: 1000, height: 400 },
  });
  const items = virtualizer.getVirtualItems();

  return (
    <Stack gap="sm">
      <Text
        fw={600}
        data-testid="import-results-summary"
        aria-live="polite"
        tabIndex={-1}
        {...(latest ? STEP_FOCUS : {})}
      >
        {tallyWords(counts)}
      </Text>
      {counts.waiting > 0 && (
        <Stack gap={4}>
          <Progress value={total ? (finished / total) * 100 : 0} aria-label="Sending" />
          <Text size="sm" aria-live="polite">
            {sync?.state === 'syncing'
              ? `Sending ${Math.min(finished + 1, total).toLocaleString('en')} of ${total.toLocaleString('en')}`
              : sync?.state === 'offline'
                ? `Offline: ${counts.waiting.toLocaleString('en')} wait in the outbox and go out when the server is back.`
                : `${counts.waiting.toLocaleString('en')} waiting to be sent`}
          </Text>
        </Stack>
      )}
      <NotHeldImportNotice notHeld={queuedFile.notHeld} />
      {counts.rejected > 0 && (
        <Alert color="orange" title="Some rows were rejected">
          They wait under Pending changes, where you can edit, retry or discard each one.
        </Alert>
      )}
      <div
        ref={scrollRef}
        // As tall as the rows (measured: a long reason wraps) up to half the window, then it scrolls.
        style={{ height: `min(50vh, ${virtualizer.getTotalSize() + 44}px)`, minHeight: 120, overflow: 'auto' }}
      >
        <Table stickyHeader aria-label={`Import results, ${queuedFile.fileName}`} layout="fixed">
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
            {items.length > 0 && <tr style={{ height: items[0]!.start }} />}
            {items.map((item) => {
              const line = lines[item.index]!;
              return (
                <Table.Tr
                  key={line.line}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  data-testid={`import-result-${line.line}`}
                  data-result={line.result}
                >
                  <Table.Td>{line.line}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{line.email}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{line.name}</Table.Td>
                  <Table.Td>{line.action}</Table.Td>
                  <Table.Td>{line.result}</Table.Td>
                  <Table.Td>{line.reason}</Table.Td>
                </Table.Tr>
              );
            })}
            {items.length > 0 && <tr style={{ height: virtualizer.getTotalSize() - items.at(-1)!.end }} />}
          </Table.Tbody>
        </Table>
      </div>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => downloadText(resultsFileName(queuedFile.fileName), resultsCsv(lines))}>
          Download results
        </Button>
      </Group>
    </Stack>
  );
}
