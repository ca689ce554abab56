import type { LookupEmailResult } from '../../../shared/contract/members';
import type { CoreContext } from '../context';
import { NexusNetworkError } from '../nexus-client/nexus-api-error';

/**
 * Add Member's check as the email is typed: what the server knows of the address (an account?
 * a member here?) and the cached member, if any. Offline, it says it cannot check (the change
 * is checked when it syncs) and answers from the cache only.
 */
export async function lookupEmail(
  ctx: CoreContext,
  org: { id: string; name: string },
  email: string,
): Promise<LookupEmailResult> {
  const fromCache = ctx.cache.findByEmail(org.id, email);
  const cachedMember = fromCache && !fromCache.local ? fromCache.member : null;
  const member = cachedMember
    ? {
        id: cachedMember.id,
        name: cachedMember.name,
        status: cachedMember.status,
        origin: cachedMember.origin,
        work: cachedMember.work,
        invitationLastSentAt: cachedMember.invitation?.lastSentAt ?? null,
      }
    : null;
  try {
    const found = await ctx.session.authed((client, token) => client.lookupEmail(token, org.id, email));
    const inOrg = found.memberStatus === 'active' || found.memberStatus === 'invited';
    return {
      checked: true,
      exists: found.exists,
      memberStatus: found.memberStatus,
      canCreate: !found.exists,
      canInvite: !inOrg,
      message: inOrg
        ? `${email} is already ${found.memberStatus === 'active' ? 'a member' : 'invited'}.`
        : found.memberStatus === 'removed'
          ? `${email} was removed from ${org.name}. Re-add them to give their access back.`
          : found.exists
            ? `${email} already has a Nexus account: invite them.`
            : null,
      member,
    };
  } catch (error) {
    if (!(error instanceof NexusNetworkError)) throw error;
    const status = fromCache && !fromCache.local ? fromCache.member.status : null;
    return {
      checked: false,
      exists: null,
      memberStatus: status,
      canCreate: true,
      canInvite: status !== 'active' && status !== 'invited',
      message:
        'You are offline, so the console cannot check whether this email already has a Nexus account. The change will be checked when it syncs.',
      member,
    };
  }
}
