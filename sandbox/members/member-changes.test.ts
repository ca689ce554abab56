import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberSchema, type Member } from '../../shared/api';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../testing';
import { ACME, ApiClient, DANA, expectProblem, HR, OWNER, ROLE, strongPassword, uniqueEmail } from '../test/api-client';

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let api: ApiClient;
let owner: string;
let hr: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new ApiClient(sandbox.apiUrl);
  owner = await api.token(OWNER);
  hr = await api.token(HR);
});
afterAll(() => sandbox.close());

async function memberByEmail(email: string): Promise<Member> {
  const list = await api.request('GET', `/orgs/${ACME}/members`, { token: owner });
  return list.body.items.find((m: Member) => m.email === email);
}

function create(body: Record<string, unknown>, token = owner) {
  return api.request('POST', `/orgs/${ACME}/members`, { token, body });
}

async function createMember(name = 'Made Directly'): Promise<{ member: Member; email: string; password: string }> {
  const email = uniqueEmail('direct');
  const password = strongPassword('tmp');
  const result = await create({ email, name, roleId: ROLE.member, temporaryPassword: password });
  expect(result.status).toBe(201);
  return { member: memberSchema.parse(result.body), email, password };
}

describe('POST /orgs/{orgId}/members (create directly)', () => {
  it('creates an active admin-created member who must change the password', async () => {
    const { member, email } = await createMember();
    expect(member).toMatchObject({
      email,
      name: 'Made Directly',
      status: 'active',
      origin: 'admin_created',
      mustChangePassword: true,
    });
    expect(member.invitation).toBeNull();
    expect(member.work).toEqual({ tasks: 0, files: 0, notes: 0 });
  });

  it('refuses existing accounts (409 user_exists), members (409 already_member), unknown roles and bad input', async () => {
    expectProblem(
      await create({ email: DANA, name: 'Dana', roleId: ROLE.member, temporaryPassword: strongPassword() }),
      409,
      'user_exists',
    );
    expectProblem(
      await create({ email: HR, name: 'Harper', roleId: ROLE.member, temporaryPassword: strongPassword() }),
      409,
      'already_member',
    );
    expectProblem(
      await create({
        email: 'kemi.adeyemi@acme.test',
        name: 'Kemi',
        roleId: ROLE.member,
        temporaryPassword: strongPassword(),
      }),
      409,
      'already_member',
    );
    expectProblem(
      await create({ email: uniqueEmail(), name: 'X', roleId: 'role_nope', temporaryPassword: strongPassword() }),
      422,
      'unknown_role',
    );
    const bad = expectProblem(
      await create({ email: uniqueEmail(), name: '', roleId: ROLE.member }),
      422,
      'invalid_request',
    );
    expect(bad.errors?.map((e) => e.path).sort()).toEqual(['name', 'temporaryPassword']);
  });

  it('says which password rule failed with 422 weak_password', async () => {
    const email = 'casey.jones@example.test';
    const attempt = async (temporaryPassword: string) =>
      expectProblem(
        await create({ email, name: 'Casey', roleId: ROLE.member, temporaryPassword }),
        422,
        'weak_password',
      );
    expect((await attempt('short-one')).detail).toMatch(/at least 15/);
    expect((await attempt('x'.repeat(129))).detail).toMatch(/at most 128/);
    expect((await attempt('my-name-is-casey.jones-ok')).detail).toMatch(/email/);
    expect((await attempt('Welcome-to-NEXUS-2030')).detail).toMatch(/nexus/);
    expect((await attempt('1qaz2wsx3edc4rfv')).detail).toMatch(/common/);
    expect((await attempt('passwordpassword')).detail).toMatch(/^Repetitive:/);
    expect((await attempt('abcdefghijklmnopqr')).detail).toMatch(/^Sequential:/);
    // 15 code points of emoji are 30 UTF-16 units: counted as 15, so accepted.
    expect(
      (await create({ email, name: 'Casey', roleId: ROLE.member, temporaryPassword: '😀🦊🌵🎈🍋🚲🎻🧩🪁🦉🍉🌋🛶🎲🧭' }))
        .status,
    ).toBe(201);
  });

  it('re-adds a removed admin-created member with a new temporary password', async () => {
    const { member, email, password } = await createMember('Comes Back');
    expect((await api.request('DELETE', `/orgs/${ACME}/members/${member.id}`, { token: owner })).status).toBe(204);
    const newPassword = strongPassword('back');
    const again = await create({ email, name: 'Comes Back', roleId: ROLE.accountant, temporaryPassword: newPassword });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      id: member.id,
      userId: member.userId,
      status: 'active',
      roleId: ROLE.accountant,
      mustChangePassword: true,
    });
    expectProblem(
      await api.request('POST', '/auth/sessions', { body: { email, password } }),
      401,
      'invalid_credentials',
    );
    expectProblem(
      await api.request('POST', '/auth/sessions', { body: { email, password: newPassword } }),
      403,
      'password_change_required',
    );
  });
});

describe('PUT /orgs/{orgId}/members/{memberId}/password', () => {
  it('sets a new temporary password, makes it must-change again and revokes the user’s sessions', async () => {
    const { member, email, password } = await createMember('Lost Password');
    const change = await api.request('POST', '/auth/sessions', { body: { email, password } });
    const own = strongPassword('own');
    const session = await api.request('POST', '/auth/password-change', {
      body: { passwordChangeToken: change.body.passwordChangeToken, newPassword: own },
    });
    expect((await api.request('GET', '/me', { token: session.body.accessToken })).status).toBe(200);
    expect((await memberByEmail(email)).mustChangePassword).toBe(false);

    const temporary = strongPassword('reset');
    const result = await api.request('PUT', `/orgs/${ACME}/members/${member.id}/password`, {
      token: hr,
      body: { password: temporary },
    });
    expect(result.status).toBe(204);
    expectProblem(await api.request('GET', '/me', { token: session.body.accessToken }), 401, 'unauthorized');
    expectProblem(
      await api.request('POST', '/auth/refresh', { body: { refreshToken: session.body.refreshToken } }),
      401,
      'invalid_refresh_token',
    );
    expectProblem(
      await api.request('POST', '/auth/sessions', { body: { email, password: own } }),
      401,
      'invalid_credentials',
    );
    expectProblem(
      await api.request('POST', '/auth/sessions', { body: { email, password: temporary } }),
      403,
      'password_change_required',
    );
    expect((await memberByEmail(email)).mustChangePassword).toBe(true);
  });

  it('answers 403 not_managed_account for invited accounts, 422 weak_password and 404 for unknown ids', async () => {
    const hrMember = await memberByEmail(HR);
    expectProblem(
      await api.request('PUT', `/orgs/${ACME}/members/${hrMember.id}/password`, {
        token: owner,
        body: { password: strongPassword() },
      }),
      403,
      'not_managed_account',
    );
    expect(
      (await api.request('POST', '/auth/sessions', { body: { email: HR, password: TEST_ADMIN_PASSWORD } })).status,
    ).toBe(201);
    const { member } = await createMember('Weak Reset');
    expectProblem(
      await api.request('PUT', `/orgs/${ACME}/members/${member.id}/password`, {
        token: owner,
        body: { password: 'qwerty' },
      }),
      422,
      'weak_password',
    );
    expectProblem(
      await api.request('PUT', `/orgs/${ACME}/members/mem_nope/password`, {
        token: owner,
        body: { password: strongPassword() },
      }),
      404,
      'not_found',
    );
    expectProblem(
      await api.request('PUT', `/orgs/${ACME}/members/${member.id}/password`, { token: owner, body: {} }),
      422,
      'invalid_request',
    );
  });
});

describe('PATCH /orgs/{orgId}/members/{memberId}', () => {
  it('changes the role with the current If-Match and bumps the version', async () => {
    const { member } = await createMember('Role Change');
    const result = await api.request('PATCH', `/orgs/${ACME}/members/${member.id}`, {
      token: owner,
      body: { roleId: ROLE.hr },
      headers: { 'If-Match': `"v${member.version}"` },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ roleId: ROLE.hr, version: member.version + 1 });
    expect(result.headers.get('etag')).toBe(`"v${member.version + 1}"`);
  });

  it('answers 412 version_mismatch with the current member, 428 without If-Match', async () => {
    const { member } = await createMember('Stale Edit');
    await api.request('PATCH', `/orgs/${ACME}/members/${member.id}`, {
      token: owner,
      body: { roleId: ROLE.admin },
      headers: { 'If-Match': `"v${member.version}"` },
    });
    const stale = await api.request('PATCH', `/orgs/${ACME}/members/${member.id}`, {
      token: hr,
      body: { roleId: ROLE.accountant },
      headers: { 'If-Match': `"v${member.version}"` },
    });
    expectProblem(stale, 412, 'version_mismatch');
    expect(memberSchema.parse(stale.body.member)).toMatchObject({ roleId: ROLE.admin, version: member.version + 1 });
    expectProblem(
      await api.request('PATCH', `/orgs/${ACME}/members/${member.id}`, { token: owner, body: { roleId: ROLE.member } }),
      428,
      'precondition_required',
    );
    expect((await memberByEmail(member.email)).roleId).toBe(ROLE.admin);
  });

  it('answers 409 last_owner, 422 unknown_role and 404 for unknown ids', async () => {
    const ownerMember = await memberByEmail(OWNER);
    const headers = { 'If-Match': `"v${ownerMember.version}"` };
    expectProblem(
      await api.request('PATCH', `/orgs/${ACME}/members/${ownerMember.id}`, {
        token: hr,
        body: { roleId: ROLE.admin },
        headers,
      }),
      409,
      'last_owner',
    );
    // Nobody changes their own role (issue 17, who may grant what).
    expectProblem(
      await api.request('PATCH', `/orgs/${ACME}/members/${ownerMember.id}`, {
        token: owner,
        body: { roleId: ROLE.member },
        headers,
      }),
      403,
      'cannot_change_own_role',
    );
    expectProblem(
      await api.request('PATCH', `/orgs/${ACME}/members/${ownerMember.id}`, {
        token: owner,
        body: { roleId: 'role_x' },
        headers,
      }),
      422,
      'unknown_role',
    );
    expectProblem(
      await api.request('PATCH', `/orgs/${ACME}/members/mem_nope`, {
        token: owner,
        body: { roleId: ROLE.admin },
        headers,
      }),
      404,
      'not_found',
    );
    expect((await memberByEmail(OWNER)).roleId).toBe(ROLE.owner);
  });
});

describe('DELETE /orgs/{orgId}/members/{memberId}', () => {
  it('removes at once: status removed, work kept, their access to this org ends', async () => {
    const aisha = await memberByEmail('aisha.khan@acme.test');
    // Aisha has no password in the demo; give her an account in this org via a fresh admin-created member instead.
    const { member, email, password } = await createMember('Leaving Soon');
    const change = await api.request('POST', '/auth/sessions', { body: { email, password } });
    const session = await api.request('POST', '/auth/password-change', {
      body: { passwordChangeToken: change.body.passwordChangeToken, newPassword: strongPassword('leave') },
    });
    const theirToken = session.body.accessToken as string;
    expect((await api.request('GET', `/orgs/${ACME}/members`, { token: theirToken })).status).toBe(200);

    expect((await api.request('DELETE', `/orgs/${ACME}/members/${member.id}`, { token: hr })).status).toBe(204);
    expectProblem(await api.request('GET', `/orgs/${ACME}/members`, { token: theirToken }), 404, 'not_found');
    const me = await api.request('GET', '/me', { token: theirToken });
    expect(me.body.memberships).toEqual([]);
    const removed = await api.request('GET', `/orgs/${ACME}/members/${member.id}`, { token: owner });
    expect(removed.body).toMatchObject({ status: 'removed', work: member.work });

    expect((await api.request('DELETE', `/orgs/${ACME}/members/${aisha.id}`, { token: owner })).status).toBe(204);
    const gone = await api.request('GET', `/orgs/${ACME}/members/${aisha.id}`, { token: owner });
    expect(gone.body).toMatchObject({ status: 'removed', work: aisha.work, userId: aisha.userId });
  });

  it('answers 409 cannot_remove_self, 409 last_owner and 404 for unknown ids', async () => {
    const ownerMember = await memberByEmail(OWNER);
    const hrMember = await memberByEmail(HR);
    expectProblem(
      await api.request('DELETE', `/orgs/${ACME}/members/${ownerMember.id}`, { token: owner }),
      409,
      'cannot_remove_self',
    );
    expectProblem(
      await api.request('DELETE', `/orgs/${ACME}/members/${hrMember.id}`, { token: hr }),
      409,
      'cannot_remove_self',
    );
    expectProblem(
      await api.request('DELETE', `/orgs/${ACME}/members/${ownerMember.id}`, { token: hr }),
      409,
      'last_owner',
    );
    expectProblem(await api.request('DELETE', `/orgs/${ACME}/members/mem_nope`, { token: owner }), 404, 'not_found');
    expect((await memberByEmail(OWNER)).status).toBe('active');
  });
});
