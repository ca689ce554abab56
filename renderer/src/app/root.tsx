import { useEffect, useState } from 'react';
import { Center, Loader } from '@mantine/core';
import { waitForBridge } from '../lib/nexus';
import { useNexusEvent } from '../lib/use-nexus-event';
import { useSessionPhase, useSessionStore } from '../stores/session-store';
import { SignInScreen } from '../screens/sign-in-screen';
import { ChangeOwnPasswordScreen } from '../screens/change-own-password-screen';
import { OrgPickerScreen } from '../screens/org-picker-screen';
import { StartupErrorScreen } from '../screens/startup-error-screen';
import { ConsoleLayout } from './console-layout';

/** Chooses the screen from the session: sign in → (change password) → pick org → console. */
export function Root() {
  const phase = useSessionPhase();
  const load = useSessionStore((s) => s.load);
  const setStatus = useSessionStore((s) => s.setStatus);
  const [bridgeMissing, setBridgeMissing] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void waitForBridge().then((ok) => {
      if (cancelled) return;
      if (ok) void load();
      else setBridgeMissing(true);
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
      return <SignInScreen />;
    case 'changePassword':
      return <ChangeOwnPasswordScreen />;
    case 'pickOrg':
    case 'noOrgs':
      return <OrgPickerScreen />;
    case 'ready':
      return <ConsoleLayout />;
  }
}
