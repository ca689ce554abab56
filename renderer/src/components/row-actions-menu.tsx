import { ActionIcon, Menu } from '@mantine/core';
import type { MemberRow } from '../../../shared/contract/members';

export type RowAction = 'open' | 'resendInvite' | 'cancelInvite' | 'remove';

interface Props {
  row: MemberRow;
  canManage: boolean;
  /** Only the focused row's button is in the tab order (roving tabindex of the grid). */
  tabbable: boolean;
  onAction(action: RowAction, row: MemberRow): void;
}

export function RowActionsMenu({ row, canManage, tabbable, onAction }: Props) {
  const invited = row.status === 'invited';
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Actions for ${row.email}`}
          // The row opens on click and Enter; the menu button must not.
          onClick={(event) => event.stopPropagation()}
          onKeyDown={(event) => event.stopPropagation()}
          tabIndex={tabbable ? 0 : -1}
        >
          <span aria-hidden="true" style={{ fontSize: 18, lineHeight: 1 }}>
            ⋯
          </span>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown onClick={(event) => event.stopPropagation()}>
        <Menu.Item onClick={() => onAction('open', row)}>Open details</Menu.Item>
        {canManage && invited && <Menu.Item onClick={() => onAction('resendInvite', row)}>Resend invite</Menu.Item>}
        {canManage && invited && (
          <Menu.Item color="red" onClick={() => onAction('cancelInvite', row)}>
            Cancel invite
          </Menu.Item>
        )}
        {canManage && row.status === 'active' && (
          <Menu.Item color="red" onClick={() => onAction('remove', row)}>
            Remove from org
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
