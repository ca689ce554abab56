import { useEffect } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { useNexusEvent } from '../lib/use-nexus-event';
import { serverHost, useAccountsStore } from '../stores/accounts-store';

/** On the sign-in screen: the accounts still signed in, to go back to one instead of signing in. */
export function OtherAccounts() {
  const list = useAccountsStore((s) => s.list);
  const load = useAccountsStore((s) => s.load);
  const apply = useAccountsStore((s) => s.apply);
  const switchTo = useAccountsStore((s) => s.switchTo);
  useEffect(() => {
    void load();
  }, [load]);
  useNexusEvent('accounts.changed', apply);

  const others = list?.items.filter((item) => !item.active && item.signedIn) ?? [];
  if (others.length === 0) return null;
  return (
    <Stack gap={4} aria-label="Accounts still signed in" component="section">
      <Text size="sm" c="dimmed">
        Or go back to an account that is still signed in:
      </Text>
      {others.map((item) => (
        <Button key={item.id} variant="default" onClick={() => void switchTo(item.id)}>
          {item.email} on {serverHost(item.serverUrl)}
        </Button>
      ))}
    </Stack>
  );
}
