import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeNexus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { CredentialsDialog } from './credentials-dialog';

const credentials = { email: 'new@acme.test', password: 'Zq7#pT9w!mK4vR2x@bN8', serverUrl: 'http://127.0.0.1:4010' };

describe('CredentialsDialog', () => {
  it('copies exactly the credentials text through the shell and counts down until cleared', async () => {
    const nexus = new FakeNexus().handle('clipboard.copySecret', () => ({
      clearsAt: new Date(Date.now() + 30_000).toISOString(),
    }));
    renderWithNexus(<CredentialsDialog credentials={credentials} onClose={() => {}} />, nexus);

    expect(screen.getByTestId('credential-email').textContent).toContain(credentials.email);
    expect(screen.getByTestId('credential-password').textContent).toContain(credentials.password);
    expect(screen.getByText(/can't be shown again/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Copy both' }));
    await screen.findByText(/clipboard will be cleared in (29|30) s/);
    expect(nexus.callsOf('clipboard.copySecret')).toEqual([
      {
        text: 'Email: new@acme.test\nTemporary password: Zq7#pT9w!mK4vR2x@bN8\nSign in at: http://127.0.0.1:4010',
        clearAfterMs: 30_000,
      },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Copy password' }));
    await waitFor(() => expect(nexus.callsOf('clipboard.copySecret')).toHaveLength(2));
    expect(nexus.callsOf('clipboard.copySecret')[1]).toEqual({ text: credentials.password, clearAfterMs: 30_000 });

    act(() => nexus.emit('clipboard.cleared', { at: new Date().toISOString() }));
    expect(await screen.findByText('The clipboard has been cleared.')).toBeTruthy();
  });

  it('counts the clearing down on the page’s clock', async () => {
    // Only the clock the countdown reads and ticks on is faked; the test's own waits stay real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    try {
      const nexus = new FakeNexus().handle('clipboard.copySecret', () => ({
        clearsAt: new Date(Date.now() + 30_000).toISOString(),
      }));
      renderWithNexus(<CredentialsDialog credentials={credentials} onClose={() => {}} />, nexus);
      fireEvent.click(screen.getByRole('button', { name: 'Copy password' }));
      await screen.findByText(/clipboard will be cleared in 30 s/);
      await act(async () => {}); // the copy's effects: the countdown starts
      act(() => void vi.advanceTimersByTime(3000));
      expect(screen.getByText(/clipboard will be cleared in 27 s/)).toBeTruthy();
      act(() => void vi.advanceTimersByTime(27_000));
      expect(screen.getByText(/Clearing the clipboard…/)).toBeTruthy();
      act(() => nexus.emit('clipboard.cleared', { at: new Date().toISOString() }));
      await screen.findByText('The clipboard has been cleared.');
    } finally {
      vi.useRealTimers();
    }
  });

  it('forgets the password once closed', async () => {
    const nexus = new FakeNexus();
    const onClose = vi.fn();
    const { rerender } = renderWithNexus(<CredentialsDialog credentials={credentials} onClose={onClose} />, nexus);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    // Not copied: closing asks first.
    expect(onClose).not.toHaveBeenCalled();
    const ask = screen.getByRole('alertdialog', { name: 'Close without copying the password?' });
    expect(ask.textContent).toContain("You haven't copied the password");
    fireEvent.click(within(ask).getByRole('button', { name: 'Close without copying' }));
    expect(onClose).toHaveBeenCalled();
    rerender(<CredentialsDialog credentials={null} onClose={onClose} />);
    await waitFor(() => expect(document.body.textContent).not.toContain(credentials.password));
  });
});
