import type { OrgIndex } from './org-index';

/** Rows of the snapshot read per check of the slice's clock. */
const ROWS_PER_CHECK = 2_000;
/** A candidate set past this share of the org is left to the pass over the name order (cheaper then). */
export const MAX_SHARE = 1 / 16;
/** Rows written since the build are checked one by one; past this many, build afresh. */
const MAX_STALE = 20_000;

/**
 * Which rows have a word starting with a query word's first two or three characters, without a
 * pass over every member (issue 16: one pass over 1M word lists is 50–300 ms): a map from each
 * word's first 2 and first 3 characters to the seqs of the rows having such a word (each row once
 * per key). A query takes the smallest bucket among its words as candidates, checks each by its
 * word list (the same `includes(' ' + word)` test as the pass, so answers are identical) and puts
 * them in name order through a seq → position array.
 *
 * Built in slices from a snapshot of the index's rows (strings are immutable; the snapshot is two
 * array copies), so writes meanwhile cannot shift what it reads. Rows written after the snapshot
 * are `stale`: their bucket entries are ignored and they are checked directly, so a write costs a
 * Set insert. Past MAX_STALE the index is built again.
 */
export class WordPrefixIndex {
  private readonly buckets = new Map<string, number[]>();
  readonly stale = new Set<number>();
  private snapshot: { seqs: Int32Array; haystacks: string[] } | null;
  private next = 0;
  /** seq → position in the index, valid while `positionsFresh`. */
  private positions = new Int32Array(0);
  private positionsFresh = false;

  constructor(index: OrgIndex) {
    this.snapshot = { seqs: index.seqs.slice(), haystacks: index.haystacks.slice() };
  }

  get ready(): boolean {
    return this.snapshot === null;
  }

  get tooStale(): boolean {
    return this.stale.size > MAX_STALE;
  }

  /** Rows of the index were written: their bucket entries no longer count. */
  changed(seqs: Iterable<number>): void {
    for (const seq of seqs) this.stale.add(seq);
  }

  /** The index's rows were rearranged in a way not reported: seq → position is recounted when next needed. */
  lostPositions(): void {
    this.positionsFresh = false;
  }

  /** Where these seqs are now (those in the index), or null when positions are not kept. */
  positionsOf(index: OrgIndex, seqs: Iterable<number>): number[] | null {
    if (!this.positionsFresh) return null;
    const found: number[] = [];
    for (const seq of seqs) {
      const at = seq < this.positions.length ? this.positions[seq]! : -1;
      if (at >= 0 && index.seqs[at] === seq) found.push(at);
    }
    return found;
  }

  /** Only rows at [from, to) changed place (one change: from its old to its new position). */
  rowsMoved(index: OrgIndex, from: number, to: number): void {
    if (!this.positionsFresh) return;
    const { seqs } = index;
    for (let i = from; i < to; i++) {
      const seq = seqs[i]!;
      if (seq >= this.positions.length) {
        this.positionsFresh = false;
        return;
      }
      this.positions[seq] = i;
    }
  }

  /** Reads snapshot rows for about `budgetMs`; returns whether the build is done. */
  step(budgetMs: number): boolean {
    const snapshot = this.snapshot;
    if (!snapshot) return true;
    const started = performance.now();
    const { seqs, haystacks } = snapshot;
    while (this.next < seqs.length) {
      const until = Math.min(seqs.length, this.next + ROWS_PER_CHECK);
      for (let i = this.next; i < until; i++) this.addRow(seqs[i]!, haystacks[i]!);
      this.next = until;
      if (performance.now() - started >= budgetMs) break;
    }
    if (this.next >= seqs.length) this.snapshot = null;
    return this.snapshot === null;
  }

  private addRow(seq: number, words: string): void {
    for (let at = words.indexOf(' '); at !== -1 && at + 1 < words.length; at = words.indexOf(' ', at + 1)) {
      if (words.charCodeAt(at + 1) === 32) continue;
      const end = words.indexOf(' ', at + 1);
      const length = (end === -1 ? words.length : end) - at - 1;
      if (length >= 2) this.addKey(words.slice(at + 1, at + 3), seq);
      if (length >= 3) this.addKey(words.slice(at + 1, at + 4), seq);
    }
  }

  private addKey(key: string, seq: number): void {
    const bucket = this.buckets.get(key);
    // A row's keys are added together, so a repeat of the same key is the bucket's last entry.
    if (!bucket) this.buckets.set(key, [seq]);
    else if (bucket[bucket.length - 1] !== seq) bucket.push(seq);
  }

  /**
   * The rows matching every word (each `' ' + word`, as MemberIndex.query tests), as positions in
   * name order, or null when no word narrows the search enough (the caller passes over the order).
   */
  matches(index: OrgIndex, words: readonly string[], includeRemoved: boolean, maxShare = MAX_SHARE): Int32Array | null {
    if (!this.ready) return null;
    let narrowest: number[] | null = null;
    for (const word of words) {
      // Words here carry their leading space.
      if (word.length < 3) continue;
      const bucket = this.buckets.get(word.slice(1, 4)) ?? [];
      if (!narrowest || bucket.length < narrowest.length) narrowest = bucket;
    }
    const count = index.seqs.length;
    if (!narrowest || narrowest.length > count * maxShare) return null;
    const positions = this.allPositions(index);
    const found: number[] = [];
    const test = (seq: number) => {
      const at = seq < positions.length ? positions[seq]! : -1;
      if (at < 0 || index.seqs[at] !== seq) return; // not (any more) in this org
      if (!includeRemoved && index.removed[at]) return;
      const haystack = index.haystacks[at]!;
      for (const word of words) if (!haystack.includes(word)) return;
      found.push(at);
    };
    for (const seq of narrowest) if (!this.stale.has(seq)) test(seq);
    for (const seq of this.stale) test(seq);
    return Int32Array.from(found).sort();
  }

  /** seq → position, recounted after writes (one pass over the seqs). */
  private allPositions(index: OrgIndex): Int32Array {
    if (this.positionsFresh) return this.positions;
    const { seqs } = index;
    let max = 0;
    for (let i = 0; i < seqs.length; i++) if (seqs[i]! > max) max = seqs[i]!;
    if (this.positions.length <= max) this.positions = new Int32Array(max + 1 + (max >> 4));
    this.positions.fill(-1);
    for (let i = 0; i < seqs.length; i++) this.positions[seqs[i]!] = i;
    this.positionsFresh = true;
    return this.positions;
  }
}

const byIndex = new WeakMap<OrgIndex, WordPrefixIndex>();

/** The index's word prefix index, if one is being built or is ready. */
export function wordPrefixIndex(index: OrgIndex): WordPrefixIndex | undefined {
  return byIndex.get(index);
}

/** Starts (or restarts, when too stale) the word prefix index of this index; returns it. */
export function startWordPrefixIndex(index: OrgIndex): WordPrefixIndex {
  let words = byIndex.get(index);
  if (!words || words.tooStale) {
    words = new WordPrefixIndex(index);
    byIndex.set(index, words);
  }
  return words;
}
