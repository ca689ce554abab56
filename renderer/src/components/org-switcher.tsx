import { useState } from 'react';
import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../lib/error-message';
import { toConsoleError } from '../lib/nexus';
import { MenuOnFirstUse } from './menu-on-first-use';
import { useSessionStore } from '../stores/session-store';

/** The current org, always visible; a menu to switch when the admin belongs to several. */
export function OrgSwitcher() {
  const status = useSessionStore((s) => s.status);
  const selectOrg = useSessionStore((s) => s.selectOrg);
  const [busy, setBusy] = useState(false);
  const org = status?.org;
  if (!org) return null;

  const label = (
    <>
      <Text span fw={600}>
        {org.name}
      </Text>
      <Text span size="sm" ml={6}>
        ({org.roleName})
      </Text>
    </>
  );
  if ((status?.orgs.length ?? 0) < 2) return <Text aria-label={`Organization: ${org.name}`}>{label}</Text>;

  async function switchTo(orgId: string) {
    setBusy(true);
    try {
      await selectOrg(orgId);
    } catch (err) {
      notifications.show({
        color: 'red',
        title: "Couldn't switch organization",
        message: errorMessage(toConsoleError(err)),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <MenuOnFirstUse
      position="bottom-start"
      target={
        <Button variant="subtle" loading={busy} aria-label={`Organization: ${org.name}. Switch organization`}>
          {label}
        </Button>
      }
    >
      <Menu.Dropdown>
        <Menu.Label>Switch organization</Menu.Label>
        {status!.orgs.map((item) => (
          <Menu.Item key={item.id} onClick={() => void switchTo(item.id)} disabled={item.id === org.id}>
            {item.name} — {item.roleName}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </MenuOnFirstUse>
  );
}
