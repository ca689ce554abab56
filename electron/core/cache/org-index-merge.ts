import { expiryMs, roleCode } from './org-index-badges';
import { haystack, initials, type IndexRow, type OrgIndex } from './org-index';

/**
 * Applies many written rows at once (a CSV import of thousands), given the org's whole order as
 * the name index lists it (`order`: every seq in (sort_name, id) order, one covering-index scan).
 * Rows nobody wrote keep their relative order, so one pass walks `order` and the old arrays side
 * by side: an untouched seq is the next untouched entry of the old index (its words are reused),
 * a touched one is taken from `rows` (its current version). No key is read per row, and no word
 * list is recomputed except the written rows'.
 *
 * Returns false, leaving the index as it was, when the old index and the table disagree (an
 * untouched row out of place): the caller then rebuilds rather than keep a wrong index.
 */
export function mergeInOrder(
  index: OrgIndex,
  order: ArrayLike<number>,
  touched: ReadonlySet<number>,
  rows: ReadonlyMap<number, IndexRow>,
): boolean {
  const size = order.length;
  const seqs = new Int32Array(size);
  const removed = new Uint8Array(size);
  const initialsLo = new Uint32Array(size);
  const initialsHi = new Uint32Array(size);
  const kinds = new Uint8Array(size);
  const expires = new Float64Array(size);
  const roles = new Uint32Array(size);
  const haystacks = new Array<string>(size);
  const old = index;
  const oldCount = old.seqs.length;
  let from = 0;
  let hidden = 0;
  for (let to = 0; to < size; to++) {
    const seq = order[to]!;
    if (touched.has(seq)) {
      const row = rows.get(seq);
      if (!row) return false;
      const words = haystack(row[1]);
      const [lo, hi] = initials(words);
      seqs[to] = seq;
      removed[to] = row[2];
      haystacks[to] = words;
      initialsLo[to] = lo;
      initialsHi[to] = hi;
      kinds[to] = row[3];
      expires[to] = expiryMs(row[4]);
      roles[to] = roleCode(index.roleCodes, row[5]);
    } else {
      while (from < oldCount && touched.has(old.seqs[from]!)) from++;
      if (from >= oldCount || old.seqs[from] !== seq) return false;
      seqs[to] = seq;
      removed[to] = old.removed[from]!;
      haystacks[to] = old.haystacks[from]!;
      initialsLo[to] = old.initialsLo[from]!;
      initialsHi[to] = old.initialsHi[from]!;
      kinds[to] = old.kinds[from]!;
      expires[to] = old.expires[from]!;
      roles[to] = old.roles[from]!;
      from++;
    }
    hidden += removed[to]!;
  }
  // Whatever is left of the old index must be rows that were written (deleted or moved away).
  while (from < oldCount && touched.has(old.seqs[from]!)) from++;
  if (from < oldCount) return false;
  Object.assign(index, {
    seqs,
    removed,
    haystacks,
    initialsLo,
    initialsHi,
    kinds,
    expires,
    roles,
    visibleCount: size - hidden,
  });
  return true;
}
