import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEvent } from '../../../shared/api/audit';
import type { AuditFilter } from '../../../shared/contract/audit';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { call, toConsoleError } from './nexus';
import { useNexusEvent } from './use-nexus-event';

export const AUDIT_PAGE_SIZE = 100;

export interface AuditPages {
  items: AuditEvent[];
  /** True until the first page answered (or failed). */
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  error: ConsoleErrorShape | null;
  loadMore(): void;
  reload(): void;
}

/**
 * The server's audit log for a filter, a page at a time (`audit.list`, cursor). A new filter
 * starts again; an answer for an older filter is dropped. When an offline or failed load is
 * followed by a sync that reached the server, or a change lands, it loads again.
 */
export function useAuditPages(filter: AuditFilter, pageSize = AUDIT_PAGE_SIZE): AuditPages {
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  const generation = useRef(0);
  const key = JSON.stringify(filter);

  const loadFirst = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    call('audit.list', { ...(JSON.parse(key) as AuditFilter), limit: pageSize })
      .then((page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setError(null);
      })
      .catch((err: unknown) => {
        if (mine !== generation.current) return;
        setItems([]);
        setCursor(null);
        setError(toConsoleError(err));
      })
      .finally(() => {
        if (mine === generation.current) setLoading(false);
      });
  }, [key, pageSize]);

  useEffect(loadFirst, [loadFirst]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    call('audit.list', { ...(JSON.parse(key) as AuditFilter), limit: pageSize, cursor })
      .then((page) => {
        if (mine !== generation.current) return;
        setItems((previous) => [...previous, ...page.items]);
        setCursor(page.nextCursor);
      })
      .catch((err: unknown) => {
        if (mine === generation.current) setError(toConsoleError(err));
      })
      .finally(() => setLoadingMore(false));
  }, [cursor, key, loadingMore, pageSize]);

  // Back online, or a change synced: the first page again (a longer list keeps what it loaded).
  useNexusEvent('sync.status', (status) => {
    if (error && status.state === 'idle') loadFirst();
  });
  useNexusEvent('members.changed', () => {
    if (!loading && (cursor === null || items.length <= pageSize)) loadFirst();
  });

  return { items, loading, loadingMore, hasMore: cursor !== null, error, loadMore, reload: loadFirst };
}
