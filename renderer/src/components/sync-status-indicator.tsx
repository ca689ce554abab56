import { useState } from 'react';
import { Button, Group, Loader, Text, Tooltip } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useAfterFirstPaint } from '../lib/after-first-paint';
import { errorMessage } from '../lib/error-message';
import { formatDateTime, formatRelative } from '../lib/format';
import { useSyncStore } from '../stores/sync-store';

/** Last synced / syncing with progress / paused or offline with the reason, and **Sync now**. */
export function SyncStatusIndicator() {
  const status = useSyncStore((s) => s.status);
  const syncError = useSyncStore((s) => s.syncError);
  const syncNow = useSyncStore((s) => s.syncNow);
  const [, setTick] = useState(0);
  // Re-render each 30 s so "synced 2 minutes ago" stays true.
  useInterval(() => setTick((t) => t + 1), 30_000, { autoInvoke: true });
  // The tooltip (a floating element) mounts after the first frame; the words show either way.
  const tooltipReady = useAfterFirstPaint();

  let text = 'Sync status unknown';
  let detail: string | null = null;
  if (status) {
    switch (status.state) {
      case 'syncing':
        // Progress with a total is the outbox going out; while members are pulled the total is unknown (0).
        text =
          status.progress && status.progress.total > 0
            ? `Sending ${status.progress.done.toLocaleString('en')} of ${status.progress.total.toLocaleString('en')}…`
            : 'Syncing…';
        break;
      case 'offline':
        text = 'Offline';
        detail = status.reason;
        break;
      case 'paused':
        text = 'Sync paused';
        detail = status.reason;
        break;
      case 'idle':
        text = status.lastSyncedAt ? `Synced ${formatRelative(status.lastSyncedAt)}` : 'Not synced yet';
        detail = status.lastSyncedAt ? `Last synced ${formatDateTime(status.lastSyncedAt)}` : null;
        break;
    }
  }
  if (syncError) detail = errorMessage(syncError);
  const words = (
    <Text size="sm" tabIndex={detail ? 0 : undefined}>
      {text}
      {status?.state === 'paused' && detail ? `: ${detail}` : ''}
    </Text>
  );

  return (
    <Group gap="xs" wrap="nowrap" role="status" aria-label="Sync status">
      {status?.state === 'syncing' && <Loader size="xs" aria-hidden="true" />}
      {tooltipReady ? (
        <Tooltip label={detail} disabled={!detail} multiline maw={320}>
          {words}
        </Tooltip>
      ) : (
        words
      )}
      <Button size="xs" variant="default" onClick={() => void syncNow()} disabled={status?.state === 'syncing'}>
        Sync now
      </Button>
    </Group>
  );
}
