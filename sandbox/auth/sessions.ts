import type { IncomingHttpHeaders } from 'node:http';
import { ACCESS_TOKEN_TTL_MS, REFRESH_TOKEN_TTL_MS, type Session } from '../../shared/api';
import type { AuthenticatedUser, SandboxContext } from '../context';
import { ApiError } from '../http/problem';
import { newId, randomToken, sha256Hex } from './tokens';

export const PASSWORD_CHANGE_TOKEN_TTL_MS = 15 * 60 * 1000;

interface UserRow {
  id: string;
  email: string;
  name: string;
}

function userSummary(ctx: SandboxContext, userId: string): UserRow {
  return ctx.db.prepare('SELECT id, email, name FROM users WHERE id = ?').get(userId) as UserRow;
}

function issueTokens(ctx: SandboxContext, sessionId: string, userId: string): Session {
  const now = ctx.now().getTime();
  const accessToken = randomToken('nxa');
  const refreshToken = randomToken('nxr');
  const accessTokenExpiresAt = new Date(now + ACCESS_TOKEN_TTL_MS).toISOString();
  const refreshTokenExpiresAt = new Date(now + REFRESH_TOKEN_TTL_MS).toISOString();
  ctx.db
    .prepare('INSERT INTO access_tokens (token_hash, session_id, expires_at) VALUES (?, ?, ?)')
    .run(sha256Hex(accessToken), sessionId, accessTokenExpiresAt);
  ctx.db
    .prepare('INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES (?, ?, ?)')
    .run(sha256Hex(refreshToken), sessionId, refreshTokenExpiresAt);
  return { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, user: userSummary(ctx, userId) };
}

/** A new session family; call inside a transaction. */
export function createSession(ctx: SandboxContext, userId: string): Session {
  const sessionId = newId('ses');
  ctx.db
    .prepare('INSERT INTO sessions (id, user_id, created_at) VALUES (?, ?, ?)')
    .run(sessionId, userId, ctx.now().toISOString());
  return issueTokens(ctx, sessionId, userId);
}

/** Rotation: the presented token is spent; presenting a spent one again revokes its whole family. */
export function refreshSession(ctx: SandboxContext, refreshToken: string): Session {
  const row = ctx.db
    .prepare(
      `SELECT r.session_id, r.expires_at, r.used_at, s.user_id, s.revoked_at
       FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.token_hash = ?`,
    )
    .get(sha256Hex(refreshToken)) as
    | { session_id: string; expires_at: string; used_at: string | null; user_id: string; revoked_at: string | null }
    | undefined;
  const invalid = new ApiError(401, 'invalid_refresh_token', 'This session has ended. Sign in again.');
  if (!row || row.revoked_at) throw invalid;
  if (row.used_at) {
    revokeSession(ctx, row.session_id);
    // The revocation must survive the error response, so it is committed by the caller (see auth/routes.ts).
    throw new ApiError(
      401,
      'refresh_token_reused',
      'This refresh token was already used, so every session it belongs to has been signed out. Sign in again.',
    );
  }
  if (Date.parse(row.expires_at) <= ctx.now().getTime()) throw invalid;
  ctx.db
    .prepare('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?')
    .run(ctx.now().toISOString(), sha256Hex(refreshToken));
  return issueTokens(ctx, row.session_id, row.user_id);
}

export function revokeSession(ctx: SandboxContext, sessionId: string): void {
  ctx.db
    .prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
    .run(ctx.now().toISOString(), sessionId);
}

export function revokeUserSessions(ctx: SandboxContext, userId: string): void {
  ctx.db
    .prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
    .run(ctx.now().toISOString(), userId);
}

/** The bearer token's user, or `401 unauthorized` for a missing, unknown, expired or revoked token. */
export function authenticate(ctx: SandboxContext, headers: IncomingHttpHeaders): AuthenticatedUser {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (!match) throw new ApiError(401, 'unauthorized', 'Sign in first: this call needs a bearer access token.');
  const row = ctx.db
    .prepare(
      `SELECT a.session_id, a.expires_at, s.user_id, s.revoked_at
       FROM access_tokens a JOIN sessions s ON s.id = a.session_id WHERE a.token_hash = ?`,
    )
    .get(sha256Hex(match[1]!)) as
    { session_id: string; expires_at: string; user_id: string; revoked_at: string | null } | undefined;
  if (!row || row.revoked_at || Date.parse(row.expires_at) <= ctx.now().getTime()) {
    throw new ApiError(
      401,
      'unauthorized',
      'The access token is expired or no longer valid. Refresh or sign in again.',
    );
  }
  return { userId: row.user_id, sessionId: row.session_id };
}

export function createPasswordChangeToken(ctx: SandboxContext, userId: string): string {
  const token = randomToken('nxp');
  const expiresAt = new Date(ctx.now().getTime() + PASSWORD_CHANGE_TOKEN_TTL_MS).toISOString();
  ctx.db
    .prepare('INSERT INTO password_change_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)')
    .run(sha256Hex(token), userId, expiresAt);
  return token;
}

export function findPasswordChangeToken(ctx: SandboxContext, token: string): { userId: string; email: string } {
  const row = ctx.db
    .prepare(
      `SELECT t.user_id, t.expires_at, t.used_at, u.email FROM password_change_tokens t
       JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
    )
    .get(sha256Hex(token)) as
    { user_id: string; expires_at: string; used_at: string | null; email: string } | undefined;
  if (!row || row.used_at || Date.parse(row.expires_at) <= ctx.now().getTime()) {
    throw new ApiError(401, 'invalid_change_token', 'This password change link has expired. Sign in again.');
  }
  return { userId: row.user_id, email: row.email };
}

export function spendPasswordChangeToken(ctx: SandboxContext, token: string): void {
  const result = ctx.db
    .prepare('UPDATE password_change_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL')
    .run(ctx.now().toISOString(), sha256Hex(token));
  if (result.changes !== 1) {
    throw new ApiError(401, 'invalid_change_token', 'This password change link has expired. Sign in again.');
  }
}
