import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeNexus, idleSync, outboxEntry, roles, signedInStatus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { useRolesStore } from '../stores/roles-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { OutboxEditDialog } from './outbox-edit-dialog';
import { SetPasswordDialog } from './set-password-dialog';

// Issue 11: Change Password and Edit change are @mantine/form forms validated by the contract's
// schemas (the password policy with the account's email), and core's field errors land on fields.

const GOOD = 'Plum-Vest-Orbit-Lamp-42';
const member = { id: 'mem_1', email: 'rosa.garcia@acme.test' };

function stores() {
  useRolesStore.setState({ roles, orgId: 'org_acme' });
  useSessionStore.setState({ status: signedInStatus() });
  useSyncStore.setState({ status: idleSync });
}

const passwordInput = () => screen.getByLabelText(/temporary password/i);
const typePassword = (value: string) => fireEvent.change(passwordInput(), { target: { value } });

describe('SetPasswordDialog', () => {
  it('refuses a password holding the member’s email without calling core', async () => {
    stores();
    const nexus = new FakeNexus();
    renderWithNexus(<SetPasswordDialog member={member} onClose={vi.fn()} onDone={vi.fn()} />, nexus);
    fireEvent.click(screen.getByRole('button', { name: 'Change Password' }));
    expect(await screen.findByText('Enter or generate a password')).toBeTruthy();
    typePassword('rosa.garcia-spring-lamp');
    fireEvent.click(screen.getByRole('button', { name: 'Change Password' }));
    expect(await screen.findByText('The password must not contain the email address.')).toBeTruthy();
    expect(nexus.calls).toEqual([]);
  });

  it('puts core’s field error on the password field and hands a good password over', async () => {
    stores();
    let refuse = true;
    const nexus = new FakeNexus().handle('members.setPassword', () => {
      if (refuse) {
        refuse = false;
        throw {
          code: 'invalid_input',
          message: 'Some of what was entered is not valid.',
          fields: [{ path: 'password', message: 'Core says no to this one.' }],
        };
      }
      return { outboxId: 'obx_2', memberId: member.id };
    });
    const onDone = vi.fn();
    renderWithNexus(<SetPasswordDialog member={member} onClose={vi.fn()} onDone={onDone} />, nexus);
    typePassword(GOOD);
    fireEvent.click(screen.getByRole('button', { name: 'Change Password' }));
    // Only the field shows core's words for it; the alert says what the whole refusal means.
    await screen.findByText('Core says no to this one.');
    expect(screen.getByRole('alert').textContent).toContain('Some of what was entered is not valid.');
    fireEvent.click(screen.getByRole('button', { name: 'Change Password' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(GOOD, 'obx_2', false));
    expect(nexus.callsOf('members.setPassword')).toEqual([
      { memberId: member.id, password: GOOD, reason: 'change' },
      { memberId: member.id, password: GOOD, reason: 'change' },
    ]);
  });
});

describe('OutboxEditDialog', () => {
  it('asks for a lost password, checks it against the edited email, then saves only what changed', async () => {
    stores();
    const nexus = new FakeNexus().handle('outbox.edit', () => ({ ok: true }));
    const onSaved = vi.fn();
    renderWithNexus(
      <OutboxEditDialog
        entry={outboxEntry({ lastError: { code: 'secret_missing', message: 'Lost.', source: 'console' } })}
        onClose={vi.fn()}
        onSaved={onSaved}
      />,
      nexus,
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit change' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save and retry' }));
    expect(await within(dialog).findByText('Enter or generate a password')).toBeTruthy();

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Email' }), {
      target: { value: 'dana.fresh@example.com' },
    });
    typePassword('my dana.fresh desk lamp');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save and retry' }));
    expect(await within(dialog).findByText('The password must not contain the email address.')).toBeTruthy();
    expect(nexus.calls).toEqual([]);

    typePassword(GOOD);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save and retry' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ email: 'dana.fresh@example.com', password: GOOD }));
    expect(nexus.callsOf('outbox.edit')).toEqual([
      { id: 'obx_9', changes: { email: 'dana.fresh@example.com', temporaryPassword: GOOD } },
    ]);
  });

  it('puts core’s `changes.email` error under the Email field', async () => {
    stores();
    const nexus = new FakeNexus().handle('outbox.edit', () => {
      throw {
        code: 'invalid_input',
        message: 'Some of what was entered is not valid.',
        fields: [{ path: 'changes.email', message: 'Core refuses this address.' }],
      };
    });
    renderWithNexus(<OutboxEditDialog entry={outboxEntry()} onClose={vi.fn()} onSaved={vi.fn()} />, nexus);
    const email = screen.getByRole('textbox', { name: 'Email' });
    fireEvent.change(email, { target: { value: 'other@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and retry' }));
    await screen.findByText('Core refuses this address.');
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });
});
