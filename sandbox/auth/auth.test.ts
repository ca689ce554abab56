import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_MS, meSchema, REFRESH_TOKEN_TTL_MS, sessionSchema } from '../../shared/api';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../testing';
import {
  ACCOUNTANT,
  ACME,
  ApiClient,
  expectProblem,
  HR,
  OWNER,
  ROLE,
  strongPassword,
  uniqueEmail,
} from '../test/api-client';

let clock = Date.parse('2030-01-01T12:00:00Z');
const advance = (ms: number): void => {
  clock += ms;
};
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let api: ApiClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: () => new Date(clock) });
  api = new ApiClient(sandbox.apiUrl);
});
afterAll(() => sandbox.close());

describe('GET /health', () => {
  it('answers 204 without a token, and writes nothing', async () => {
    const before = (await (await fetch(`${sandbox.url}/sandbox/stats`)).json()) as { effects: number };
    const response = await fetch(`${sandbox.apiUrl}/health`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    const after = (await (await fetch(`${sandbox.url}/sandbox/stats`)).json()) as { effects: number };
    expect(after.effects).toBe(before.effects);
  });
});

describe('POST /auth/sessions', () => {
  it('signs in with the right password: 201 Session with 15-minute and 30-day tokens', async () => {
    const result = await api.request('POST', '/auth/sessions', {
      body: { email: OWNER, password: TEST_ADMIN_PASSWORD },
    });
    expect(result.status).toBe(201);
    const session = sessionSchema.parse(result.body);
    expect(session.user.email).toBe(OWNER);
    expect(Date.parse(session.accessTokenExpiresAt) - clock).toBe(ACCESS_TOKEN_TTL_MS);
    expect(Date.parse(session.refreshTokenExpiresAt) - clock).toBe(REFRESH_TOKEN_TTL_MS);
    expect(session.accessToken).not.toBe(session.refreshToken);
  });

  it('accepts the email in any case and with spaces', async () => {
    const result = await api.request('POST', '/auth/sessions', {
      body: { email: '  Owner@ACME.test ', password: TEST_ADMIN_PASSWORD },
    });
    expect(result.status).toBe(201);
  });

  it('answers unknown email and wrong password the same way: 401 invalid_credentials', async () => {
    const wrong = expectProblem(
      await api.request('POST', '/auth/sessions', { body: { email: HR, password: 'not the password at all' } }),
      401,
      'invalid_credentials',
    );
    const unknown = expectProblem(
      await api.request('POST', '/auth/sessions', {
        body: { email: 'nobody@acme.test', password: 'not the password at all' },
      }),
      401,
      'invalid_credentials',
    );
    expect(unknown.detail).toBe(wrong.detail);
    expect(unknown.title).toBe(wrong.title);
  });

  it('rejects a malformed body with 422 invalid_request naming the fields', async () => {
    const problem = expectProblem(
      await api.request('POST', '/auth/sessions', { body: { email: 'not-an-email', password: 5 } }),
      422,
      'invalid_request',
    );
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['email', 'password']);
  });

  it('throttles after 5 failures per email in 15 minutes (429 + Retry-After), then lets the right password in', async () => {
    const email = ACCOUNTANT;
    for (let i = 0; i < 5; i++) {
      expectProblem(
        await api.request('POST', '/auth/sessions', { body: { email, password: `wrong password ${i}` } }),
        401,
        'invalid_credentials',
      );
    }
    const throttled = await api.request('POST', '/auth/sessions', { body: { email, password: TEST_ADMIN_PASSWORD } });
    expectProblem(throttled, 429, 'rate_limited');
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Other emails are not affected.
    expect(
      (await api.request('POST', '/auth/sessions', { body: { email: HR, password: TEST_ADMIN_PASSWORD } })).status,
    ).toBe(201);
    advance(retryAfter * 1000);
    expect(
      (await api.request('POST', '/auth/sessions', { body: { email, password: TEST_ADMIN_PASSWORD } })).status,
    ).toBe(201);
  });
});

describe('password_change_required and POST /auth/password-change', () => {
  it('walks an admin-created account from its temporary password to its own', async () => {
    const owner = await api.token(OWNER);
    const email = uniqueEmail('temp');
    const temporary = strongPassword('temp');
    const created = await api.request('POST', `/orgs/${ACME}/members`, {
      token: owner,
      body: { email, name: 'Tempo Rary', roleId: ROLE.member, temporaryPassword: temporary },
    });
    expect(created.status).toBe(201);

    const signIn = await api.request('POST', '/auth/sessions', { body: { email, password: temporary } });
    expectProblem(signIn, 403, 'password_change_required');
    const changeToken = signIn.body.passwordChangeToken as string;
    expect(changeToken).toMatch(/^nxp_/);

    const weak = await api.request('POST', '/auth/password-change', {
      body: { passwordChangeToken: changeToken, newPassword: 'short' },
    });
    expect(expectProblem(weak, 422, 'weak_password').detail).toMatch(/at least 15/);
    const same = await api.request('POST', '/auth/password-change', {
      body: { passwordChangeToken: changeToken, newPassword: temporary },
    });
    expectProblem(same, 422, 'weak_password');

    const mine = strongPassword('mine');
    const changed = await api.request('POST', '/auth/password-change', {
      body: { passwordChangeToken: changeToken, newPassword: mine },
    });
    expect(changed.status).toBe(201);
    expect(sessionSchema.parse(changed.body).user.email).toBe(email);

    const again = await api.request('POST', '/auth/password-change', {
      body: { passwordChangeToken: changeToken, newPassword: strongPassword('again') },
    });
    expectProblem(again, 401, 'invalid_change_token');
    expectProblem(
      await api.request('POST', '/auth/sessions', { body: { email, password: temporary } }),
      401,
      'invalid_credentials',
    );
    expect((await api.request('POST', '/auth/sessions', { body: { email, password: mine } })).status).toBe(201);

    const member = await api.request('GET', `/orgs/${ACME}/members/${created.body.id}`, { token: owner });
    expect(member.body.mustChangePassword).toBe(false);
    expect(member.body.lastSignInAt).not.toBeNull();
    expect(member.body.version).toBeGreaterThan(created.body.version);
  });

  it('refuses an unknown or expired change token with 401 invalid_change_token', async () => {
    expectProblem(
      await api.request('POST', '/auth/password-change', {
        body: { passwordChangeToken: 'nxp_forged', newPassword: strongPassword() },
      }),
      401,
      'invalid_change_token',
    );
    const owner = await api.token(OWNER);
    const email = uniqueEmail('late');
    const temporary = strongPassword('t');
    await api.request('POST', `/orgs/${ACME}/members`, {
      token: owner,
      body: { email, name: 'Late Comer', roleId: ROLE.member, temporaryPassword: temporary },
    });
    const signIn = await api.request('POST', '/auth/sessions', { body: { email, password: temporary } });
    advance(16 * 60 * 1000);
    expectProblem(
      await api.request('POST', '/auth/password-change', {
        body: { passwordChangeToken: signIn.body.passwordChangeToken, newPassword: strongPassword() },
      }),
      401,
      'invalid_change_token',
    );
  });
});

describe('POST /auth/refresh', () => {
  it('rotates the refresh token and detects reuse by revoking the whole family', async () => {
    const first = await api.signIn(HR);
    const rotated = await api.request('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(rotated.status).toBe(200);
    const second = sessionSchema.parse(rotated.body);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await api.request('GET', '/me', { token: second.accessToken })).status).toBe(200);

    const reused = await api.request('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expectProblem(reused, 401, 'refresh_token_reused');
    // The family is gone: the newest refresh token and its access token stop working too.
    expectProblem(
      await api.request('POST', '/auth/refresh', { body: { refreshToken: second.refreshToken } }),
      401,
      'invalid_refresh_token',
    );
    expectProblem(await api.request('GET', '/me', { token: second.accessToken }), 401, 'unauthorized');
  });

  it('refuses unknown and expired refresh tokens with 401', async () => {
    expectProblem(
      await api.request('POST', '/auth/refresh', { body: { refreshToken: 'nxr_unknown' } }),
      401,
      'invalid_refresh_token',
    );
    expectProblem(await api.request('POST', '/auth/refresh', { body: {} }), 422, 'invalid_request');
    const session = await api.signIn(HR);
    advance(REFRESH_TOKEN_TTL_MS + 1000);
    expectProblem(
      await api.request('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } }),
      401,
      'invalid_refresh_token',
    );
  });

  it('keeps a session alive past the 15-minute access token by refreshing', async () => {
    const session = await api.signIn(HR);
    advance(ACCESS_TOKEN_TTL_MS + 1000);
    expectProblem(await api.request('GET', '/me', { token: session.accessToken }), 401, 'unauthorized');
    const refreshed = await api.request('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await api.request('GET', '/me', { token: refreshed.body.accessToken })).status).toBe(200);
  });
});

describe('DELETE /auth/sessions/current', () => {
  it('answers 204 and revokes the refresh token and the access token', async () => {
    const session = await api.signIn(HR);
    const result = await api.request('DELETE', '/auth/sessions/current', { token: session.accessToken });
    expect(result.status).toBe(204);
    expectProblem(
      await api.request('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } }),
      401,
      'invalid_refresh_token',
    );
    expectProblem(await api.request('GET', '/me', { token: session.accessToken }), 401, 'unauthorized');
    expectProblem(await api.request('DELETE', '/auth/sessions/current'), 401, 'unauthorized');
  });
});

describe('GET /me', () => {
  it('lists the user and every org membership with role and permissions', async () => {
    const result = await api.request('GET', '/me', { token: await api.token(OWNER) });
    expect(result.status).toBe(200);
    const me = meSchema.parse(result.body);
    expect(me.user.email).toBe(OWNER);
    expect(me.memberships.map((m) => m.org.name).sort()).toEqual(['Acme Corp', 'Acme Labs']);
    const acme = me.memberships.find((m) => m.org.id === ACME)!;
    expect(acme.role.name).toBe('owner');
    expect(acme.permissions).toEqual(expect.arrayContaining(['members.read', 'members.manage']));

    const hr = meSchema.parse((await api.request('GET', '/me', { token: await api.token(HR) })).body);
    expect(hr.memberships[0]!.role.name).toBe('HR Manager');
  });

  it('answers 401 without a token and with a forged one', async () => {
    expectProblem(await api.request('GET', '/me'), 401, 'unauthorized');
    expectProblem(await api.request('GET', '/me', { token: 'nxa_forged' }), 401, 'unauthorized');
    expectProblem(await api.request('GET', '/me', { headers: { Authorization: 'Basic abc' } }), 401, 'unauthorized');
  });
});
