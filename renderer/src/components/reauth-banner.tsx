import { useState } from 'react';
import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { useSessionStore } from '../stores/session-store';
import { SignInForm } from './sign-in-form';

/** The server refused the stored session: sync waits until the admin signs in again. */
export function ReauthBanner() {
  const status = useSessionStore((s) => s.status);
  const [open, setOpen] = useState(false);
  if (!status?.reauthRequired) return null;
  return (
    <>
      <Alert color="yellow" role="status" title="Sign in again to resume syncing">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">Your session has ended. Your changes are kept and will be sent after you sign in.</Text>
          <Button size="xs" onClick={() => setOpen(true)}>
            Sign in again
          </Button>
        </Group>
      </Alert>
      <Modal opened={open} onClose={() => setOpen(false)} title="Sign in again">
        <SignInForm
          defaultServerUrl={status.serverUrl ?? status.defaultServerUrl ?? ''}
          defaultEmail={status.user?.email ?? ''}
          onSignedIn={() => setOpen(false)}
        />
      </Modal>
    </>
  );
}
