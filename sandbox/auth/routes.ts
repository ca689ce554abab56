import { passwordChangeBodySchema, refreshBodySchema, signInBodySchema, type Me, type Session } from '../../shared/api';
import { requireAuth, type ApiRequest, type ApiResponse, type SandboxContext } from '../context';
import { validate } from '../http/body';
import { ApiError } from '../http/problem';
import { commit } from '../idempotency';
import { touchUserMemberships } from '../members/member-view';
import { toRole } from '../members/org-access';
import { hashPassword, verifyPassword } from './password-hash';
import { assertStrongPassword } from './password-rules';
import {
  createPasswordChangeToken,
  createSession,
  findPasswordChangeToken,
  refreshSession,
  revokeSession,
  spendPasswordChangeToken,
} from './sessions';
import { assertNotThrottled, clearFailures, recordFailure } from './throttle';

interface UserAuthRow {
  id: string;
  password_hash: string | null;
  must_change_password: number;
}

/** Unknown email and wrong password get the same answer, after the same scrypt work. */
export async function signIn(ctx: SandboxContext, req: ApiRequest): Promise<ApiResponse> {
  const body = validate(signInBodySchema, req.body);
  assertNotThrottled(ctx, body.email);
  const user = ctx.db
    .prepare('SELECT id, password_hash, must_change_password FROM users WHERE email = ?')
    .get(body.email) as UserAuthRow | undefined;
  const ok = await verifyPassword(body.password, user?.password_hash ?? null, ctx.scryptCost);
  if (!user || !ok) {
    recordFailure(ctx, body.email);
    throw new ApiError(401, 'invalid_credentials', 'The email or password is not right.');
  }
  clearFailures(ctx, body.email);
  if (user.must_change_password) {
    const passwordChangeToken = ctx.db.transaction(() => createPasswordChangeToken(ctx, user.id))();
    throw new ApiError(403, 'password_change_required', 'Choose your own password before you continue.', {
      body: { passwordChangeToken },
    });
  }
  // Sign-in is not idempotent-stored: a retry simply opens another session.
  return commit(ctx, null, () => {
    ctx.db.prepare('UPDATE users SET last_sign_in_at = ? WHERE id = ?').run(ctx.now().toISOString(), user.id);
    touchUserMemberships(ctx, user.id, false);
    const session: Session = createSession(ctx, user.id);
    return { status: 201, body: session };
  });
}

export async function changePassword(ctx: SandboxContext, req: ApiRequest): Promise<ApiResponse> {
  const body = validate(passwordChangeBodySchema, req.body);
  const { userId, email } = findPasswordChangeToken(ctx, body.passwordChangeToken);
  assertStrongPassword(body.newPassword, email);
  const current = ctx.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as {
    password_hash: string | null;
  };
  if (await verifyPassword(body.newPassword, current.password_hash ?? null, ctx.scryptCost)) {
    throw new ApiError(422, 'weak_password', 'Choose a password different from the temporary one.', {
      body: { rule: 'same_as_temporary' },
    });
  }
  const hash = await hashPassword(body.newPassword, ctx.scryptCost);
  return commit(ctx, req, () => {
    spendPasswordChangeToken(ctx, body.passwordChangeToken);
    ctx.db
      .prepare('UPDATE users SET password_hash = ?, must_change_password = 0, last_sign_in_at = ? WHERE id = ?')
      .run(hash, ctx.now().toISOString(), userId);
    touchUserMemberships(ctx, userId, true);
    return { status: 201, body: createSession(ctx, userId) };
  });
}

export function refresh(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const body = validate(refreshBodySchema, req.body);
  let reuse: ApiError | null = null;
  const response = commit(ctx, req, () => {
    try {
      return { status: 200, body: refreshSession(ctx, body.refreshToken) };
    } catch (error) {
      // Reuse revokes the family; that must commit even though the answer is an error.
      if (error instanceof ApiError && error.code === 'refresh_token_reused') {
        reuse = error;
        return { status: error.status };
      }
      throw error;
    }
  });
  if (reuse) throw reuse;
  return response;
}

export function signOut(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const auth = requireAuth(req);
  return commit(ctx, req, () => {
    revokeSession(ctx, auth.sessionId);
    return { status: 204 };
  });
}

export function getMe(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const auth = requireAuth(req);
  const user = ctx.db.prepare('SELECT id, email, name FROM users WHERE id = ?').get(auth.userId) as Me['user'];
  const rows = ctx.db
    .prepare(
      `SELECT o.id AS org_id, o.name AS org_name, r.id, r.name, r.builtin, r.permissions
       FROM memberships m JOIN orgs o ON o.id = m.org_id JOIN roles r ON r.id = m.role_id
       WHERE m.user_id = ? AND m.status = 'active' AND m.deleted = 0 ORDER BY o.name`,
    )
    .all(auth.userId) as {
    org_id: string;
    org_name: string;
    id: string;
    name: string;
    builtin: number;
    permissions: string;
  }[];
  const me: Me = {
    user,
    memberships: rows.map((row) => {
      const role = toRole(row);
      return { org: { id: row.org_id, name: row.org_name }, role, permissions: role.permissions };
    }),
  };
  return { status: 200, body: me };
}
