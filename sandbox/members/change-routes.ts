import {
  changeRoleBodySchema,
  createMemberBodySchema,
  parseVersionEtag,
  PERMISSIONS,
  setPasswordBodySchema,
  versionEtag,
} from '../../shared/api';
import { requireAuth, type ApiRequest, type ApiResponse, type SandboxContext } from '../context';
import { nextSeq } from '../db/schema';
import { validate } from '../http/body';
import { ApiError } from '../http/problem';
import { commit } from '../idempotency';
import { hashPassword } from '../auth/password-hash';
import { assertStrongPassword } from '../auth/password-rules';
import { revokeUserSessions } from '../auth/sessions';
import { newId } from '../auth/tokens';
import { cancelInvitation, findPendingInvitationForMembership } from '../invitations/invitation-store';
import {
  findMemberRowByUser,
  getMemberRow,
  loadMember,
  toMember,
  touchMembership,
  type MemberRow,
} from './member-view';
import { requireGrantable } from './grant-rules';
import { activeOwnerCount, isOwnerRole, orgAccess, requireRole } from './org-access';
import { recordAudit, roleDetails } from '../audit/record-audit';

function memberResponse(ctx: SandboxContext, orgId: string, memberId: string, status: number): ApiResponse {
  const member = loadMember(ctx, orgId, memberId);
  return { status, body: member, headers: { ETag: versionEtag(member.version) } };
}

/** Why creating this email directly is refused, or the removed admin-created membership it re-adds. */
function createTarget(
  ctx: SandboxContext,
  orgId: string,
  email: string,
): { userId: string; member: MemberRow | null } | null {
  const user = ctx.db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string } | undefined;
  if (!user) return null;
  const member = findMemberRowByUser(ctx, orgId, user.id);
  if (member && !member.deleted && member.status !== 'removed') {
    throw new ApiError(409, 'already_member', `${email} is already in this organisation.`, {
      body: { member: toMember(member) },
    });
  }
  if (member && !member.deleted && member.origin === 'admin_created') return { userId: user.id, member };
  throw new ApiError(409, 'user_exists', `${email} already has a Nexus account. Invite them instead.`);
}

export async function createMember(ctx: SandboxContext, req: ApiRequest): Promise<ApiResponse> {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!, PERMISSIONS.membersManage);
  const body = validate(createMemberBodySchema, req.body);
  requireGrantable(access, requireRole(ctx, access.orgId, body.roleId));
  createTarget(ctx, access.orgId, body.email);
  assertStrongPassword(body.temporaryPassword, body.email);
  const hash = await hashPassword(body.temporaryPassword, ctx.scryptCost);
  return commit(ctx, req, () => {
    const target = createTarget(ctx, access.orgId, body.email);
    const now = ctx.now().toISOString();
    if (target?.member) {
      ctx.db
        .prepare('UPDATE users SET name = ?, password_hash = ?, must_change_password = 1 WHERE id = ?')
        .run(body.name, hash, target.userId);
      ctx.db
        .prepare(`UPDATE memberships SET status = 'active', role_id = ? WHERE id = ?`)
        .run(body.roleId, target.member.id);
      revokeUserSessions(ctx, target.userId);
      touchMembership(ctx, target.member.id);
      recordAudit(ctx, {
        orgId: access.orgId,
        action: 'member.created',
        actorUserId: access.userId,
        memberId: target.member.id,
        details: { ...roleDetails(ctx, body.roleId), readded: true },
        headers: req.headers,
      });
      return memberResponse(ctx, access.orgId, target.member.id, 201);
    }
    const userId = newId('usr');
    const memberId = newId('mem');
    ctx.db
      .prepare(
        'INSERT INTO users (id, email, name, password_hash, must_change_password, created_at) VALUES (?, ?, ?, ?, 1, ?)',
      )
      .run(userId, body.email, body.name, hash, now);
    ctx.db
      .prepare(
        `INSERT INTO memberships (id, org_id, user_id, role_id, status, origin, created_at, updated_at, version, seq)
         VALUES (?, ?, ?, ?, 'active', 'admin_created', ?, ?, 1, ?)`,
      )
      .run(memberId, access.orgId, userId, body.roleId, now, now, nextSeq(ctx.db));
    recordAudit(ctx, {
      orgId: access.orgId,
      action: 'member.created',
      actorUserId: access.userId,
      memberId,
      details: roleDetails(ctx, body.roleId),
      headers: req.headers,
    });
    return memberResponse(ctx, access.orgId, memberId, 201);
  });
}

export async function setMemberPassword(ctx: SandboxContext, req: ApiRequest): Promise<ApiResponse> {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!, PERMISSIONS.membersManage);
  const body = validate(setPasswordBodySchema, req.body);
  const target = getMemberRow(ctx, access.orgId, req.params.memberId!);
  if (target.origin !== 'admin_created' || target.status === 'removed') {
    throw new ApiError(
      403,
      'not_managed_account',
      'This account is not managed by your organisation: only its owner can change its password.',
    );
  }
  assertStrongPassword(body.password, target.email);
  const hash = await hashPassword(body.password, ctx.scryptCost);
  return commit(ctx, req, () => {
    ctx.db
      .prepare('UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ?')
      .run(hash, target.user_id);
    revokeUserSessions(ctx, target.user_id);
    touchMembership(ctx, target.id);
    recordAudit(ctx, {
      orgId: access.orgId,
      action: 'member.password_set',
      actorUserId: access.userId,
      memberId: target.id,
      headers: req.headers,
    });
    return { status: 204 };
  });
}

export function changeRole(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!, PERMISSIONS.membersManage);
  const body = validate(changeRoleBodySchema, req.body);
  const target = getMemberRow(ctx, access.orgId, req.params.memberId!);
  const ifMatch = req.headers['if-match'];
  if (ifMatch === undefined) {
    throw new ApiError(428, 'precondition_required', 'Send If-Match with the member version you last saw.');
  }
  const expected = parseVersionEtag(ifMatch);
  if (expected === null) {
    throw new ApiError(422, 'invalid_request', 'If-Match must be the member ETag, like "v3".', {
      errors: [{ path: 'If-Match', message: 'Expected "v<version>"' }],
    });
  }
  if (expected !== target.version) {
    throw new ApiError(
      412,
      'version_mismatch',
      'Someone changed this member since you loaded it. Review and try again.',
      {
        body: { member: toMember(target) },
        headers: { ETag: versionEtag(target.version) },
      },
    );
  }
  requireGrantable(access, requireRole(ctx, access.orgId, body.roleId), target.id);
  if (target.role_id === body.roleId) return memberResponse(ctx, access.orgId, target.id, 200);
  if (
    target.status === 'active' &&
    isOwnerRole(ctx, target.role_id) &&
    !isOwnerRole(ctx, body.roleId) &&
    activeOwnerCount(ctx, access.orgId) <= 1
  ) {
    throw new ApiError(409, 'last_owner', 'The organisation needs at least one owner. Make someone else owner first.');
  }
  return commit(ctx, req, () => {
    ctx.db.prepare('UPDATE memberships SET role_id = ? WHERE id = ?').run(body.roleId, target.id);
    touchMembership(ctx, target.id);
    recordAudit(ctx, {
      orgId: access.orgId,
      action: 'member.role_changed',
      actorUserId: access.userId,
      memberId: target.id,
      details: { ...roleDetails(ctx, body.roleId), ...roleDetails(ctx, target.role_id, 'previousRole') },
      headers: req.headers,
    });
    return memberResponse(ctx, access.orgId, target.id, 200);
  });
}

/** Removal keeps the membership row and its work; access ends at once because every call checks status. */
export function removeMember(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!, PERMISSIONS.membersManage);
  const target = getMemberRow(ctx, access.orgId, req.params.memberId!);
  if (target.id === access.membershipId) {
    throw new ApiError(409, 'cannot_remove_self', 'You cannot remove yourself. Ask another admin.');
  }
  if (target.status === 'active' && isOwnerRole(ctx, target.role_id) && activeOwnerCount(ctx, access.orgId) <= 1) {
    throw new ApiError(409, 'last_owner', 'The organisation needs at least one owner. Make someone else owner first.');
  }
  if (target.status === 'removed') return { status: 204 };
  return commit(ctx, req, () => {
    // Withdrawing an invitation this way is a cancellation (tombstone); a member is marked removed.
    const invitation = findPendingInvitationForMembership(ctx, target.id);
    if (invitation) cancelInvitation(ctx, invitation);
    else ctx.db.prepare(`UPDATE memberships SET status = 'removed' WHERE id = ?`).run(target.id);
    touchMembership(ctx, target.id);
    recordAudit(ctx, {
      orgId: access.orgId,
      action: invitation ? 'invitation.cancelled' : 'member.removed',
      actorUserId: access.userId,
      memberId: target.id,
      headers: req.headers,
    });
    return { status: 204 };
  });
}
