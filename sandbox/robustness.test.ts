import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../shared/api';
import { startTestSandbox } from './testing';
import { ACME, ApiClient, expectProblem, OWNER, ROLE, sandboxStats, uniqueEmail } from './test/api-client';

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let api: ApiClient;
let owner: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new ApiClient(sandbox.apiUrl);
  owner = await api.token(OWNER);
});
afterAll(() => sandbox.close());

const effects = async (): Promise<number> => (await sandboxStats(sandbox.url)).effects;

describe('every bad input is a 4xx problem document and changes nothing', () => {
  const invitations = `/orgs/${ACME}/invitations`;

  it('malformed JSON → 400 invalid_request', async () => {
    const before = await effects();
    expectProblem(
      await api.request('POST', invitations, { token: owner, rawBody: '{"email": "a@b.c",' }),
      400,
      'invalid_request',
    );
    expectProblem(await api.request('POST', '/auth/sessions', { rawBody: 'not json' }), 400, 'invalid_request');
    expect(await effects()).toBe(before);
  });

  it('JSON that is not an object, and wrong types → 422 invalid_request naming the fields', async () => {
    expectProblem(await api.request('POST', invitations, { token: owner, rawBody: '[1,2]' }), 422, 'invalid_request');
    expectProblem(await api.request('POST', invitations, { token: owner, rawBody: 'null' }), 422, 'invalid_request');
    const problem = expectProblem(
      await api.request('POST', `/orgs/${ACME}/members`, {
        token: owner,
        body: { email: ['x'], name: 3, roleId: null, temporaryPassword: {} },
      }),
      422,
      'invalid_request',
    );
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['email', 'name', 'roleId', 'temporaryPassword']);
    expect(problem).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status: 422,
      detail: expect.any(String),
    });
  });

  it('bodies over 64 KiB → 413', async () => {
    const before = await effects();
    const big = JSON.stringify({ email: uniqueEmail(), roleId: ROLE.member, padding: 'x'.repeat(70 * 1024) });
    expectProblem(await api.request('POST', invitations, { token: owner, rawBody: big }), 413, 'payload_too_large');
    // Also without a Content-Length, streamed in chunks.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${sandbox.apiUrl}${invitations}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${owner}`,
          'Content-Type': 'application/json',
          'Transfer-Encoding': 'chunked',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write(big.slice(i * 8000, (i + 1) * 8000));
      req.end(big.slice(80000));
    });
    expect(status).toBe(413);
    expect(await effects()).toBe(before);
  });

  it('headers over 16 KiB → 431 as a problem document, not a bare status from the HTTP parser', async () => {
    // The endpoint fuzzer met this with a long path and a long bearer token (seed 966709).
    const response = await fetch(`${sandbox.apiUrl}/me`, {
      headers: { authorization: `Bearer ${'a'.repeat(20_000)}` },
    });
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 431, code: 'invalid_request' });
  });

  it('a body that is not JSON → 415; unknown fields are ignored', async () => {
    expectProblem(
      await api.request('POST', invitations, {
        token: owner,
        rawBody: 'email=a',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported_media_type',
    );
    const email = uniqueEmail('extra');
    const ok = await api.request('POST', invitations, {
      token: owner,
      body: { email, roleId: ROLE.member, admin: true, status: 'active' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.status).toBe('invited');
  });

  it('unknown endpoints → 404, wrong methods → 405, unknown and foreign ids → 404', async () => {
    expectProblem(await api.request('GET', '/nope', { token: owner }), 404, 'not_found');
    expectProblem(await api.request('PUT', '/me', { token: owner, body: {} }), 405, 'method_not_allowed');
    expectProblem(await api.request('GET', `/orgs/${ACME}/members/%E0%A4%A`, { token: owner }), 404, 'not_found');
    expectProblem(await api.request('DELETE', `/orgs/org_globex/members/anything`, { token: owner }), 404, 'not_found');
    expect((await fetch(`${sandbox.url}/no/such/page`)).status).toBe(404);
  });

  it('expired or foreign tokens → 401 and nothing changes', async () => {
    const before = await effects();
    const other = await startTestSandbox();
    try {
      const foreignToken = await new ApiClient(other.apiUrl).token(OWNER);
      expectProblem(
        await api.request('POST', invitations, {
          token: foreignToken,
          body: { email: uniqueEmail(), roleId: ROLE.member },
        }),
        401,
        'unauthorized',
      );
    } finally {
      await other.close();
    }
    expect(await effects()).toBe(before);
  });

  it('bad If-Match values → 422, never 500', async () => {
    const list = await api.request('GET', `/orgs/${ACME}/members`, { token: owner });
    const target = (list.body.items as Member[]).find((m) => m.email === 'hr@acme.test')!;
    for (const value of ['garbage', '"v"', 'W/"x1"']) {
      expectProblem(
        await api.request('PATCH', `/orgs/${ACME}/members/${target.id}`, {
          token: owner,
          body: { roleId: ROLE.member },
          headers: { 'If-Match': value },
        }),
        422,
        'invalid_request',
      );
    }
  });

  it('survives a fuzz of random bodies on every mutating route without a 500', async () => {
    const routes: [string, string][] = [
      ['POST', '/auth/sessions'],
      ['POST', '/auth/password-change'],
      ['POST', '/auth/refresh'],
      ['POST', invitations],
      ['POST', `/orgs/${ACME}/members`],
      ['POST', '/invitations/nxi_x/accept'],
    ];
    const samples = [
      '{}',
      '{"email":1e400}',
      '{"email":"\\u0000@x.y","password":"\\ud800"}',
      '{"__proto__":{"x":1}}',
      '"str"',
      '1',
      'true',
      '{"a":' + '['.repeat(500) + ']'.repeat(500) + '}',
    ];
    for (const [method, path] of routes) {
      for (const rawBody of samples) {
        const result = await api.request(method, path, { token: owner, rawBody });
        expect(result.status, `${method} ${path} ${rawBody.slice(0, 30)}`).toBeGreaterThanOrEqual(400);
        expect(result.status).toBeLessThan(500);
      }
    }
  });
});
