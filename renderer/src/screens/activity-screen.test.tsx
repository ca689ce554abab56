import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { AuditEvent } from '../../../shared/api/audit';
import type { AuditListInput } from '../../../shared/contract/audit';
import { FakeNexus, idleSync, signedInStatus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { dayStart } from '../lib/activity-filter';
import { useNavStore } from '../stores/nav-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { ActivityScreen } from './activity-screen';

const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 480 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});

function event(i: number): AuditEvent {
  return {
    id: `aud_${i}`,
    at: new Date(Date.UTC(2026, 0, 1, 12, 0, 0) - i * 60_000).toISOString(),
    action: 'member.role_changed',
    actor: { id: 'usr_hr', email: 'hr@acme.test', name: i % 2 ? 'Harper Reyes' : '' },
    member: { id: `mem_${i}`, email: `user${i}@acme.test`, name: `User ${i}` },
    details: { roleName: 'Admin', previousRoleName: 'Member' },
    client: 'Nexus Admin/0.1.0',
  };
}

/** 250 events, served 100 at a time with a cursor, as core would. */
function paged() {
  return new FakeNexus().handle('audit.list', (input?: AuditListInput) => {
    const start = input?.cursor ? Number(input.cursor) : 0;
    const limit = input?.limit ?? 100;
    const items = Array.from({ length: Math.max(0, Math.min(limit, 250 - start)) }, (_, k) => event(start + k));
    return { items, nextCursor: start + limit < 250 ? String(start + limit) : null };
  });
}

describe('ActivityScreen', () => {
  beforeEach(() => {
    useSessionStore.setState({ status: signedInStatus() });
    useSyncStore.setState({ status: idleSync });
    useNavStore.setState({ route: { view: 'activity' } });
  });

  it('shows the first page, credits the actor, and asks for the next page only as it scrolls', async () => {
    const nexus = paged();
    renderWithNexus(<ActivityScreen />, nexus);
    const list = await screen.findByRole('list', { name: 'Activity' });
    expect(list.querySelectorAll('[role="listitem"]').length).toBeLessThan(30); // virtualized
    expect(screen.getAllByTestId('actor')[0]!.textContent).toBe('hr@acme.test');
    expect(screen.getAllByText('Member → Admin').length).toBeGreaterThan(0);
    expect(nexus.callsOf('audit.list')).toHaveLength(1);
    const scroller = list.parentElement!;
    scroller.scrollTop = 100 * 64;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(nexus.callsOf('audit.list').map((c) => c.cursor)).toEqual([undefined, '100']));
  });

  it('sends the filters to core: words, actions and the local days as instants (To day included)', async () => {
    const nexus = paged();
    renderWithNexus(<ActivityScreen />, nexus);
    await screen.findByRole('list', { name: 'Activity' });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-01-31' } });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search member or admin' }), { target: { value: ' hr ' } });
    await waitFor(() =>
      expect(nexus.callsOf('audit.list').at(-1)).toEqual({
        text: 'hr',
        from: dayStart('2026-01-01'),
        to: dayStart('2026-02-01'),
        limit: 100,
      }),
    );
  });

  it('offline: says the activity needs the server and points at Pending changes; Try again asks again', async () => {
    let online = false;
    const nexus = new FakeNexus().handle('audit.list', () => {
      if (!online) throw { code: 'offline', message: 'The server cannot be reached right now.' };
      return { items: [], nextCursor: null };
    });
    renderWithNexus(<ActivityScreen />, nexus);
    expect((await screen.findByRole('alert')).textContent).toContain("You're offline");
    expect(screen.getByRole('alert').textContent).toContain('still waiting are under Pending changes');
    online = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/have been recorded yet/)).toBeTruthy();
  });

  it('another failure shows its message; an empty filtered answer says nothing matches', async () => {
    const nexus = new FakeNexus().handle('audit.list', (input?: AuditListInput) => {
      if (input?.text) return { items: [], nextCursor: null };
      throw { code: 'missing_permission', message: 'Your role cannot read the activity.' };
    });
    renderWithNexus(<ActivityScreen />, nexus);
    expect((await screen.findByRole('alert')).textContent).toContain('Your role cannot read the activity.');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search member or admin' }), { target: { value: 'x' } });
    expect(await screen.findByText('No activity matches these filters.')).toBeTruthy();
  });
});
