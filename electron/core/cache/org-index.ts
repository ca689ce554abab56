import { expiryMs, roleCode } from './org-index-badges';

const WORDS = /[\p{L}\p{N}]+/gu;

/** The words of a query or of a member's name and email, as FTS5's unicode61 tokenizer splits and folds them. */
export function searchWords(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(WORDS) ?? [];
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** " word word word": what searchWords would give, joined, found by includes(" " + prefix). */
export function haystack(text: string): string {
  // Most names and emails are plain ASCII: skip Unicode folding for them (a third of the build).
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ');
  return ` ${searchWords(text).join(' ')} `;
}

/**
 * The first letter of a word as a bit: a–z in `lo`, 0–9 in `hi` bits 0–9 (both exact), anything
 * else hashed into `hi` bits 10–31 (a hint only). A member whose words' initials lack a query
 * word's initial cannot match, so most rows are ruled out without a string search.
 */
export function initialBit(code: number): { lo: number; hi: number; exact: boolean } {
  if (code >= 97 && code <= 122) return { lo: 1 << (code - 97), hi: 0, exact: true };
  if (code >= 48 && code <= 57) return { lo: 0, hi: 1 << (code - 48), exact: true };
  return { lo: 0, hi: 1 << (10 + (code % 22)), exact: false };
}

/** The per-row arrays of an OrgIndex: entry i of each is row i, in (sort_name, id) order. */
export interface IndexColumns {
  seqs: Int32Array;
  removed: Uint8Array;
  /** " word word word " per member: a word-prefix test is one includes(" " + prefix). */
  haystacks: string[];
  /** Initials of each member's words (see initialBit). */
  initialsLo: Uint32Array;
  initialsHi: Uint32Array;
  /** Badge inputs and role per row (org-index-badges.ts): KIND_*, expiry in ms (NaN: none), role code. */
  kinds: Uint8Array;
  expires: Float64Array;
  roles: Uint32Array;
}

export interface OrgIndex extends IndexColumns {
  /** MemberIndex.version when built (kept for callers that compare it; writes now update in place). */
  builtAt: number;
  visibleCount: number;
  /** Role id → code in `roles` (0: no role); grows as rows with new roles come in. */
  roleCodes: Map<string, number>;
}

/** One member as the index needs it: [seq, ' ' || name || ' ' || email, removed 0/1, KIND_*, invitation_expires_at, role_id]. */
export type IndexRow = [
  seq: number,
  text: string,
  removed: number,
  kind: number,
  expiresAt: string | null,
  roleId: string | null,
];

/** Zeroed typed columns for `size` rows, and `haystacks` (by default `size` holes to fill). */
export function newColumns(size: number, haystacks = new Array<string>(size)): IndexColumns {
  return {
    seqs: new Int32Array(size),
    removed: new Uint8Array(size),
    haystacks,
    initialsLo: new Uint32Array(size),
    initialsHi: new Uint32Array(size),
    kinds: new Uint8Array(size),
    expires: new Float64Array(size),
    roles: new Uint32Array(size),
  };
}

/**
 * Sets row `at` of `columns` from a member's row: the one place a row's words, initials, badge
 * inputs and role code are derived (building, inserting and merging all write rows through it).
 * A role id not in `roleCodes` gets the next code, so rows must come in index order.
 */
export function writeIndexRow(columns: IndexColumns, at: number, row: IndexRow, roleCodes: Map<string, number>): void {
  const words = haystack(row[1]);
  const [lo, hi] = initials(words);
  columns.seqs[at] = row[0];
  columns.removed[at] = row[2];
  columns.haystacks[at] = words;
  columns.initialsLo[at] = lo;
  columns.initialsHi[at] = hi;
  columns.kinds[at] = row[3];
  columns.expires[at] = expiryMs(row[4]);
  columns.roles[at] = roleCode(roleCodes, row[5]);
}

/** Copies row `from` of `source` to row `to` of `target` (the same columns when compacting). */
export function copyIndexRow(source: IndexColumns, from: number, target: IndexColumns, to: number): void {
  target.seqs[to] = source.seqs[from]!;
  target.removed[to] = source.removed[from]!;
  target.haystacks[to] = source.haystacks[from]!;
  target.initialsLo[to] = source.initialsLo[from]!;
  target.initialsHi[to] = source.initialsHi[from]!;
  target.kinds[to] = source.kinds[from]!;
  target.expires[to] = source.expires[from]!;
  target.roles[to] = source.roles[from]!;
}

/**
 * Collects rows (already in order) into typed arrays that double as they fill; `finish` copies
 * them to their exact length. Rows added to or taken out of a built index in place:
 * org-index-edits.ts.
 */
export class OrgIndexBuilder {
  private columns = newColumns(0, []);
  private count = 0;
  private readonly roleCodes = new Map<string, number>();

  add(rows: readonly IndexRow[]): void {
    const needed = this.count + rows.length;
    if (needed > this.columns.seqs.length) {
      this.columns = resized(this.columns, Math.max(needed, 2 * this.columns.seqs.length), this.count);
    }
    for (const row of rows) writeIndexRow(this.columns, this.count++, row, this.roleCodes);
  }

  finish(builtAt: number): OrgIndex {
    const columns = resized(this.columns, this.count, this.count);
    let hidden = 0;
    for (const flag of columns.removed) hidden += flag;
    return { ...columns, builtAt, visibleCount: this.count - hidden, roleCodes: this.roleCodes };
  }
}

/** New typed arrays of `size` holding the first `count` rows; `haystacks` (a plain array) is kept. */
function resized(columns: IndexColumns, size: number, count: number): IndexColumns {
  const fresh = newColumns(size, columns.haystacks);
  copyTypedRows(columns, 0, count, fresh, 0);
  return fresh;
}

/** Copies rows [from, until) of the typed columns (not `haystacks`) to `target` from row `to`, natively. */
export function copyTypedRows(
  source: IndexColumns,
  from: number,
  until: number,
  target: IndexColumns,
  to: number,
): void {
  target.seqs.set(source.seqs.subarray(from, until), to);
  target.removed.set(source.removed.subarray(from, until), to);
  target.initialsLo.set(source.initialsLo.subarray(from, until), to);
  target.initialsHi.set(source.initialsHi.subarray(from, until), to);
  target.kinds.set(source.kinds.subarray(from, until), to);
  target.expires.set(source.expires.subarray(from, until), to);
  target.roles.set(source.roles.subarray(from, until), to);
}

export function initials(words: string): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let at = words.indexOf(' '); at !== -1 && at + 1 < words.length; at = words.indexOf(' ', at + 1)) {
    const code = words.charCodeAt(at + 1);
    if (code === 32) continue;
    const bit = initialBit(code);
    lo |= bit.lo;
    hi |= bit.hi;
  }
  return [lo, hi];
}

/**
 * SQLite's BINARY collation compares UTF-8 bytes, i.e. code points; JS compares UTF-16 code units,
 * which put U+E000–U+FFFF after the surrogates of astral characters. Mapped so both agree.
 */
export function compareBinary(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
