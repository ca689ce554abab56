import { useRef, useState } from 'react';
import { Menu } from '@mantine/core';
import type { MemberRow } from '../../../shared/contract/members';
import classes from './members-grid.module.css';

export type RowAction = 'open' | 'resendInvite' | 'cancelInvite' | 'remove';

interface Props {
  row: MemberRow;
  canManage: boolean;
  /** Only the focused row's button is in the tab order (roving tabindex of the grid). */
  tabbable: boolean;
  onAction(action: RowAction, row: MemberRow): void;
}

export function RowActionsMenu({ row, canManage, tabbable, onAction }: Props) {
  // A Menu per row costs a Popover and its positioning in every rendered row; the first list
  // draws a plain button, and the real menu replaces it (opened) on first use.
  const [armed, setArmed] = useState(false);
  const target = useRef<HTMLButtonElement>(null);
  // An action that opens a dialog (Remove from org, Cancel invite) remembers the focused element
  // to give focus back to on close: the menu item, gone by then. Focus on this button first, so
  // a keyboard user goes on from the row, not from the top of the page.
  const act = (action: RowAction) => {
    target.current?.focus();
    onAction(action, row);
  };
  const invited = row.status === 'invited';
  // A menu whose only item is "Open details" (a read-only admin, a removed member) says nothing
  // a click on the row does not: no menu at all.
  if (!canManage || (!invited && row.status !== 'active')) return null;
  const button = (onOpen?: () => void) => (
    <button
      ref={target}
      type="button"
      className={classes.menuButton}
      aria-label={`Actions for ${row.email}`}
      aria-haspopup="menu"
      // The row opens on click and Enter; the menu button must not.
      onClick={(event) => {
        event.stopPropagation();
        onOpen?.();
      }}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (onOpen && (event.key === 'Enter' || event.key === ' ' || event.key === 'ArrowDown')) {
          event.preventDefault();
          onOpen();
        }
      }}
      tabIndex={tabbable ? 0 : -1}
    >
      <span aria-hidden="true" style={{ fontSize: 18, lineHeight: 1 }}>
        ⋯
      </span>
    </button>
  );
  if (!armed) return button(() => setArmed(true));
  return (
    <Menu position="bottom-end" withinPortal defaultOpened>
      <Menu.Target>{button()}</Menu.Target>
      <Menu.Dropdown onClick={(event) => event.stopPropagation()}>
        <Menu.Item onClick={() => act('open')}>Open details</Menu.Item>
        {canManage && invited && <Menu.Item onClick={() => act('resendInvite')}>Resend invite</Menu.Item>}
        {canManage && invited && (
          <Menu.Item color="red" onClick={() => act('cancelInvite')}>
            Cancel invite
          </Menu.Item>
        )}
        {canManage && row.status === 'active' && (
          <Menu.Item color="red" onClick={() => act('remove')}>
            Remove from org
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
