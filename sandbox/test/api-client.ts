import {
  problemSchema,
  sandboxStatsSchema,
  sessionSchema,
  type Problem,
  type SandboxStats,
  type Session,
} from '../../shared/api';
import { TEST_ADMIN_PASSWORD } from '../testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
export interface ApiResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A thin fetch wrapper for tests: real HTTP, JSON in and out, no retries. */
export class ApiClient {
  constructor(readonly apiUrl: string) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(`${this.apiUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  async signIn(email: string, password = TEST_ADMIN_PASSWORD): Promise<Session> {
    const result = await this.request('POST', '/auth/sessions', { body: { email, password } });
    if (result.status !== 201)
      throw new Error(`sign-in of ${email} failed: ${result.status} ${JSON.stringify(result.body)}`);
    return sessionSchema.parse(result.body);
  }

  async token(email: string, password = TEST_ADMIN_PASSWORD): Promise<string> {
    return (await this.signIn(email, password)).accessToken;
  }
}

/** Asserts the RFC 9457 shape and returns the problem for further checks. */
export function expectProblem(result: ApiResult<unknown>, status: number, code: string): Problem {
  if (result.status !== status || (result.body as Problem | null)?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${result.status} ${JSON.stringify(result.body)}`);
  }
  if (result.headers.get('content-type') !== 'application/problem+json') {
    throw new Error(`expected application/problem+json, got ${result.headers.get('content-type')}`);
  }
  return problemSchema.parse(result.body);
}

export const ACME = 'org_acme';
export const ACME_LABS = 'org_acme_labs';
export const GLOBEX = 'org_globex';
export const ROLE = {
  owner: 'role_acme_owner',
  admin: 'role_acme_admin',
  member: 'role_acme_member',
  hr: 'role_acme_hr_manager',
  accountant: 'role_acme_accountant',
} as const;
export const OWNER = 'owner@acme.test';
export const HR = 'hr@acme.test';
export const ACCOUNTANT = 'accountant@acme.test';
export const DANA = 'dana@globex.test';

/** A password that passes every rule (long, not common, no email part, no "nexus"). */
export function strongPassword(tag = ''): string {
  return `Quiet-Lantern-${tag}-Orbit-${Math.random().toString(36).slice(2, 8)}`;
}

let counter = 0;
export function uniqueEmail(prefix = 'person'): string {
  counter++;
  return `${prefix}.${Date.now().toString(36)}${counter}@example.test`;
}

/** GET /sandbox/stats, validated. */
export async function sandboxStats(url: string): Promise<SandboxStats> {
  return sandboxStatsSchema.parse(await (await fetch(`${url}/sandbox/stats`)).json());
}
