import type { ReactNode } from 'react';
import { Alert, Group, Loader, Text } from '@mantine/core';
import type { HostConnection } from '../../../shared/contract/host-connection';
import { useNexusEvent } from '../lib/use-nexus-event';
import { useHostConnected, useHostConnectionStore } from '../stores/host-connection-store';
import { useMembersQueryStore } from '../stores/members-query-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';

const TITLES: Record<Exclude<HostConnection['state'], 'connected'>, Record<string, string>> = {
  lost: { closed: 'Lost connection to the console', not_answering: 'The console is not answering' },
  ended: {
    stopped: 'The console stopped',
    restarted: 'The console was restarted',
    in_use: 'The console is open in another window',
    replaced: 'The console is open in another window',
    not_valid: 'This link no longer opens the console',
  },
};

/**
 * The browser host only: when the page loses its host (stopped, restarted, frozen), say so at
 * once over everything, and disable every control under it (a `fieldset`, so buttons and fields
 * are disabled natively; an open dialog still shows its own error when a command fails). When
 * the same host comes back, catch up on what its events said meanwhile.
 */
export function HostConnectionGuard({ children }: { children: ReactNode }) {
  const link = useHostConnectionStore((s) => s.link);
  const connected = useHostConnected();
  useNexusEvent('host.connection', (next) => {
    const wasLost = useHostConnectionStore.getState().link?.state === 'lost';
    useHostConnectionStore.getState().set(next);
    if (next.state === 'connected' && wasLost) {
      void useSessionStore.getState().load();
      void useSyncStore.getState().load();
      useMembersQueryStore.getState().bump();
    }
  });

  return (
    <>
      {link && link.state !== 'connected' && (
        <Alert
          color="red"
          variant="filled"
          role="alert"
          title={TITLES[link.state][link.reason] ?? 'Lost connection to the console'}
          radius={0}
          style={{ position: 'fixed', insetInline: 0, top: 0, zIndex: 300 }}
        >
          <Text size="sm">{link.message}</Text>
          {link.state === 'lost' && (
            <Group gap="xs" mt={4}>
              <Loader size="xs" color="white" aria-hidden="true" />
              <Text size="sm">Trying to reconnect…</Text>
            </Group>
          )}
        </Alert>
      )}
      <fieldset disabled={!connected} style={{ display: 'contents' }}>
        {children}
      </fieldset>
    </>
  );
}
