import { useEffect, useRef, useState } from 'react';
import type { MemberRow as Row, MemberSortField } from '../../../shared/contract/members';
import { formatDateTime, formatRelative } from '../lib/format';
import { useScaledVirtualizer } from '../lib/use-scaled-virtualizer';
import type { MemberPages } from '../lib/use-member-pages';
import type { MemberSort } from '../stores/members-query-store';
import { MemberBadges } from './member-badge';
import { RowActionsMenu, type RowAction } from './row-actions-menu';
import { SortHeader } from './sort-header';
import classes from './members-grid.module.css';

export const MEMBER_ROW_HEIGHT = 48;
/** Compact density (Settings → Members list density, or the toggle above the list). */
export const COMPACT_ROW_HEIGHT = 32;
export type ListDensity = 'comfortable' | 'compact';

interface Props {
  pages: MemberPages;
  total: number;
  sort: MemberSort;
  onSort(field: MemberSortField): void;
  canManage: boolean;
  onAction(action: RowAction, row: Row): void;
  density?: ListDensity;
}

/**
 * The members list as an ARIA grid, virtualized: only the rows in view are in the DOM, and only
 * their pages are asked of core. Arrow keys move between rows, Enter opens one.
 */
export function MembersGrid({ pages, total, sort, onSort, canManage, onAction, density = 'comfortable' }: Props) {
  const rowHeight = density === 'compact' ? COMPACT_ROW_HEIGHT : MEMBER_ROW_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const focusAfterRender = useRef(false);

  // Past ≈ 300k rows the list is taller than a browser lays out: scaled (use-scaled-virtualizer.ts).
  const virtualizer = useScaledVirtualizer({ count: total, rowHeight, scrollRef, bodyRef });
  const items = virtualizer.items;
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= 0) pages.ensureRange(first, last);
  }, [first, last, pages]);

  useEffect(() => {
    if (activeIndex >= total && total > 0) setActiveIndex(total - 1);
  }, [activeIndex, total]);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (element) {
      focusAfterRender.current = false;
      // Scaled, the browser's own scroll-into-view would move the list by more than it means to.
      element.focus(virtualizer.scaled ? { preventScroll: true } : undefined);
    }
  });

  function move(to: number) {
    const index = Math.max(0, Math.min(total - 1, to));
    focusAfterRender.current = true;
    setActiveIndex(index);
    virtualizer.scrollToRow(index);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 480) / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + pageRows),
      PageUp: () => move(activeIndex - pageRows),
      Home: () => move(0),
      End: () => move(total - 1),
    };
    const handler = keys[event.key];
    if (handler && (event.target as HTMLElement).getAttribute('role') === 'row') {
      event.preventDefault();
      handler();
    }
  }

  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      role="grid"
      aria-label="Members"
      aria-rowcount={total + 1}
      aria-colcount={7}
      data-density={density}
      aria-busy={pages.loading}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className={classes.header}>
        <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.header}`}>
          <SortHeader field="name" label="Name" sort={sort} onSort={onSort} />
          <SortHeader field="email" label="Email" sort={sort} onSort={onSort} />
          <SortHeader field="role" label="Role" sort={sort} onSort={onSort} />
          <SortHeader field="status" label="Status" sort={sort} onSort={onSort} />
          <SortHeader field="lastSignInAt" label="Last sign-in" sort={sort} onSort={onSort} />
          <div role="columnheader" className={classes.cell}>
            Invitation expires
          </div>
          <div role="columnheader" className={classes.cell}>
            <span className="visually-hidden">Actions</span>
          </div>
        </div>
      </div>
      <div ref={bodyRef} role="rowgroup" className={classes.body} style={{ height: virtualizer.spacerHeight }}>
        {items.map((item) => {
          const row = pages.getRow(item.index);
          const style = { top: virtualizer.rowTop(item), height: rowHeight };
          const focusable = item.index === activeIndex ? 0 : -1;
          if (!row) {
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-busy="true"
                data-index={item.index}
                tabIndex={focusable}
                className={`${classes.row} ${classes.dataRow}`}
                style={style}
              >
                <div role="gridcell" className={classes.cell} style={{ gridColumn: '1 / -1' }}>
                  Loading…
                </div>
              </div>
            );
          }
          return (
            <div
              key={row.id}
              role="row"
              aria-rowindex={item.index + 2}
              data-index={item.index}
              data-member-id={row.id}
              tabIndex={focusable}
              className={`${classes.row} ${classes.dataRow}`}
              style={style}
              onClick={() => onAction('open', row)}
              onFocus={(event) => {
                if (event.target === event.currentTarget) setActiveIndex(item.index);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && event.target === event.currentTarget) {
                  event.preventDefault();
                  onAction('open', row);
                }
              }}
            >
              {/* title: the whole text of a cell the column cuts off, and the date behind a relative one. */}
              <div role="gridcell" className={classes.cell} title={row.name || undefined}>
                {row.name || '—'}
              </div>
              <div role="gridcell" className={classes.cell} title={row.email}>
                {row.email}
              </div>
              <div role="gridcell" className={classes.cell} title={row.roleName}>
                {row.roleName}
              </div>
              <div role="gridcell" className={classes.cell}>
                <MemberBadges row={row} />
              </div>
              <div
                role="gridcell"
                className={classes.cell}
                title={row.status !== 'invited' && row.lastSignInAt ? formatDateTime(row.lastSignInAt) : undefined}
              >
                {row.status === 'invited' ? '—' : formatRelative(row.lastSignInAt)}
              </div>
              <div
                role="gridcell"
                className={classes.cell}
                title={
                  row.status === 'invited' && row.invitationExpiresAt
                    ? formatDateTime(row.invitationExpiresAt)
                    : undefined
                }
              >
                {row.status === 'invited' ? expiresText(row.invitationExpiresAt) : '—'}
              </div>
              <div role="gridcell">
                <RowActionsMenu
                  row={row}
                  canManage={canManage}
                  tabbable={item.index === activeIndex}
                  onAction={onAction}
                />
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** "in 6 days" while it runs, "expired 3 days ago" after. */
function expiresText(iso: string | null): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  return time > Date.now() ? formatRelative(iso) : `expired ${formatRelative(iso)}`;
}
