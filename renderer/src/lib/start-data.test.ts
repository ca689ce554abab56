import { beforeEach, describe, expect, it } from 'vitest';
import { FakeNexus, memberRow, signedInStatus } from '../../test/fake-nexus';
import { useSessionStore } from '../stores/session-store';
import { askStartData } from './start-data';
import { takeFirstMembersPage } from './first-members-page';

const defaultView = { text: '', badges: [], roleIds: [], sort: { field: 'name' as const, direction: 'asc' as const } };

beforeEach(() => {
  useSessionStore.setState({ status: null, loadError: null });
  takeFirstMembersPage(defaultView);
});

/** Issue 16: main.tsx renders once the session and the first page are in, or after a short wait. */
describe('askStartData', () => {
  it('resolves once the session and the first members page are in, with both at hand', async () => {
    const nexus = new FakeNexus()
      .handle('session.status', () => signedInStatus())
      .handle('members.query', () => ({ rows: [memberRow(0)], total: 1 }));
    window.nexus = nexus;
    await askStartData(60_000);
    expect(useSessionStore.getState().status).not.toBeNull();
    expect(takeFirstMembersPage(defaultView)?.total).toBe(1);
  });

  it('resolves, not rejects, when core fails: the first render must still come', async () => {
    const nexus = new FakeNexus()
      .handle('session.status', () => {
        throw new Error('core is down');
      })
      .handle('members.query', () => {
        throw new Error('core is down');
      });
    window.nexus = nexus;
    const { load } = useSessionStore.getState();
    useSessionStore.setState({ load: () => Promise.reject(new Error('core is down')) });
    try {
      await expect(askStartData(60_000)).resolves.toBeUndefined();
    } finally {
      useSessionStore.setState({ load });
    }
  });

  it('does not wait longer than it was told when core is slow', async () => {
    const never = new Promise<never>(() => undefined);
    const nexus = new FakeNexus().handle('session.status', () => never).handle('members.query', () => never);
    window.nexus = nexus;
    const started = performance.now();
    await askStartData(50);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(useSessionStore.getState().status).toBeNull();
  });
});
