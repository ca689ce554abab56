import type { Db } from './open-database';
import type { MembersQuery } from './members-query';

const WORDS = /[\p{L}\p{N}]+/gu;

/** The words of a query or of a member's name and email, as FTS5's unicode61 tokenizer splits and folds them. */
export function searchWords(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(WORDS) ?? [];
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** " word word word": what searchWords would give, joined, found by includes(" " + prefix). */
function haystack(text: string): string {
  // Most names and emails are plain ASCII: skip Unicode folding for them (a third of the build).
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ');
  return ` ${searchWords(text).join(' ')} `;
}

/**
 * The first letter of a word as a bit: a–z in `lo`, 0–9 in `hi` bits 0–9 (both exact), anything
 * else hashed into `hi` bits 10–31 (a hint only). A member whose words' initials lack a query
 * word's initial cannot match, so most rows are ruled out without a string search.
 */
function initialBit(code: number): { lo: number; hi: number; exact: boolean } {
  if (code >= 97 && code <= 122) return { lo: 1 << (code - 97), hi: 0, exact: true };
  if (code >= 48 && code <= 57) return { lo: 0, hi: 1 << (code - 48), exact: true };
  return { lo: 0, hi: 1 << (10 + (code % 22)), exact: false };
}

export interface OrgIndex {
  /** MemberIndex.version when built: any write to members since makes it stale. */
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
}

/**
 * The default view of the members list (any text, name order, no badge or role filter) answered
 * from memory: an ordered array of row ids, so a page at any offset is a slice, and the whole
 * org's names and emails as word lists, so a search counts its matches in one pass of native
 * string scans instead of an FTS prefix merge over every term (slow for short prefixes at 100k).
 * Rebuilt after any write to the members table (see scheduleBuild); other queries go to SQL.
 */
export class MemberIndex {
  private readonly byOrg = new Map<string, OrgIndex>();
  /** Bumped by CacheStore on every write to the members table (sync_state and the like do not count). */
  private version = 0;
  private readonly loadStmt;
  private readonly pending = new Set<string>();

  constructor(private readonly db: Db) {
    this.loadStmt = db
      .prepare(
        `SELECT seq, ' ' || name || ' ' || email, status = 'removed' FROM members WHERE org_id = ? ORDER BY sort_name ASC, id ASC`,
      )
      .raw();
  }

  changed(): void {
    this.version++;
  }

  /** Bumped by every write to the members table: what was computed at one value is still true at the same. */
  get writes(): number {
    return this.version;
  }

  static handles(query: MembersQuery): boolean {
    return query.sort.field === 'name' && query.badges.length === 0 && query.roleIds.length === 0;
  }

  /** The org's index if no write happened since it was built; else null (and a rebuild is scheduled). */
  fresh(orgId: string): OrgIndex | null {
    const existing = this.byOrg.get(orgId);
    if (existing && existing.builtAt === this.version) return existing;
    this.scheduleBuild(orgId);
    return null;
  }

  /**
   * Building takes a few hundred ms at 100k rows, so it never runs inside a query: the query
   * that finds the index stale is answered by SQL, and the build runs right after it, before
   * the next keystroke or scroll needs it.
   */
  private scheduleBuild(orgId: string): void {
    if (this.pending.has(orgId)) return;
    this.pending.add(orgId);
    setImmediate(() => {
      this.pending.delete(orgId);
      if (!this.db.open) return;
      try {
        this.build(orgId);
      } catch {
        // The SQL path keeps answering; the next query schedules another try.
      }
    });
  }

  build(orgId: string): OrgIndex {
    const builtAt = this.version;
    const rows = this.loadStmt.all(orgId) as [number, string, number][];
    const seqs = new Int32Array(rows.length);
    const removed = new Uint8Array(rows.length);
    const haystacks = new Array<string>(rows.length);
    const initialsLo = new Uint32Array(rows.length);
    const initialsHi = new Uint32Array(rows.length);
    let visibleCount = 0;
    for (let i = 0; i < rows.length; i++) {
      const [seq, text, isRemoved] = rows[i]!;
      seqs[i] = seq;
      removed[i] = isRemoved;
      if (!isRemoved) visibleCount++;
      const words = haystack(text);
      haystacks[i] = words;
      let lo = 0;
      let hi = 0;
      for (let at = words.indexOf(' '); at !== -1 && at + 1 < words.length; at = words.indexOf(' ', at + 1)) {
        const code = words.charCodeAt(at + 1);
        if (code === 32) continue;
        const bit = initialBit(code);
        lo |= bit.lo;
        hi |= bit.hi;
      }
      initialsLo[i] = lo;
      initialsHi[i] = hi;
    }
    const built = { builtAt, seqs, removed, haystacks, initialsLo, initialsHi, visibleCount };
    this.byOrg.set(orgId, built);
    return built;
  }

  /** Row ids of the page, in order, and the total; same answer as the SQL path of members-query.ts. */
  query(index: OrgIndex, query: MembersQuery): { seqs: number[]; total: number } {
    const words = searchWords(query.text)
      .slice(0, 12)
      .map((word) => ` ${word}`);
    const count = index.seqs.length;
    const desc = query.sort.direction === 'desc';
    const end = query.offset + query.limit;
    const page: number[] = [];
    if (words.length === 0 && query.includeRemoved) {
      for (let k = query.offset; k < Math.min(end, count); k++) page.push(index.seqs[desc ? count - 1 - k : k]!);
      return { seqs: page, total: count };
    }
    // A one-letter word with an exact initial bit is fully answered by the bit test.
    let needLo = 0;
    let needHi = 0;
    const toSearch: string[] = [];
    for (const word of words) {
      const bit = initialBit(word.charCodeAt(1));
      needLo |= bit.lo;
      needHi |= bit.hi;
      if (word.length > 2 || !bit.exact) toSearch.push(word);
    }
    const { initialsLo, initialsHi } = index;
    let total = 0;
    for (let k = 0; k < count; k++) {
      const i = desc ? count - 1 - k : k;
      if (!query.includeRemoved && index.removed[i]) continue;
      if (words.length > 0) {
        if ((initialsLo[i]! & needLo) !== needLo || (initialsHi[i]! & needHi) !== needHi) continue;
        const haystack = index.haystacks[i]!;
        let all = true;
        for (const word of toSearch) {
          if (!haystack.includes(word)) {
            all = false;
            break;
          }
        }
        if (!all) continue;
      } else if (total >= end) {
        // No text: every visible row matches, so the count is known and the page is complete.
        return { seqs: page, total: index.visibleCount };
      }
      if (total >= query.offset && total < end) page.push(index.seqs[i]!);
      total++;
    }
    return { seqs: page, total };
  }
}
