import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { SecretStoreStatus } from '../../../shared/contract/session';
import { FakeNexus, signedInStatus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { useSessionStore } from '../stores/session-store';
import { SecretStoreWarning } from './secret-store-warning';

const locked: SecretStoreStatus = {
  state: 'locked',
  backend: 'Secret Service',
  persistent: true,
  warning: 'The keychain (Secret Service) is locked. Unlock it and try again.',
};
const memoryOnly: SecretStoreStatus = {
  state: 'memoryOnly',
  backend: 'memory',
  persistent: false,
  warning: 'Sign-ins are not remembered on this computer because no keychain can be reached.',
};

describe('SecretStoreWarning', () => {
  beforeEach(() => useSessionStore.setState({ status: null }));

  it('says nothing for a working keychain', () => {
    useSessionStore.setState({ status: signedInStatus() });
    renderWithNexus(<SecretStoreWarning />, new FakeNexus());
    expect(screen.queryByTestId('secret-store-notice')).toBeNull();
  });

  it('a locked keychain: Retry asks core to look again and shows what it found', async () => {
    useSessionStore.setState({ status: signedInStatus({ secretStore: locked }) });
    const nexus = new FakeNexus().handle('session.retryKeychain', () =>
      signedInStatus({
        secretStore: { state: 'persistent', backend: 'Secret Service', persistent: true, warning: null },
      }),
    );
    renderWithNexus(<SecretStoreWarning />, nexus);
    expect(screen.getByText('The keychain is locked')).toBeTruthy();
    expect(screen.getByText(locked.warning!)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByTestId('secret-store-notice')).toBeNull());
    expect(nexus.callsOf('session.retryKeychain')).toHaveLength(1);
  });

  it('no keychain: the one sentence, without a Retry that could not help', () => {
    useSessionStore.setState({ status: signedInStatus({ secretStore: memoryOnly }) });
    renderWithNexus(<SecretStoreWarning />, new FakeNexus());
    expect(screen.getByTestId('secret-store-notice').textContent).toBe(memoryOnly.warning);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});
