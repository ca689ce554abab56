import { useEffect, useState } from 'react';
import { Center, Loader } from '@mantine/core';
import { waitForBridge } from '../lib/nexus';
import { useNexusEvent } from '../lib/use-nexus-event';
import { useSessionPhase, useSessionStore } from '../stores/session-store';
import { lazyNamed } from '../lib/lazy-named';
import { LazyBoundary } from '../components/lazy-boundary';
import { StartupErrorScreen } from '../screens/startup-error-screen';
import { ConsoleLayout } from './console-layout';

// Not part of the start bundle: a restored session opens straight on the members list.
const SignInScreen = lazyNamed(() => import('../screens/sign-in-screen').then((m) => m.SignInScreen));
const ChangeOwnPasswordScreen = lazyNamed(() =>
  import('../screens/change-own-password-screen').then((m) => m.ChangeOwnPasswordScreen),
);
const OrgPickerScreen = lazyNamed(() => import('../screens/org-picker-screen').then((m) => m.OrgPickerScreen));

/** Chooses the screen from the session: sign in → (change password) → pick org → console. */
export function Root() {
  const phase = useSessionPhase();
  const load = useSessionStore((s) => s.load);
  const setStatus = useSessionStore((s) => s.setStatus);
  const status = useSessionStore((s) => s.status);
  const [bridgeMissing, setBridgeMissing] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void waitForBridge().then((ok) => {
      if (cancelled) return;
      // main.tsx usually asked already; only a missing answer (or a late bridge) asks here.
      if (ok) {
        const { status, loadError } = useSessionStore.getState();
        if (!status && !loadError) void load();
      } else setBridgeMissing(true);
    });
    return () => {
      cancelled = true;
    };
  }, [load]);

  useNexusEvent('session.changed', setStatus);

  if (bridgeMissing) return <StartupErrorScreen />;
  switch (phase) {
    case 'loading':
      return (
        <Center h="100vh">
          <Loader aria-label="Loading Nexus Admin" />
        </Center>
      );
    case 'failed':
      return <StartupErrorScreen />;
    case 'signedOut':
      return (
        <LazyBoundary>
          <SignInScreen />
        </LazyBoundary>
      );
    case 'changePassword':
      return (
        <LazyBoundary>
          <ChangeOwnPasswordScreen />
        </LazyBoundary>
      );
    case 'pickOrg':
    case 'noOrgs':
      return (
        <LazyBoundary>
          <OrgPickerScreen />
        </LazyBoundary>
      );
    case 'ready':
      // A fresh console per account: switching accounts starts its list, roles and queue afresh.
      return <ConsoleLayout key={`${status?.serverUrl ?? ''}|${status?.user?.id ?? ''}`} />;
  }
}
