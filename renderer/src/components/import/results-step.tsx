import { useCallback, useEffect, useRef, useState } from 'react';
import { Accordion, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { importFormatNames } from '../../../../shared/csv/import-formats';
import { call } from '../../lib/nexus';
import { downloadText } from '../../lib/download-text';
import { formatDateTime } from '../../lib/format';
import { useNexusEvent } from '../../lib/use-nexus-event';
import { useImportStore, useSessionImports } from '../../stores/import-store';
import { useSyncStore } from '../../stores/sync-store';
import { ImportResultsPanel, tallyWords } from './import-results-panel';
import { allResultsCsv, countResults, resultLines, resultsFileName } from './import-result-lines';

/**
 * Every file queued that core keeps (import.history: the last 20 of this admin in this org,
 * fewer when big; over reloads and restarts), newest first and the newest open: per row what
 * happened (created, invited, rejected with the server's reason), **Download results** for each
 * file and **Download all results**. Outcomes come from core's outbox (import.results), so they
 * follow sync and any retry or discard under Pending changes.
 */
export function ResultsStep({ onClose }: { onClose(): void }) {
  const imports = useSessionImports();
  const results = useImportStore((s) => s.results);
  const setResults = useImportStore((s) => s.setResults);
  const reset = useImportStore((s) => s.reset);
  const sync = useSyncStore((s) => s.status);
  const syncNow = useSyncStore((s) => s.syncNow);
  const loading = useRef(false);
  // Which files are open: an open file's tally is its panel's summary, a closed file's is in its header (once each).
  const [open, setOpen] = useState<string[]>(() => (imports[0] ? [imports[0].id] : []));
  const again = useRef(false);

  const refresh = useCallback(async () => {
    if (imports.length === 0) return;
    // An event while asking must not be lost (the last one of a sync says every row ended): ask once more after.
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    try {
      do {
        again.current = false;
        // One call per file: each stays within the contract's limit of a file's rows.
        for (const queuedFile of imports) {
          // A file whose rows all ended (sent or discarded) cannot change any more: not asked again.
          const known = useImportStore.getState().results;
          const ended = (id: string) => ['done', 'discarded'].includes(known.get(id)?.state ?? '');
          if (queuedFile.queued.every((row) => ended(row.outboxId))) continue;
          setResults((await call('import.results', { outboxIds: queuedFile.queued.map((row) => row.outboxId) })).items);
        }
      } while (again.current);
    } catch {
      // The next event asks again.
    } finally {
      loading.current = false;
    }
  }, [imports, setResults]);
  useEffect(() => void refresh(), [refresh]);
  useNexusEvent('outbox.changed', () => void refresh());
  useNexusEvent('sync.status', () => void refresh());

  const files = imports.map((queuedFile) => ({ queuedFile, lines: resultLines(queuedFile, results) }));
  const waiting = files.some(({ lines }) => countResults(lines).waiting > 0);
  const downloadAll = () =>
    downloadText(
      resultsFileName(null),
      allResultsCsv(
        files.map(({ queuedFile, lines }) => ({ fileName: queuedFile.fileName, queuedAt: queuedFile.queuedAt, lines })),
      ),
    );

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
      <Accordion multiple value={open} onChange={setOpen} variant="separated">
        {files.map(({ queuedFile, lines }, index) => (
          <Accordion.Item key={queuedFile.id} value={queuedFile.id} data-testid="import-results">
            <Accordion.Control>
              <Group gap="xs" wrap="nowrap">
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {queuedFile.fileName}
                </Text>
                <Badge variant="light" style={{ flexShrink: 0 }}>
                  {importFormatNames[queuedFile.format]}
                </Badge>
                <Text size="sm" c="dimmed">
                  queued {formatDateTime(queuedFile.queuedAt)}
                  {open.includes(queuedFile.id) ? '' : ` · ${tallyWords(countResults(lines))}`}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <ImportResultsPanel queuedFile={queuedFile} latest={index === 0} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      <Group justify="flex-end">
        {waiting && (
          <Button variant="default" onClick={() => void syncNow()} loading={sync?.state === 'syncing'}>
            Sync now
          </Button>
        )}
        {imports.length > 1 && (
          <Button variant="default" onClick={downloadAll}>
            Download all results
          </Button>
        )}
        <Button variant="default" onClick={reset}>
          Import another file
        </Button>
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
