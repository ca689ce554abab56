import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeNexus, memberRow } from '../../test/fake-nexus';
import { PageLru } from './page-lru';
import { MEMBER_PAGE_SIZE, MEMBER_PAGES_KEPT, useMemberPages, type MembersFilter } from './use-member-pages';

describe('PageLru', () => {
  it('drops the least recently used page beyond its capacity, never one in use', () => {
    const lru = new PageLru<string>(3);
    lru.set(1, 'a');
    lru.set(2, 'b');
    lru.set(3, 'c');
    lru.get(1); // 2 is now the oldest
    lru.set(4, 'd');
    expect([...lru.keys()]).toEqual([3, 1, 4]);
    lru.set(5, 'e', (page) => page === 3); // 3 is on screen: 1 goes instead
    expect([...lru.keys()]).toEqual([3, 4, 5]);
    expect(lru.peek(3)).toBe('c');
    expect([...lru.keys()]).toEqual([3, 4, 5]); // peek does not reorder
  });
});

const TOTAL = 100_000;
const filter: MembersFilter = {
  text: '',
  badges: [],
  roleIds: [],
  includeRemoved: false,
  sort: { field: 'name', direction: 'asc' },
};

/**
 * Issue 16: scrolling the whole org must not keep every page in the renderer (its heap grew with
 * the org). The hook keeps at most MEMBER_PAGES_KEPT pages and fetches an evicted page again.
 */
describe('useMemberPages holds a bounded number of pages', () => {
  it('keeps at most MEMBER_PAGES_KEPT pages over a scroll through 100,000 rows, and refetches on the way back', async () => {
    const nexus = new FakeNexus().handle('members.query', ({ offset = 0, limit = MEMBER_PAGE_SIZE }) => ({
      rows: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) => memberRow(offset + i)),
      total: TOTAL,
    }));
    window.nexus = nexus;
    const { result } = renderHook(() => useMemberPages(filter, 0));
    await waitFor(() => expect(result.current.total).toBe(TOTAL));
    const pages = TOTAL / MEMBER_PAGE_SIZE;
    let most = 0;
    // Every 10th page, as jumps of the scroll bar would (fetching all 1,000 is slow in jsdom).
    for (let page = 0; page < pages; page += 10) {
      const start = page * MEMBER_PAGE_SIZE + 50;
      act(() => result.current.ensureRange(start, start + 30));
      await waitFor(() => expect(result.current.getRow(start + 30)?.id).toBe(`mem_${start + 30}`));
      most = Math.max(most, result.current.pagesHeld());
    }
    expect(MEMBER_PAGES_KEPT).toBeLessThan(pages / 10 / 2); // a bound well below the 100 pages visited
    expect(most).toBeLessThanOrEqual(MEMBER_PAGES_KEPT);
    expect(result.current.getRow(0)).toBeUndefined(); // the first page was evicted long ago
    const before = nexus.callsOf('members.query').length;
    act(() => result.current.ensureRange(0, 30));
    await waitFor(() => expect(result.current.getRow(0)?.id).toBe('mem_0'));
    expect(nexus.callsOf('members.query').length).toBe(before + 1);
  });
});
