import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Button, Menu } from '@mantine/core';
import { FakeNexus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { MenuOnFirstUse } from './menu-on-first-use';

function Example({ onPick }: { onPick: () => void }) {
  return (
    <MenuOnFirstUse target={<Button>Export CSV</Button>}>
      <Menu.Dropdown>
        <Menu.Item onClick={onPick}>Members</Menu.Item>
      </Menu.Dropdown>
    </MenuOnFirstUse>
  );
}

/** Issue 16: a header or toolbar menu is only its button until first used, and then a whole menu. */
describe('MenuOnFirstUse', () => {
  it('draws only the button, saying it opens a menu; the first click opens the real menu', async () => {
    const onPick = vi.fn();
    renderWithNexus(<Example onPick={onPick} />, new FakeNexus());
    const button = screen.getByRole('button', { name: 'Export CSV' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('menu')).toBeNull();

    fireEvent.click(button);
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Members' }));
    expect(onPick).toHaveBeenCalledOnce();
  });

  it('opens from the keyboard and gives the focus back to its button when closed', async () => {
    renderWithNexus(<Example onPick={() => undefined} />, new FakeNexus());
    const first = screen.getByRole('button', { name: 'Export CSV' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    const item = await screen.findByRole('menuitem', { name: 'Members' });
    // The mounted menu's button is a new element; it has the focus before the menu opens.
    const target = screen.getByRole('button', { name: 'Export CSV' });
    expect(target.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(item, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('menuitem', { name: 'Members' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Export CSV' })));
  });
});
