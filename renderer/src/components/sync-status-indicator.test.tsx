import { describe, expect, it } from 'vitest';
import { act, screen } from '@testing-library/react';
import { FakeNexus, idleSync } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { useSyncStore } from '../stores/sync-store';
import { SyncStatusIndicator } from './sync-status-indicator';

describe('Sync status in the header', () => {
  it('while the outbox goes out: "Sending 312 of 1,000…"; while members are pulled (no total): "Syncing…"', () => {
    useSyncStore.setState({ status: { ...idleSync, state: 'syncing', progress: { done: 312, total: 1000 } } });
    renderWithNexus(<SyncStatusIndicator />, new FakeNexus());
    expect(screen.getByRole('status', { name: 'Sync status' }).textContent).toContain('Sending 312 of 1,000…');
    act(() => useSyncStore.setState({ status: { ...idleSync, state: 'syncing', progress: { done: 500, total: 0 } } }));
    expect(screen.getByRole('status', { name: 'Sync status' }).textContent).toContain('Syncing…');
    expect(screen.getByRole('status', { name: 'Sync status' }).textContent).not.toContain('of 0');
  });
});
