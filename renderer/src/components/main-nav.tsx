import { Badge, Button, Group } from '@mantine/core';
import { useNavStore } from '../stores/nav-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { HandoverNavButton } from './handover/handover-nav-button';

export function MainNav() {
  const route = useNavStore((s) => s.route);
  const go = useNavStore((s) => s.go);
  const queued = useSyncStore((s) => s.status?.queued ?? 0);
  const needsAttention = useSyncStore((s) => s.status?.needsAttention ?? 0);
  const count = queued + needsAttention;
  // A read-only admin queues nothing: no tab for an always-empty screen (unless changes wait from before).
  const canManage = useSessionStore((s) => s.status?.org?.canManageMembers ?? false);
  const showPending = canManage || count > 0;
  const onMembers = route.view === 'members' || route.view === 'member';
  const onPending = route.view === 'pending';
  const onSettings = route.view === 'settings';
  return (
    <Group component="nav" aria-label="Main" gap="xs">
      <Button
        variant={onMembers ? 'light' : 'subtle'}
        aria-current={onMembers ? 'page' : undefined}
        onClick={() => go({ view: 'members' })}
      >
        Members
      </Button>
      {showPending && (
        <Button
          variant={onPending ? 'light' : 'subtle'}
          aria-current={onPending ? 'page' : undefined}
          onClick={() => go({ view: 'pending' })}
          rightSection={
            count > 0 ? (
              <Badge size="sm" color={needsAttention > 0 ? 'red' : 'gray'} variant="filled" circle={count < 10}>
                {count}
              </Badge>
            ) : undefined
          }
        >
          Pending changes
        </Button>
      )}
      {/* Handover sessions (issue 14): a read-only admin sets no passwords, so none wait for them. */}
      {canManage && <HandoverNavButton />}
      {/* Issue 17: the server's audit log, every admin and computer. */}
      <Button
        variant={route.view === 'activity' ? 'light' : 'subtle'}
        aria-current={route.view === 'activity' ? 'page' : undefined}
        onClick={() => go({ view: 'activity' })}
      >
        Activity
      </Button>
      <Button
        variant={onSettings ? 'light' : 'subtle'}
        aria-current={onSettings ? 'page' : undefined}
        onClick={() => go({ view: 'settings' })}
      >
        Settings
      </Button>
    </Group>
  );
}
