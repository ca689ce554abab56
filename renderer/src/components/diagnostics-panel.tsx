import { useState } from 'react';
import { Alert, Button, Checkbox, Code, Group, Stack, Text, Title } from '@mantine/core';
import type { DiagnosticsExportResult } from '../../../shared/contract/settings';
import { errorMessage } from '../lib/error-message';
import { call, toConsoleError } from '../lib/nexus';

/**
 * **Help → Export diagnostics**: a zip of the redacted logs, versions, settings and their sources,
 * keychain and sync state for support. Member emails stay out unless the admin ticks the box.
 */
export function DiagnosticsPanel({ logFolder }: { logFolder: string | null }) {
  const [includeMemberEmails, setIncludeMemberEmails] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DiagnosticsExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function exportNow() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await call('diagnostics.export', { includeMemberEmails }));
    } catch (err) {
      setError(errorMessage(toConsoleError(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="xs" component="section" aria-labelledby="help-heading">
      <Title order={2} size="h4" id="help-heading">
        Help
      </Title>
      {logFolder && (
        <Text size="sm">
          Logs are kept in <Code>{logFolder}</Code>
        </Text>
      )}
      <Text size="sm" c="dimmed">
        A diagnostics file holds the logs, versions, these settings and where each comes from, and the keychain and sync
        state — never a sign-in token or a password.
      </Text>
      <Checkbox
        label="Include member emails"
        description="Off: every email address in the file is replaced by [email]."
        checked={includeMemberEmails}
        onChange={(event) => setIncludeMemberEmails(event.currentTarget.checked)}
      />
      <Group>
        <Button variant="default" loading={busy} onClick={() => void exportNow()}>
          Export diagnostics
        </Button>
      </Group>
      {result && (
        <Alert color="green" role="status" title="Diagnostics exported">
          Saved to <Code>{result.path}</Code> ({Math.ceil(result.sizeBytes / 1024)} KB). Send this file to whoever
          supports you.
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert" title="Could not export diagnostics">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
