import {
  copyIndexRow,
  copyTypedRows,
  newColumns,
  writeIndexRow,
  type IndexColumns,
  type IndexRow,
  type OrgIndex,
} from './org-index';

// A built OrgIndex changed in place (MemberIndex applies written rows): rows taken out, rows put
// in at their positions. Building one from rows in order is org-index.ts.

/** Removes every entry whose seq is in `gone` (all copies), in place; O(n) with one pass. */
export function removeSeqs(index: OrgIndex, gone: ReadonlySet<number>): void {
  if (gone.size === 0) return;
  if (gone.size <= 8) {
    // A few rows (one change): native scans and moves instead of a pass in JS.
    for (const seq of gone) {
      for (let at = index.seqs.indexOf(seq); at !== -1; at = index.seqs.indexOf(seq, at)) removeAt(index, at);
    }
    return;
  }
  const { seqs, removed } = index;
  let kept = 0;
  let hidden = 0;
  for (let i = 0; i < seqs.length; i++) {
    if (gone.has(seqs[i]!)) continue;
    if (kept !== i) copyIndexRow(index, i, index, kept);
    hidden += removed[kept]!;
    kept++;
  }
  truncate(index, kept);
  index.visibleCount = kept - hidden;
}

function removeAt(index: OrgIndex, at: number): void {
  const end = index.seqs.length;
  if (!index.removed[at]) index.visibleCount--;
  moveRows(index, at, at + 1, end);
  index.haystacks.splice(at, 1);
  truncate(index, end - 1);
}

/** Moves rows [start, end) of the typed columns (not `haystacks`) to row `target`, natively. */
function moveRows(columns: IndexColumns, target: number, start: number, end: number): void {
  columns.seqs.copyWithin(target, start, end);
  columns.removed.copyWithin(target, start, end);
  columns.initialsLo.copyWithin(target, start, end);
  columns.initialsHi.copyWithin(target, start, end);
  columns.kinds.copyWithin(target, start, end);
  columns.expires.copyWithin(target, start, end);
  columns.roles.copyWithin(target, start, end);
}

/** Keeps the first `length` rows: views over the same memory, so later inserts can reuse the room. */
function truncate(index: OrgIndex, length: number): void {
  index.seqs = index.seqs.subarray(0, length);
  index.removed = index.removed.subarray(0, length);
  index.haystacks.length = length;
  index.initialsLo = index.initialsLo.subarray(0, length);
  index.initialsHi = index.initialsHi.subarray(0, length);
  index.kinds = index.kinds.subarray(0, length);
  index.expires = index.expires.subarray(0, length);
  index.roles = index.roles.subarray(0, length);
}

/**
 * Inserts rows (in index order among themselves) at the given positions of the current arrays
 * (nondecreasing; position p = before the entry now at p). One pass: new arrays, old segments
 * copied natively between the inserted rows.
 */
export function insertAt(index: OrgIndex, rows: readonly IndexRow[], positions: readonly number[]): void {
  if (rows.length === 0) return;
  if (rows.length <= FEW_ROWS) {
    insertFew(index, rows, positions);
    return;
  }
  const old = index;
  const fresh = newColumns(old.seqs.length + rows.length);
  let from = 0;
  let to = 0;
  const copy = (until: number) => {
    copyTypedRows(old, from, until, fresh, to);
    for (let i = from; i < until; i++) fresh.haystacks[to + i - from] = old.haystacks[i]!;
    to += until - from;
    from = until;
  };
  let visible = old.visibleCount;
  rows.forEach((row, k) => {
    copy(positions[k]!);
    writeIndexRow(fresh, to, row, index.roleCodes);
    if (!row[2]) visible++;
    to++;
  });
  copy(old.seqs.length);
  Object.assign(index, fresh, { visibleCount: visible });
}

/** Up to this many rows are inserted by moving the arrays' tails in place (native memmoves). */
const FEW_ROWS = 8;

/**
 * The same as insertAt for a few rows (one queued change), without new arrays: each typed array
 * keeps spare room at its end (removeSeqs leaves what it frees; growth adds 1/64), and the tail
 * after each insertion point moves by one. A fresh copy of four arrays per change (≈ 1.4 MB at
 * 100k members) was most of the cost of applying one write to the index.
 */
function insertFew(index: OrgIndex, rows: readonly IndexRow[], positions: readonly number[]): void {
  let length = index.seqs.length;
  const size = length + rows.length;
  const grown: IndexColumns = {
    seqs: withRoom(index.seqs, size),
    removed: withRoom(index.removed, size),
    haystacks: index.haystacks,
    initialsLo: withRoom(index.initialsLo, size),
    initialsHi: withRoom(index.initialsHi, size),
    kinds: withRoom(index.kinds, size),
    expires: withRoom(index.expires, size),
    roles: withRoom(index.roles, size),
  };
  let visible = index.visibleCount;
  rows.forEach((row, k) => {
    const at = positions[k]! + k;
    moveRows(grown, at + 1, at, length);
    grown.haystacks.splice(at, 0, '');
    writeIndexRow(grown, at, row, index.roleCodes);
    if (!row[2]) visible++;
    length++;
  });
  Object.assign(index, grown, { visibleCount: visible });
}

type IndexArray = Int32Array | Uint8Array | Uint32Array | Float64Array;

/** A view of `size` elements over the same memory when it has room, else a copy with room to spare. */
function withRoom<T extends IndexArray>(array: T, size: number): T {
  const make = array.constructor as new (...args: [ArrayBufferLike, number, number] | [number]) => T;
  const room = (array.buffer.byteLength - array.byteOffset) / array.BYTES_PER_ELEMENT;
  if (room >= size) return new make(array.buffer, array.byteOffset, size);
  const grown = new make(size + Math.max(64, size >> 6));
  grown.set(array);
  return grown.subarray(0, size) as T;
}
