import { describe, expect, it } from 'vitest';
import { generatePassword } from '../../shared/password-generator';
import { ApiError } from '../http/problem';
import { assertStrongPassword, commonPasswords, isCommonPassword } from './password-rules';

describe('password blocklist', () => {
  it('holds well over 10,000 common passwords from @zxcvbn-ts/language-common', () => {
    expect(commonPasswords().size).toBeGreaterThan(10_000);
    expect(commonPasswords().has('password')).toBe(true);
  });

  it('catches listed passwords, repeats and padded variants, case-insensitively', () => {
    for (const weak of [
      '1qaz2wsx3edc4rfv',
      'QWERTYUIOP12345',
      'passwordpassword',
      'dragondragondragon',
      'football2024!!!!!!',
      'Sunshine123456789',
    ]) {
      expect(isCommonPassword(weak), weak).toBe(true);
    }
    for (const fine of ['Quiet-Lantern-Orbit-Seven', 'correct horse battery staple']) {
      expect(isCommonPassword(fine), fine).toBe(false);
    }
  });

  it('never rejects what the console generator makes', () => {
    for (let i = 0; i < 200; i++)
      expect(() => assertStrongPassword(generatePassword(), 'someone@acme.test')).not.toThrow();
  });

  it('throws 422 weak_password naming the rule', () => {
    const failure = (password: string): ApiError => {
      try {
        assertStrongPassword(password, 'jordan@acme.test');
      } catch (error) {
        return error as ApiError;
      }
      throw new Error('expected a failure');
    };
    expect(failure('short').extra.body).toEqual({ rule: 'too_short' });
    expect(failure('jordan-likes-long-walks').extra.body).toEqual({ rule: 'contains_email' });
    expect(failure('my-nexus-account-pass').extra.body).toEqual({ rule: 'contains_product_name' });
    expect(failure('football2024!!!!!!').extra.body).toEqual({ rule: 'common_password' });
    expect(failure('football2024!!!!!!').status).toBe(422);
    // NIST SP 800-63B: repetitive and sequential strings and context words, each named.
    expect(failure('aaaaaaaaaaaaaaaa').extra.body).toEqual({ rule: 'repetitive' });
    expect(failure('passwordpassword').extra.body).toEqual({ rule: 'repetitive' });
    expect(failure('abcdefghijklmnopq').extra.body).toEqual({ rule: 'sequential' });
    expect(failure('the acme office key').extra.body).toEqual({ rule: 'contains_context_word' });
  });
});
