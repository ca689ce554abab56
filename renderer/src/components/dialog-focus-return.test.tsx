import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeNexus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { ConfirmDialog } from './confirm-dialog';
import { CredentialsDialog } from './credentials-dialog';

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
