import type { SessionStatus } from '../../../shared/contract/session';
import type { SignOutCheck, SignOutInput } from '../../../shared/contract/sign-out';
import type { CoreContext } from '../context';
import { consoleError } from '../errors';
import { discardEntry } from '../members/queued-changes';
import { revokeOnServer } from './revocation';

/**
 * Sign-out, as the admin is asked about it (shared/contract/sign-out.ts): queued changes are
 * kept or discarded on the admin's word, never silently; the session is revoked on the server
 * now or, offline, at the next chance; this computer's copy of the org's data goes if asked.
 */
export function signOutCheck(ctx: CoreContext): SignOutCheck {
  const account = ctx.session.accountKey;
  const counts = account ? ctx.local.outboxCounts(account) : { queued: 0, needsAttention: 0 };
  return {
    queued: counts.queued,
    needsAttention: counts.needsAttention,
    offline: ctx.session.isOffline,
    orgNames: ctx.session.orgs().map((org) => org.name),
  };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export async function signOut(ctx: CoreContext, input: SignOutInput = {}): Promise<SessionStatus> {
  const account = ctx.session.accountKey;
  const open = account ? ctx.local.openOutbox(account) : [];
  if (open.length > 0 && !input.queuedChanges) {
    const message = `${plural(open.length, 'change is', 'changes are')} not sent yet. Choose to keep them (they are sent after you sign in again) or to discard them.`;
    throw consoleError('confirmation_required', message, [{ path: 'queuedChanges', message }]);
  }
  if (input.queuedChanges === 'discard' && open.length > 0) {
    if (open.some((row) => row.state === 'sending'))
      throw consoleError('busy', 'A change is being sent right now. Try again in a moment.');
    // Newest first: discarding an invite also drops what was queued behind it.
    for (const row of [...open].reverse()) if (ctx.local.getOutbox(row.id)) await discardEntry(ctx, row.id);
  }

  const ended = await ctx.session.endSession();
  if (ended) {
    let outcome: Awaited<ReturnType<typeof revokeOnServer>> = 'unreachable';
    if (!ended.offline) {
      try {
        outcome = await revokeOnServer(ctx.session.client(ended.serverUrl), ended);
      } catch {
        outcome = 'already_ended';
        ctx.logger.warn('sign out: the server could not revoke the session');
      }
    }
    if (outcome === 'unreachable' && ended.refreshToken) {
      await ctx.revocations.add(ended.serverUrl, ended.email, ended.refreshToken).catch(() => {
        ctx.logger.warn('sign out: the keychain could not keep the session to revoke later');
      });
    }
  }
  if (input.removeLocalData && account) {
    await ctx.cache.writable();
    removeLocalCopy(ctx, account);
  }
  ctx.notifyChanged(null);
  return ctx.session.status();
}

/**
 * This computer's copy of the org's data: the cache (orgs, roles, members), this account's local
 * activity history and sent changes, and the remembered account. Changes the admin chose to keep
 * stay in the outbox. VACUUM and a WAL truncate so the bytes leave the files, not only the tables.
 */
function removeLocalCopy(ctx: CoreContext, account: string): void {
  ctx.cache.clearAll();
  ctx.local.forgetAccount(account);
  ctx.cache.compact();
  ctx.local.compact();
  ctx.logger.info('sign out: removed this computer’s copy of the org data');
}
