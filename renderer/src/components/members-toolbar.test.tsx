import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeNexus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { MembersToolbar } from './members-toolbar';

/**
 * Issue 16: the filters' MultiSelects mount just after the console's first frame. Until then a
 * stand-in that no query by role finds (not a combobox, hidden from assistive tech, not
 * focusable), so nothing typed or clicked can land in it; later mounts get the real ones at once.
 */
describe('MembersToolbar filters after the first frame', () => {
  it('shows stand-ins in the first render, then the real filters', async () => {
    const view = renderWithNexus(<MembersToolbar />, new FakeNexus());
    expect(screen.queryByRole('combobox', { name: 'Status' })).toBeNull();
    const standIns = screen.getAllByTestId('filter-stand-in');
    expect(standIns).toHaveLength(2);
    for (const standIn of standIns) {
      expect(standIn.getAttribute('aria-hidden')).toBe('true');
      expect(standIn.querySelector('input')?.tabIndex).toBe(-1);
      expect(standIn.querySelector('input')?.readOnly).toBe(true);
    }
    expect(screen.queryByRole('textbox', { name: 'Status' })).toBeNull();
    expect(await screen.findByRole('combobox', { name: 'Status' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Role' })).toBeTruthy();
    expect(screen.queryByTestId('filter-stand-in')).toBeNull();
    view.unmount();

    renderWithNexus(<MembersToolbar />, new FakeNexus());
    expect(screen.getByRole('combobox', { name: 'Status' })).toBeTruthy();
    expect(screen.queryByTestId('filter-stand-in')).toBeNull();
  });
});
