import type { IncomingHttpHeaders } from 'node:http';
import type { Db } from './db/schema';
import type { SandboxStatsCounter } from './stats';

/** Everything a handler may reach: the database, the clock and the server's settings. */
export interface SandboxContext {
  db: Db;
  now: () => Date;
  publicUrl: string;
  /** scrypt cost parameter N (a power of two). */
  scryptCost: number;
  /** Per-data-dir secret for signing sync tokens and cursors and fingerprinting idempotent requests. */
  secret: Buffer;
  stats: SandboxStatsCounter;
}

export interface AuthenticatedUser {
  userId: string;
  sessionId: string;
}

export interface IdempotencyScope {
  principal: string;
  key: string;
  fingerprint: string;
  /** Keys the stored response's encryption to the request itself (see idempotency.ts). */
  raw: Buffer;
}

export interface ApiRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  auth: AuthenticatedUser | null;
  idempotency: IdempotencyScope | null;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: SandboxContext, req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

/** The authenticated user of a bearer route; routes declare `auth: 'bearer'` so this never throws there. */
export function requireAuth(req: ApiRequest): AuthenticatedUser {
  if (!req.auth) throw new Error('route misconfigured: bearer auth expected');
  return req.auth;
}

export function nowIso(ctx: SandboxContext): string {
  return ctx.now().toISOString();
}
