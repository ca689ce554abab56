/**
 * NIST SP 800-63B §3.1.1.2: refuse repetitive and sequential strings ("aaaaaa", "1234abcd") and
 * context-specific words. Whole-password judgements, so a passphrase that merely contains "123"
 * or "ee" is fine.
 */

/** Fewer distinct characters than this in a 15+ character password is a repetition ("aaaa…Z"). */
const MIN_DISTINCT = 4;
/** Share of neighbouring pairs that step along a sequence for the password to count as one. */
const SEQUENTIAL_SHARE = 0.8;
const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];

export function isRepetitive(password: string): boolean {
  const chars = [...password.toLowerCase()];
  if (new Set(chars).size < MIN_DISTINCT) return true;
  // One unit repeated over the whole password: "abcabcabcabcabc", "passpasspasspass".
  for (let size = 1; size <= chars.length / 2; size++) {
    let index = size;
    while (index < chars.length && chars[index] === chars[index % size]) index++;
    if (index === chars.length) return true;
  }
  return false;
}

/**
 * For each character of a sequence, the characters one step from it along any of them, either
 * way: from its first place in each sequence (so "0" steps to "1" and, in "01234567890", to the
 * "0" that ends it), wrapping at the ends. Built once: an import checks 5,000 passwords twice.
 */
const NEIGHBOURS: ReadonlyMap<string, string> = (() => {
  const neighbours = new Map<string, string>();
  for (const sequence of SEQUENCES)
    for (const char of new Set(sequence)) {
      const i = sequence.indexOf(char);
      const next = sequence[(i + 1) % sequence.length]!;
      const previous = sequence[(i - 1 + sequence.length) % sequence.length]!;
      neighbours.set(char, (neighbours.get(char) ?? '') + next + previous);
    }
  return neighbours;
})();

/** Whether `b` is one step from `a` along a sequence; both are single code points (ASCII only ever match). */
function steps(a: string, b: string): boolean {
  return NEIGHBOURS.get(a)?.includes(b) ?? false;
}

/** Mostly runs along the alphabet, the digits or a keyboard row, either way: "abcdef…", "qwerty…", "9876…". */
export function isSequential(password: string): boolean {
  const chars = [...password.toLowerCase()];
  let along = 0;
  for (let i = 1; i < chars.length; i++) if (steps(chars[i - 1]!, chars[i]!)) along++;
  return chars.length > 1 && along / (chars.length - 1) >= SEQUENTIAL_SHARE;
}

/** Words of the context a password must not contain: the service's names and the email's domain. */
export function contextWords(email?: string): string[] {
  const words = ['nexus', 'nexusadmin'];
  const domain = email?.split('@')[1]?.split('.')[0]?.trim().toLowerCase() ?? '';
  if (domain.length >= 4) words.push(domain);
  return words;
}
