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
    if (chars.every((char, index) => char === chars[index % size])) return true;
  }
  return false;
}

function steps(a: string, b: string): boolean {
  return SEQUENCES.some((sequence) => {
    const i = sequence.indexOf(a);
    if (i < 0) return false;
    const next = sequence[(i + 1) % sequence.length];
    const previous = sequence[(i - 1 + sequence.length) % sequence.length];
    return b === next || b === previous;
  });
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
