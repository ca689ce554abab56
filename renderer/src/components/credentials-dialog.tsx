import { useEffect, useState } from 'react';
import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { credentialsText } from '../lib/credentials-text';
import { errorMessage } from '../lib/error-message';
import { call, toConsoleError } from '../lib/nexus';
import { useNexusEvent } from '../lib/use-nexus-event';
import { useSettingsStore } from '../stores/settings-store';

export interface Credentials {
  email: string;
  password: string;
  serverUrl: string | null;
}

interface Props {
  credentials: Credentials | null;
  title?: string;
  onClose(): void;
}

type ClipboardState =
  | { kind: 'idle' }
  | { kind: 'copied'; what: string; clearsAt: number }
  | { kind: 'cleared' }
  | { kind: 'failed'; message: string };

/**
 * Shows a temporary password exactly once. The password lives only in this dialog's props; when it
 * closes the parent drops it. Copies go through the shell, which clears the clipboard later.
 */
export function CredentialsDialog({ credentials, title, onClose }: Props) {
  const [clipboard, setClipboard] = useState<ClipboardState>({ kind: 'idle' });
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!credentials) setClipboard({ kind: 'idle' });
  }, [credentials]);

  useEffect(() => {
    if (clipboard.kind !== 'copied') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [clipboard.kind]);

  useNexusEvent('clipboard.cleared', () => {
    setClipboard((state) => (state.kind === 'copied' ? { kind: 'cleared' } : state));
  });

  async function copy(what: string, text: string) {
    try {
      const clearAfterMs = useSettingsStore.getState().values.ClipboardClearSeconds * 1000;
      const { clearsAt } = await call('clipboard.copySecret', { text, clearAfterMs });
      setNow(Date.now());
      setClipboard({ kind: 'copied', what, clearsAt: Date.parse(clearsAt) });
    } catch (error) {
      setClipboard({ kind: 'failed', message: errorMessage(toConsoleError(error)) });
    }
  }

  const secondsLeft = clipboard.kind === 'copied' ? Math.max(0, Math.ceil((clipboard.clearsAt - now) / 1000)) : 0;

  return (
    <Modal
      opened={credentials !== null}
      onClose={onClose}
      title={title ?? 'Temporary password'}
      closeOnClickOutside={false}
      size="lg"
      centered
    >
      {credentials && (
        <Stack>
          <Alert color="yellow" title="Shown only once" role="note">
            Copy the password now and give it to the user safely. It can't be shown again: once you close this dialog
            you would have to set a new one. They must choose their own password when they first sign in.
          </Alert>
          <Field
            label="Email"
            value={credentials.email}
            onCopy={() => void copy('Email', credentials.email)}
            copyLabel="Copy email"
          />
          <Field
            label="Temporary password"
            value={credentials.password}
            onCopy={() => void copy('Password', credentials.password)}
            copyLabel="Copy password"
          />
          {credentials.serverUrl && (
            <Text size="sm">
              Sign in at: <Code>{credentials.serverUrl}</Code>
            </Text>
          )}
          <Text size="sm" aria-live="polite" role="status" mih={20}>
            {clipboard.kind === 'copied' &&
              (secondsLeft > 0
                ? `${clipboard.what} copied. The clipboard will be cleared in ${secondsLeft} s.`
                : `${clipboard.what} copied. Clearing the clipboard…`)}
            {clipboard.kind === 'cleared' && 'The clipboard has been cleared.'}
            {clipboard.kind === 'failed' && <span className="text-error">Couldn't copy: {clipboard.message}</span>}
          </Text>
          <Group justify="space-between">
            <Button
              variant="default"
              aria-label="Copy both"
              onClick={() =>
                void copy(
                  'Email and password',
                  credentialsText(credentials.email, credentials.password, credentials.serverUrl),
                )
              }
            >
              Copy both
            </Button>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function Field({
  label,
  value,
  onCopy,
  copyLabel,
}: {
  label: string;
  value: string;
  onCopy(): void;
  copyLabel: string;
}) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code
          block
          style={{ flex: 1, fontSize: 'var(--mantine-font-size-md)' }}
          data-testid={label === 'Email' ? 'credential-email' : 'credential-password'}
        >
          {value}
        </Code>
        <Button variant="default" onClick={onCopy} aria-label={copyLabel}>
          Copy
        </Button>
      </Group>
    </div>
  );
}
