import { useLayoutEffect, useRef, type CSSProperties, type FocusEvent, type ReactNode, type RefObject } from 'react';
import { Alert, Group, Loader, Text } from '@mantine/core';
import { useElementSize, useMergedRef } from '@mantine/hooks';
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
 * once at the top of the page, and disable every control under it (a `fieldset`, so buttons and
 * fields are disabled natively; an open dialog, outside it, still shows its own error when a
 * command fails). When the same host comes back, catch up on what its events said meanwhile.
 *
 * The banner takes its place in the page (sticky, so a long page never scrolls it away) and
 * pushes everything down; the console's fixed header reads its height from
 * `--host-banner-height`. The page under it is inert while the host is gone: keyboard and screen
 * reader users get the banner (it takes the focus) instead of a page of dead controls, and the
 * focus goes back where it was when the connection returns.
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
  const size = useElementSize();
  const bannerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLFieldSetElement>(null);
  const bannerRefs = useMergedRef(bannerRef, size.ref);
  const focus = useFocusWhileDisconnected(!connected, bannerRef, contentRef);

  return (
    <div style={{ '--host-banner-height': connected ? '0px' : `${size.height}px` } as CSSProperties}>
      {link && link.state !== 'connected' && (
        <Alert
          ref={bannerRefs}
          tabIndex={-1}
          color="red"
          variant="filled"
          role="alert"
          title={TITLES[link.state][link.reason] ?? 'Lost connection to the console'}
          radius={0}
          // The focus ring inside its edges (the top one is the window's) and white on the red.
          style={{ position: 'sticky', top: 0, zIndex: 300, outlineOffset: -4, outlineColor: 'white' }}
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
      <fieldset ref={contentRef} disabled={!connected} inert={!connected} style={{ display: 'contents' }} {...focus}>
        {children}
      </fieldset>
    </div>
  );
}

/**
 * Moves the focus from the page to the banner while the host is gone, and back when it returns.
 * The page's focused control is remembered as it gets the focus: disabling it (the fieldset)
 * drops the focus on the body before any effect runs. Focus in an open dialog (outside the
 * page) stays there.
 */
function useFocusWhileDisconnected(
  disconnected: boolean,
  banner: RefObject<HTMLDivElement | null>,
  content: RefObject<HTMLElement | null>,
) {
  const lastOnPage = useRef<HTMLElement | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const active = document.activeElement;
    const onBody = !active || active === document.body;
    if (disconnected) {
      if (!onBody && !content.current?.contains(active)) return;
      returnTo.current = lastOnPage.current;
      banner.current?.focus();
      return;
    }
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected && onBody) back.focus();
  }, [disconnected, banner, content]);
  return {
    onFocus: (event: FocusEvent) => {
      lastOnPage.current = event.target instanceof HTMLElement ? event.target : null;
    },
    // Leaving the page while connected (not the fieldset's disabling) forgets it.
    onBlur: () => {
      const link = useHostConnectionStore.getState().link;
      if (!link || link.state === 'connected') lastOnPage.current = null;
    },
  };
}
