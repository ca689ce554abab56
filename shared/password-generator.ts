import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

export const GENERATED_PASSWORD_MIN_LENGTH = PASSWORD_MIN_LENGTH;
export const GENERATED_PASSWORD_MAX_LENGTH = Math.min(64, PASSWORD_MAX_LENGTH);
export const GENERATED_PASSWORD_DEFAULT_LENGTH = 20;

export interface PasswordGeneratorOptions {
  length: number;
  lowercase: boolean;
  uppercase: boolean;
  digits: boolean;
  symbols: boolean;
  /** Drop characters that are easy to misread when a password is read out or copied by hand. */
  avoidLookAlikes: boolean;
  /** Words instead of characters (`shared/passphrase.ts`, the EFF list): easier to read out. */
  passphrase?: boolean;
}

export const defaultPasswordGeneratorOptions: PasswordGeneratorOptions = {
  length: GENERATED_PASSWORD_DEFAULT_LENGTH,
  lowercase: true,
  uppercase: true,
  digits: true,
  symbols: true,
  avoidLookAlikes: true,
};

const SETS = {
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  symbols: '!#$%&*+-=?@^_~',
} as const;
const LOOK_ALIKES = new Set('Il1O0o|`\'"');

function pool(set: string, avoidLookAlikes: boolean): string {
  return avoidLookAlikes ? [...set].filter((c) => !LOOK_ALIKES.has(c)).join('') : set;
}

/** Unbiased index in [0, max) from the platform CSPRNG (rejection sampling, no modulo bias). */
export function randomIndex(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buffer = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buffer);
    const value = buffer[0]!;
    if (value < limit) return value % max;
  }
}

/**
 * A random password with at least one character of each chosen set, never containing "nexus"
 * (a server rule), placed in a random order.
 */
export function generatePassword(options: PasswordGeneratorOptions = defaultPasswordGeneratorOptions): string {
  const length = Math.round(options.length);
  if (!(length >= GENERATED_PASSWORD_MIN_LENGTH && length <= GENERATED_PASSWORD_MAX_LENGTH)) {
    throw new RangeError(
      `Length must be between ${GENERATED_PASSWORD_MIN_LENGTH} and ${GENERATED_PASSWORD_MAX_LENGTH}.`,
    );
  }
  const chosen = (Object.keys(SETS) as (keyof typeof SETS)[])
    .filter((key) => options[key])
    .map((key) => pool(SETS[key], options.avoidLookAlikes));
  if (chosen.length === 0) throw new RangeError('Choose at least one character set.');
  const all = chosen.join('');
  for (;;) {
    const chars = chosen.map((set) => set[randomIndex(set.length)]!);
    while (chars.length < length) chars.push(all[randomIndex(all.length)]!);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomIndex(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (!password.toLowerCase().includes('nexus')) return password;
  }
}
