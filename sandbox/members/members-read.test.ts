import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailLookupSchema, memberListPageSchema, memberSchema, roleListSchema, type Member } from '../../shared/api';
import { memberBadge } from '../../shared/member-badge';
import { startTestSandbox } from '../testing';
import {
  ACCOUNTANT,
  ACME,
  ACME_LABS,
  ApiClient,
  DANA,
  expectProblem,
  GLOBEX,
  HR,
  OWNER,
  ROLE,
} from '../test/api-client';

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let api: ApiClient;
let owner: string;
let accountant: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new ApiClient(sandbox.apiUrl);
  owner = await api.token(OWNER);
  accountant = await api.token(ACCOUNTANT);
});
afterAll(() => sandbox.close());

async function listAll(token: string, limit: number): Promise<{ items: Member[]; pages: number }> {
  const items: Member[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const result = await api.request('GET', `/orgs/${ACME}/members${query}`, { token });
    expect(result.status).toBe(200);
    const page = memberListPageSchema.parse(result.body);
    items.push(...(page.items as Member[]));
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

describe('GET /orgs/{orgId}/roles', () => {
  it('lists the built-in and custom roles', async () => {
    const result = await api.request('GET', `/orgs/${ACME}/roles`, { token: accountant });
    expect(result.status).toBe(200);
    const roles = roleListSchema.parse(result.body).items;
    expect(roles.map((r) => r.name)).toEqual(['owner', 'admin', 'member', 'HR Manager', 'Accountant']);
    expect(roles.find((r) => r.name === 'HR Manager')).toMatchObject({
      builtin: false,
      permissions: ['members.read', 'members.manage'],
    });
    expect(roles.find((r) => r.name === 'Accountant')).toMatchObject({ builtin: false, permissions: ['members.read'] });
    expect(roles.find((r) => r.name === 'member')).toMatchObject({ builtin: true, permissions: ['members.read'] });
  });

  it('answers 404 for an org the caller is not in, and 401 without a token', async () => {
    expectProblem(await api.request('GET', `/orgs/${GLOBEX}/roles`, { token: owner }), 404, 'not_found');
    expectProblem(await api.request('GET', `/orgs/${ACME}/roles`), 401, 'unauthorized');
  });
});

describe('GET /orgs/{orgId}/members (full listing)', () => {
  it('returns the demo org with every status, ordered by (updatedAt, id), in pages', async () => {
    const { items, pages } = await listAll(owner, 7);
    expect(pages).toBeGreaterThan(3);
    expect(items.length).toBeGreaterThanOrEqual(25);
    expect(new Set(items.map((m) => m.id)).size).toBe(items.length);
    const keys = items.map((m) => [m.updatedAt, m.id].join('|'));
    expect(keys).toEqual([...keys].sort());
    const badges = new Set(items.map((m) => memberBadge(m)));
    expect([...badges].sort()).toEqual(['Active', 'Created by admin', 'Expired', 'Pending', 'Removed']);
    const withWork = items.filter((m) => m.work.tasks + m.work.files + m.work.notes > 0);
    expect(withWork.length).toBeGreaterThan(items.length / 2);
    for (const member of items) memberSchema.parse(member);
  });

  it('defaults to 500 a page and caps limit at 1000', async () => {
    const page = await api.request('GET', `/orgs/${ACME}/members`, { token: accountant });
    expect(page.body.nextCursor).toBeNull();
    expect(page.body.items.length).toBeGreaterThanOrEqual(25);
    expectProblem(
      await api.request('GET', `/orgs/${ACME}/members?limit=1001`, { token: owner }),
      422,
      'invalid_request',
    );
    expectProblem(
      await api.request('GET', `/orgs/${ACME}/members?limit=abc`, { token: owner }),
      422,
      'invalid_request',
    );
    expectProblem(
      await api.request('GET', `/orgs/${ACME}/members?cursor=garbage`, { token: owner }),
      422,
      'invalid_request',
    );
  });

  it('keeps orgs apart: the owner sees Acme Labs separately, not Globex', async () => {
    const labs = await api.request('GET', `/orgs/${ACME_LABS}/members`, { token: owner });
    expect(labs.status).toBe(200);
    expect(labs.body.items.map((m: Member) => m.email)).toContain('ada.lovelace@acme-labs.test');
    expect(labs.body.items.map((m: Member) => m.email)).not.toContain(HR);
    expectProblem(await api.request('GET', `/orgs/${GLOBEX}/members`, { token: owner }), 404, 'not_found');
    expectProblem(await api.request('GET', `/orgs/org_nope/members`, { token: owner }), 404, 'not_found');
    // A cursor of one org does not work for another.
    const page = await api.request('GET', `/orgs/${ACME}/members?limit=1`, { token: owner });
    expectProblem(
      await api.request('GET', `/orgs/${ACME_LABS}/members?cursor=${encodeURIComponent(page.body.nextCursor)}`, {
        token: owner,
      }),
      422,
      'invalid_request',
    );
  });
});

describe('GET /orgs/{orgId}/members/{memberId}', () => {
  it('returns the member with an ETag of its version', async () => {
    const list = await api.request('GET', `/orgs/${ACME}/members`, { token: owner });
    const hr = list.body.items.find((m: Member) => m.email === HR) as Member;
    const result = await api.request('GET', `/orgs/${ACME}/members/${hr.id}`, { token: accountant });
    expect(result.status).toBe(200);
    expect(memberSchema.parse(result.body)).toEqual(hr);
    expect(result.headers.get('etag')).toBe(`"v${hr.version}"`);
    expect(hr.roleId).toBe(ROLE.hr);
  });

  it('answers 404 for unknown ids and for ids of another org', async () => {
    expectProblem(await api.request('GET', `/orgs/${ACME}/members/mem_unknown`, { token: owner }), 404, 'not_found');
    const dana = await api.token(DANA);
    const globex = await api.request('GET', `/orgs/${GLOBEX}/members`, { token: dana });
    const danaMember = globex.body.items[0] as Member;
    expectProblem(
      await api.request('GET', `/orgs/${ACME}/members/${danaMember.id}`, { token: owner }),
      404,
      'not_found',
    );
  });
});

describe('GET /orgs/{orgId}/users/lookup', () => {
  it('tells whether an email is a Nexus user and their status in this org', async () => {
    const lookup = async (email: string) => {
      const result = await api.request('GET', `/orgs/${ACME}/users/lookup?email=${encodeURIComponent(email)}`, {
        token: owner,
      });
      expect(result.status).toBe(200);
      return emailLookupSchema.parse(result.body);
    };
    expect(await lookup(HR)).toEqual({ exists: true, memberStatus: 'active' });
    expect(await lookup('HR@Acme.test')).toEqual({ exists: true, memberStatus: 'active' });
    expect(await lookup(DANA)).toEqual({ exists: true, memberStatus: null });
    expect(await lookup('never.seen@example.test')).toEqual({ exists: false, memberStatus: null });
    expect(await lookup('yusuf.demir@acme.test')).toEqual({ exists: true, memberStatus: 'removed' });
    expect(await lookup('olga.novak@acme.test')).toEqual({ exists: true, memberStatus: 'invited' });
  });

  it('needs members.manage (403 for the Accountant) and a valid email (422)', async () => {
    const problem = expectProblem(
      await api.request('GET', `/orgs/${ACME}/users/lookup?email=${encodeURIComponent(DANA)}`, { token: accountant }),
      403,
      'missing_permission',
    );
    expect(problem.detail).toContain('members.manage');
    expectProblem(
      await api.request('GET', `/orgs/${ACME}/users/lookup?email=nope`, { token: owner }),
      422,
      'invalid_request',
    );
    expectProblem(await api.request('GET', `/orgs/${ACME}/users/lookup`, { token: owner }), 422, 'invalid_request');
  });
});
