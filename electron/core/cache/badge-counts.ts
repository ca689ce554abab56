import { badgeCode, expiryMs, KIND_INVITED } from './org-index-badges';
import type { IndexRow, OrgIndex } from './org-index';

/** Up to this many rows of a write are taken out of kept counts one by one (a native scan each); past it they are counted again. */
const MAX_ADJUSTED = 8;

/**
 * The status counts with no text or role filter (what the list shows above itself after every
 * change), kept beside an org's member index and adjusted by one-row writes instead of a pass over
 * every member (issue 16: 16–39 ms at 1M after each `members.changed`). Counted at `atMs`; right
 * until the first invitation Pending at that moment expires (`validUntil`), then counted again.
 * Held beside the index (like visible-blocks.ts), so its arrays and write paths stay as they are.
 */
interface Kept {
  /** Rows per badge code (BADGE_ORDER, then NO_BADGE). */
  counts: number[];
  atMs: number;
  validUntil: number;
}

const byIndex = new WeakMap<OrgIndex, Kept>();

/** The unfiltered counts per badge code at `nowMs`: kept ones when still right, else one pass (then kept). */
export function unfilteredCounts(index: OrgIndex, nowMs: number): number[] {
  const kept = byIndex.get(index);
  if (kept && nowMs >= kept.atMs && nowMs < kept.validUntil) return kept.counts;
  const counts = [0, 0, 0, 0, 0, 0];
  let validUntil = Infinity;
  const { kinds, expires } = index;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]!;
    counts[badgeCode(kind, expires[i]!, nowMs)]!++;
    if (kind === KIND_INVITED && expires[i]! > nowMs && expires[i]! < validUntil) validUntil = expires[i]!;
  }
  byIndex.set(index, { counts, atMs: nowMs, validUntil });
  return counts;
}

/** Before rows with these seqs leave the index in place: out of the kept counts, or the counts are dropped. */
export function countsLoseSeqs(index: OrgIndex, seqs: ReadonlySet<number>): void {
  const kept = byIndex.get(index);
  if (!kept) return;
  if (seqs.size > MAX_ADJUSTED) {
    byIndex.delete(index);
    return;
  }
  for (const seq of seqs) {
    for (let at = index.seqs.indexOf(seq); at !== -1; at = index.seqs.indexOf(seq, at + 1))
      kept.counts[badgeCode(index.kinds[at]!, index.expires[at]!, kept.atMs)]!--;
  }
}

/** After these rows entered the index in place: into the kept counts (with their expiry). */
export function countsGainRows(index: OrgIndex, rows: readonly IndexRow[]): void {
  const kept = byIndex.get(index);
  if (!kept) return;
  for (const [, , , kind, expiresAt] of rows) {
    const expires = expiryMs(expiresAt);
    kept.counts[badgeCode(kind, expires, kept.atMs)]!++;
    if (kind === KIND_INVITED && expires > kept.atMs && expires < kept.validUntil) kept.validUntil = expires;
  }
}

/** The index changed in a way not reported row by row (a merge of a batch): count again when asked. */
export function countsLost(index: OrgIndex): void {
  byIndex.delete(index);
}
