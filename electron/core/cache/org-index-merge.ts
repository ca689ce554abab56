import { copyIndexRow, newColumns, writeIndexRow, type IndexRow, type OrgIndex } from './org-index';

/**
 * Applies many written rows at once (a CSV import of thousands), given the org's whole order as
 * the name index lists it (`order`: every seq in (sort_name, id) order, one covering-index scan).
 * Rows nobody wrote keep their relative order, so one pass walks `order` and the old arrays side
 * by side: an untouched seq is the next untouched entry of the old index (its words are reused),
 * a touched one is taken from `rows` (its current version; keyed by its seq). No key is read per row, and no word
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
  const fresh = newColumns(size);
  const old = index;
  const oldCount = old.seqs.length;
  let from = 0;
  let hidden = 0;
  for (let to = 0; to < size; to++) {
    const seq = order[to]!;
    if (touched.has(seq)) {
      const row = rows.get(seq);
      if (!row) return false;
      writeIndexRow(fresh, to, row, index.roleCodes);
    } else {
      while (from < oldCount && touched.has(old.seqs[from]!)) from++;
      if (from >= oldCount || old.seqs[from] !== seq) return false;
      copyIndexRow(old, from, fresh, to);
      from++;
    }
    hidden += fresh.removed[to]!;
  }
  // Whatever is left of the old index must be rows that were written (deleted or moved away).
  while (from < oldCount && touched.has(old.seqs[from]!)) from++;
  if (from < oldCount) return false;
  Object.assign(index, fresh, { visibleCount: size - hidden });
  return true;
}
