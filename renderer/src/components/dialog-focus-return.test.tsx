import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { theme } from '../app/theme';
import type { OutboxEntry } from '../../../shared/contract/outbox';
import { FakeNexus, idleSync, outboxEntry, roles, signedInStatus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { ConfirmDialog } from './confirm-dialog';
import { useRolesStore } from '../stores/roles-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { CredentialsDialog, type Credentials } from './credentials-dialog';
import { OutboxEditDialog } from './outbox-edit-dialog';
import { ResendCredentialsFlow } from './resend-credentials-flow';
import { SetPasswordDialog } from './set-password-dialog';

/**
 * As the members list mounts its lazily loaded dialogs: at the first opening, already open, then
 * kept mounted. Mantine's Modal remembers its opener only when `opened` changes after mount.
 */
function MountedOnFirstUse({ dialog }: { dialog: (opened: boolean, close: () => void) => React.ReactNode }) {
  const [opened, setOpened] = useState(false);
  const [used, setUsed] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setUsed(true);
          setOpened(true);
        }}
      >
        Open
      </button>
      {used && dialog(opened, () => setOpened(false))}
    </>
  );
}

async function expectFocusBack(closeWith: (dialog: HTMLElement) => void) {
  const opener = screen.getByRole('button', { name: 'Open' });
  opener.focus();
  fireEvent.click(opener);
  closeWith(await screen.findByRole('dialog'));
  // A keyboard user goes on from the button that opened it, not from the top of the page.
  await waitFor(() => expect(document.activeElement).toBe(opener));
}

describe('dialogs mounted already open', () => {
  it('ConfirmDialog (Remove from org, role change, Resend credentials) gives focus back when kept', async () => {
    renderWithNexus(
      <MountedOnFirstUse
        dialog={(opened, close) => (
          <ConfirmDialog opened={opened} title="Remove Ana?" confirmLabel="Remove" onConfirm={close} onClose={close}>
            They lose access.
          </ConfirmDialog>
        )}
      />,
      new FakeNexus(),
    );
    await expectFocusBack(() => fireEvent.click(screen.getByRole('button', { name: 'Keep' })));
  });

  it('CredentialsDialog gives focus back when closed', async () => {
    renderWithNexus(
      <MountedOnFirstUse
        dialog={(opened, close) => (
          <CredentialsDialog
            credentials={opened ? { email: 'ana@acme.test', password: 'Tmp-1234-abcd', serverUrl: null } : null}
            onClose={close}
          />
        )}
      />,
      new FakeNexus(),
    );
    await expectFocusBack((dialog) => {
      fireEvent.keyDown(dialog, { key: 'Escape' });
      // Not copied yet: it asks first.
      fireEvent.click(screen.getByRole('button', { name: /close without copying|close anyway/i }));
    });
  });
});

const member = { id: 'mem_1', email: 'rosa.garcia@acme.test' };
const GOOD = 'Plum-Vest-Orbit-Lamp-42';

/** Closes the show-once dialog without copying, as a keyboard user would: Escape, then confirm. */
async function closeCredentials() {
  const shown = await screen.findByRole('dialog', { name: 'New temporary password' });
  fireEvent.keyDown(shown, { key: 'Escape' });
  fireEvent.click(screen.getByRole('button', { name: 'Close without copying' }));
}

/**
 * Starts a chain from the button named `openerName`: submits the first dialog with its focused
 * `submitName` button (a temporary password typed first where it asks for one), closes the
 * password dialog that follows, and expects the focus back on the opener.
 */
async function expectChainEndsOnOpener(
  openerName: string,
  dialogName: string | RegExp,
  submitName: string,
  typesPassword: boolean,
) {
  const opener = screen.getByRole('button', { name: openerName });
  opener.focus();
  fireEvent.click(opener);
  const dialog = await screen.findByRole('dialog', { name: dialogName });
  if (typesPassword)
    fireEvent.change(within(dialog).getByLabelText(/temporary password/i), { target: { value: GOOD } });
  const submit = within(dialog).getByRole('button', { name: submitName });
  submit.focus();
  fireEvent.click(submit);
  await closeCredentials();
  await waitFor(() => expect(document.activeElement).toBe(opener));
}

/**
 * One dialog opens the next as it closes (the temporary password after Change Password or Resend
 * credentials). The password dialog must not remember the busy button inside the closing dialog
 * (gone once that dialog is): the chain ends on the button that started it.
 */
describe('a dialog opened as another closes', () => {
  /**
   * With Mantine's transitions, as in the app: the closing dialog is still on screen when the next
   * one opens (renderWithNexus's env="test" removes it at once, which the app never does).
   */
  function renderAsInTheApp(ui: React.ReactElement, nexus: FakeNexus) {
    window.nexus = nexus;
    render(ui, { wrapper: ({ children }) => <MantineProvider theme={theme}>{children}</MantineProvider> });
  }

  function stores() {
    useRolesStore.setState({ roles, orgId: 'org_acme' });
    useSessionStore.setState({ status: signedInStatus() });
    useSyncStore.setState({ status: idleSync });
  }

  it('Resend credentials → temporary password gives focus back to Resend credentials', async () => {
    stores();
    const nexus = new FakeNexus().handle('members.setPassword', () => ({ outboxId: 'obx_1', memberId: member.id }));
    function Page() {
      const [resending, setResending] = useState(false);
      return (
        <>
          <button type="button" onClick={() => setResending(true)}>
            Resend credentials
          </button>
          <ResendCredentialsFlow member={resending ? member : null} onClose={() => setResending(false)} />
        </>
      );
    }
    renderAsInTheApp(<Page />, nexus);
    await expectChainEndsOnOpener('Resend credentials', /Resend credentials to/, 'Resend credentials', false);
  });

  it('Change Password → temporary password gives focus back to Change Password', async () => {
    stores();
    const nexus = new FakeNexus().handle('members.setPassword', () => ({ outboxId: 'obx_2', memberId: member.id }));
    // As the member page wires them.
    function Page() {
      const [setting, setSetting] = useState(false);
      const [credentials, setCredentials] = useState<Credentials | null>(null);
      return (
        <>
          <button type="button" onClick={() => setSetting(true)}>
            Change Password
          </button>
          <SetPasswordDialog
            member={setting ? member : null}
            onClose={() => setSetting(false)}
            onDone={(password) => {
              setSetting(false);
              setCredentials({ email: member.email, password, serverUrl: null });
            }}
          />
          <CredentialsDialog
            credentials={credentials}
            title="New temporary password"
            onClose={() => setCredentials(null)}
          />
        </>
      );
    }
    renderAsInTheApp(<Page />, nexus);
    await expectChainEndsOnOpener('Change Password', /Change Password/, 'Change Password', true);
  });

  it('Pending changes: Edit → temporary password gives focus back to Edit', async () => {
    stores();
    const nexus = new FakeNexus().handle('outbox.edit', () => ({ ok: true }));
    const refused = outboxEntry({
      kind: 'setPassword',
      summary: 'Change the password of Rosa',
      memberId: member.id,
      email: member.email,
      name: null,
      roleId: null,
      lastError: { code: 'weak_password', message: 'Too weak.', source: 'server' },
    });
    // As the Pending changes screen wires them.
    function Page() {
      const [editing, setEditing] = useState<OutboxEntry | null>(null);
      const [credentials, setCredentials] = useState<Credentials | null>(null);
      return (
        <>
          <button type="button" onClick={() => setEditing(refused)}>
            Edit
          </button>
          <OutboxEditDialog
            entry={editing}
            onClose={() => setEditing(null)}
            onSaved={(newPassword) => {
              setEditing(null);
              if (newPassword) setCredentials({ ...newPassword, serverUrl: null });
            }}
          />
          <CredentialsDialog
            credentials={credentials}
            title="New temporary password"
            onClose={() => setCredentials(null)}
          />
        </>
      );
    }
    renderAsInTheApp(<Page />, nexus);
    await expectChainEndsOnOpener('Edit', 'Edit change', 'Save and retry', true);
  });
});
