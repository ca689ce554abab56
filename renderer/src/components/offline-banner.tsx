import { Alert, Button, Group, Text } from '@mantine/core';
import { plural } from '../lib/format';
import { useNavStore } from '../stores/nav-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';

const needsAttentionText = (count: number) => `${plural(count, 'change')} ${count === 1 ? 'needs' : 'need'} attention`;

/**
 * Offline: the console keeps working from the cache; say so once, with how much is waiting. On
 * the Pending changes screen itself (which lists every entry) it says only that it is offline,
 * and offers no button to the screen already open.
 */
export function OfflineBanner() {
  const status = useSyncStore((s) => s.status);
  const sessionOffline = useSessionStore((s) => s.status?.offline ?? false);
  const onPending = useNavStore((s) => s.route.view === 'pending');
  const go = useNavStore((s) => s.go);
  const offline = sessionOffline || status?.state === 'offline';
  const queued = status?.queued ?? 0;
  const needsAttention = status?.needsAttention ?? 0;
  if (!offline && (needsAttention === 0 || onPending)) return null;

  let text: string;
  if (!offline) text = 'The server refused some changes. Review them to retry, edit or discard.';
  else if (onPending) text = 'Working from the saved copy. These changes are sent when the server is back.';
  else {
    // One sentence for the state (the header's tooltip has the technical reason), one for the queue.
    text =
      queued > 0
        ? `Working from the saved copy. ${plural(queued, 'queued change')} will be sent when the server is back.`
        : 'Working from the saved copy. Changes you make are sent when the server is back.';
    if (needsAttention > 0) text += ` ${needsAttentionText(needsAttention)}.`;
  }

  return (
    <Alert
      color={offline ? 'yellow' : 'red'}
      role="status"
      title={offline ? "You're offline" : needsAttentionText(needsAttention)}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{text}</Text>
        {!onPending && (
          <Button size="xs" variant="default" onClick={() => go({ view: 'pending' })} style={{ flexShrink: 0 }}>
            View pending changes
          </Button>
        )}
      </Group>
    </Alert>
  );
}
