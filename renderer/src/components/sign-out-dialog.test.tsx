import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeNexus, signedInStatus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { SignOutDialog } from './sign-out-dialog';

const signedOut = signedInStatus({ state: 'signedOut', user: null, org: null, orgs: [] });

function fake(check: { queued: number; needsAttention: number; offline: boolean }) {
  return new FakeNexus()
    .handle('session.signOutCheck', () => ({ ...check, orgNames: ['Acme Corp'] }))
    .handle('session.signOut', () => signedOut);
}

describe('SignOutDialog', () => {
  it('with changes not sent yet: asks, with no default, before signing out', async () => {
    const nexus = fake({ queued: 2, needsAttention: 1, offline: true });
    const onClose = vi.fn();
    renderWithNexus(<SignOutDialog opened onClose={onClose} />, nexus);
    expect(await screen.findByText('3 changes are not sent yet')).toBeTruthy();
    expect(screen.getByText(/You are offline/)).toBeTruthy();
    const confirm = screen.getByRole('button', { name: 'Sign out' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: /^Keep them/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Remove this computer/ }));
    expect(screen.getByText(/The changes you keep stay until they are sent/)).toBeTruthy();
    fireEvent.click(confirm);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(nexus.callsOf('session.signOut')).toEqual([{ queuedChanges: 'keep', removeLocalData: true }]);
  });

  it('with nothing queued: says what stays, and signs out keeping the data by default', async () => {
    const nexus = fake({ queued: 0, needsAttention: 0, offline: false });
    renderWithNexus(<SignOutDialog opened onClose={() => {}} />, nexus);
    expect(
      await screen.findByText(/this computer keeps the members, roles and activity history of Acme Corp/),
    ).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(nexus.callsOf('session.signOut')).toEqual([{ removeLocalData: false }]));
  });
});
