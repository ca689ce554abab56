import type { MembersQuery } from './members-query';
import { initialBit, searchWords, type OrgIndex } from './org-index';
import { visiblePage } from './visible-blocks';

/**
 * A page in name order with no badge or role filter, from the index (MemberIndex.query): a slice
 * of the order without text, else the word prefix index's matches (`matchWords`, null when it
 * cannot answer) or one pass over every member's initials and haystack. Row ids of the page, in
 * order, and the total; same answer as the SQL path of members-query.ts.
 */
export function nameOrderPage(
  index: OrgIndex,
  query: MembersQuery,
  matchWords: (words: readonly string[]) => Int32Array | null,
): { seqs: number[]; total: number } {
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
  if (words.length === 0) {
    // Removed members hidden: skip whole blocks of the name order up to the offset.
    return { seqs: visiblePage(index, query.offset, query.limit, desc), total: index.visibleCount };
  }
  const found = matchWords(words);
  if (found) {
    const total = found.length;
    for (let k = query.offset; k < Math.min(end, total); k++) page.push(index.seqs[found[desc ? total - 1 - k : k]!]!);
    return { seqs: page, total };
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
