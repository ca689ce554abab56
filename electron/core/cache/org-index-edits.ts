import { expiryMs, roleCode } from './org-index-badges';
import { haystack, initials, type IndexRow, type OrgIndex } from './org-index';

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
  const { seqs, removed, haystacks, initialsLo, initialsHi, kinds, expires, roles } = index;
  let kept = 0;
  let hidden = 0;
  for (let i = 0; i < seqs.length; i++) {
    if (gone.has(seqs[i]!)) continue;
    if (kept !== i) {
      seqs[kept] = seqs[i]!;
      removed[kept] = removed[i]!;
      haystacks[kept] = haystacks[i]!;
      initialsLo[kept] = initialsLo[i]!;
      initialsHi[kept] = initialsHi[i]!;
      kinds[kept] = kinds[i]!;
      expires[kept] = expires[i]!;
      roles[kept] = roles[i]!;
    }
    hidden += removed[kept]!;
    kept++;
  }
  index.seqs = seqs.subarray(0, kept);
  index.removed = removed.subarray(0, kept);
  haystacks.length = kept;
  index.initialsLo = initialsLo.subarray(0, kept);
  index.initialsHi = initialsHi.subarray(0, kept);
  index.kinds = kinds.subarray(0, kept);
  index.expires = expires.subarray(0, kept);
  index.roles = roles.subarray(0, kept);
  index.visibleCount = kept - hidden;
}

function removeAt(index: OrgIndex, at: number): void {
  const end = index.seqs.length;
  if (!index.removed[at]) index.visibleCount--;
  index.seqs.copyWithin(at, at + 1);
  index.removed.copyWithin(at, at + 1);
  index.initialsLo.copyWithin(at, at + 1);
  index.initialsHi.copyWithin(at, at + 1);
  index.kinds.copyWithin(at, at + 1);
  index.expires.copyWithin(at, at + 1);
  index.roles.copyWithin(at, at + 1);
  index.haystacks.splice(at, 1);
  index.seqs = index.seqs.subarray(0, end - 1);
  index.removed = index.removed.subarray(0, end - 1);
  index.initialsLo = index.initialsLo.subarray(0, end - 1);
  index.initialsHi = index.initialsHi.subarray(0, end - 1);
  index.kinds = index.kinds.subarray(0, end - 1);
  index.expires = index.expires.subarray(0, end - 1);
  index.roles = index.roles.subarray(0, end - 1);
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
  const size = old.seqs.length + rows.length;
  const seqs = new Int32Array(size);
  const removed = new Uint8Array(size);
  const initialsLo = new Uint32Array(size);
  const initialsHi = new Uint32Array(size);
  const kinds = new Uint8Array(size);
  const expires = new Float64Array(size);
  const roles = new Uint32Array(size);
  const haystacks = new Array<string>(size);
  let from = 0;
  let to = 0;
  const copy = (until: number) => {
    seqs.set(old.seqs.subarray(from, until), to);
    removed.set(old.removed.subarray(from, until), to);
    initialsLo.set(old.initialsLo.subarray(from, until), to);
    initialsHi.set(old.initialsHi.subarray(from, until), to);
    kinds.set(old.kinds.subarray(from, until), to);
    expires.set(old.expires.subarray(from, until), to);
    roles.set(old.roles.subarray(from, until), to);
    for (let i = from; i < until; i++) haystacks[to + i - from] = old.haystacks[i]!;
    to += until - from;
    from = until;
  };
  let visible = old.visibleCount;
  rows.forEach(([seq, text, isRemoved, kind, expiresAt, roleId], k) => {
    copy(positions[k]!);
    kinds[to] = kind;
    expires[to] = expiryMs(expiresAt);
    roles[to] = roleCode(index.roleCodes, roleId);
    const words = haystack(text);
    const [lo, hi] = initials(words);
    seqs[to] = seq;
    removed[to] = isRemoved;
    haystacks[to] = words;
    initialsLo[to] = lo;
    initialsHi[to] = hi;
    if (!isRemoved) visible++;
    to++;
  });
  copy(old.seqs.length);
  Object.assign(index, {
    seqs,
    removed,
    haystacks,
    initialsLo,
    initialsHi,
    kinds,
    expires,
    roles,
    visibleCount: visible,
  });
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
  const seqs = withRoom(index.seqs, size);
  const removed = withRoom(index.removed, size);
  const initialsLo = withRoom(index.initialsLo, size);
  const initialsHi = withRoom(index.initialsHi, size);
  const kinds = withRoom(index.kinds, size);
  const expires = withRoom(index.expires, size);
  const roles = withRoom(index.roles, size);
  let visible = index.visibleCount;
  rows.forEach(([seq, text, isRemoved, kind, expiresAt, roleId], k) => {
    const at = positions[k]! + k;
    seqs.copyWithin(at + 1, at, length);
    removed.copyWithin(at + 1, at, length);
    initialsLo.copyWithin(at + 1, at, length);
    initialsHi.copyWithin(at + 1, at, length);
    kinds.copyWithin(at + 1, at, length);
    expires.copyWithin(at + 1, at, length);
    roles.copyWithin(at + 1, at, length);
    kinds[at] = kind;
    expires[at] = expiryMs(expiresAt);
    roles[at] = roleCode(index.roleCodes, roleId);
    const words = haystack(text);
    const [lo, hi] = initials(words);
    seqs[at] = seq;
    removed[at] = isRemoved;
    initialsLo[at] = lo;
    initialsHi[at] = hi;
    index.haystacks.splice(at, 0, words);
    if (!isRemoved) visible++;
    length++;
  });
  Object.assign(index, { seqs, removed, initialsLo, initialsHi, kinds, expires, roles, visibleCount: visible });
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
