import { checkPasswordRules } from '../../../shared/password-policy';
import type { CacheStore } from '../cache/cache-store';
import { consoleError } from '../errors';

/**
 * The checks a queued change passes before it is written, shared by new changes
 * (`members-service.ts`) and edits of rejected ones (`sync/outbox-commands.ts`).
 */

/** The role's name; an unknown role id is an input error on `path` (unchecked while roles are unknown). */
export function requireKnownRole(cache: CacheStore, orgId: string, roleId: string, path: string): string {
  const roles = cache.roles(orgId);
  const role = roles.find((candidate) => candidate.id === roleId);
  if (roles.length > 0 && !role)
    throw consoleError('invalid_input', 'Choose one of the organisation’s roles.', [{ path, message: 'Unknown role' }]);
  return role?.name ?? roleId;
}

/** The password policy, as an input error on `path`. */
export function requirePasswordRules(password: string, email: string | undefined, path: string): void {
  const violation = checkPasswordRules(password, email);
  if (violation) throw consoleError('invalid_input', violation.message, [{ path, message: violation.message }]);
}
