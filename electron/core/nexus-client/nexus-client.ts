import { createHash } from 'node:crypto';
import ky, { isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import { z } from 'zod';
import {
  API_BASE_PATH,
  auditPageSchema,
  IDEMPOTENCY_KEY_HEADER,
  NEXUS_CLIENT_HEADER,
  emailLookupSchema,
  memberListPageSchema,
  memberSchema,
  meSchema,
  passwordChangeRequiredSchema,
  problemSchema,
  roleListSchema,
  sessionSchema,
  versionEtag,
  type AuditPage,
  type AuditQuery,
  type EmailLookup,
  type Me,
  type Member,
  type MemberListPage,
  type Role,
  type Session,
} from '../../../shared/api';
import { NexusApiError, NexusNetworkError, NexusResponseError, parseRetryAfter } from './nexus-api-error';
import { NEXUS_CLIENT_NAME } from './client-name';

export interface NexusClientOptions {
  serverUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface CallOptions {
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

const enc = encodeURIComponent;

/**
 * One instance per server. ky's own retry is off: the outbox decides what is retried, with the
 * same Idempotency-Key. Every body is validated; a problem document becomes a `NexusApiError`.
 */
export class NexusClient {
  readonly serverUrl: string;
  private readonly http: KyInstance;

  constructor(options: NexusClientOptions) {
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

  private async call<T>(
    method: Method,
    path: string,
    schema: z.ZodType<T> | null,
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

  // --- auth -----------------------------------------------------------------------------------

  /** Throws `NexusApiError` 403 `password_change_required`; its token is in `passwordChangeToken(error)`. */
  async signIn(email: string, password: string): Promise<Session> {
    return (await this.call('POST', 'auth/sessions', sessionSchema, { json: { email, password } })).body;
  }

  async changePassword(passwordChangeToken: string, newPassword: string): Promise<Session> {
    return (
      await this.call('POST', 'auth/password-change', sessionSchema, { json: { passwordChangeToken, newPassword } })
    ).body;
  }

  async refresh(refreshToken: string): Promise<Session> {
    // Keyed by the token itself: a rotation whose answer was lost (a fault after the commit, a
    // crash before the keychain write) replays the same new session instead of tripping reuse
    // detection, which would revoke the whole family and force a sign-in.
    const idempotencyKey = createHash('sha256').update(refreshToken).digest('hex');
    return (await this.call('POST', 'auth/refresh', sessionSchema, { json: { refreshToken }, idempotencyKey })).body;
  }

  async signOut(token: string): Promise<void> {
    await this.call('DELETE', 'auth/sessions/current', null, { token });
  }

  /**
   * Is the server answering at all? (The sync engine's reachability probe, issue 17.) Any HTTP
   * answer counts (`GET health` is `204`; a server without it answers `404`, which counts too):
   * nothing secret is sent, nothing changes on the server, and no failed-auth line is logged
   * there every two seconds. No answer within `timeoutMs`, or no connection: false.
   */
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

  async me(token: string): Promise<Me> {
    return (await this.call('GET', 'me', meSchema, { token })).body;
  }

  // --- reads ----------------------------------------------------------------------------------

  async roles(token: string, orgId: string): Promise<Role[]> {
    return (await this.call('GET', `orgs/${enc(orgId)}/roles`, roleListSchema, { token })).body.items;
  }

  async listMembers(
    token: string,
    orgId: string,
    query: { since?: string; cursor?: string; limit?: number },
  ): Promise<MemberListPage> {
    return (await this.call('GET', `orgs/${enc(orgId)}/members`, memberListPageSchema, { token, searchParams: query }))
      .body;
  }

  async getMember(token: string, orgId: string, memberId: string): Promise<Member> {
    return (await this.call('GET', `orgs/${enc(orgId)}/members/${enc(memberId)}`, memberSchema, { token })).body;
  }

  /** The server's audit log, newest first (`members.read`). */
  async audit(token: string, orgId: string, query: Partial<AuditQuery>): Promise<AuditPage> {
    const { action, ...rest } = query;
    return (
      await this.call('GET', `orgs/${enc(orgId)}/audit`, auditPageSchema, {
        token,
        searchParams: { ...rest, action },
      })
    ).body;
  }

  async lookupEmail(token: string, orgId: string, email: string): Promise<EmailLookup> {
    return (
      await this.call('GET', `orgs/${enc(orgId)}/users/lookup`, emailLookupSchema, { token, searchParams: { email } })
    ).body;
  }

  // --- changes (always with an Idempotency-Key) -----------------------------------------------

  async invite(token: string, orgId: string, body: { email: string; roleId: string }, key: string): Promise<Member> {
    return (
      await this.call('POST', `orgs/${enc(orgId)}/invitations`, memberSchema, {
        token,
        json: body,
        idempotencyKey: key,
      })
    ).body;
  }

  async resendInvite(token: string, orgId: string, invitationId: string, key: string): Promise<Member> {
    return (
      await this.call('POST', `orgs/${enc(orgId)}/invitations/${enc(invitationId)}/resend`, memberSchema, {
        token,
        idempotencyKey: key,
      })
    ).body;
  }

  async cancelInvite(token: string, orgId: string, invitationId: string, key: string): Promise<void> {
    await this.call('DELETE', `orgs/${enc(orgId)}/invitations/${enc(invitationId)}`, null, {
      token,
      idempotencyKey: key,
    });
  }

  async createMember(
    token: string,
    orgId: string,
    body: { email: string; name: string; roleId: string; temporaryPassword: string },
    key: string,
  ): Promise<Member> {
    return (
      await this.call('POST', `orgs/${enc(orgId)}/members`, memberSchema, { token, json: body, idempotencyKey: key })
    ).body;
  }

  async setPassword(token: string, orgId: string, memberId: string, password: string, key: string): Promise<void> {
    await this.call('PUT', `orgs/${enc(orgId)}/members/${enc(memberId)}/password`, null, {
      token,
      json: { password },
      idempotencyKey: key,
    });
  }

  async changeRole(
    token: string,
    orgId: string,
    memberId: string,
    roleId: string,
    version: number,
    key: string,
  ): Promise<Member> {
    return (
      await this.call('PATCH', `orgs/${enc(orgId)}/members/${enc(memberId)}`, memberSchema, {
        token,
        json: { roleId },
        idempotencyKey: key,
        ifMatch: versionEtag(version),
      })
    ).body;
  }

  async removeMember(token: string, orgId: string, memberId: string, key: string): Promise<void> {
    await this.call('DELETE', `orgs/${enc(orgId)}/members/${enc(memberId)}`, null, { token, idempotencyKey: key });
  }
}

export function passwordChangeToken(error: NexusApiError): string | null {
  const parsed = passwordChangeRequiredSchema.safeParse(error.body);
  return parsed.success ? parsed.data.passwordChangeToken : null;
}

/** `already_invited` and `version_mismatch` problems carry the current member. */
export function memberFromProblem(error: NexusApiError): Member | null {
  const body = error.body ?? {};
  for (const candidate of [body.member, body.current, body]) {
    const parsed = memberSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return null;
}
