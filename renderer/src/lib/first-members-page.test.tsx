import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeNexus, memberRow } from '../../test/fake-nexus';
import { primeFirstMembersPage } from './first-members-page';
import { useMemberPages, type MembersFilter } from './use-member-pages';

const TOTAL = 250;
const defaultView: MembersFilter = {
  text: '',
  badges: [],
  roleIds: [],
  includeRemoved: false,
  sort: { field: 'name', direction: 'asc' },
};

function fakeCore() {
  const nexus = new FakeNexus().handle('members.query', ({ offset = 0, limit = 100 }) => ({
    rows: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) => memberRow(offset + i)),
    total: TOTAL,
  }));
  window.nexus = nexus;
  return nexus;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Issue 16: the list's first render has the first page main.tsx asked for, and asks core no more. */
describe('the first members page, asked for at start', () => {
  it('is in the list from its first render, and not fetched again', async () => {
    const nexus = fakeCore();
    void primeFirstMembersPage();
    await settled();
    const { result } = renderHook(() => useMemberPages(defaultView, 0));
    // No waiting: the first render already has the rows.
    expect(result.current.total).toBe(TOTAL);
    expect(result.current.getRow(0)?.id).toBe('mem_0');
    expect(result.current.getRow(99)?.id).toBe('mem_99');
    await settled();
    expect(nexus.callsOf('members.query')).toHaveLength(1);
    // Later pages come from core as before.
    result.current.ensureRange(150, 180);
    await waitFor(() => expect(result.current.getRow(150)?.id).toBe('mem_150'));
  });

  it('is dropped when the members change before the list takes it', async () => {
    const nexus = fakeCore();
    void primeFirstMembersPage();
    await settled();
    nexus.emit('members.changed', { orgId: null });
    const { result } = renderHook(() => useMemberPages(defaultView, 0));
    expect(result.current.total).toBeNull();
    await waitFor(() => expect(result.current.total).toBe(TOTAL));
    expect(nexus.callsOf('members.query')).toHaveLength(2);
  });

  it('is not handed to another view, and is taken only once', async () => {
    const nexus = fakeCore();
    void primeFirstMembersPage();
    await settled();
    const searched = renderHook(() => useMemberPages({ ...defaultView, text: 'ann' }, 0));
    expect(searched.result.current.total).toBeNull();
    await waitFor(() => expect(searched.result.current.total).toBe(TOTAL));
    const again = renderHook(() => useMemberPages(defaultView, 0));
    expect(again.result.current.total).toBeNull();
    await waitFor(() => expect(again.result.current.total).toBe(TOTAL));
    expect(nexus.callsOf('members.query')).toHaveLength(3);
  });
});
