import { parseDicewareList } from '../../../shared/passphrase';

let words: Promise<string[]> | null = null;

/** The EFF large word list (shared/wordlists), loaded on the first passphrase only: ~100 KB. */
export function loadWordList(): Promise<string[]> {
  words ??= import('../../../shared/wordlists/eff-large-wordlist.txt?raw')
    .then((module) => parseDicewareList(module.default))
    .catch((error: unknown) => {
      words = null;
      throw error;
    });
  return words;
}
