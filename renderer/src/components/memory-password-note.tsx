import { Alert } from '@mantine/core';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';

/**
 * Shown in a dialog that queues a temporary password, *before* the admin queues it, when this
 * computer has no usable keychain and the change cannot be sent right now: the password then
 * lives only in the console's memory until it is sent.
 */
export function MemoryPasswordNote() {
  const memoryOnly = useSessionStore((s) => s.status?.secretStore.state === 'memoryOnly');
  const cannotSendNow = useSessionStore((s) => Boolean(s.status?.offline || s.status?.reauthRequired));
  const syncOffline = useSyncStore((s) => s.status?.state === 'offline');
  if (!memoryOnly || !(cannotSendNow || syncOffline)) return null;
  return (
    <Alert color="yellow" role="note" data-testid="memory-password-note" title="Kept in memory only">
      This computer has no keychain, so the temporary password waits in the console&apos;s memory until it is sent. Keep
      the console open until this syncs; if it closes, you will be asked for a new password.
    </Alert>
  );
}
