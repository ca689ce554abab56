import { z } from 'zod';
import { FIELD_MAX } from './field-limits';
import { contextWords, isRepetitive, isSequential } from './password-patterns';

/**
 * The password rules both sides agree on (nexus-api.md, "Passwords"): NIST SP 800-63B-4 length,
 * no composition rules, no repetitive or sequential strings and no context words. The server also checks a breached-password list; the console checks only
 * what it can know offline, so a queued password can still be rejected later (and is shown).
 */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordRuleViolation =
  | { rule: 'too_short'; message: string }
  | { rule: 'too_long'; message: string }
  | { rule: 'contains_email'; message: string }
  | { rule: 'contains_product_name'; message: string }
  | { rule: 'repetitive'; message: string }
  | { rule: 'sequential'; message: string }
  | { rule: 'contains_context_word'; message: string };

/** Counts Unicode code points, as NIST asks, not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password].length;
}

export function checkPasswordRules(password: string, email?: string): PasswordRuleViolation | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return { rule: 'too_short', message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { rule: 'too_long', message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  const lower = password.toLowerCase();
  const localPart = email?.split('@')[0]?.trim().toLowerCase() ?? '';
  if (localPart.length >= 3 && lower.includes(localPart)) {
    return { rule: 'contains_email', message: 'The password must not contain the email address.' };
  }
  if (lower.includes('nexus')) {
    return { rule: 'contains_product_name', message: 'The password must not contain the word "nexus".' };
  }
  const context = contextWords(email).find((word) => lower.includes(word));
  if (context) {
    return {
      rule: 'contains_context_word',
      message: `Context word: the password must not contain "${context}", a word of this organisation's context.`,
    };
  }
  if (isRepetitive(password)) {
    return {
      rule: 'repetitive',
      message: 'Repetitive: the password must not be a few characters repeated (like "aaaa…" or "abcabc…").',
    };
  }
  if (isSequential(password)) {
    return {
      rule: 'sequential',
      message:
        'Sequential: the password must not run along the alphabet, digits or keyboard (like "abcd…", "1234…", "qwerty…").',
    };
  }
  return null;
}

/**
 * The policy as a zod refinement, so a form or contract schema holding a password carries it:
 * `z.string().superRefine(passwordRules(email))`. The email is the account's, when known. An
 * empty password is left to the schema's own `min(1)` ("Enter or generate a password"). On an
 * object holding both (a create), refine the object and name the field:
 * `.superRefine((v, ctx) => passwordRules(v.email, ['temporaryPassword'])(v.temporaryPassword, ctx))`.
 */
export function passwordRules(email?: string, path?: string[]) {
  return (password: string, ctx: z.RefinementCtx): void => {
    if (password === '') return;
    const violation = checkPasswordRules(password, email);
    if (violation)
      ctx.addIssue({
        code: 'custom',
        message: violation.message,
        params: { rule: violation.rule },
        ...(path && { path }),
      });
  };
}

/**
 * A temporary password as the contract takes it: entered, within `FIELD_MAX.password`, and held to
 * the policy for the account `email` (when known). The one schema every create and password
 * change uses: the contract's inputs, core's checks and the dialogs' forms.
 */
export function temporaryPasswordSchema(email?: string) {
  return enteredPasswordSchema.superRefine(passwordRules(email));
}

/** Entered and within bounds; the policy is added where the account's email is known. */
export const enteredPasswordSchema = z.string().min(1, 'Enter or generate a password').max(FIELD_MAX.password);
