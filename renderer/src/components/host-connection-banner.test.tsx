import { afterEach, describe, expect, it } from 'vitest';
import { act, screen } from '@testing-library/react';
import type { HostConnection } from '../../../shared/contract/host-connection';
import { FakeNexus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { useHostConnectionStore } from '../stores/host-connection-store';
import { HostConnectionGuard } from './host-connection-banner';

const lost: HostConnection = { state: 'lost', reason: 'not_answering', message: 'The console is not answering.' };
const connected: HostConnection = { state: 'connected', reason: null, message: '' };

let nexus: FakeNexus;

function renderGuard() {
  nexus = new FakeNexus();
  renderWithNexus(
    <>
      <HostConnectionGuard>
        <button type="button">Sync now</button>
      </HostConnectionGuard>
      {/* Where an open dialog lives: portalled outside the page. */}
      <input aria-label="In a dialog" />
    </>,
    nexus,
  );
  return { syncNow: screen.getByRole('button', { name: 'Sync now' }), inDialog: screen.getByLabelText('In a dialog') };
}

const setLink = (link: HostConnection) => act(() => nexus.emit('host.connection', link));

afterEach(() => useHostConnectionStore.setState({ link: null }));

describe('HostConnectionGuard', () => {
  it('while the host is gone the page is inert and the banner has the focus; it goes back when the host returns', () => {
    const { syncNow } = renderGuard();
    syncNow.focus();

    setLink(lost);
    const banner = screen.getByRole('alert');
    expect(document.activeElement).toBe(banner);
    expect(syncNow.closest('fieldset')?.hasAttribute('inert')).toBe(true);
    expect((syncNow.closest('fieldset') as HTMLFieldSetElement).disabled).toBe(true);

    setLink(connected);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(syncNow.closest('fieldset')?.hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(syncNow);
  });

  it('focus in an open dialog stays there', () => {
    const { inDialog } = renderGuard();
    inDialog.focus();

    setLink(lost);
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(document.activeElement).toBe(inDialog);
    setLink(connected);
    expect(document.activeElement).toBe(inDialog);
  });
});
