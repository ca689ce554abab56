import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Loader, Modal, Radio, Stack, Text } from '@mantine/core';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import type { SignOutCheck } from '../../../shared/contract/sign-out';
import { errorMessage } from '../lib/error-message';
import { call, toConsoleError } from '../lib/nexus';
import { useOpenedAfterMount } from '../lib/use-opened-after-mount';
import { useSessionStore } from '../stores/session-store';

interface Props {
  opened: boolean;
  onClose(): void;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * Sign out: says what stays on this computer, asks what to do with changes not sent yet (never
 * dropped silently: there is no default), and offers to remove this computer's copy of the
 * org's data.
 */
export function SignOutDialog({ opened, onClose }: Props) {
  const signOut = useSessionStore((s) => s.signOut);
  const [check, setCheck] = useState<SignOutCheck | null>(null);
  const [queuedChanges, setQueuedChanges] = useState<'keep' | 'discard' | null>(null);
  const [removeLocalData, setRemoveLocalData] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  // The header mounts this dialog at its first opening, already open: focus goes back to Sign out on close.
  const shown = useOpenedAfterMount(opened);

  useEffect(() => {
    if (!opened) return;
    let current = true;
    setCheck(null);
    setQueuedChanges(null);
    setRemoveLocalData(false);
    setError(null);
    call('session.signOutCheck')
      .then((value) => current && setCheck(value))
      .catch((thrown: unknown) => current && setError(toConsoleError(thrown)));
    return () => {
      current = false;
    };
  }, [opened]);

  const waiting = check ? check.queued + check.needsAttention : 0;
  const orgs = check?.orgNames.length ? check.orgNames.join(', ') : 'your organisation';

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await signOut({ ...(queuedChanges ? { queuedChanges } : {}), removeLocalData });
      onClose();
    } catch (thrown) {
      setError(toConsoleError(thrown));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={shown} onClose={onClose} title="Sign out" centered>
      {!check && !error ? (
        <Group justify="center" p="md">
          <Loader size="sm" aria-label="Checking what is on this computer" />
        </Group>
      ) : (
        <Stack>
          {check && (
            <>
              <Text size="sm">
                {check.offline
                  ? 'You are offline: your session ends on this computer now, and on the server the next time Nexus Admin can reach it.'
                  : 'Your session ends on this computer and on the server.'}
              </Text>
              {waiting > 0 && (
                <Radio.Group
                  label={`${plural(waiting, 'change is', 'changes are')} not sent yet`}
                  description={
                    check.needsAttention > 0
                      ? `${plural(check.needsAttention, 'of them needs', 'of them need')} your attention.`
                      : undefined
                  }
                  value={queuedChanges}
                  onChange={(value) => setQueuedChanges(value as 'keep' | 'discard')}
                  withAsterisk
                >
                  <Stack gap="xs" mt="xs">
                    <Radio value="keep" label="Keep them on this computer: they are sent after you sign in again" />
                    <Radio value="discard" label="Discard them: they are never sent" />
                  </Stack>
                </Radio.Group>
              )}
              <Checkbox
                checked={removeLocalData}
                onChange={(event) => setRemoveLocalData(event.currentTarget.checked)}
                label="Remove this computer’s copy of the organisation’s data"
                description={
                  removeLocalData
                    ? `The members, roles and activity history of ${orgs} are deleted from this computer; signing in again downloads them again.${queuedChanges === 'keep' ? ' The changes you keep stay until they are sent.' : ''}`
                    : `Otherwise this computer keeps the members, roles and activity history of ${orgs} for your next sign-in.`
                }
              />
            </>
          )}
          {error && (
            <Alert color="red" role="alert" title="Not signed out">
              {errorMessage(error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              Cancel
            </Button>
            <Button
              loading={busy}
              disabled={!check || (waiting > 0 && queuedChanges === null)}
              onClick={() => void confirm()}
            >
              Sign out
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
