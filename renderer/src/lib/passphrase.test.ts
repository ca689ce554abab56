import { describe, expect, it } from 'vitest';
import { generatePassphrase, PASSPHRASE_MIN_WORDS } from '../../../shared/passphrase';
import { checkPasswordRules } from '../../../shared/password-policy';
import { loadStrengthChecker } from './password-strength';
import { loadWordList } from './word-list';

describe('read-aloud passphrases from the EFF large list', () => {
  it('the checked-in list is the whole EFF list; passphrases meet the policy and the meter calls them strong', async () => {
    const words = await loadWordList();
    expect(words).toHaveLength(7776);
    expect(words[0]).toBe('abacus');
    expect(words.at(-1)).toBe('zoom');
    const strength = await loadStrengthChecker();
    const email = 'ana.lopez@acme.test';
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const phrase = generatePassphrase(words, { email });
      seen.add(phrase);
      const parts = phrase.split('-');
      expect(parts.length).toBeGreaterThanOrEqual(6);
      expect(checkPasswordRules(phrase, email)).toBeNull();
      expect(strength(phrase, [email]).score).toBeGreaterThanOrEqual(3);
    }
    expect(seen.size).toBe(50);
    expect(() => generatePassphrase(words, { count: PASSPHRASE_MIN_WORDS - 1 })).toThrow(RangeError);
    // A word the policy refuses for this account (its domain word) is never in the phrase.
    const only = [...Array<string>(500).fill('acme'), ...words.slice(0, 500)];
    for (let i = 0; i < 20; i++) expect(generatePassphrase(only, { email })).not.toContain('acme');
  });
});
