import type { z } from 'zod';
import { fieldErrorsFromZod } from '../../../shared/contract/errors';
import type { OrgSummary } from '../../../shared/contract/session';
import { granterOf, grantRefusal, OWN_ROLE_REFUSAL } from '../../../shared/role-grants';
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

/**
 * An input checked again by a contract schema that needs what only core knows (the member's email
 * for the password policy: `setPasswordInputFor`): its issues become an input error, each on its
 * field under `prefix`, worded by the schema. The dispatcher maps the table's own schemas the same way.
 */
export function requireValid<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = fieldErrorsFromZod(parsed.error).map((field) => ({
    ...field,
    path: prefix && field.path === '(input)' ? prefix : `${prefix}${prefix && '.'}${field.path}`,
  }));
  throw consoleError('invalid_input', fields[0]!.message, fields);
}

/**
 * Who may grant what (shared/role-grants.ts, the rule the server and the role pickers use), checked
 * before a change is queued, so an admin working offline hears at once that they cannot grant a
 * role rather than the server refusing it at the next sync. Unchecked while roles are unknown.
 */
export function requireGrantable(cache: CacheStore, org: OrgSummary, roleId: string, path: string): void {
  const roles = cache.roles(org.id);
  const role = roles.find((candidate) => candidate.id === roleId);
  if (!role) return;
  const refusal = grantRefusal(granterOf(roles, org), role);
  if (refusal) throw consoleError('grant_not_allowed', refusal.message, [{ path, message: refusal.message }]);
}

/** Nobody changes their own role: the server refuses it, so the console does not queue it. */
export function requireNotOwnRole(memberEmail: string, adminEmail: string, path: string): void {
  if (memberEmail.toLowerCase() === adminEmail.toLowerCase())
    throw consoleError('own_role_change', OWN_ROLE_REFUSAL.message, [{ path, message: OWN_ROLE_REFUSAL.message }]);
}
