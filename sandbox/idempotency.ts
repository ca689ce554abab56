import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { idempotencyKeySchema } from '../shared/api';
import type { ApiRequest, ApiResponse, IdempotencyScope, SandboxContext } from './context';
import { ApiError } from './http/problem';
import { hmac, safeEqual } from './auth/tokens';

export const IDEMPOTENCY_RETENTION_MS = 48 * 60 * 60 * 1000;

/** Keys whose first request is still running, so a concurrent repeat answers 409 instead of acting twice. */
const inFlight = new WeakMap<SandboxContext, Set<string>>();

function inFlightSet(ctx: SandboxContext): Set<string> {
  let set = inFlight.get(ctx);
  if (!set) inFlight.set(ctx, (set = new Set()));
  return set;
}

export function readIdempotencyKey(headers: IncomingHttpHeaders): string | null {
  const value = headers['idempotency-key'];
  if (value === undefined) return null;
  const parsed = idempotencyKeySchema.safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success) {
    throw new ApiError(422, 'invalid_request', 'Idempotency-Key must be 1 to 255 characters.', {
      errors: [{ path: 'Idempotency-Key', message: 'Must be 1 to 255 characters' }],
    });
  }
  return parsed.data;
}

/** Claims the key for this request; the returned release must run when the request is done. */
export function claimInFlight(ctx: SandboxContext, principal: string, key: string): () => void {
  const id = `${principal}\u0000${key}`;
  const set = inFlightSet(ctx);
  if (set.has(id)) {
    throw new ApiError(
      409,
      'idempotency_in_progress',
      'A request with this Idempotency-Key is still being processed. Retry in a moment.',
      { headers: { 'Retry-After': '1' } },
    );
  }
  set.add(id);
  return () => set.delete(id);
}

export function scopeFor(
  ctx: SandboxContext,
  principal: string,
  key: string,
  method: string,
  path: string,
  raw: Buffer,
): IdempotencyScope {
  const bodyHash = createHash('sha256').update(raw).digest('hex');
  return { principal, key, raw, fingerprint: hmac(ctx.secret, `${method} ${path} ${bodyHash}`) };
}

/**
 * Stored bodies may hold session tokens (refresh, password change), so they are encrypted under a
 * key derived from the request body itself: the database alone cannot reveal them.
 */
function bodyKey(ctx: SandboxContext, scope: IdempotencyScope): Buffer {
  return createHash('sha256')
    .update(ctx.secret)
    .update(`\u0000${scope.principal}\u0000${scope.key}\u0000`)
    .update(scope.raw)
    .digest();
}

function seal(key: Buffer, plain: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]);
}

function open(key: Buffer, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}

/** The stored response for a repeat, `422 idempotency_key_reused` for another request under the key, or null. */
export function findStored(ctx: SandboxContext, scope: IdempotencyScope): ApiResponse | null {
  const row = ctx.db
    .prepare(
      'SELECT fingerprint, status, headers, body, created_at_ms FROM idempotency WHERE principal = ? AND key = ?',
    )
    .get(scope.principal, scope.key) as
    { fingerprint: string; status: number; headers: string; body: Buffer | null; created_at_ms: number } | undefined;
  if (!row || row.created_at_ms < ctx.now().getTime() - IDEMPOTENCY_RETENTION_MS) return null;
  if (!safeEqual(row.fingerprint, scope.fingerprint)) {
    throw new ApiError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
    );
  }
  const body = row.body ? (JSON.parse(open(bodyKey(ctx, scope), row.body)) as unknown) : undefined;
  return { status: row.status, headers: JSON.parse(row.headers) as Record<string, string>, body };
}

function store(ctx: SandboxContext, scope: IdempotencyScope, response: ApiResponse): void {
  const now = ctx.now().getTime();
  ctx.db.prepare('DELETE FROM idempotency WHERE created_at_ms < ?').run(now - IDEMPOTENCY_RETENTION_MS);
  ctx.db
    .prepare(
      `INSERT INTO idempotency (principal, key, fingerprint, status, headers, body, created_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(principal, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
         headers = excluded.headers, body = excluded.body, created_at_ms = excluded.created_at_ms`,
    )
    .run(
      scope.principal,
      scope.key,
      scope.fingerprint,
      response.status,
      JSON.stringify(response.headers ?? {}),
      response.body === undefined ? null : seal(bodyKey(ctx, scope), JSON.stringify(response.body)),
      now,
    );
}

/**
 * Runs a change in one SQLite transaction together with storing its idempotent response, so a
 * crash or injected fault after the commit still replays the real answer. Only successes are stored:
 * failures change nothing, so running them again is safe.
 */
export function commit(
  ctx: SandboxContext,
  req: Pick<ApiRequest, 'idempotency'> | null,
  change: () => ApiResponse,
): ApiResponse {
  const response = ctx.db.transaction(() => {
    const result = change();
    if (result.status < 300 && req?.idempotency) store(ctx, req.idempotency, result);
    return result;
  })();
  if (response.status < 300) {
    const scope = req?.idempotency;
    ctx.stats.recordEffect(scope ? `${scope.principal}\u0000${scope.key}` : null);
  }
  return response;
}
