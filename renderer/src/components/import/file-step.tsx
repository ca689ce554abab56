import { useState } from 'react';
import { Alert, Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { consoleTemplate } from '../../../../shared/csv/csv-write';
import { CsvFileError } from '../../../../shared/csv/parse-csv';
import { needsMapping, readImportFile } from '../../../../shared/csv/read-import-file';
import { downloadText } from '../../lib/download-text';
import { learnAbout } from '../../lib/use-import-check';
import { useImportStore, useSessionImports } from '../../stores/import-store';
import { useRolesStore } from '../../stores/roles-store';
import { STEP_FOCUS } from './use-step-focus';

const ACCEPT = '.csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values';

/** Choose or drop a file; it is read here, in memory, and never stored. **Download template**. */
export function FileStep() {
  const roles = useRolesStore((s) => s.roles);
  const setFile = useImportStore((s) => s.setFile);
  const sessionImports = useSessionImports().length;
  const showResults = useImportStore((s) => s.showResults);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [dragging, setDragging] = useState(false);

  async function open(file: File | null) {
    if (!file) return;
    setError(null);
    setReading(true);
    try {
      const parsed = readImportFile(new Uint8Array(await file.arrayBuffer()));
      const mapping = needsMapping(parsed.recognised);
      setFile(parsed, file.name, mapping);
      if (!mapping)
        // Planned creates are looked up by the preview (use-account-check.ts), once each.
        await learnAbout(
          parsed.rows.map((row) => row.email),
          [],
        );
    } catch (caught) {
      setError(
        caught instanceof CsvFileError
          ? caught.message
          : 'This file could not be read as CSV. Save it from your spreadsheet as CSV (UTF-8) and try again.',
      );
    } finally {
      setReading(false);
    }
  }

  const template = () => {
    const name = (match: string, fallback: string) =>
      roles.find((role) => role.name.toLowerCase() === match)?.name ?? fallback;
    downloadText(
      'nexus-members-template.csv',
      consoleTemplate({ member: name('member', 'Member'), admin: name('admin', 'Admin') }),
    );
  };

  return (
    <Stack gap="md">
      <Paper
        withBorder
        p="xl"
        data-testid="import-drop-zone"
        aria-label="Drop a CSV file here"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          background: dragging ? 'var(--mantine-color-default-hover)' : undefined,
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void open(event.dataTransfer.files[0] ?? null);
        }}
      >
        <Stack align="center" gap="xs">
          <Text fw={600}>Drop a CSV file here, or choose one</Text>
          <Text size="sm" c="dimmed" ta="center" maw={560}>
            Google Workspace, Microsoft Entra and Microsoft 365 templates are recognised, and so is any CSV with an
            email column. The file is read on this computer, works offline, and is not kept.
          </Text>
          <FileButton onChange={(file) => void open(file)} accept={ACCEPT}>
            {(props) => (
              <Button {...props} {...STEP_FOCUS} loading={reading}>
                Choose file…
              </Button>
            )}
          </FileButton>
        </Stack>
      </Paper>
      {error && (
        <Alert color="red" role="alert" title="This file can't be imported">
          {error}
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Our template has the columns email, name, role and password; only email is required.
        </Text>
        <Group gap="xs">
          {sessionImports > 0 && (
            <Button variant="default" onClick={showResults}>
              {sessionImports === 1 ? 'Results of your last import' : `Results of your last ${sessionImports} imports`}
            </Button>
          )}
          <Button variant="default" onClick={template}>
            Download template
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
