import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeNexus, signedInStatus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { useSessionStore } from '../stores/session-store';
import { Root } from './root';

const signedOut = signedInStatus({
  state: 'signedOut',
  serverUrl: null,
  user: null,
  org: null,
  orgs: [],
  secretStore: {
    state: 'untilLogout',
    backend: 'kernel keyring',
    persistent: false,
    warning: 'Secrets are lost when you log out.',
  },
});

function fillAndSubmit(password: string) {
  fireEvent.change(screen.getByRole('textbox', { name: /^email/i }), { target: { value: 'admin@acme.test' } });
  fireEvent.change(screen.getByLabelText(/^password/i), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

// The sign-in and change-password screens are loaded lazily: their first import is transformed on
// demand, which can take over findBy's default 1 s when the machine is busy.
const LAZY = { timeout: 5000 };

describe('sign-in flow', () => {
  beforeEach(() => useSessionStore.setState({ status: null, changePasswordEmail: null, loadError: null }));

  it('prefills the server, shows the secret store warning and the wait when throttled', async () => {
    const nexus = new FakeNexus()
      .handle('session.status', () => signedOut)
      .handle('session.signIn', () => {
        throw { code: 'rate_limited', message: 'Too many attempts', retryAfterSeconds: 42 };
      });
    renderWithNexus(<Root />, nexus);
    const server = (await screen.findByRole('textbox', { name: /server url/i }, LAZY)) as HTMLInputElement;
    expect(server.value).toBe('http://127.0.0.1:4010');
    expect(screen.getByText('Secrets are lost when you log out.')).toBeTruthy();
    fillAndSubmit('wrong-password');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Wait 42 seconds/);
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(true);
    expect(nexus.callsOf('session.signIn')).toEqual([
      { serverUrl: 'http://127.0.0.1:4010', email: 'admin@acme.test', password: 'wrong-password' },
    ]);
  });

  it('asks for a new password when the server requires it, then opens the console', async () => {
    const nexus = new FakeNexus()
      .handle('session.status', () => signedOut)
      .handle('session.signIn', () => ({ outcome: 'passwordChangeRequired', email: 'admin@acme.test' }))
      .handle('session.changePassword', () => signedInStatus())
      .handle('sync.status', () => ({
        state: 'idle',
        lastSyncedAt: null,
        queued: 0,
        needsAttention: 0,
        progress: null,
        reason: null,
      }))
      .handle('roles.list', () => ({ items: [] }))
      .handle('members.query', () => ({ rows: [], total: 0 }));
    renderWithNexus(<Root />, nexus);
    await screen.findByRole('textbox', { name: /server url/i }, LAZY);
    fillAndSubmit('Temporary-password-123');
    await screen.findByRole('heading', { name: 'Choose a new password' }, LAZY);
    const fresh = 'a-brand-new-passphrase-42';
    fireEvent.change(screen.getByLabelText(/^new password/i), { target: { value: fresh } });
    fireEvent.change(screen.getByLabelText(/^confirm new password/i), { target: { value: fresh } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByRole('heading', { name: 'Members' }, LAZY);
    expect(nexus.callsOf('session.changePassword')).toEqual([{ newPassword: fresh }]);
    await waitFor(() => expect(screen.getByText('No members yet')).toBeTruthy());
  });
});
