import { describe, expect, it } from 'vitest';
import { checkPasswordRules, passwordLength } from './password-policy';

describe('checkPasswordRules', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(passwordLength('😀😀😀')).toBe(3);
    expect(checkPasswordRules('😀'.repeat(14))?.rule).toBe('too_short');
    expect(checkPasswordRules('😀'.repeat(15))).toBeNull();
  });

  it('enforces 15 to 128 characters', () => {
    expect(checkPasswordRules('a'.repeat(14) + 'Z')).toBeNull();
    expect(checkPasswordRules('abcdefghijklmn')?.rule).toBe('too_short');
    expect(checkPasswordRules('x'.repeat(128))).toBeNull();
    expect(checkPasswordRules('x'.repeat(129))?.rule).toBe('too_long');
  });

  it('refuses the email local part and the product name, in any case', () => {
    expect(checkPasswordRules('my-Ana.Silva-password!', 'ana.silva@example.com')?.rule).toBe('contains_email');
    expect(checkPasswordRules('correct horse NeXuS battery')?.rule).toBe('contains_product_name');
    expect(checkPasswordRules('correct horse battery staple', 'ana@example.com')).toBeNull();
  });
});
