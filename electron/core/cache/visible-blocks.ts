import type { OrgIndex } from './org-index';

/** Rows of the name order per block: a page skips whole blocks, then walks at most this many rows. */
export const BLOCK_ROWS = 1024;

/**
 * How many rows of each block of BLOCK_ROWS (in the index's name order) are visible, i.e. not
 * removed: the default view hides removed members, so a page at offset k starts at the k-th
 * visible row, found in O(k / BLOCK_ROWS + BLOCK_ROWS) instead of by counting from row 0.
 *
 * Kept lazily: a write to the index (one row applied, a batch merged, a build) says from which
 * position rows may have moved (`changedFrom`), and the counts of blocks from there on are
 * recounted by the next page that needs them (a pass over at most the bytes up to its offset;
 * the write itself already moved the arrays' tails). Held beside the index, not in it, so the
 * index's own arrays and write paths stay as they are.
 */
export class VisibleBlocks {
  private counts = new Int32Array(64);
  /** Blocks [0, valid) hold correct counts. */
  private valid = 0;

  changedFrom(position: number): void {
    this.valid = Math.min(this.valid, Math.floor(position / BLOCK_ROWS));
  }

  /**
   * Where to start looking for the visible row of this rank (0-based, in name order): the first
   * row of its block and how many visible rows come before that row. Past the last visible row,
   * the end of the index.
   */
  seek(removed: Uint8Array, rank: number): { position: number; before: number } {
    const length = removed.length;
    const blocks = Math.ceil(length / BLOCK_ROWS);
    if (this.counts.length < blocks) {
      const grown = new Int32Array(blocks + (blocks >> 3) + 64);
      grown.set(this.counts.subarray(0, this.valid));
      this.counts = grown;
    }
    let before = 0;
    for (let block = 0; block < blocks; block++) {
      if (block >= this.valid) {
        const start = block * BLOCK_ROWS;
        const end = Math.min(start + BLOCK_ROWS, length);
        let hidden = 0;
        for (let i = start; i < end; i++) hidden += removed[i]!;
        this.counts[block] = end - start - hidden;
        this.valid = block + 1;
      }
      const visible = this.counts[block]!;
      if (before + visible > rank) return { position: block * BLOCK_ROWS, before };
      before += visible;
    }
    return { position: length, before };
  }
}

const byIndex = new WeakMap<OrgIndex, VisibleBlocks>();

/** The index's block counts (made, all stale, the first time they are asked for). */
export function visibleBlocks(index: OrgIndex): VisibleBlocks {
  let blocks = byIndex.get(index);
  if (!blocks) {
    blocks = new VisibleBlocks();
    byIndex.set(index, blocks);
  }
  return blocks;
}

/**
 * The page of the default view with removed members hidden and no text: the seqs of visible rows
 * with ranks [offset, offset + limit) in name order (desc: counted from the end), in page order.
 */
export function visiblePage(index: OrgIndex, offset: number, limit: number, desc: boolean): number[] {
  const visible = index.visibleCount;
  const { seqs, removed } = index;
  // In ascending ranks: desc pages are the mirror range, read backwards.
  const first = desc ? Math.max(0, visible - offset - limit) : offset;
  const last = Math.min(visible, desc ? visible - offset : offset + limit);
  const page: number[] = [];
  if (first >= last) return page;
  let { position, before: rank } = visibleBlocks(index).seek(removed, first);
  for (; position < seqs.length && rank < last; position++) {
    if (removed[position]) continue;
    if (rank >= first) page.push(seqs[position]!);
    rank++;
  }
  return desc ? page.reverse() : page;
}
