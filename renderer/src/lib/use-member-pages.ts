import { useCallback, useEffect, useRef, useState } from 'react';
import { takeFirstMembersPage } from './first-members-page';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import type { MemberRow, MembersQueryInput } from '../../../shared/contract/members';
import { call, toConsoleError } from './nexus';
import { PageLru } from './page-lru';

export const MEMBER_PAGE_SIZE = 100;
/**
 * Pages kept (500 rows, ≈ 18 screens): the visible one or two and those around them; older ones
 * are fetched again (core answers a page from memory in a few ms). Was 20 (2,000 rows, ≈ 0.6 MB
 * more heap after scrolling 100k members than 5 pages; issue 16's "flat heap").
 */
export const MEMBER_PAGES_KEPT = 5;

export type MembersFilter = Omit<MembersQueryInput, 'offset' | 'limit'>;

interface Cache {
  key: string;
  generation: number;
  pages: PageLru<MemberRow[]>;
  /** Rows from before the last refresh, shown until their page is fetched again (no flicker). */
  previous: Map<number, MemberRow[]>;
  inflight: Set<number>;
  total: number | null;
  range: { start: number; end: number };
  /** Started with the page main.tsx asked for (first-members-page.ts): the first effect keeps it. */
  seeded: boolean;
}

export interface MemberPages {
  total: number | null;
  error: ConsoleErrorShape | null;
  /** True while a page is being fetched. */
  loading: boolean;
  getRow(index: number): MemberRow | undefined;
  /** Called with the visible (plus overscan) index range; fetches only the pages it touches. */
  ensureRange(start: number, end: number): void;
  retry(): void;
  /** How many pages are held (the cache is bounded; for tests and the bench). */
  pagesHeld(): number;
}

const pagesOf = (range: { start: number; end: number }) => ({
  first: Math.floor(range.start / MEMBER_PAGE_SIZE),
  last: Math.floor(Math.max(range.start, range.end) / MEMBER_PAGE_SIZE),
});

/**
 * Members for a filter, fetched from core one page (≤ MEMBER_PAGE_SIZE rows) at a time for the
 * rows on screen only: the renderer never holds the whole org.
 */
export function useMemberPages(filter: MembersFilter, revision: number): MemberPages {
  const key = JSON.stringify(filter);
  const [firstCache] = useState((): Cache => {
    const first = takeFirstMembersPage(filter);
    const pages = new PageLru<MemberRow[]>(MEMBER_PAGES_KEPT);
    if (first) pages.set(0, first.rows, () => true);
    return {
      key: first ? key : '',
      generation: 0,
      pages,
      previous: new Map(),
      inflight: new Set(),
      total: first ? first.total : null,
      range: { start: 0, end: 0 },
      seeded: first !== null,
    };
  });
  const cache = useRef<Cache>(firstCache);
  const [, setTick] = useState(0);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const fetchPage = useCallback((page: number) => {
    const c = cache.current;
    if (c.inflight.has(page)) return;
    c.inflight.add(page);
    const generation = c.generation;
    call('members.query', { ...filterRef.current, offset: page * MEMBER_PAGE_SIZE, limit: MEMBER_PAGE_SIZE })
      .then((result) => {
        if (cache.current.generation !== generation) return;
        const visible = pagesOf(c.range);
        c.pages.set(page, result.rows, (kept) => kept >= visible.first && kept <= visible.last);
        c.previous.delete(page);
        c.total = result.total;
        setError(null);
      })
      .catch((err: unknown) => {
        if (cache.current.generation === generation) setError(toConsoleError(err));
      })
      .finally(() => {
        if (cache.current.generation === generation) c.inflight.delete(page);
        setTick((t) => t + 1);
      });
  }, []);

  const ensureRange = useCallback(
    (start: number, end: number) => {
      const c = cache.current;
      c.range = { start, end };
      if (c.total === null) return;
      const last = Math.min(end, c.total - 1);
      for (let page = Math.floor(start / MEMBER_PAGE_SIZE); page <= Math.floor(last / MEMBER_PAGE_SIZE); page++) {
        if (c.pages.get(page) === undefined) fetchPage(page);
      }
    },
    [fetchPage],
  );

  const restart = useCallback(
    (keepRows: boolean) => {
      const c = cache.current;
      c.generation += 1;
      // Only what is on screen is worth keeping until its page is back: the rest is not shown.
      const visible = pagesOf(c.range);
      const onScreen = ([page]: [number, MemberRow[]]) => page >= visible.first && page <= visible.last;
      c.previous = keepRows ? new Map([...c.previous, ...c.pages.entries()].filter(onScreen)) : new Map();
      if (!keepRows) c.total = null;
      c.pages = new PageLru(MEMBER_PAGES_KEPT);
      c.inflight = new Set();
      const firstPage = Math.floor(c.range.start / MEMBER_PAGE_SIZE);
      fetchPage(keepRows ? firstPage : 0);
      if (keepRows) ensureRange(c.range.start, c.range.end);
    },
    [ensureRange, fetchPage],
  );

  // A new filter starts from the top with nothing; a refresh keeps what is shown while it reloads.
  useEffect(() => {
    const c = cache.current;
    if (c.seeded) {
      // The first page came with the first render; nothing to fetch until the view changes.
      c.seeded = false;
      if (c.key === key) return;
    }
    const keepRows = c.key === key;
    c.key = key;
    if (!keepRows) c.range = { start: 0, end: 0 };
    restart(keepRows);
    setTick((t) => t + 1);
  }, [key, revision, restart]);

  const getRow = useCallback((index: number) => {
    const page = Math.floor(index / MEMBER_PAGE_SIZE);
    const c = cache.current;
    return (c.pages.peek(page) ?? c.previous.get(page))?.[index % MEMBER_PAGE_SIZE];
  }, []);

  const retry = useCallback(() => {
    setError(null);
    restart(cache.current.total !== null);
  }, [restart]);

  const pagesHeld = useCallback(() => cache.current.pages.size + cache.current.previous.size, []);

  return {
    total: cache.current.total,
    error,
    loading: cache.current.inflight.size > 0,
    getRow,
    ensureRange,
    retry,
    pagesHeld,
  };
}
