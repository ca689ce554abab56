import type { HandedOverItem, HandedOverList } from '../../../shared/contract/handover';
import type { CoreContext } from '../context';
import { isLocalId } from '../local-store/outbox-ids';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Signed in since the credentials were handed over. A sign-in from before (a person re-created
 * or reset, who last signed in a year ago) says nothing about the password handed over now.
 */
export function signedInSince(
  member: { mustChangePassword: boolean; lastSignInAt: string | null },
  handedOverAt: string,
): boolean {
  if (member.mustChangePassword || member.lastSignInAt === null) return false;
  return Date.parse(member.lastSignInAt) >= Date.parse(handedOverAt);
}

/**
 * "Did it work?": each person this admin handed a password to, from the activity log's
 * `handover` lines (kept when the password is deleted; no secret in them) joined with the cached
 * member after sync. Signed in = they chose their own password (no must-change-password) and
 * signed in AFTER the handover; not signed in `followUpDays` after the handover = `overdue`.
 * A person no longer in the org (removed, or gone from the cache) is left out.
 */
export function handedOver(ctx: CoreContext, followUpDays: number): HandedOverList {
  const { account, org } = ctx.session.requireOrg();
  const now = ctx.now().getTime();
  const items: HandedOverItem[] = [];
  for (const record of ctx.local.handovers(account, org.id)) {
    const memberId = isLocalId(record.member_id)
      ? (ctx.local.resolveLocalId(record.member_id) ?? record.member_id)
      : record.member_id;
    const cached = ctx.cache.getMember(memberId);
    if (!cached || cached.orgId !== org.id || cached.member.status === 'removed') continue;
    const { member } = cached;
    const signedIn = signedInSince(member, record.at);
    const overdue = !signedIn && now - Date.parse(record.at) >= followUpDays * DAY_MS;
    items.push({
      memberId,
      email: member.email,
      name: member.name,
      handedOverAt: record.at,
      handedOverBy: record.actor_email,
      lastSignInAt: member.lastSignInAt,
      state: signedIn ? 'signedIn' : overdue ? 'overdue' : 'notSignedIn',
      canResend: !cached.local && member.status === 'active' && member.origin === 'admin_created',
    });
  }
  // The flagged first: they are the ones to act on.
  items.sort((a, b) => Number(b.state === 'overdue') - Number(a.state === 'overdue'));
  return { items, followUpDays };
}
