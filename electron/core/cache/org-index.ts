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

export interface OrgIndex {
  /** MemberIndex.version when built (kept for callers that compare it; writes now update in place). */
  builtAt: number;
  /** In (sort_name, id) order, the order of the default view. */
  seqs: Int32Array;
  removed: Uint8Array;
  /** " word word word " per member: a word-prefix test is one includes(" " + prefix). */
  haystacks: string[];
  /** Initials of each member's words (see initialBit). */
  initialsLo: Uint32Array;
  initialsHi: Uint32Array;
  visibleCount: number;
  /** Badge inputs and role per row (org-index-badges.ts): KIND_*, expiry in ms (NaN: none), role code. */
  kinds: Uint8Array;
  expires: Float64Array;
  roles: Uint32Array;
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

/**
 * Collects rows (already in order) into growing plain arrays; `finish` packs them. Rows added to
 * or taken out of a built index in place: org-index-edits.ts.
 */
export class OrgIndexBuilder {
  private readonly seqs: number[] = [];
  private readonly removed: number[] = [];
  private readonly haystacks: string[] = [];
  private readonly initialsLo: number[] = [];
  private readonly initialsHi: number[] = [];
  private readonly kinds: number[] = [];
  private readonly expires: number[] = [];
  private readonly roles: number[] = [];
  private readonly roleCodes = new Map<string, number>();

  add(rows: readonly IndexRow[]): void {
    for (const [seq, text, isRemoved, kind, expiresAt, roleId] of rows) {
      this.kinds.push(kind);
      this.expires.push(expiryMs(expiresAt));
      this.roles.push(roleCode(this.roleCodes, roleId));
      const words = haystack(text);
      const [lo, hi] = initials(words);
      this.seqs.push(seq);
      this.removed.push(isRemoved);
      this.haystacks.push(words);
      this.initialsLo.push(lo);
      this.initialsHi.push(hi);
    }
  }

  finish(builtAt: number): OrgIndex {
    const removed = Uint8Array.from(this.removed);
    let hidden = 0;
    for (const flag of removed) hidden += flag;
    return {
      builtAt,
      seqs: Int32Array.from(this.seqs),
      removed,
      haystacks: this.haystacks,
      initialsLo: Uint32Array.from(this.initialsLo),
      initialsHi: Uint32Array.from(this.initialsHi),
      visibleCount: removed.length - hidden,
      kinds: Uint8Array.from(this.kinds),
      expires: Float64Array.from(this.expires),
      roles: Uint32Array.from(this.roles),
      roleCodes: this.roleCodes,
    };
  }
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
