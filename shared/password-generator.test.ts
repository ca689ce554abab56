import { describe, expect, it } from 'vitest';
import {
  GENERATED_PASSWORD_DEFAULT_LENGTH,
  defaultPasswordGeneratorOptions,
  generatePassword,
} from './password-generator';
import { checkPasswordRules } from './password-policy';

describe('generatePassword', () => {
  it('makes passwords of the default length that pass the shared rules', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect([...password]).toHaveLength(GENERATED_PASSWORD_DEFAULT_LENGTH);
      // "tom": the generator never uses o or O (look-alikes), so the local part cannot turn up by
      // chance ("ana" did in about 1 of 2,500 passwords: contains_email, a flaky 8 % per run).
      expect(checkPasswordRules(password, 'tom@example.com')).toBeNull();
    }
  });

  it('includes a character of every chosen set and none of the look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword({ ...defaultPasswordGeneratorOptions, length: 15 });
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^a-zA-Z0-9]/);
      expect(password).not.toMatch(/[Il1O0o|`'"]/);
    }
  });

  it('uses only the chosen sets', () => {
    const password = generatePassword({
      length: 64,
      lowercase: false,
      uppercase: false,
      digits: true,
      symbols: false,
      avoidLookAlikes: false,
    });
    expect(password).toMatch(/^[0-9]{64}$/);
  });

  it('does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 500 }, () => generatePassword()));
    expect(seen.size).toBe(500);
  });

  it('rejects lengths outside 15-64 and an empty character choice', () => {
    expect(() => generatePassword({ ...defaultPasswordGeneratorOptions, length: 14 })).toThrow(RangeError);
    expect(() => generatePassword({ ...defaultPasswordGeneratorOptions, length: 65 })).toThrow(RangeError);
    expect(() =>
      generatePassword({
        length: 20,
        lowercase: false,
        uppercase: false,
        digits: false,
        symbols: false,
        avoidLookAlikes: true,
      }),
    ).toThrow(RangeError);
  });
});
