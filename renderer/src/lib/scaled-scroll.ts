/**
 * Browsers cap an element's height (Chromium 2^25 px ≈ 33.5M, Firefox ≈ 17.9M): a spacer as tall
 * as 1M rows of 48 px stops growing there and the rows past it cannot be scrolled to (issue 16:
 * ≈ 699k of 1M). Taller lists keep their spacer at this height, well under every engine's cap,
 * and the scroll position maps to a position in the list proportionally.
 */
export const MAX_SPACER_HEIGHT = 15_000_000;

/**
 * The spacer cap in use: MAX_SPACER_HEIGHT, or a smaller one an end-to-end test sets before the
 * console loads (`globalThis.__nexusMaxListHeight`) so a few thousand rows are scaled, not 1M.
 */
export function maxSpacerHeight(): number {
  const override = (globalThis as { __nexusMaxListHeight?: unknown }).__nexusMaxListHeight;
  return typeof override === 'number' && override > 0 ? override : MAX_SPACER_HEIGHT;
}

export interface ScaledScroll {
  /** False when the rows fit under the cap: then scrollTop and content offset are the same. */
  scaled: boolean;
  /** The rows' spacer in the DOM: every row, or the cap. */
  spacerHeight: number;
  /** The offset into the full list (px, as if uncapped) shown at the top of the rows at `scrollTop`. */
  toContent(scrollTop: number): number;
  /** The scrollTop that shows `offset` (px into the full list) at the top of the rows. */
  toScrollTop(offset: number): number;
}

/**
 * `contentHeight`: every row's height together; `viewportHeight`: the height the rows are seen in.
 * Scaled, scrollTop 0 shows the first row at the top and the largest scrollTop the last row at
 * the bottom: offset = scrollTop × (contentHeight − viewport) / (spacer − viewport).
 */
export function scaledScroll(contentHeight: number, viewportHeight: number, cap = maxSpacerHeight()): ScaledScroll {
  // The capped spacer must still scroll: a cap under two viewports (a test's, a huge window) is raised.
  const spacerHeight = Math.min(contentHeight, Math.max(cap, 2 * viewportHeight));
  const scrollRange = spacerHeight - viewportHeight;
  const contentRange = contentHeight - viewportHeight;
  if (spacerHeight >= contentHeight || scrollRange <= 0) {
    return { scaled: false, spacerHeight: contentHeight, toContent: (top) => top, toScrollTop: (offset) => offset };
  }
  const ratio = contentRange / scrollRange;
  return {
    scaled: true,
    spacerHeight,
    toContent: (top) => Math.min(contentRange, Math.max(0, top * ratio)),
    toScrollTop: (offset) => Math.min(scrollRange, Math.max(0, offset / ratio)),
  };
}

/** The first row (fully or partly) in view at `scrollTop`. */
export function firstRowAt(scroll: ScaledScroll, scrollTop: number, rowHeight: number): number {
  return Math.floor(scroll.toContent(scrollTop) / rowHeight);
}

/** The last row (fully or partly) in view at `scrollTop`. */
export function lastRowAt(
  scroll: ScaledScroll,
  scrollTop: number,
  rowHeight: number,
  viewportHeight: number,
  rows: number,
): number {
  return Math.min(rows - 1, Math.ceil((scroll.toContent(scrollTop) + viewportHeight) / rowHeight) - 1);
}
