import ky, { isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import type { z } from 'zod';
import { API_BASE_PATH, IDEMPOTENCY_KEY_HEADER, NEXUS_CLIENT_HEADER, problemSchema } from '../../../shared/api';
import { NexusApiError, NexusNetworkError, NexusResponseError, parseRetryAfter } from './nexus-api-error';
import { NEXUS_CLIENT_NAME } from './client-name';

export interface NexusHttpOptions {
  serverUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How an answer is checked: a zod schema, or anything answering like its `safeParse` (the member
 * list page's faster check, member-page-check.ts, which falls back to zod).
 */
export interface ResponseCheck<T> {
  safeParse(json: unknown): { success: true; data: T } | { success: false };
}
export interface CallOptions {
  token?: string;
  json?: unknown;
  idempotencyKey?: string;
  ifMatch?: string;
  searchParams?: Record<string, string | number | readonly string[] | undefined>;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);

/** Walks `cause` chains: undici wraps the socket error two levels deep. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('E') || code.startsWith('UND_'))) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * One server's HTTP: every request with the console's headers, a network failure as a
 * `NexusNetworkError`, a redirect refused, a problem document as a `NexusApiError`, and every
 * answer checked against its schema. ky's own retry is off: the outbox decides what is retried,
 * with the same Idempotency-Key. The endpoints are NexusClient's (nexus-client.ts).
 */
export class NexusHttp {
  readonly serverUrl: string;
  private readonly http: KyInstance;

  constructor(options: NexusHttpOptions) {
    this.serverUrl = options.serverUrl.replace(/\/+$/, '');
    this.http = ky.create({
      prefix: this.serverUrl + API_BASE_PATH,
      fetch: options.fetch,
      timeout: options.timeoutMs,
      retry: 0,
      throwHttpErrors: false,
      // Every call carries a secret (the password, a token, a temporary password): a 307/308
      // would re-send it wherever the server points. The API never redirects, so none is followed.
      redirect: 'manual',
    });
  }

  async call<T>(
    method: Method,
    path: string,
    schema: z.ZodType<T> | ResponseCheck<T> | null,
    options: CallOptions = {},
  ): Promise<{ body: T; response: Response }> {
    const headers: Record<string, string> = { accept: 'application/json', [NEXUS_CLIENT_HEADER]: NEXUS_CLIENT_NAME };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = options.idempotencyKey;
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    const searchParams = new URLSearchParams();
    for (const [key, value] of Object.entries(options.searchParams ?? {})) {
      if (value === undefined) continue;
      // Arrays repeat the parameter (`action=a&action=b`).
      for (const item of typeof value === 'object' ? value : [value]) searchParams.append(key, String(item));
    }
    const send = () =>
      this.http(path.replace(/^\//, ''), {
        method,
        headers,
        searchParams,
        ...(options.json !== undefined ? { json: options.json } : {}),
      });
    let response: Response;
    try {
      try {
        response = await send();
      } catch (error) {
        // A pooled keep-alive socket the server already closed fails before the request is
        // read. Safe to send once more when a repeat cannot double an effect: reads, and
        // changes carrying an Idempotency-Key (refresh included). Sign-in is never repeated here.
        const repeatable = method === 'GET' || options.idempotencyKey !== undefined;
        const code = errorCode(error);
        if (!repeatable || (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET')) throw error;
        response = await send();
      }
    } catch (error) {
      if (isTimeoutError(error)) throw new NexusNetworkError('timeout', 'The server did not answer in time.');
      const code = errorCode(error);
      if (code && UNREACHABLE_CODES.has(code))
        throw new NexusNetworkError('unreachable', 'The server cannot be reached.');
      if (isNetworkError(error) || error instanceof TypeError)
        throw new NexusNetworkError('broken', 'The connection to the server broke.');
      throw error;
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      throw new NexusNetworkError('broken', 'The connection to the server broke while reading the answer.');
    }
    let json: unknown = undefined;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw this.redirectRefused(response);
    }
    if (!response.ok) throw this.problem(response, json);
    if (schema === null) return { body: undefined as T, response };
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new NexusResponseError(`The server sent an unexpected answer to ${method} ${path.split('?')[0]}.`);
    }
    return { body: parsed.data, response };
  }

  private redirectRefused(response: Response): NexusApiError {
    const location = response.headers.get('location');
    let target = 'another address';
    if (location) {
      try {
        target = new URL(location, response.url || this.serverUrl).href;
      } catch {
        target = 'an address it could not give properly';
      }
    }
    return new NexusApiError({
      status: response.status,
      code: 'redirect_refused',
      detail: `The server at ${this.serverUrl} answered with a redirect to ${target}. The console does not follow redirects, so your password and tokens go only to the address you entered: check the server address (it may have moved), or ask the server's administrator.`,
    });
  }

  private problem(response: Response, json: unknown): NexusApiError {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    const parsed = problemSchema.safeParse(json);
    if (parsed.success) {
      return new NexusApiError({
        status: response.status,
        code: parsed.data.code,
        detail: parsed.data.detail,
        retryAfterSeconds,
        fields: parsed.data.errors,
        body: parsed.data as Record<string, unknown>,
      });
    }
    const code =
      response.status === 429
        ? 'rate_limited'
        : response.status === 401
          ? 'unauthorized'
          : response.status >= 500
            ? 'internal_error'
            : 'unexpected_status';
    return new NexusApiError({
      status: response.status,
      code,
      detail: `The server answered ${response.status}.`,
      retryAfterSeconds,
    });
  }

  /** Any HTTP answer to `GET health` within `timeoutMs` (see NexusClient.reachable). */
  async reachable(timeoutMs: number): Promise<boolean> {
    try {
      const response = await this.http('health', {
        method: 'GET',
        timeout: timeoutMs,
        headers: { accept: 'application/json' },
      });
      await response.arrayBuffer().catch(() => undefined);
      return true;
    } catch {
      return false;
    }
  }
}
