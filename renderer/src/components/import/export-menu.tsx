import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { downloadText } from '../../lib/download-text';
import { errorMessage } from '../../lib/error-message';
import { call, toConsoleError } from '../../lib/nexus';
import { useMembersQueryStore } from '../../stores/members-query-store';
import { plural } from '../../lib/format';
import { MenuOnFirstUse } from '../menu-on-first-use';

/** **Export CSV**: the members list as filtered and sorted (every matching row), or the activity log. */
export function ExportMenu() {
  const [busy, setBusy] = useState(false);

  async function run(what: 'members' | 'activity') {
    setBusy(true);
    try {
      const { text, badges, roleIds, sort } = useMembersQueryStore.getState();
      const file =
        what === 'members' ? await call('members.export', { text, badges, roleIds, sort }) : await call('audit.export');
      downloadText(file.fileName, file.csv);
      notifications.show({ message: `${plural(file.rows, 'row')} exported to ${file.fileName}.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Nothing was exported', message: errorMessage(toConsoleError(error)) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <MenuOnFirstUse
      position="bottom-end"
      target={
        <Button variant="default" loading={busy}>
          Export CSV
        </Button>
      }
    >
      <Menu.Dropdown>
        <Menu.Item onClick={() => void run('members')}>Members, as filtered and sorted</Menu.Item>
        <Menu.Item onClick={() => void run('activity')}>Activity log of this computer</Menu.Item>
      </Menu.Dropdown>
    </MenuOnFirstUse>
  );
}
