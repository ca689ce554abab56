import { INVITATION_RESEND_INTERVAL_MS, inviteBodySchema, PERMISSIONS, versionEtag } from '../../shared/api';
import { requireAuth, type ApiRequest, type ApiResponse, type SandboxContext } from '../context';
import { nextSeq } from '../db/schema';
import { validate } from '../http/body';
import { ApiError, notFound } from '../http/problem';
import { commit } from '../idempotency';
import { newId } from '../auth/tokens';
import { findMemberRowByUser, loadMember, toMember, touchMembership } from '../members/member-view';
import { requireGrantable } from '../members/grant-rules';
import { orgAccess, requireRole } from '../members/org-access';
import { cancelInvitation, createInvitation, findPendingInvitation, reissueInvitation } from './invitation-store';
import { recordAudit, roleDetails } from '../audit/record-audit';

function memberResponse(ctx: SandboxContext, orgId: string, memberId: string, status: number): ApiResponse {
  const member = loadMember(ctx, orgId, memberId);
  return { status, body: member, headers: { ETag: versionEtag(member.version) } };
}

/** Invites a new or existing Nexus user; a removed member comes back on the same membership, work intact. */
export function invite(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!, PERMISSIONS.membersManage);
  const body = validate(inviteBodySchema, req.body);
  requireGrantable(access, requireRole(ctx, access.orgId, body.roleId));
  return commit(ctx, req, () => {
    const now = ctx.now().toISOString();
    let user = ctx.db.prepare('SELECT id FROM users WHERE email = ?').get(body.email) as { id: string } | undefined;
    if (!user) {
      user = { id: newId('usr') };
      ctx.db
        .prepare('INSERT INTO users (id, email, name, created_at) VALUES (?, ?, ?, ?)')
        .run(user.id, body.email, '', now);
    }
    const existing = findMemberRowByUser(ctx, access.orgId, user.id);
    let membershipId: string;
    let wasRemoved = false;
    if (existing && !existing.deleted && existing.status === 'active') {
      throw new ApiError(409, 'already_member', `${body.email} is already a member of this organisation.`, {
        body: { member: toMember(existing) },
      });
    } else if (existing && !existing.deleted && existing.status === 'invited') {
      throw new ApiError(409, 'already_invited', `${body.email} already has a pending invitation. Resend it instead.`, {
        body: { member: toMember(existing) },
      });
    } else if (existing) {
      wasRemoved = existing.status === 'removed' && !existing.deleted;
      ctx.db
        .prepare(
          `UPDATE memberships SET status = 'invited', origin = 'invitation', role_id = ?, deleted = 0 WHERE id = ?`,
        )
        .run(body.roleId, existing.id);
      touchMembership(ctx, existing.id);
      membershipId = existing.id;
    } else {
      membershipId = newId('mem');
      ctx.db
        .prepare(
          `INSERT INTO memberships (id, org_id, user_id, role_id, status, origin, created_at, updated_at, version, seq)
           VALUES (?, ?, ?, ?, 'invited', 'invitation', ?, ?, 1, ?)`,
        )
        .run(membershipId, access.orgId, user.id, body.roleId, now, now, nextSeq(ctx.db));
    }
    createInvitation(ctx, { orgId: access.orgId, membershipId, inviterUserId: access.userId, wasRemoved });
    recordAudit(ctx, {
      orgId: access.orgId,
      action: 'member.invited',
      actorUserId: access.userId,
      memberId: membershipId,
      details: { ...roleDetails(ctx, body.roleId), ...(wasRemoved ? { readded: true } : {}) },
      headers: req.headers,
    });
    return memberResponse(ctx, access.orgId, membershipId, 201);
  });
}

export function resendInvitation(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!, PERMISSIONS.membersManage);
  const invitation = findPendingInvitation(ctx, access.orgId, req.params.invitationId!);
  if (!invitation) throw notFound('pending invitation');
  const wait = Date.parse(invitation.last_sent_at) + INVITATION_RESEND_INTERVAL_MS - ctx.now().getTime();
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new ApiError(429, 'rate_limited', `This invitation was just sent. Resend it again in ${seconds} seconds.`, {
      headers: { 'Retry-After': String(seconds) },
    });
  }
  return commit(ctx, req, () => {
    reissueInvitation(ctx, invitation.id);
    touchMembership(ctx, invitation.membership_id);
    recordAudit(ctx, {
      orgId: access.orgId,
      action: 'invitation.resent',
      actorUserId: access.userId,
      memberId: invitation.membership_id,
      headers: req.headers,
    });
    return memberResponse(ctx, access.orgId, invitation.membership_id, 200);
  });
}

export function deleteInvitation(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!, PERMISSIONS.membersManage);
  const invitation = findPendingInvitation(ctx, access.orgId, req.params.invitationId!);
  if (!invitation) throw notFound('pending invitation');
  return commit(ctx, req, () => {
    cancelInvitation(ctx, invitation);
    touchMembership(ctx, invitation.membership_id);
    recordAudit(ctx, {
      orgId: access.orgId,
      action: 'invitation.cancelled',
      actorUserId: access.userId,
      memberId: invitation.membership_id,
      headers: req.headers,
    });
    return { status: 204 };
  });
}
