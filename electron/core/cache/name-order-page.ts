import type { MembersQuery } from './members-query';
import { prefixWords, wordsTest } from './member-index-views';
import type { OrgIndex } from './org-index';
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
  const words = prefixWords(query.text);
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
  const matches = wordsTest(index, words)!;
  let total = 0;
  for (let k = 0; k < count; k++) {
    const i = desc ? count - 1 - k : k;
    if (!query.includeRemoved && index.removed[i]) continue;
    if (!matches(i)) continue;
    if (total >= query.offset && total < end) page.push(index.seqs[i]!);
    total++;
  }
  return { seqs: page, total };
}
