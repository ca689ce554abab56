import { useEffect, useState } from 'react';
import { Badge, Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../lib/error-message';
import { MenuOnFirstUse } from './menu-on-first-use';
import { toConsoleError } from '../lib/nexus';
import { useNexusEvent } from '../lib/use-nexus-event';
import { serverHost, useAccountsStore } from '../stores/accounts-store';

/**
 * The account switcher in the header: every account this console keeps signed in (each with its
 * own list and queue), and **Add account** to sign in to another server without signing out.
 */
export function AccountSwitcher() {
  const list = useAccountsStore((s) => s.list);
  const load = useAccountsStore((s) => s.load);
  const apply = useAccountsStore((s) => s.apply);
  const switchTo = useAccountsStore((s) => s.switchTo);
  const add = useAccountsStore((s) => s.add);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);
  useNexusEvent('accounts.changed', apply);

  const current = list?.items.find((item) => item.active);
  if (!list || !current) return null;

  async function run(action: () => Promise<void>, failure: string) {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      notifications.show({ color: 'red', title: failure, message: errorMessage(toConsoleError(err)) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <MenuOnFirstUse
      position="bottom-end"
      target={
        <Button
          variant="default"
          size="sm"
          loading={busy}
          aria-label={`Account: ${current.email ?? ''} on ${serverHost(current.serverUrl)}. Switch account`}
        >
          {serverHost(current.serverUrl)}
        </Button>
      }
    >
      <Menu.Dropdown>
        <Menu.Label>Accounts</Menu.Label>
        {list.items.map((item) => (
          <Menu.Item
            key={item.id}
            disabled={item.active}
            onClick={() => void run(() => switchTo(item.id), "Couldn't switch account")}
            rightSection={
              item.queued + item.needsAttention > 0 ? (
                <Badge size="sm" color={item.needsAttention > 0 ? 'red' : 'gray'} variant="filled">
                  {item.queued + item.needsAttention}
                </Badge>
              ) : undefined
            }
          >
            <Text size="sm">{item.email ?? 'Not signed in'}</Text>
            <Text size="xs" c="dimmed">
              {serverHost(item.serverUrl)}
              {item.signedIn ? '' : ' — signed out'}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item onClick={() => void run(add, "Couldn't add an account")}>Add account</Menu.Item>
      </Menu.Dropdown>
    </MenuOnFirstUse>
  );
}
