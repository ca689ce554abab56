import { describe, expect, it } from 'vitest';
import { firstRowAt, lastRowAt, MAX_SPACER_HEIGHT, scaledScroll } from './scaled-scroll';

/** Chromium's cap on an element's height (2^25 px). */
const CHROMIUM_MAX_HEIGHT = 2 ** 25;
const VIEWPORT = 520;

describe('scaledScroll', () => {
  it.each([
    ['comfortable', 48],
    ['compact', 32],
  ])('reaches every one of 1,000,000 rows (%s) with a spacer the browser can lay out', (_, rowHeight) => {
    const rows = 1_000_000;
    const scroll = scaledScroll(rows * rowHeight, VIEWPORT, MAX_SPACER_HEIGHT);
    expect(scroll.scaled).toBe(true);
    expect(scroll.spacerHeight).toBeLessThanOrEqual(MAX_SPACER_HEIGHT);
    expect(scroll.spacerHeight).toBeLessThan(CHROMIUM_MAX_HEIGHT);
    const maxScrollTop = scroll.spacerHeight - VIEWPORT;

    // Top: row 0 first. Bottom: the last row in view, ending at the viewport's bottom.
    expect(firstRowAt(scroll, 0, rowHeight)).toBe(0);
    expect(lastRowAt(scroll, maxScrollTop, rowHeight, VIEWPORT, rows)).toBe(rows - 1);
    expect(scroll.toContent(maxScrollTop) + VIEWPORT).toBe(rows * rowHeight);

    // Round trips at the ends and in the middle, and whole-px scroll positions reach any row.
    for (const row of [0, 1, 699_058, 699_059, 500_000, rows - 11, rows - 1]) {
      const offset = Math.min(row * rowHeight, rows * rowHeight - VIEWPORT);
      const top = scroll.toScrollTop(offset);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThanOrEqual(maxScrollTop);
      expect(scroll.toContent(top)).toBeCloseTo(offset, 6);
      const shown = firstRowAt(scroll, Math.floor(top), rowHeight);
      expect(lastRowAt(scroll, Math.floor(top), rowHeight, VIEWPORT, rows)).toBeGreaterThanOrEqual(row);
      expect(shown).toBeLessThanOrEqual(row);
    }
    // Out of range scroll positions stay in the list.
    expect(scroll.toContent(maxScrollTop + 1000)).toBe(rows * rowHeight - VIEWPORT);
    expect(scroll.toContent(-5)).toBe(0);
  });

  it('leaves lists under the cap exactly as they are (scrollTop is the list offset)', () => {
    const rows = 300_000;
    const scroll = scaledScroll(rows * 48, VIEWPORT, MAX_SPACER_HEIGHT);
    expect(scroll.scaled).toBe(false);
    expect(scroll.spacerHeight).toBe(rows * 48);
    for (const top of [0, 1, 12_345.5, rows * 48 - VIEWPORT]) {
      expect(scroll.toContent(top)).toBe(top);
      expect(scroll.toScrollTop(top)).toBe(top);
    }
    expect(lastRowAt(scroll, rows * 48 - VIEWPORT, 48, VIEWPORT, rows)).toBe(rows - 1);
  });

  it('keeps a cap smaller than two viewports scrollable (a test cap, a very tall window)', () => {
    const scroll = scaledScroll(100 * 48, VIEWPORT, 100);
    expect(scroll.scaled).toBe(true);
    expect(scroll.spacerHeight).toBe(2 * VIEWPORT);
    expect(lastRowAt(scroll, VIEWPORT, 48, VIEWPORT, 100)).toBe(99);
  });
});
