import { useState } from 'react';
import { Button, Group, Text, Title } from '@mantine/core';
import { useSessionStore } from '../stores/session-store';
import { AccountSwitcher } from './account-switcher';
import { OrgSwitcher } from './org-switcher';
import { SignOutDialog } from './sign-out-dialog';
import { SyncStatusIndicator } from './sync-status-indicator';
import { ThemeToggle } from './theme-toggle';

export function ConsoleHeader() {
  const user = useSessionStore((s) => s.status?.user ?? null);
  const [signingOut, setSigningOut] = useState(false);
  // The dialog (a Modal, with its transition and focus trap) mounts at its first opening, then
  // stays, so it closes with its transition and gives focus back.
  const [signOutUsed, setSignOutUsed] = useState(false);
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="md" wrap="nowrap">
        <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }}>
          Nexus Admin
        </Title>
        <OrgSwitcher />
      </Group>
      <Group gap="sm" wrap="nowrap">
        <SyncStatusIndicator />
        <AccountSwitcher />
        <ThemeToggle />
        {user && (
          <Text size="sm" visibleFrom="lg" title={user.name}>
            {user.email}
          </Text>
        )}
        <Button
          variant="default"
          size="sm"
          onClick={() => {
            setSignOutUsed(true);
            setSigningOut(true);
          }}
        >
          Sign out
        </Button>
        {signOutUsed && <SignOutDialog opened={signingOut} onClose={() => setSigningOut(false)} />}
      </Group>
    </Group>
  );
}
