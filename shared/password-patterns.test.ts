import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRepetitive, isSequential } from './password-patterns';

/**
 * The pattern rules were made cheaper (a CSV import checks 5,000 passwords in the preview and
 * again in core): they must judge every password exactly as the first versions did, kept here
 * as the reference.
 */

const seed = Number(process.env.NEXUS_PROPERTY_SEED ?? Date.now() % 100_000);
const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];

function referenceRepetitive(password: string): boolean {
  const chars = [...password.toLowerCase()];
  if (new Set(chars).size < 4) return true;
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.every((char, index) => char === chars[index % size])) return true;
  }
  return false;
}

function referenceSteps(a: string, b: string): boolean {
  return SEQUENCES.some((sequence) => {
    const i = sequence.indexOf(a);
    if (i < 0) return false;
    const next = sequence[(i + 1) % sequence.length];
    const previous = sequence[(i - 1 + sequence.length) % sequence.length];
    return b === next || b === previous;
  });
}

function referenceSequential(password: string): boolean {
  const chars = [...password.toLowerCase()];
  let along = 0;
  for (let i = 1; i < chars.length; i++) if (referenceSteps(chars[i - 1]!, chars[i]!)) along++;
  return chars.length > 1 && along / (chars.length - 1) >= 0.8;
}

/** Passwords near the rules' edges: runs along the sequences (with wraps and the doubled "0"), repeats, anything. */
const alongSequence = fc
  .tuple(fc.constantFrom(...SEQUENCES), fc.nat(), fc.integer({ min: 2, max: 40 }), fc.boolean(), fc.boolean())
  .map(([sequence, start, length, backwards, upper]) => {
    let out = '';
    for (let i = 0; i < length; i++) {
      const at = (((backwards ? start - i : start + i) % sequence.length) + sequence.length) % sequence.length;
      out += sequence[at];
    }
    return upper ? out.toUpperCase() : out;
  });
const repeated = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }),
    fc.integer({ min: 1, max: 8 }),
    fc.string({ maxLength: 2 }),
  )
  .map(([unit, times, tail]) => unit.repeat(times) + tail);
const password = fc.oneof(
  alongSequence,
  repeated,
  fc.tuple(alongSequence, fc.string({ maxLength: 4, unit: 'grapheme' }), alongSequence).map(([a, b, c]) => a + b + c),
  fc.string({ maxLength: 40, unit: fc.constantFrom(...'0123456789abcdeqwaszxAZ9-_ ') }),
  fc.string({ maxLength: 40, unit: 'grapheme' }),
  fc.string({ maxLength: 40, unit: 'binary' }),
);

describe('password patterns', () => {
  it(`judge every password as the reference does (seed ${seed})`, () => {
    let sequential = 0;
    let repetitive = 0;
    fc.assert(
      fc.property(password, (candidate) => {
        const isSeq = referenceSequential(candidate);
        const isRep = referenceRepetitive(candidate);
        if (isSeq) sequential++;
        if (isRep) repetitive++;
        expect(isSequential(candidate)).toBe(isSeq);
        expect(isRepetitive(candidate)).toBe(isRep);
      }),
      { seed, numRuns: 5_000 },
    );
    // The generators do reach both sides of both rules (else the property says little).
    expect(sequential).toBeGreaterThan(250);
    expect(repetitive).toBeGreaterThan(250);
  });

  it('keeps the edges the reference has', () => {
    // "0" steps to "1" and to the "0" closing "01234567890"; "9" wraps to "0"; keyboard rows either way.
    expect(isSequential('0000000000')).toBe(true);
    expect(isSequential('9012345678')).toBe(true);
    expect(isSequential('poiuytrewq')).toBe(true);
    expect(isSequential('azazazazaz')).toBe(true);
    expect(isSequential('Cohort-Term-1-Walnut-Anchor')).toBe(false);
    expect(isRepetitive('abcabcabcabcabc')).toBe(true);
    expect(isRepetitive('abcabcabcabcabd')).toBe(false);
  });
});
