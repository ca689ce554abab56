import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPageSchema, type AuditEvent, type Member } from '../../shared/api';
import { startTestSandbox } from '../testing';
import {
  ACCOUNTANT,
  ACME,
  ACME_LABS,
  ApiClient,
  expectProblem,
  HR,
  OWNER,
  ROLE,
  strongPassword,
  uniqueEmail,
} from '../test/api-client';
import { latestInviteToken } from '../test/outbox';

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let api: ApiClient;
let owner: string;
let hr: string;
let accountant: string;
let clock = Date.parse('2026-03-01T09:00:00.000Z');

/** Access tokens live 15 minutes on the sandbox's clock: sign in again after moving it far. */
async function signInAll(): Promise<void> {
  owner = await api.token(OWNER);
  hr = await api.token(HR);
  accountant = await api.token(ACCOUNTANT);
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: () => new Date(clock) });
  api = new ApiClient(sandbox.apiUrl);
  await signInAll();
});
afterAll(() => sandbox.close());

const CONSOLE = { 'X-Nexus-Client': 'Nexus Admin/0.1.0' };

async function audit(token: string, query = ''): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const result = await api.request('GET', `/orgs/${ACME}/audit${query ? `?${query}` : ''}`, { token });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return auditPageSchema.parse(result.body);
}

async function invite(token: string, email: string, roleId: string = ROLE.member, headers = CONSOLE) {
  const result = await api.request<Member>('POST', `/orgs/${ACME}/invitations`, {
    token,
    body: { email, roleId },
    headers: { ...headers, 'Idempotency-Key': `inv-${email}` },
  });
  expect(result.status).toBe(201);
  return result.body;
}

describe('every member-changing call writes one event', () => {
  it('records who did what to whom, when, from which client', async () => {
    clock += 60_000;
    const email = uniqueEmail('audit');
    const invited = await invite(owner, email);
    const [event] = (await audit(owner, `memberId=${invited.id}`)).items;
    expect(event).toMatchObject({
      at: new Date(clock).toISOString(),
      action: 'member.invited',
      actor: { email: OWNER },
      member: { id: invited.id, email },
      details: { roleId: ROLE.member, roleName: 'member' },
      client: 'Nexus Admin/0.1.0',
    });
  });

  it('credits each admin with their own change when two act on the same member', async () => {
    const email = uniqueEmail('race');
    const created = await api.request<Member>('POST', `/orgs/${ACME}/members`, {
      token: owner,
      body: { email, name: 'Race Target', roleId: ROLE.member, temporaryPassword: strongPassword('a') },
      headers: CONSOLE,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const patched = await api.request<Member>('PATCH', `/orgs/${ACME}/members/${id}`, {
      token: hr,
      body: { roleId: ROLE.accountant },
      headers: { 'If-Match': `"v${created.body.version}"`, 'X-Nexus-Client': 'curl/8.5.0' },
    });
    expect(patched.status).toBe(200);
    const pw = await api.request('PUT', `/orgs/${ACME}/members/${id}/password`, {
      token: owner,
      body: { password: strongPassword('b') },
    });
    expect(pw.status).toBe(204);
    expect((await api.request('DELETE', `/orgs/${ACME}/members/${id}`, { token: hr })).status).toBe(204);

    const events = (await audit(owner, `memberId=${id}`)).items;
    expect(events.map((e) => [e.action, e.actor.email, e.client])).toEqual([
      ['member.removed', HR, null],
      ['member.password_set', OWNER, null],
      ['member.role_changed', HR, 'curl/8.5.0'],
      ['member.created', OWNER, 'Nexus Admin/0.1.0'],
    ]);
    expect(events[2]!.details).toEqual({
      roleId: ROLE.accountant,
      roleName: 'Accountant',
      previousRoleId: ROLE.member,
      previousRoleName: 'member',
    });
    // Never a password in the log.
    expect(JSON.stringify(events)).not.toMatch(/Quiet-Lantern/);
  });

  it('records resend, cancel and the invitee accepting (credited to the invitee)', async () => {
    clock += 120_000; // past the once-a-minute resend limit of earlier invitations
    const accepted = uniqueEmail('accept');
    const member = await invite(owner, accepted);
    clock += 61_000;
    const resend = await api.request('POST', `/orgs/${ACME}/invitations/${member.invitation!.id}/resend`, {
      token: hr,
    });
    expect(resend.status).toBe(200);
    const token = await latestInviteToken(sandbox.url, accepted);
    const accept = await api.request('POST', `/invitations/${token}/accept`, {
      body: { name: 'New Person', password: strongPassword('c') },
    });
    expect(accept.status).toBe(200);
    const cancelled = await invite(hr, uniqueEmail('cancel'));
    expect(
      (await api.request('DELETE', `/orgs/${ACME}/invitations/${cancelled.invitation!.id}`, { token: owner })).status,
    ).toBe(204);

    expect((await audit(owner, `memberId=${member.id}`)).items.map((e) => [e.action, e.actor.email])).toEqual([
      ['invitation.accepted', accepted],
      ['invitation.resent', HR],
      ['member.invited', OWNER],
    ]);
    expect((await audit(owner, `memberId=${cancelled.id}`)).items.map((e) => [e.action, e.actor.email])).toEqual([
      ['invitation.cancelled', OWNER],
      ['member.invited', HR],
    ]);
  });

  it('writes nothing for a refused or no-op change, and once for an idempotent repeat', async () => {
    const before = (await audit(owner, 'limit=500')).items.length;
    const ownerRow = (await api.request('GET', `/orgs/${ACME}/members?limit=1000`, { token: owner })).body.items.find(
      (m: Member) => m.email === OWNER,
    ) as Member;
    expectProblem(
      await api.request('DELETE', `/orgs/${ACME}/members/${ownerRow.id}`, { token: owner }),
      409,
      'cannot_remove_self',
    );
    expectProblem(
      await api.request('POST', `/orgs/${ACME}/invitations`, {
        token: hr,
        body: { email: uniqueEmail(), roleId: ROLE.owner },
      }),
      403,
      'owner_only',
    );
    const email = uniqueEmail('repeat');
    const first = await invite(owner, email);
    const again = await invite(owner, email); // same Idempotency-Key: the stored answer, no second effect
    expect(again.id).toBe(first.id);
    expect((await audit(owner, 'limit=500')).items.length).toBe(before + 1);
  });

  it('the event and the change share one transaction: an event that cannot be written undoes the change', async () => {
    const email = uniqueEmail('atomic');
    const db = new Database(join(sandbox.dataDir, 'nexus-sandbox.db'));
    try {
      db.exec(`CREATE TRIGGER audit_refuses BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END;`);
      const result = await api.request('POST', `/orgs/${ACME}/invitations`, {
        token: owner,
        body: { email, roleId: ROLE.member },
      });
      expect(result.status).toBe(500);
      const lookup = await api.request('GET', `/orgs/${ACME}/users/lookup?email=${encodeURIComponent(email)}`, {
        token: owner,
      });
      expect(lookup.body).toEqual({ exists: false, memberStatus: null });
    } finally {
      db.exec('DROP TRIGGER IF EXISTS audit_refuses');
      db.close();
    }
  });
});

describe('reading the log', () => {
  it('pages newest first with a cursor, without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await invite(owner, uniqueEmail(`page${i}`));
    const all = (await audit(owner, 'limit=500')).items;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await audit(owner, `limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    expect([...all].sort((a, b) => b.at.localeCompare(a.at)).map((e) => e.at)).toEqual(all.map((e) => e.at));
  });

  it('filters by member, actor, action, time range and words, combined', async () => {
    clock = Date.parse('2026-04-01T10:00:00.000Z');
    await signInAll();
    const early = await invite(hr, uniqueEmail('early'));
    clock = Date.parse('2026-04-02T10:00:00.000Z');
    await signInAll();
    const late = await invite(hr, uniqueEmail('zebra'));
    const me = await api.request('GET', '/me', { token: hr });

    const byActor = (await audit(owner, `actorId=${me.body.user.id}&limit=500`)).items;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actor.email === HR)).toBe(true);

    const window = (await audit(owner, 'from=2026-04-02T00:00:00Z&to=2026-04-03T00:00:00Z')).items;
    expect(window.map((e) => e.member.id)).toEqual([late.id]);
    const offset = (
      await audit(owner, `from=${encodeURIComponent('2026-04-01T12:00:00+02:00')}&to=2026-04-02T00:00:00Z`)
    ).items;
    expect(offset.map((e) => e.member.id)).toEqual([early.id]);

    const words = (await audit(owner, 'q=ZEBRA%20hr@acme')).items;
    expect(words.map((e) => e.member.id)).toEqual([late.id]);
    expect((await audit(owner, 'q=%25')).items).toEqual([]); // LIKE wildcards are plain text

    const actions = (await audit(owner, 'action=member.role_changed&action=member.removed&limit=500')).items;
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions.map((e) => e.action))).toEqual(new Set(['member.role_changed', 'member.removed']));
    expect((await audit(owner, `memberId=${early.id}&action=member.removed`)).items).toEqual([]);
  });

  it('needs members.read and shows only this org', async () => {
    // The Accountant has members.read: they may read the log.
    expect((await audit(accountant)).items.length).toBeGreaterThan(0);
    const dana = await api.token('dana@globex.test');
    expectProblem(await api.request('GET', `/orgs/${ACME}/audit`, { token: dana }), 404, 'not_found');
    expectProblem(await api.request('GET', `/orgs/${ACME}/audit`), 401, 'unauthorized');
    const labs = await api.request('GET', `/orgs/${ACME_LABS}/audit`, { token: owner });
    expect(labs.status).toBe(200);
    expect(labs.body.items).toEqual([]);
  });

  it('refuses bad queries, foreign cursors and malformed client names with 422, changing nothing', async () => {
    for (const query of ['limit=0', 'limit=501', 'action=member.exploded', 'from=yesterday', 'cursor=abc']) {
      expectProblem(await api.request('GET', `/orgs/${ACME}/audit?${query}`, { token: owner }), 422, 'invalid_request');
    }
    const before = (await audit(owner, 'limit=500')).items.length;
    const email = uniqueEmail('badclient');
    const refused = await api.request('POST', `/orgs/${ACME}/invitations`, {
      token: owner,
      body: { email, roleId: ROLE.member },
      headers: { 'X-Nexus-Client': 'x'.repeat(101) },
    });
    expectProblem(refused, 422, 'invalid_request');
    expect((await audit(owner, 'limit=500')).items.length).toBe(before);
  });
});
