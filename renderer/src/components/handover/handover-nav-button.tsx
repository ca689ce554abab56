import { useEffect } from 'react';
import { Badge, Button } from '@mantine/core';
import { useNexusEvent } from '../../lib/use-nexus-event';
import { useHandoverCount } from '../../stores/handover-count-store';
import { useNavStore } from '../../stores/nav-store';
import { useSessionStore } from '../../stores/session-store';

/** **Handover** in the main navigation, with the count of people waiting for their password. */
export function HandoverNavButton() {
  const route = useNavStore((s) => s.route);
  const go = useNavStore((s) => s.go);
  const waiting = useHandoverCount((s) => s.waiting);
  const setWaiting = useHandoverCount((s) => s.set);
  const load = useHandoverCount((s) => s.load);
  const orgId = useSessionStore((s) => s.status?.org?.id ?? null);
  useEffect(() => {
    void load();
  }, [load, orgId]);
  useNexusEvent('handover.changed', (payload) => setWaiting(payload.waiting));
  const current = route.view === 'handover';
  return (
    <Button
      variant={current ? 'light' : 'subtle'}
      aria-current={current ? 'page' : undefined}
      onClick={() => go({ view: 'handover' })}
      aria-label={waiting > 0 ? `Handover, ${waiting} waiting` : 'Handover'}
      rightSection={
        waiting > 0 ? (
          <Badge size="sm" color="gray" variant="filled" circle={waiting < 10}>
            {waiting}
          </Badge>
        ) : undefined
      }
    >
      Handover
    </Button>
  );
}
