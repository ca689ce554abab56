import { randomIndex } from './password-generator';
import { checkPasswordRules } from './password-policy';

/** Fewer words than this is too weak to read out: each EFF word adds ~12.9 bits. */
export const PASSPHRASE_MIN_WORDS = 5;
export const PASSPHRASE_DEFAULT_WORDS = 6;
export const PASSPHRASE_SEPARATOR = '-';

/** The words of a diceware list ("11111<TAB>abacus" per line), in order. */
export function parseDicewareList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split('\t')[1]?.trim() ?? '')
    .filter((word) => /^[a-z-]+$/.test(word));
}

/**
 * A passphrase of `count` words picked uniformly (CSPRNG) from the list, joined by hyphens: easy
 * to read over the phone and to type. Drawn again until it meets the password policy for this
 * email (a word that is part of the address or the org's name, say).
 */
export function generatePassphrase(words: readonly string[], options: { count?: number; email?: string } = {}): string {
  const count = Math.round(options.count ?? PASSPHRASE_DEFAULT_WORDS);
  if (!(count >= PASSPHRASE_MIN_WORDS && count <= 12)) throw new RangeError(`Use ${PASSPHRASE_MIN_WORDS} to 12 words.`);
  if (words.length < 1000) throw new RangeError('The word list is too short for a passphrase.');
  for (;;) {
    const phrase = Array.from({ length: count }, () => words[randomIndex(words.length)]!).join(PASSPHRASE_SEPARATOR);
    if (!checkPasswordRules(phrase, options.email)) return phrase;
  }
}
