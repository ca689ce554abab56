import { useEffect } from 'react';
import { Stack } from '@mantine/core';
import { showOutcome } from '../lib/change-outcomes';
import { useNexusEvent } from '../lib/use-nexus-event';
import { useMembersQueryStore } from '../stores/members-query-store';
import { useNavStore } from '../stores/nav-store';
import { useRolesStore } from '../stores/roles-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { ConsoleHeader } from '../components/console-header';
import { MainNav } from '../components/main-nav';
import { OfflineBanner } from '../components/offline-banner';
import { SecretStoreWarning } from '../components/secret-store-warning';
import { LazyBoundary } from '../components/lazy-boundary';
import { lazyNamed, preloadWhenIdle } from '../lib/lazy-named';
import { afterFirstPaint } from '../lib/after-first-paint';
import { connectNavHistory } from '../lib/nav-history';
import { MembersScreen } from '../screens/members-screen';
import classes from './console-shell.module.css';

const MemberDetailScreen = lazyNamed(() => import('../screens/member-detail-screen').then((m) => m.MemberDetailScreen));
// Only after the server refused the stored session; it brings the sign-in form along.
const ReauthBanner = lazyNamed(() => import('../components/reauth-banner').then((m) => m.ReauthBanner));
const PendingChangesScreen = lazyNamed(() =>
  import('../screens/pending-changes-screen').then((m) => m.PendingChangesScreen),
);
const HandoverScreen = lazyNamed(() => import('../screens/handover-screen').then((m) => m.HandoverScreen));
const SettingsScreen = lazyNamed(() => import('../screens/settings-screen').then((m) => m.SettingsScreen));
const ActivityScreen = lazyNamed(() => import('../screens/activity-screen').then((m) => m.ActivityScreen));

/** The signed-in console: header, banners and the current view. Wires core's events to the stores. */
export function ConsoleLayout() {
  const orgId = useSessionStore((s) => s.status?.org?.id ?? null);
  const reauthRequired = useSessionStore((s) => s.status?.reauthRequired ?? false);
  const route = useNavStore((s) => s.route);
  const go = useNavStore((s) => s.go);
  const loadRoles = useRolesStore((s) => s.load);
  const loadSync = useSyncStore((s) => s.load);
  const setSyncStatus = useSyncStore((s) => s.setStatus);
  const setOutboxCounts = useSyncStore((s) => s.setOutboxCounts);
  const bump = useMembersQueryStore((s) => s.bump);
  const resetQuery = useMembersQueryStore((s) => s.reset);

  useEffect(() => {
    if (!orgId) return;
    resetQuery();
    go({ view: 'members' });
    void loadRoles(orgId);
    void loadSync();
  }, [orgId, go, loadRoles, loadSync, resetQuery]);

  useEffect(() => preloadWhenIdle(MemberDetailScreen, PendingChangesScreen), []);
  // Back and Forward move between the console's views and never leave it (issue 17). Connected
  // after the first frame (its history calls are not drawn), from the view the console opened on.
  useEffect(() => {
    const start = useNavStore.getState().route;
    let disconnect: (() => void) | undefined;
    const cancel = afterFirstPaint(() => {
      disconnect = connectNavHistory(start);
    });
    return () => {
      cancel();
      disconnect?.();
    };
  }, []);

  // Roles come with the first sync; until then the list may be empty, so ask again after one.
  const reloadRolesIfMissing = () => {
    if (orgId && useRolesStore.getState().roles.length === 0) void loadRoles(orgId);
  };
  useNexusEvent('sync.status', (status) => {
    setSyncStatus(status);
    if (status.state === 'idle') reloadRolesIfMissing();
  });
  useNexusEvent('outbox.changed', setOutboxCounts);
  useNexusEvent('outbox.settled', showOutcome);
  useNexusEvent('members.changed', (payload) => {
    if (payload.orgId === null || payload.orgId === orgId) {
      bump();
      reloadRolesIfMissing();
    }
  });

  return (
    <>
      <header className={classes.header}>
        <ConsoleHeader />
      </header>
      <main className={classes.main}>
        <Stack gap="sm" h="calc(100vh - 60px - var(--host-banner-height, 0px) - 2 * var(--mantine-spacing-md))">
          <SecretStoreWarning />
          <MainNav />
          {reauthRequired && (
            <LazyBoundary fallback={null}>
              <ReauthBanner />
            </LazyBoundary>
          )}
          <OfflineBanner />
          {route.view === 'members' && <MembersScreen />}
          {route.view === 'member' && (
            <LazyBoundary>
              <MemberDetailScreen key={route.memberId} memberId={route.memberId} />
            </LazyBoundary>
          )}
          {route.view === 'pending' && (
            <LazyBoundary>
              <PendingChangesScreen />
            </LazyBoundary>
          )}
          {route.view === 'handover' && (
            <LazyBoundary>
              <HandoverScreen />
            </LazyBoundary>
          )}
          {route.view === 'activity' && (
            <LazyBoundary>
              <ActivityScreen />
            </LazyBoundary>
          )}
          {route.view === 'settings' && (
            <LazyBoundary>
              <SettingsScreen />
            </LazyBoundary>
          )}
        </Stack>
      </main>
    </>
  );
}
