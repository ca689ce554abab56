import { acceptInvitationBodySchema, type AcceptInvitationBody, type PublicInvitation } from '../../shared/api';
import type { ApiRequest, ApiResponse, SandboxContext } from '../context';
import { validate } from '../http/body';
import { ApiError } from '../http/problem';
import { commit } from '../idempotency';
import { hashPassword, verifyPassword } from '../auth/password-hash';
import { assertStrongPassword } from '../auth/password-rules';
import { assertNotThrottled, clearFailures, recordFailure } from '../auth/throttle';
import { touchMembership } from '../members/member-view';
import { findInvitationByToken, type InvitationRow } from './invitation-store';
import { recordAudit } from '../audit/record-audit';

interface InvitationContext {
  invitation: InvitationRow;
  userId: string;
  email: string;
  orgName: string;
  inviterName: string;
  passwordHash: string | null;
}

/** Unknown, used, cancelled and superseded tokens all look the same: 404. */
function resolve(ctx: SandboxContext, token: string): InvitationContext {
  const invitation = findInvitationByToken(ctx, token);
  if (!invitation) throw new ApiError(404, 'not_found', 'This invitation link is not valid. Ask for a new invitation.');
  if (Date.parse(invitation.expires_at) <= ctx.now().getTime()) {
    throw new ApiError(
      410,
      'invitation_expired',
      'This invitation has expired. Ask the person who invited you to resend it.',
    );
  }
  const row = ctx.db
    .prepare(
      `SELECT u.id AS user_id, u.email, u.password_hash, o.name AS org_name,
         COALESCE(NULLIF(iu.name, ''), iu.email) AS inviter_name
       FROM memberships m JOIN users u ON u.id = m.user_id JOIN orgs o ON o.id = m.org_id
       JOIN users iu ON iu.id = ? WHERE m.id = ?`,
    )
    .get(invitation.inviter_user_id, invitation.membership_id) as {
    user_id: string;
    email: string;
    password_hash: string | null;
    org_name: string;
    inviter_name: string;
  };
  return {
    invitation,
    userId: row.user_id,
    email: row.email,
    orgName: row.org_name,
    inviterName: row.inviter_name,
    passwordHash: row.password_hash,
  };
}

export function describeInvitation(ctx: SandboxContext, token: string): PublicInvitation {
  const found = resolve(ctx, token);
  return {
    orgName: found.orgName,
    email: found.email,
    inviterName: found.inviterName,
    expiresAt: found.invitation.expires_at,
    accountExists: found.passwordHash !== null,
  };
}

export interface AcceptResult {
  orgName: string;
  email: string;
  status: 'active';
}

/** Existing accounts prove themselves with their password; new ones choose a name and a password. */
export async function acceptInvitation(
  ctx: SandboxContext,
  req: Pick<ApiRequest, 'idempotency' | 'headers'> | null,
  token: string,
  input: AcceptInvitationBody,
): Promise<ApiResponse & { body: AcceptResult }> {
  const found = resolve(ctx, token);
  let newHash: string | null = null;
  if (found.passwordHash !== null) {
    assertNotThrottled(ctx, found.email);
    if (!(await verifyPassword(input.password, found.passwordHash, ctx.scryptCost))) {
      recordFailure(ctx, found.email);
      throw new ApiError(401, 'invalid_credentials', 'That is not the password of this Nexus account.');
    }
    clearFailures(ctx, found.email);
  } else {
    if (!input.name) {
      throw new ApiError(422, 'invalid_request', 'Enter your name to create your Nexus account.', {
        errors: [{ path: 'name', message: 'Enter your name' }],
      });
    }
    assertStrongPassword(input.password, found.email);
    newHash = await hashPassword(input.password, ctx.scryptCost);
  }
  const response = commit(ctx, req, () => {
    // The token may have been spent or superseded while the password was hashed.
    const again = findInvitationByToken(ctx, token);
    if (!again || again.id !== found.invitation.id) {
      throw new ApiError(404, 'not_found', 'This invitation link is not valid. Ask for a new invitation.');
    }
    ctx.db.prepare(`UPDATE invitations SET state = 'accepted' WHERE id = ?`).run(again.id);
    ctx.db.prepare(`UPDATE memberships SET status = 'active', deleted = 0 WHERE id = ?`).run(again.membership_id);
    if (newHash !== null) {
      ctx.db
        .prepare(
          'UPDATE users SET name = ?, password_hash = ?, must_change_password = 0 WHERE id = ? AND password_hash IS NULL',
        )
        .run(input.name, newHash, found.userId);
    }
    touchMembership(ctx, again.membership_id);
    recordAudit(ctx, {
      orgId: again.org_id,
      action: 'invitation.accepted',
      actorUserId: found.userId,
      memberId: again.membership_id,
      headers: req?.headers ?? {},
    });
    const body: AcceptResult = { orgName: found.orgName, email: found.email, status: 'active' };
    return { status: 200, body };
  });
  return response as ApiResponse & { body: AcceptResult };
}

export function getInvitation(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  return { status: 200, body: describeInvitation(ctx, req.params.token!) };
}

export function postAcceptInvitation(ctx: SandboxContext, req: ApiRequest): Promise<ApiResponse> {
  const body = validate(acceptInvitationBodySchema, req.body);
  return acceptInvitation(ctx, req, req.params.token!, body);
}
