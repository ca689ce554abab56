import { INVITATION_TTL_MS } from '../../shared/api';
import type { SandboxContext } from '../context';
import { invitationMail, queueMail } from '../mail-outbox';
import { newId, randomToken, sha256Hex } from '../auth/tokens';

export interface InvitationRow {
  id: string;
  org_id: string;
  membership_id: string;
  state: 'pending' | 'accepted' | 'cancelled';
  inviter_user_id: string;
  was_removed: number;
  expires_at: string;
  last_sent_at: string;
  send_count: number;
}

function userName(ctx: SandboxContext, userId: string): string {
  const row = ctx.db.prepare('SELECT name, email FROM users WHERE id = ?').get(userId) as
    { name: string; email: string } | undefined;
  return row?.name || row?.email || 'Someone';
}

function mailInvitation(ctx: SandboxContext, invitationId: string, token: string): void {
  const row = ctx.db
    .prepare(
      `SELECT i.inviter_user_id, i.expires_at, u.email, o.name AS org_name FROM invitations i
       JOIN memberships m ON m.id = i.membership_id JOIN users u ON u.id = m.user_id JOIN orgs o ON o.id = i.org_id
       WHERE i.id = ?`,
    )
    .get(invitationId) as { inviter_user_id: string; expires_at: string; email: string; org_name: string };
  queueMail(
    ctx,
    invitationMail({
      publicUrl: ctx.publicUrl,
      token,
      to: row.email,
      orgName: row.org_name,
      inviterName: userName(ctx, row.inviter_user_id),
      expiresAt: row.expires_at,
    }),
  );
}

/** A pending invitation with a fresh single-use token (only its hash is kept), mailed at once. */
export function createInvitation(
  ctx: SandboxContext,
  input: { orgId: string; membershipId: string; inviterUserId: string; wasRemoved: boolean; sentAt?: Date },
): string {
  const token = randomToken('nxi');
  const sentAt = input.sentAt ?? ctx.now();
  const id = newId('inv');
  ctx.db
    .prepare(
      `INSERT INTO invitations (id, org_id, membership_id, token_hash, state, inviter_user_id, was_removed,
         expires_at, last_sent_at, send_count, created_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, 1, ?)`,
    )
    .run(
      id,
      input.orgId,
      input.membershipId,
      sha256Hex(token),
      input.inviterUserId,
      input.wasRemoved ? 1 : 0,
      new Date(sentAt.getTime() + INVITATION_TTL_MS).toISOString(),
      sentAt.toISOString(),
      sentAt.toISOString(),
    );
  mailInvitation(ctx, id, token);
  return id;
}

/** Replacing the token hash is what makes the previous link stop working. */
export function reissueInvitation(ctx: SandboxContext, invitationId: string): void {
  const token = randomToken('nxi');
  const now = ctx.now();
  ctx.db
    .prepare(
      `UPDATE invitations SET token_hash = ?, expires_at = ?, last_sent_at = ?, send_count = send_count + 1
       WHERE id = ?`,
    )
    .run(sha256Hex(token), new Date(now.getTime() + INVITATION_TTL_MS).toISOString(), now.toISOString(), invitationId);
  mailInvitation(ctx, invitationId, token);
}

export function findPendingInvitation(
  ctx: SandboxContext,
  orgId: string,
  invitationId: string,
): InvitationRow | undefined {
  return ctx.db
    .prepare(`SELECT * FROM invitations WHERE id = ? AND org_id = ? AND state = 'pending'`)
    .get(invitationId, orgId) as InvitationRow | undefined;
}

export function findPendingInvitationForMembership(
  ctx: SandboxContext,
  membershipId: string,
): InvitationRow | undefined {
  return ctx.db.prepare(`SELECT * FROM invitations WHERE membership_id = ? AND state = 'pending'`).get(membershipId) as
    InvitationRow | undefined;
}

export function findInvitationByToken(ctx: SandboxContext, token: string): InvitationRow | undefined {
  return ctx.db
    .prepare(`SELECT * FROM invitations WHERE token_hash = ? AND state = 'pending'`)
    .get(sha256Hex(token)) as InvitationRow | undefined;
}

/**
 * Cancelling gives a re-invited removed member back their removed state; a fresh invitee's
 * membership becomes a tombstone.
 */
export function cancelInvitation(ctx: SandboxContext, invitation: InvitationRow): void {
  ctx.db.prepare(`UPDATE invitations SET state = 'cancelled' WHERE id = ?`).run(invitation.id);
  if (invitation.was_removed) {
    ctx.db.prepare(`UPDATE memberships SET status = 'removed' WHERE id = ?`).run(invitation.membership_id);
  } else {
    ctx.db.prepare(`UPDATE memberships SET deleted = 1 WHERE id = ?`).run(invitation.membership_id);
  }
}
