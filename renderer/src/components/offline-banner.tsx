import { Alert, Button, Group, Text } from '@mantine/core';
import { useNavStore } from '../stores/nav-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Offline: the console keeps working from the cache; say how much is waiting to be sent. */
export function OfflineBanner() {
  const status = useSyncStore((s) => s.status);
  const sessionOffline = useSessionStore((s) => s.status?.offline ?? false);
  const go = useNavStore((s) => s.go);
  const offline = sessionOffline || status?.state === 'offline';
  const queued = status?.queued ?? 0;
  const needsAttention = status?.needsAttention ?? 0;
  if (!offline && needsAttention === 0) return null;

  return (
    <Alert
      color={offline ? 'yellow' : 'red'}
      role="status"
      title={offline ? "You're offline" : plural(needsAttention, 'change') + ' need attention'}
    >
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          {offline
            ? `Working from the saved copy. ${plural(queued, 'queued change')} will be sent when the server is reachable.` +
              (status?.reason ? ` ${status.reason}` : '')
            : 'The server refused some changes. Review them to retry, edit or discard.'}
          {offline && needsAttention > 0 ? ` ${plural(needsAttention, 'change')} need attention.` : ''}
        </Text>
        <Button size="xs" variant="default" onClick={() => go({ view: 'pending' })}>
          View pending changes
        </Button>
      </Group>
    </Alert>
  );
}
