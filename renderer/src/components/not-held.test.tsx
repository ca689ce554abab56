import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeNexus, idleSync, outboxEntry, roles, signedInStatus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { useRolesStore } from '../stores/roles-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { AddMemberDialog } from './add-member-dialog';
import { CredentialsDialog } from './credentials-dialog';
import { OutboxEditDialog } from './outbox-edit-dialog';
import { SetPasswordDialog } from './set-password-dialog';

// "Hold for handover" asked, the keychain refused: the change is queued all the same (core answers
// `held: false`), and the show-once dialog tells the admin to copy the password now.

const GOOD = 'Plum-Vest-Orbit-Lamp-42';

function stores() {
  useRolesStore.setState({ roles, orgId: 'org_acme' });
  useSessionStore.setState({ status: signedInStatus() });
  useSyncStore.setState({ status: idleSync });
}

describe('a password the keychain would not hold for the handover', () => {
  it('Create User: a queued create whose hold was refused is no error; the credentials say "Not held for handover"', async () => {
    stores();
    const nexus = new FakeNexus()
      .handle('members.lookupEmail', () => ({
        checked: true,
        exists: false,
        canCreate: true,
        canInvite: true,
        memberStatus: null,
        message: null,
        member: null,
      }))
      .handle('members.create', () => ({ outboxId: 'obx_1', memberId: 'local:obx_1', held: false }));
    const onCreated = vi.fn();
    const onClose = vi.fn();
    renderWithNexus(<AddMemberDialog opened onClose={onClose} onCreated={onCreated} />, nexus);
    fireEvent.change(screen.getByRole('textbox', { name: /email/i }), { target: { value: 'held.not@acme.test' } });
    await screen.findByText(/No Nexus account uses this email yet/, {}, { timeout: 5000 });
    fireEvent.click(screen.getByRole('switch', { name: 'Set password manually' }));
    fireEvent.change(screen.getByRole('textbox', { name: /^name/i }), { target: { value: 'Held Not' } });
    fireEvent.change(screen.getByLabelText(/temporary password/i), { target: { value: GOOD } });
    fireEvent.click(screen.getByRole('switch', { name: /^Hold for handover/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Create User' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(nexus.callsOf('members.create')[0]).toMatchObject({ holdForHandover: true });
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ password: GOOD, notHeld: true }));
    expect(onClose).toHaveBeenCalled();
    expect(screen.queryByText("Couldn't add the member")).toBeNull();
  });

  it('the show-once dialog says it plainly, with what to do', () => {
    renderWithNexus(
      <CredentialsDialog
        credentials={{ email: 'held.not@acme.test', password: GOOD, serverUrl: null, notHeld: true }}
        onClose={() => {}}
      />,
      new FakeNexus(),
    );
    const notice = screen.getByTestId('not-held-notice');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toContain('Not held for handover');
    expect(notice.textContent).toMatch(/queued all the same, so don't do it again/);
    expect(notice.textContent).toMatch(/Copy it now/);
  });

  it('Change Password: onDone says the password was not held', async () => {
    stores();
    const nexus = new FakeNexus().handle('members.setPassword', () => ({
      outboxId: 'obx_2',
      memberId: 'mem_1',
      held: false,
    }));
    const onDone = vi.fn();
    renderWithNexus(
      <SetPasswordDialog member={{ id: 'mem_1', email: 'rosa.garcia@acme.test' }} onClose={vi.fn()} onDone={onDone} />,
      nexus,
    );
    fireEvent.change(screen.getByLabelText(/temporary password/i), { target: { value: GOOD } });
    fireEvent.click(screen.getByRole('button', { name: 'Change Password' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(GOOD, 'obx_2', true));
  });

  it('Edit change: a new password the keychain would not hold comes back with notHeld', async () => {
    stores();
    const nexus = new FakeNexus().handle('outbox.edit', () => ({ ok: true, held: false }));
    const onSaved = vi.fn();
    const entry = outboxEntry({
      kind: 'setPassword',
      summary: 'Change the password of Dana',
      memberId: 'mem_9',
      email: 'dana@globex.test',
      name: null,
      roleId: null,
      lastError: { code: 'weak_password', message: 'Too weak.', source: 'server' },
    });
    renderWithNexus(<OutboxEditDialog entry={entry} onClose={vi.fn()} onSaved={onSaved} />, nexus);
    const dialog = screen.getByRole('dialog', { name: 'Edit change' });
    fireEvent.change(within(dialog).getByLabelText(/temporary password/i), { target: { value: GOOD } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save and retry' }));
    await waitFor(() =>
      expect(onSaved).toHaveBeenCalledWith({
        email: 'dana@globex.test',
        password: GOOD,
        notHeld: true,
        kind: 'password',
      }),
    );
  });
});
