import type { ImportLookupResult } from '../../../shared/contract/imports';
import type { CoreContext } from '../context';
import { NexusNetworkError } from '../nexus-client/nexus-api-error';
import { knownMembers } from './known-members';

const LOOKUP_CONCURRENCY = 4;

/**
 * The cached members a file names, and (online) which planned creates already have a Nexus
 * account elsewhere: those can only be invited. Offline, or if the server goes away midway, the
 * accounts are reported unchecked and sync will tell.
 */
export async function importLookup(
  ctx: CoreContext,
  input: { emails: string[]; checkAccounts: string[] },
): Promise<ImportLookupResult> {
  const { org } = ctx.session.requireOrg();
  const members = [...knownMembers(ctx, org.id, input.emails)].map(([email, member]) => ({ email, ...member }));
  const accounts: ImportLookupResult['accounts'] = { checked: false, existing: [], missing: [] };
  const pending = [...new Set(input.checkAccounts)];
  if (pending.length === 0 || ctx.session.isOffline) return { members, accounts };
  try {
    const worker = async () => {
      for (let email = pending.shift(); email !== undefined; email = pending.shift()) {
        const found = await ctx.session.authed((client, token) => client.lookupEmail(token, org.id, email!));
        (found.exists ? accounts.existing : accounts.missing).push(email);
      }
    };
    await Promise.all(Array.from({ length: LOOKUP_CONCURRENCY }, worker));
    accounts.checked = true;
  } catch (error) {
    if (!(error instanceof NexusNetworkError)) throw error;
    return { members, accounts: { checked: false, existing: [], missing: [] } };
  }
  return { members, accounts };
}
