import type { SandboxContext } from '../context';
import { ApiError } from '../http/problem';

export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** `429` with Retry-After once an email has failed 5 times within 15 minutes, even for the right password. */
export function assertNotThrottled(ctx: SandboxContext, email: string): void {
  const now = ctx.now().getTime();
  const rows = ctx.db
    .prepare('SELECT at_ms FROM sign_in_failures WHERE email = ? AND at_ms > ? ORDER BY at_ms')
    .all(email, now - SIGN_IN_WINDOW_MS) as { at_ms: number }[];
  if (rows.length < SIGN_IN_MAX_FAILURES) return;
  const oldest = rows[rows.length - SIGN_IN_MAX_FAILURES]!.at_ms;
  const retryAfter = Math.max(1, Math.ceil((oldest + SIGN_IN_WINDOW_MS - now) / 1000));
  throw new ApiError(
    429,
    'rate_limited',
    `Too many failed sign-ins for this email. Try again in ${retryAfter} seconds.`,
    {
      headers: { 'Retry-After': String(retryAfter) },
    },
  );
}

export function recordFailure(ctx: SandboxContext, email: string): void {
  const now = ctx.now().getTime();
  ctx.db.prepare('DELETE FROM sign_in_failures WHERE at_ms <= ?').run(now - SIGN_IN_WINDOW_MS);
  ctx.db.prepare('INSERT INTO sign_in_failures (email, at_ms) VALUES (?, ?)').run(email, now);
}

export function clearFailures(ctx: SandboxContext, email: string): void {
  ctx.db.prepare('DELETE FROM sign_in_failures WHERE email = ?').run(email);
}
