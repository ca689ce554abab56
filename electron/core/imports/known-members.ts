import type { KnownMember } from '../../../shared/csv/validate-import';
import type { CoreContext } from '../context';

/** What the cache knows about a file's addresses (one statement in CacheStore), by address. */
export function knownMembers(ctx: CoreContext, orgId: string, emails: readonly string[]): Map<string, KnownMember> {
  const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
  const found = new Map<string, KnownMember>();
  if (wanted.length === 0) return found;
  for (const row of ctx.cache.membersByEmails(orgId, wanted))
    found.set(row.email, { status: row.status, origin: row.origin, queued: row.local });
  return found;
}
