import type { SandboxContext } from '../context';
import { currentSeq } from '../db/schema';
import { ApiError } from '../http/problem';
import { hmac, safeEqual } from '../auth/tokens';

/** After this long a client must do a full listing again. */
export const SYNC_TOKEN_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export function sign(ctx: SandboxContext, purpose: string, payload: object): string {
  const data = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${data}.${hmac(ctx.secret, `${purpose}.${data}`)}`;
}

export function unsign(ctx: SandboxContext, purpose: string, token: string): Record<string, unknown> | null {
  const [data, mac] = token.split('.');
  if (!data || !mac || !safeEqual(mac, hmac(ctx.secret, `${purpose}.${data}`))) return null;
  try {
    const value = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function syncToken(ctx: SandboxContext, orgId: string, seq: number): string {
  return sign(ctx, 'sync', { o: orgId, s: seq, t: ctx.now().getTime() });
}

/** The change sequence number a sync token stands for, or `410 sync_token_expired`. */
export function readSyncToken(ctx: SandboxContext, orgId: string, token: string): number {
  const payload = unsign(ctx, 'sync', token);
  const seq = payload?.s;
  const issued = payload?.t;
  const fresh =
    payload?.o === orgId &&
    typeof seq === 'number' &&
    typeof issued === 'number' &&
    seq <= currentSeq(ctx.db) &&
    ctx.now().getTime() - issued <= SYNC_TOKEN_MAX_AGE_MS;
  if (!fresh) {
    throw new ApiError(410, 'sync_token_expired', 'This sync token is expired or unknown. Do a full listing again.');
  }
  return seq as number;
}

export interface FullCursor {
  kind: 'full';
  updatedAt: string;
  id: string;
  snapshot: number;
}
export interface DeltaCursor {
  kind: 'delta';
  seq: number;
}

export function encodeCursor(ctx: SandboxContext, orgId: string, cursor: FullCursor | DeltaCursor): string {
  return sign(ctx, 'cursor', { o: orgId, ...cursor });
}

export function decodeCursor(ctx: SandboxContext, orgId: string, token: string): FullCursor | DeltaCursor {
  const payload = unsign(ctx, 'cursor', token);
  if (payload?.o === orgId) {
    if (payload.kind === 'full' && typeof payload.updatedAt === 'string' && typeof payload.id === 'string') {
      return { kind: 'full', updatedAt: payload.updatedAt, id: payload.id, snapshot: Number(payload.snapshot) };
    }
    if (payload.kind === 'delta' && typeof payload.seq === 'number') return { kind: 'delta', seq: payload.seq };
  }
  throw new ApiError(422, 'invalid_request', 'The cursor is not valid for this listing. Start the listing again.', {
    errors: [{ path: 'cursor', message: 'Unknown cursor' }],
  });
}
