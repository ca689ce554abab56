import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITATION_TTL_MS, memberSchema, publicInvitationSchema, type Member } from '../../shared/api';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../testing';
import { ACME, ApiClient, DANA, expectProblem, HR, OWNER, ROLE, strongPassword, uniqueEmail } from '../test/api-client';
import { latestInviteToken, outbox } from '../test/outbox';

let clock = Date.parse('2030-03-01T09:00:00Z');
const advance = (ms: number): void => {
  clock += ms;
};
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let api: ApiClient;
let owner: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: () => new Date(clock), publicUrl: 'http://console.example:4010/' });
  api = new ApiClient(sandbox.apiUrl);
  owner = await api.token(OWNER);
});
afterAll(() => sandbox.close());

async function invite(email: string, roleId: string = ROLE.member) {
  return api.request('POST', `/orgs/${ACME}/invitations`, { token: owner, body: { email, roleId } });
}

async function memberByEmail(email: string): Promise<Member> {
  const list = await api.request('GET', `/orgs/${ACME}/members`, { token: owner });
  return list.body.items.find((m: Member) => m.email === email);
}

describe('POST /orgs/{orgId}/invitations', () => {
  it('invites a new user: 201 invited member and a mail with the accept link, org and inviter', async () => {
    const email = uniqueEmail('new');
    const result = await invite(email, ROLE.hr);
    expect(result.status).toBe(201);
    const member = memberSchema.parse(result.body);
    expect(member).toMatchObject({
      email,
      name: '',
      status: 'invited',
      origin: 'invitation',
      roleId: ROLE.hr,
      mustChangePassword: false,
    });
    expect(member.invitation!.sendCount).toBe(1);
    expect(Date.parse(member.invitation!.expiresAt) - clock).toBe(INVITATION_TTL_MS);
    expect(result.headers.get('etag')).toBe(`"v${member.version}"`);
    const mail = (await outbox(sandbox.url))[0]!;
    expect(mail.to).toBe(email);
    expect(mail.acceptUrl).toMatch(/^http:\/\/console\.example:4010\/invite\/nxi_/);
    expect(mail.text).toContain('Acme Corp');
    expect(mail.text).toContain('Olivia Owner');
    expect(mail.text).toContain(mail.acceptUrl!);
  });

  it('invites an existing Nexus account of another org', async () => {
    const result = await invite(DANA);
    expect(result.status).toBe(201);
    expect(result.body.name).toBe('Dana Whitfield');
    const token = await latestInviteToken(sandbox.url, DANA);
    const info = publicInvitationSchema.parse((await api.request('GET', `/invitations/${token}`)).body);
    expect(info.accountExists).toBe(true);
  });

  it('answers 409 already_member, 409 already_invited with the member, 422 unknown_role and 422 for bad input', async () => {
    expectProblem(await invite(HR), 409, 'already_member');
    const pending = await memberByEmail('kemi.adeyemi@acme.test');
    expect(pending.status).toBe('invited');
    const again = await invite('kemi.adeyemi@acme.test');
    expectProblem(again, 409, 'already_invited');
    expect(memberSchema.parse(again.body.member).id).toBe(pending.id);
    expectProblem(await invite(uniqueEmail(), 'role_globex_owner'), 422, 'unknown_role');
    const bad = expectProblem(
      await api.request('POST', `/orgs/${ACME}/invitations`, { token: owner, body: { email: 'x', roleId: 7 } }),
      422,
      'invalid_request',
    );
    expect(bad.errors?.map((e) => e.path).sort()).toEqual(['email', 'roleId']);
  });

  it('re-adds a removed member: same userId, work intact, active after accepting', async () => {
    const removed = await memberByEmail('yusuf.demir@acme.test');
    expect(removed.status).toBe('removed');
    const result = await invite(removed.email);
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      id: removed.id,
      userId: removed.userId,
      status: 'invited',
      work: removed.work,
    });
    const token = await latestInviteToken(sandbox.url, removed.email);
    const accepted = await api.request('POST', `/invitations/${token}/accept`, {
      body: { name: 'Yusuf Demir', password: strongPassword('y') },
    });
    expect(accepted.status).toBe(200);
    const back = await memberByEmail(removed.email);
    expect(back).toMatchObject({ id: removed.id, userId: removed.userId, status: 'active', work: removed.work });
  });
});

describe('POST /orgs/{orgId}/invitations/{invitationId}/resend', () => {
  it('mails a new link, kills the old one, moves expiresAt and counts sends; at most once a minute', async () => {
    const email = uniqueEmail('resend');
    const created = memberSchema.parse((await invite(email)).body);
    const oldToken = await latestInviteToken(sandbox.url, email);
    const path = `/orgs/${ACME}/invitations/${created.invitation!.id}/resend`;

    const tooSoon = await api.request('POST', path, { token: owner });
    expectProblem(tooSoon, 429, 'rate_limited');
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);

    advance(61_000);
    const resent = await api.request('POST', path, { token: owner });
    expect(resent.status).toBe(200);
    const member = memberSchema.parse(resent.body);
    expect(member.invitation!.sendCount).toBe(2);
    expect(Date.parse(member.invitation!.expiresAt) - clock).toBe(INVITATION_TTL_MS);
    expect(member.invitation!.lastSentAt).toBe(new Date(clock).toISOString());
    expect(member.version).toBe(created.version + 1);

    const newToken = await latestInviteToken(sandbox.url, email);
    expect(newToken).not.toBe(oldToken);
    expectProblem(await api.request('GET', `/invitations/${oldToken}`), 404, 'not_found');
    expect((await api.request('GET', `/invitations/${newToken}`)).status).toBe(200);
  });

  it('answers 404 for unknown invitation ids', async () => {
    expectProblem(
      await api.request('POST', `/orgs/${ACME}/invitations/inv_nope/resend`, { token: owner }),
      404,
      'not_found',
    );
  });
});

describe('DELETE /orgs/{orgId}/invitations/{invitationId}', () => {
  it('answers 204, the link stops working and the membership disappears', async () => {
    const email = uniqueEmail('cancel');
    const created = memberSchema.parse((await invite(email)).body);
    const token = await latestInviteToken(sandbox.url, email);
    const result = await api.request('DELETE', `/orgs/${ACME}/invitations/${created.invitation!.id}`, { token: owner });
    expect(result.status).toBe(204);
    expectProblem(await api.request('GET', `/invitations/${token}`), 404, 'not_found');
    expectProblem(await api.request('GET', `/orgs/${ACME}/members/${created.id}`, { token: owner }), 404, 'not_found');
    expect(await memberByEmail(email)).toBeUndefined();
    expectProblem(
      await api.request('DELETE', `/orgs/${ACME}/invitations/${created.invitation!.id}`, { token: owner }),
      404,
      'not_found',
    );
    // It can be invited again later.
    expect((await invite(email)).status).toBe(201);
  });
});

describe('the invitee side: GET /invitations/{token} and POST /invitations/{token}/accept', () => {
  it('describes the invitation and accepts it once for a new account', async () => {
    const email = uniqueEmail('joiner');
    await invite(email);
    const token = await latestInviteToken(sandbox.url, email);
    const info = await api.request('GET', `/invitations/${token}`);
    expect(info.status).toBe(200);
    expect(publicInvitationSchema.parse(info.body)).toMatchObject({
      orgName: 'Acme Corp',
      email,
      inviterName: 'Olivia Owner',
      accountExists: false,
    });

    expectProblem(
      await api.request('POST', `/invitations/${token}/accept`, { body: { password: strongPassword() } }),
      422,
      'invalid_request',
    );
    const weak = await api.request('POST', `/invitations/${token}/accept`, {
      body: { name: 'Jo Iner', password: 'password' },
    });
    expectProblem(weak, 422, 'weak_password');
    const password = strongPassword('join');
    const accepted = await api.request('POST', `/invitations/${token}/accept`, { body: { name: 'Jo Iner', password } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ orgName: 'Acme Corp', email, status: 'active' });
    expectProblem(
      await api.request('POST', `/invitations/${token}/accept`, { body: { name: 'Jo', password } }),
      404,
      'not_found',
    );
    expectProblem(await api.request('GET', `/invitations/${token}`), 404, 'not_found');

    const member = await memberByEmail(email);
    expect(member).toMatchObject({ status: 'active', name: 'Jo Iner', invitation: null });
    const session = await api.signIn(email, password);
    const me = await api.request('GET', '/me', { token: session.accessToken });
    expect(me.body.memberships[0].org.name).toBe('Acme Corp');
  });

  it('lets an existing account accept with its own password only', async () => {
    const token = await latestInviteToken(sandbox.url, DANA);
    expectProblem(
      await api.request('POST', `/invitations/${token}/accept`, { body: { password: 'not dana password!' } }),
      401,
      'invalid_credentials',
    );
    const accepted = await api.request('POST', `/invitations/${token}/accept`, {
      body: { password: TEST_ADMIN_PASSWORD },
    });
    expect(accepted.status).toBe(200);
    expect((await memberByEmail(DANA)).status).toBe('active');
  });

  it('answers 404 for unknown tokens and 410 invitation_expired after 7 days', async () => {
    expectProblem(await api.request('GET', `/invitations/nxi_unknown`), 404, 'not_found');
    expectProblem(
      await api.request('POST', `/invitations/nxi_unknown/accept`, { body: { password: 'x' } }),
      404,
      'not_found',
    );
    const email = uniqueEmail('slow');
    await invite(email);
    const token = await latestInviteToken(sandbox.url, email);
    advance(INVITATION_TTL_MS + 1000);
    expectProblem(await api.request('GET', `/invitations/${token}`), 410, 'invitation_expired');
    expectProblem(
      await api.request('POST', `/invitations/${token}/accept`, { body: { name: 'Slow', password: strongPassword() } }),
      410,
      'invitation_expired',
    );
    owner = await api.token(OWNER); // the old access token expired with the week
    const member = await memberByEmail(email);
    expect(member.status).toBe('invited');
    expect(Date.parse(member.invitation!.expiresAt)).toBeLessThan(clock);
  });
});
