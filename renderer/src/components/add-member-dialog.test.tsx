import { describe, expect, it, vi, beforeEach } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeNexus, idleSync, roles, signedInStatus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { useRolesStore } from '../stores/roles-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { AddMemberDialog } from './add-member-dialog';

/** The lookup is debounced; on a loaded 2-core machine the default 1 s wait was not always enough. */
const LOOKUP_WAIT_MS = 5000;
const queued = { outboxId: 'obx_1', memberId: 'local:obx_1' };

function setup(lookup: { checked: boolean; exists: boolean | null; canCreate: boolean; canInvite: boolean }) {
  const nexus = new FakeNexus()
    .handle('members.lookupEmail', () => ({ ...lookup, memberStatus: null, message: null, member: null }))
    .handle('members.invite', () => queued)
    .handle('members.create', () => queued);
  useRolesStore.setState({ roles, orgId: 'org_acme' });
  useSessionStore.setState({ status: signedInStatus() });
  useSyncStore.setState({ status: idleSync });
  const onCreated = vi.fn();
  const onClose = vi.fn();
  renderWithNexus(<AddMemberDialog opened onClose={onClose} onCreated={onCreated} />, nexus);
  return { nexus, onCreated, onClose };
}

function typeEmail(email: string) {
  fireEvent.change(screen.getByRole('textbox', { name: /email/i }), { target: { value: email } });
}

describe('AddMemberDialog', () => {
  beforeEach(() => vi.useRealTimers());

  it('does not offer create for an email with a Nexus account, and invites instead', async () => {
    const { nexus, onClose } = setup({ checked: true, exists: true, canCreate: false, canInvite: true });
    typeEmail('existing@other.test');
    await waitFor(() => expect(screen.getByTestId('email-lookup').textContent).toMatch(/already has a Nexus account/), {
      timeout: LOOKUP_WAIT_MS,
    });
    expect(nexus.callsOf('members.lookupEmail')).toEqual([{ email: 'existing@other.test' }]);
    const manual = screen.getByRole('switch', { name: 'Set password manually' });
    expect((manual as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Create User' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Send Invite' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(nexus.callsOf('members.invite')).toEqual([{ email: 'existing@other.test', roleId: 'role_member' }]);
    expect(nexus.callsOf('members.create')).toEqual([]);
  });

  it('creates a user with a generated password and hands the credentials over once', async () => {
    const { nexus, onCreated } = setup({ checked: true, exists: false, canCreate: true, canInvite: true });
    typeEmail('new.person@acme.test');
    await screen.findByText(/No Nexus account uses this email yet/, {}, { timeout: LOOKUP_WAIT_MS });
    expect(screen.getByRole('button', { name: 'Send Invite' })).toBeTruthy();

    fireEvent.click(screen.getByRole('switch', { name: 'Set password manually' }));
    fireEvent.change(screen.getByRole('textbox', { name: /^name/i }), { target: { value: 'New Person' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const password = (screen.getByLabelText(/temporary password/i) as HTMLInputElement).value;
    expect(password).toHaveLength(20);

    fireEvent.click(screen.getByRole('button', { name: 'Create User' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(nexus.callsOf('members.create')).toEqual([
      { email: 'new.person@acme.test', name: 'New Person', roleId: 'role_member', temporaryPassword: password },
    ]);
    expect(onCreated).toHaveBeenCalledWith({
      email: 'new.person@acme.test',
      password,
      serverUrl: 'http://127.0.0.1:4010',
      outboxId: 'obx_1',
    });
    expect(nexus.callsOf('members.invite')).toEqual([]);
  });

  it('refuses a too-short typed password without calling core', async () => {
    const { nexus } = setup({ checked: true, exists: false, canCreate: true, canInvite: true });
    typeEmail('short@acme.test');
    await screen.findByText(/No Nexus account/, {}, { timeout: LOOKUP_WAIT_MS });
    fireEvent.click(screen.getByRole('switch', { name: 'Set password manually' }));
    fireEvent.change(screen.getByRole('textbox', { name: /^name/i }), { target: { value: 'Short' } });
    fireEvent.change(screen.getByLabelText(/temporary password/i), { target: { value: 'tooshort' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create User' }));
    expect((await screen.findAllByText('Use at least 15 characters.')).length).toBeGreaterThan(0);
    expect(nexus.callsOf('members.create')).toEqual([]);
  });

  it('says it cannot check the email while offline', async () => {
    setup({ checked: false, exists: null, canCreate: false, canInvite: true });
    typeEmail('someone@acme.test');
    await screen.findByText(/can't check this email yet/, {}, { timeout: LOOKUP_WAIT_MS });
    // Offline the server decides later: create stays possible.
    expect((screen.getByRole('switch', { name: 'Set password manually' }) as HTMLInputElement).disabled).toBe(false);
  });
});
