import { countsGainRows, countsLoseSeqs } from './badge-counts';
import { compareBinary, type IndexRow, type OrgIndex } from './org-index';
import { insertAt, removeSeqs } from './org-index-edits';
import { wordPrefixIndex } from './word-prefix-index';

/**
 * A few written rows put back into an org's index in place (MemberIndex.applyTouched, for
 * batches too small for a merge with the org's order): the touched rows taken out, then each
 * current row inserted at its binary-searched place in name order. `keyOf` reads a row's
 * (sort_name, id) by its seq — a primary-key read per probe, ≈ 17 a row at 100k — because the
 * index keeps no names of its own. The status counts and the word prefix index's positions
 * follow the moves.
 *
 * `found`: the touched rows still in the org, as [sort_name, id, ...IndexRow].
 */
export function putBackInPlace(
  index: OrgIndex,
  found: [string, string, ...IndexRow][],
  touched: ReadonlySet<number>,
  keyOf: (seq: number) => [string, string],
): void {
  const words = wordPrefixIndex(index);
  const count = index.seqs.length;
  // Where the rows were, for the word index's seq → position array (null: it has none to keep).
  const wereAt = words?.positionsOf(index, touched) ?? null;
  countsLoseSeqs(index, touched);
  removeSeqs(index, touched);
  const rows = found.sort((a, b) => compareBinary(a[0], b[0]) || compareBinary(a[1], b[1]));
  const positions: number[] = [];
  let low = 0;
  for (const [sortName, id] of rows) {
    let high = index.seqs.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const [midName, midId] = keyOf(index.seqs[mid]!);
      const order = compareBinary(midName, sortName) || compareBinary(midId, id);
      if (order < 0) low = mid + 1;
      else high = mid;
    }
    positions.push(low);
  }
  const inserted = rows.map(([, , ...row]) => row as IndexRow);
  insertAt(index, inserted, positions);
  countsGainRows(index, inserted);
  if (wereAt) {
    // Rows between the first and the last position a row left or entered moved; the rest did
    // not, unless the count changed (then everything after the first did).
    const moved = [...wereAt, ...positions.map((at, k) => at + k)];
    const from = Math.min(...moved);
    words!.rowsMoved(index, from, index.seqs.length === count ? Math.max(...moved) + 1 : index.seqs.length);
  } else words?.lostPositions();
}
