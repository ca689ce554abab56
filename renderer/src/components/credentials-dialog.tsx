import { useEffect, useState } from 'react';
import { Alert, Button, Code, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useChangeOutcomes } from '../lib/change-outcomes';
import { credentialsText } from '../lib/credentials-text';
import { useOpenedAfterMount } from '../lib/use-opened-after-mount';
import { CopyStatus, useSecretCopy } from '../lib/use-secret-copy';
import { useSyncStore } from '../stores/sync-store';
import { NotHeldNotice } from './not-held-notice';

export interface Credentials {
  email: string;
  password: string;
  serverUrl: string | null;
  /** The queued change that sets this password: the dialog says whether the server has it yet. */
  outboxId?: string;
  /** A new account (create) or a new password for an existing one. */
  kind?: 'create' | 'password';
  /** "Hold for handover" was asked, but the keychain refused: this dialog is the only copy. */
  notHeld?: boolean;
}

interface Props {
  credentials: Credentials | null;
  title?: string;
  onClose(): void;
}

/**
 * Shows a temporary password exactly once. The password lives only in this dialog's props; when it
 * closes the parent drops it. Copies go through the shell, which clears the clipboard later.
 */
export function CredentialsDialog({ credentials, title, onClose }: Props) {
  const copying = useSecretCopy();
  const resetCopy = copying.reset;
  // Copy password or Copy both: the password has left the dialog. Until then, closing asks first.
  const [passwordCopied, setPasswordCopied] = useState(false);
  const [askingToClose, setAskingToClose] = useState(false);
  // Mounted open on first use (after Add Member, lazily loaded): focus goes back on close.
  const shown = useOpenedAfterMount(credentials !== null);

  useEffect(() => {
    if (!credentials) resetCopy();
    setPasswordCopied(false);
    setAskingToClose(false);
  }, [credentials, resetCopy]);

  function requestClose() {
    if (passwordCopied) onClose();
    else setAskingToClose(true);
  }

  async function copy(what: string, text: string, withPassword: boolean) {
    if ((await copying.copy(what, text)) && withPassword) setPasswordCopied(true);
  }

  return (
    <Modal
      opened={shown}
      onClose={requestClose}
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
          {credentials.notHeld && <NotHeldNotice kind={credentials.kind ?? 'create'} />}
          {credentials.outboxId && <ServerState outboxId={credentials.outboxId} kind={credentials.kind ?? 'create'} />}
          <Field
            label="Email"
            value={credentials.email}
            onCopy={() => void copy('Email', credentials.email, false)}
            copyLabel="Copy email"
          />
          <Field
            label="Temporary password"
            value={credentials.password}
            onCopy={() => void copy('Password', credentials.password, true)}
            copyLabel="Copy password"
          />
          {credentials.serverUrl && (
            <Text size="sm">
              Sign in at: <Code>{credentials.serverUrl}</Code>
            </Text>
          )}
          <CopyStatus copying={copying} />
          <Group justify="space-between">
            <Button
              variant="default"
              aria-label="Copy both"
              onClick={() =>
                void copy(
                  'Email and password',
                  credentialsText(credentials.email, credentials.password, credentials.serverUrl),
                  true,
                )
              }
            >
              Copy both
            </Button>
            <Button onClick={requestClose}>Done</Button>
          </Group>
          {askingToClose && (
            <CloseWithoutCopying
              onKeep={() => setAskingToClose(false)}
              onClose={() => {
                setAskingToClose(false);
                onClose();
              }}
            />
          )}
        </Stack>
      )}
    </Modal>
  );
}

/**
 * "Copied. The clipboard will be cleared in N s": mounted only while a copy waits, ticking on the
 * page's clock through @mantine/hooks (tests drive it with fake timers or Playwright's clock).
 */
/** Whether the account (or the new password) exists on the server yet: said as it is, never ahead. */
function ServerState({ outboxId, kind }: { outboxId: string; kind: 'create' | 'password' }) {
  const settled = useChangeOutcomes((s) => s.settled[outboxId]);
  const syncState = useSyncStore((s) => s.status?.state ?? null);
  const create = kind === 'create';
  let color = 'gray';
  let text: string;
  if (settled?.outcome === 'done') {
    color = 'green';
    text = create
      ? 'The account exists: Nexus has created it with this password.'
      : 'Nexus has the new password: it works now, and the old one no longer does.';
  } else if (settled?.outcome === 'refused') {
    color = 'red';
    text = `${create ? 'The account was not created' : 'The password was not changed'}: ${settled.message ?? ''} This password does not work. Fix the change under Pending changes.`;
  } else if (syncState === 'offline' || syncState === 'paused' || settled?.outcome === 'waiting') {
    text = create
      ? "The account doesn't exist yet: the change is queued on this computer and is created when it reaches the server. Don't hand the password over until then."
      : 'Not set yet: the change is queued on this computer. The new password works once it reaches the server.';
  } else {
    text = create ? 'Creating the account on the server…' : 'Sending the new password to the server…';
  }
  return (
    <Alert color={color} role="status" data-testid="credentials-server-state" title={null}>
      {text}
    </Alert>
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

/**
 * Asked in place (a second modal on top of this one would fight it for Escape and focus): the
 * password has not been copied, and closing loses it.
 */
function CloseWithoutCopying({ onKeep, onClose }: { onKeep(): void; onClose(): void }) {
  return (
    <Paper
      withBorder
      p="md"
      role="alertdialog"
      aria-labelledby="close-uncopied-title"
      aria-describedby="close-uncopied-text"
    >
      <Stack gap="xs">
        <Text fw={600} id="close-uncopied-title">
          Close without copying the password?
        </Text>
        <Text size="sm" id="close-uncopied-text">
          You haven't copied the password. Once this dialog is closed it can't be shown again, and you would have to set
          a new one.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onKeep} autoFocus>
            Go back
          </Button>
          <Button color="red" onClick={onClose}>
            Close without copying
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
