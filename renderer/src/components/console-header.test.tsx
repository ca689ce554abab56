import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeNexus, acme, idleSync, signedInStatus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { ConsoleHeader } from './console-header';

describe('ConsoleHeader', () => {
  beforeEach(() => {
    useSessionStore.setState({ status: signedInStatus({ org: acme, orgs: [acme] }) });
    useSyncStore.setState({ status: idleSync });
  });

  it('gives focus back to Sign out when the sign-out dialog is closed', async () => {
    const nexus = new FakeNexus().handle('session.signOutCheck', () => ({
      queued: 0,
      needsAttention: 0,
      offline: false,
      orgNames: ['Acme Corp'],
    }));
    renderWithNexus(<ConsoleHeader />, nexus);
    const opener = screen.getByRole('button', { name: 'Sign out' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Sign out' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    // The dialog mounts at its first opening, already open: a keyboard user still goes on from Sign out.
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });
});
