import type { OrgIndex } from './org-index';
import { startWordPrefixIndex, wordPrefixIndex } from './word-prefix-index';

/** MemberIndex's settings for the word prefix index (issue 16: search), read at each use. */
export interface WordSearchSettings {
  /** From this many rows a word prefix index is built in slices of wordIndexSliceMs (tests: 0, Infinity = at once). */
  readonly wordIndexMinRows: number;
  readonly wordIndexSliceMs: number;
  /** Candidates past this share of the org: the pass answers (tests: 1, the prefix index always). */
  readonly wordIndexMaxShare: number;
}

/**
 * The rows matching every word by the org's word prefix index (`word-prefix-index.ts`), as
 * positions in name order; null when it is not ready (its build is started, in slices) or no
 * word narrows enough: the pass over the order answers then. `current`: the index is still the
 * org's (not dropped by a full listing nor replaced by a rebuild) and cache.db is open.
 */
export function wordMatches(
  index: OrgIndex,
  words: readonly string[],
  includeRemoved: boolean,
  settings: WordSearchSettings,
  current: () => boolean,
): Int32Array | null {
  if (words.length === 0 || index.seqs.length < settings.wordIndexMinRows) return null;
  const existing = wordPrefixIndex(index);
  if (existing?.ready && !existing.tooStale)
    return existing.matches(index, words, includeRemoved, settings.wordIndexMaxShare);
  if (existing && !existing.tooStale) return null; // being built
  const building = startWordPrefixIndex(index);
  const step = () => {
    // Stop once the index was dropped (a full listing) or replaced (a rebuild).
    if (wordPrefixIndex(index) !== building || !current()) return;
    if (!building.step(settings.wordIndexSliceMs)) setImmediate(step);
  };
  if (settings.wordIndexSliceMs === Infinity) building.step(Infinity);
  else setImmediate(step);
  return building.ready ? building.matches(index, words, includeRemoved, settings.wordIndexMaxShare) : null;
}
