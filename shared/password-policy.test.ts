import { describe, expect, it } from 'vitest';
import { checkPasswordRules, passwordLength } from './password-policy';

describe('checkPasswordRules', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(passwordLength('😀😀😀')).toBe(3);
    expect(checkPasswordRules('😀'.repeat(14))?.rule).toBe('too_short');
    expect(checkPasswordRules('😀🦊🌵🎈🍋'.repeat(3))?.rule).toBe('repetitive');
    expect(checkPasswordRules('😀🦊🌵🎈🍋🚲🎻🧩🪁🦉🍉🌋🛶🎲🧭')).toBeNull();
  });

  it('enforces 15 to 128 characters', () => {
    expect(checkPasswordRules('plum-vest-orbit')).toBeNull();
    expect(checkPasswordRules('abcdefghijklmn')?.rule).toBe('too_short');
    const long =
      'Sphinx of black quartz, judge my vow; pack my box with five dozen liquor jugs; how vexingly quick daft zebras jump over it!'.padEnd(
        128,
        '?',
      );
    expect(checkPasswordRules(long)).toBeNull();
    expect(checkPasswordRules(`${long}!`)?.rule).toBe('too_long');
  });

  it('refuses the email local part and the product name, in any case', () => {
    expect(checkPasswordRules('my-Ana.Silva-password!', 'ana.silva@example.com')?.rule).toBe('contains_email');
    expect(checkPasswordRules('correct horse NeXuS battery')?.rule).toBe('contains_product_name');
    expect(checkPasswordRules('correct horse battery staple', 'ana@example.com')).toBeNull();
  });

  it('refuses repetitive and sequential strings and context words, naming the rule (NIST SP 800-63B)', () => {
    expect(checkPasswordRules('a'.repeat(16))).toMatchObject({ rule: 'repetitive', message: /^Repetitive:/ });
    expect(checkPasswordRules('a'.repeat(14) + 'Z')?.rule).toBe('repetitive');
    expect(checkPasswordRules('abcabcabcabcabcabc')?.rule).toBe('repetitive');
    expect(checkPasswordRules('abcdefghijklmnop')).toMatchObject({ rule: 'sequential', message: /^Sequential:/ });
    expect(checkPasswordRules('9876543210987654')?.rule).toBe('sequential');
    expect(checkPasswordRules('qwertyuiopasdfgh')?.rule).toBe('sequential');
    expect(checkPasswordRules('my acme office chair', 'ana@acme.test')?.rule).toBe('contains_context_word');
    // Short runs inside a real passphrase are fine.
    expect(checkPasswordRules('abc lamp 123 river tune')).toBeNull();
  });
});
