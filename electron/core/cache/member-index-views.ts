import type { MemberBadge } from '../../../shared/member-badge';
import type { MemberCounts } from './member-counts';
import type { MembersQuery } from './members-query';
import { BADGE_ORDER, badgeCode, NO_BADGE } from './org-index-badges';
import { unfilteredCounts } from './badge-counts';
import { initialBit, searchWords, type OrgIndex } from './org-index';

/**
 * The members list's other views answered from the member index (issue 16): badge and role
 * filters in name order, the Status sort (badge groups in the order of the counts, name order
 * within: a stable partition of the name order) and the status counts for the current text.
 * Same answers as the SQL of members-query.ts / member-counts.ts, which stay the fallback for
 * the other sorts (email, role, added, last sign-in have SQL indexes).
 */

/** Whether the index answers this query (other sorts go to SQL). */
export function indexAnswers(query: MembersQuery): boolean {
  return query.sort.field === 'name' || query.sort.field === 'status';
}

/** The query's words as the index's haystacks hold them (" word"), at most 12; the SQL path takes as many. */
export function prefixWords(text: string): string[] {
  return searchWords(text)
    .slice(0, 12)
    .map((word) => ` ${word}`);
}

/** A word-prefix test over the index's word lists (MemberIndex.query and the views); null: no text. */
export function textTest(index: OrgIndex, text: string): ((i: number) => boolean) | null {
  return wordsTest(index, prefixWords(text));
}

/** Row i has a word starting with each of `words` (from prefixWords); null when there are none. */
export function wordsTest(index: OrgIndex, words: readonly string[]): ((i: number) => boolean) | null {
  if (words.length === 0) return null;
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
  const { initialsLo, initialsHi, haystacks } = index;
  return (i) => {
    if ((initialsLo[i]! & needLo) !== needLo || (initialsHi[i]! & needHi) !== needHi) return false;
    const haystack = haystacks[i]!;
    for (const word of toSearch) if (!haystack.includes(word)) return false;
    return true;
  };
}

/** Bit per badge code the query's badge filter keeps; 0 when it keeps every badge (no filter). */
function badgeMask(badges: readonly string[]): number {
  let mask = 0;
  for (const badge of badges) {
    const code = BADGE_ORDER.indexOf(badge as MemberBadge);
    if (code >= 0) mask |= 1 << code;
  }
  return mask;
}

/**
 * For each row in name order: 255 when the query hides it, else its group in the Status sort
 * (its badge code; a row with no badge sorts with Removed, as SORT_SQL.status's ELSE does).
 */
function classify(index: OrgIndex, query: MembersQuery, nowMs: number): { groups: Uint8Array; badges: number[] } {
  const count = index.seqs.length;
  const groups = new Uint8Array(count);
  /** Shown rows per badge code, NO_BADGE last. */
  const badges = [0, 0, 0, 0, 0, 0];
  const mask = badgeMask(query.badges);
  const hideRemoved = mask === 0 && !query.includeRemoved;
  // Role codes as a lookup table (a Set's has() per row was most of a role-filtered page's cost).
  let roleCodes: Uint8Array | null = null;
  if (query.roleIds.length > 0) {
    roleCodes = new Uint8Array(index.roleCodes.size + 1);
    for (const id of query.roleIds) {
      const code = index.roleCodes.get(id);
      if (code !== undefined) roleCodes[code] = 1;
    }
  }
  const text = textTest(index, query.text);
  const { kinds, expires, roles, removed } = index;
  for (let i = 0; i < count; i++) {
    groups[i] = 255;
    if (hideRemoved && removed[i]) continue;
    if (roleCodes && !roleCodes[roles[i]!]) continue;
    const badge = badgeCode(kinds[i]!, expires[i]!, nowMs);
    if (mask !== 0 && !(mask & (1 << badge))) continue;
    if (text && !text(i)) continue;
    groups[i] = badge === NO_BADGE ? 4 : badge;
    badges[badge]!++;
  }
  return { groups, badges };
}

/** Row ids of the page, in order, and the total, for a name or status sort with any filter. */
export function queryView(index: OrgIndex, query: MembersQuery, nowMs: number): { seqs: number[]; total: number } {
  const { groups, badges } = classify(index, query, nowMs);
  const sizes = [badges[0]!, badges[1]!, badges[2]!, badges[3]!, badges[4]! + badges[NO_BADGE]!];
  const count = index.seqs.length;
  const desc = query.sort.direction === 'desc';
  const end = query.offset + query.limit;
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const page: number[] = [];
  // Name order: one group of every shown row. Status: groups in the counts' order (reversed for
  // desc, with names descending within, as ORDER BY badge DESC, sort_name DESC, id DESC).
  const order = query.sort.field === 'status' ? (desc ? [4, 3, 2, 1, 0] : [0, 1, 2, 3, 4]) : [-1];
  let before = 0;
  for (const group of order) {
    const size = group === -1 ? total : sizes[group]!;
    if (before + size <= query.offset) {
      before += size;
      continue;
    }
    if (before >= end) break;
    let position = before;
    for (let k = 0; k < count && position < end; k++) {
      const i = desc ? count - 1 - k : k;
      const rowGroup = groups[i]!;
      if (rowGroup === 255 || (group !== -1 && rowGroup !== group)) continue;
      if (position >= query.offset) page.push(index.seqs[i]!);
      position++;
    }
    before += size;
  }
  return { seqs: page, total };
}

/** The status counts for what the list shows with this text and role filter (every badge, removed included). */
export function countView(index: OrgIndex, filter: { text: string; roleIds: string[] }, nowMs: number): MemberCounts {
  // No filter (the counts after every change): kept and adjusted by one-row writes (badge-counts.ts).
  if (filter.roleIds.length === 0 && prefixWords(filter.text).length === 0) {
    const counts = unfilteredCounts(index, nowMs);
    return Object.fromEntries(BADGE_ORDER.map((badge, code) => [badge, counts[code]!])) as MemberCounts;
  }
  const { badges } = classify(
    index,
    {
      text: filter.text,
      roleIds: filter.roleIds,
      badges: [],
      includeRemoved: true,
      sort: { field: 'name', direction: 'asc' },
      offset: 0,
      limit: 0,
    },
    nowMs,
  );
  return Object.fromEntries(BADGE_ORDER.map((badge, code) => [badge, badges[code]!])) as MemberCounts;
}
