import { useLayoutEffect, useRef, type RefObject } from 'react';
import { elementScroll, observeElementOffset, useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { maxSpacerHeight, scaledScroll, type ScaledScroll } from './scaled-scroll';

interface Options {
  count: number;
  rowHeight: number;
  /** The scrolling element. */
  scrollRef: RefObject<HTMLElement | null>;
  /** The rows' spacer inside it (what is above it, a sticky header, is not rows' viewport). */
  bodyRef: RefObject<HTMLElement | null>;
}

export interface ScaledVirtualizer {
  items: VirtualItem[];
  scaled: boolean;
  /** Height for the rows' spacer: every row, or the cap (scaled-scroll.ts). */
  spacerHeight: number;
  /** Where a row goes in the spacer. */
  rowTop(item: VirtualItem): number;
  /** Scrolls just enough for row `index` to be in view (TanStack's `align: 'auto'`). */
  scrollToRow(index: number): void;
}

/**
 * TanStack Virtual for fixed-height rows, in list coordinates even when the list is taller than a
 * browser can lay out: the virtualizer's offset is the scroll position mapped through
 * `scaledScroll` (its `observeElementOffset` and `scrollToFn` options), and the rows it picks are
 * drawn where the viewport is. Under the cap the mapping is the identity and nothing changes.
 */
export function useScaledVirtualizer({ count, rowHeight, scrollRef, bodyRef }: Options): ScaledVirtualizer {
  const geometry = useRef<ScaledScroll>(scaledScroll(0, 0));
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: { width: 800, height: 480 },
    observeElementOffset: (instance, report) =>
      observeElementOffset(instance, (scrollTop, isScrolling) =>
        report(geometry.current.toContent(scrollTop), isScrolling),
      ),
    scrollToFn: (offset, { adjustments = 0, behavior }, instance) =>
      elementScroll(geometry.current.toScrollTop(offset + adjustments), { behavior }, instance),
  });
  const viewportHeight = () =>
    Math.max(0, (scrollRef.current?.clientHeight ?? 480) - (bodyRef.current?.offsetTop ?? 0));
  const contentHeight = virtualizer.getTotalSize();
  // Under the cap the viewport plays no part: no layout read while rendering a small list.
  const cap = maxSpacerHeight();
  const viewport = contentHeight > cap ? viewportHeight() : 0;
  const scroll = scaledScroll(contentHeight, viewport, cap);
  geometry.current = scroll;

  // The same scrollTop means another list offset once the scale changes (more rows, a resize):
  // the virtualizer reads it again, as after a scroll.
  const scale = scroll.scaled ? `${contentHeight}:${viewport}` : 'identity';
  const lastScale = useRef(scale);
  useLayoutEffect(() => {
    if (lastScale.current === scale) return;
    lastScale.current = scale;
    scrollRef.current?.dispatchEvent(new Event('scroll'));
  }, [scale, scrollRef]);

  // How far the list offset is ahead of the scroll position; rows move up by it (whole px).
  const offset = virtualizer.scrollOffset ?? 0;
  const shift = scroll.scaled ? Math.round(offset - scroll.toScrollTop(offset)) : 0;

  return {
    items: virtualizer.getVirtualItems(),
    scaled: scroll.scaled,
    spacerHeight: scroll.spacerHeight,
    rowTop: (item) => item.start - shift,
    scrollToRow(index) {
      const element = scrollRef.current;
      if (!geometry.current.scaled || !element) {
        virtualizer.scrollToIndex(index, { align: 'auto' });
        return;
      }
      // TanStack's scrollToIndex clamps to the element's own (capped) scroll range: not usable here.
      const { toContent, toScrollTop } = geometry.current;
      const height = viewportHeight();
      const top = toContent(element.scrollTop);
      const start = index * rowHeight;
      // Whole px the browser keeps, rounded so the row ends up wholly in view.
      if (start < top) element.scrollTop = Math.floor(toScrollTop(start));
      else if (start + rowHeight > top + height) element.scrollTop = Math.ceil(toScrollTop(start + rowHeight - height));
    },
  };
}
