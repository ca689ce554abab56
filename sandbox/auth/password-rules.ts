import { dictionary } from '@zxcvbn-ts/language-common';
import { checkPasswordRules } from '../../shared/password-policy';
import { ApiError } from '../http/problem';

let blocklist: Set<string> | null = null;

/** The ~49,000 most common passwords zxcvbn-ts maintains, loaded once and compared lower-cased. */
export function commonPasswords(): Set<string> {
  if (!blocklist) {
    const list = (dictionary as Record<string, string[] | undefined>)['passwords-common'] ?? [];
    blocklist = new Set(list.map((word) => word.toLowerCase()));
  }
  return blocklist;
}

/**
 * A common password padded to length is still a common password: catch exact entries, an entry
 * repeated ("passwordpassword"), and an entry followed only by digits or symbols ("football2024!!!!").
 */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lower = password.toLowerCase();
  if (list.has(lower)) return true;
  for (let size = 3; size <= lower.length / 2; size++) {
    if (lower.length % size !== 0) continue;
    const unit = lower.slice(0, size);
    if (unit.repeat(lower.length / size) === lower && list.has(unit)) return true;
  }
  const stem = lower.replace(/[\d\W_]+$/u, '');
  return stem.length >= 4 && stem !== lower && list.has(stem);
}

/** Throws `422 weak_password` naming the rule that failed. */
export function assertStrongPassword(password: string, email: string): void {
  const violation = checkPasswordRules(password, email);
  if (violation) throw new ApiError(422, 'weak_password', violation.message, { body: { rule: violation.rule } });
  if (isCommonPassword(password)) {
    throw new ApiError(
      422,
      'weak_password',
      'This password is on the list of common or breached passwords. Choose a different one.',
      { body: { rule: 'common_password' } },
    );
  }
}
