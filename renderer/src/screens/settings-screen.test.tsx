import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { SettingsState } from '../../../shared/contract/settings';
import { resolveSettings } from '../../../shared/settings/resolve-settings';
import { FakeNexus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { SettingsScreen } from './settings-screen';

function state(policy: Record<string, unknown>, user: Record<string, unknown> = {}): SettingsState {
  const resolved = resolveSettings({ origin: '/etc/nexus-admin/policies.json', values: policy, problems: [] }, user);
  return {
    settings: resolved.settings,
    notices: resolved.notices,
    policyOrigin: '/etc/nexus-admin/policies.json',
    logFolder: '/home/admin/.config/Nexus Admin/logs',
  };
}

const field = (key: string) => document.querySelector<HTMLInputElement>(`input[data-setting="${key}"]`)!;

describe('Settings screen', () => {
  it('shows a locked setting as set by the organization, refuses a bad value, saves a good one', async () => {
    const nexus = new FakeNexus()
      .handle('settings.get', () => state({ ClipboardClearSeconds: 10, Bogus: 1 }, { HandoverMaxHours: 4 }))
      .handle('settings.update', (input) =>
        state({ ClipboardClearSeconds: 10 }, { HandoverMaxHours: 4, ...input?.set }),
      );
    renderWithNexus(<SettingsScreen />, nexus);

    await screen.findByRole('heading', { name: 'Settings' });
    expect(screen.getByTestId('source-ClipboardClearSeconds').textContent).toBe('Set by your organization');
    expect(field('ClipboardClearSeconds').disabled).toBe(true);
    expect(field('ClipboardClearSeconds').value).toBe('10 seconds');
    expect(screen.getByTestId('source-HandoverMaxHours').textContent).toBe('Your setting');
    expect(screen.getByText(/"Bogus" is not one this console knows/)).toBeTruthy();
    expect(screen.getByText('/home/admin/.config/Nexus Admin/logs')).toBeTruthy();

    fireEvent.change(field('HandoverMaxHours'), { target: { value: '500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('At most 72 hours')).toBeTruthy();
    expect(nexus.callsOf('settings.update')).toEqual([]);

    fireEvent.change(field('HandoverMaxHours'), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(nexus.callsOf('settings.update')).toEqual([{ set: { HandoverMaxHours: 6 }, reset: [] }]),
    );
  });
});
