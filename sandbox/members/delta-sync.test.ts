import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTombstone, memberListPageSchema, memberSchema, type Member, type MemberListPage } from '../../shared/api';
import { startTestSandbox } from '../testing';
import { ACME, ACME_LABS, ApiClient, expectProblem, OWNER, ROLE, uniqueEmail } from '../test/api-client';

let clock = Date.parse('2030-05-01T08:00:00Z');
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let api: ApiClient;
let owner: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ now: () => new Date(clock) });
  api = new ApiClient(sandbox.apiUrl);
  owner = await api.token(OWNER);
});
afterAll(() => sandbox.close());

async function page(query: string, orgId = ACME): Promise<MemberListPage> {
  const result = await api.request('GET', `/orgs/${orgId}/members${query}`, { token: owner });
  expect(result.status).toBe(200);
  return memberListPageSchema.parse(result.body);
}

async function deltaAll(since: string, limit = 500): Promise<{ items: MemberListPage['items']; syncToken: string }> {
  const items: MemberListPage['items'] = [];
  let current = await page(`?since=${encodeURIComponent(since)}&limit=${limit}`);
  items.push(...current.items);
  while (current.nextCursor) {
    current = await page(
      `?since=${encodeURIComponent(since)}&limit=${limit}&cursor=${encodeURIComponent(current.nextCursor)}`,
    );
    items.push(...current.items);
  }
  return { items, syncToken: current.syncToken };
}

describe('GET /orgs/{orgId}/members?since=<syncToken>', () => {
  it('returns nothing when nothing changed', async () => {
    const full = await page('');
    const delta = await page(`?since=${encodeURIComponent(full.syncToken)}`);
    expect(delta.items).toEqual([]);
    expect(delta.nextCursor).toBeNull();
  });

  it('carries every change once: new, changed, removed members and cancelled invitations as tombstones', async () => {
    const full = await page('');
    const members = full.items as Member[];
    const active = members.filter(
      (m) => m.status === 'active' && m.email.endsWith('@acme.test') && m.roleId === ROLE.member,
    );
    const [toRemove, toPromote] = [active[0]!, active[1]!];

    const cancelled = memberSchema.parse(
      (
        await api.request('POST', `/orgs/${ACME}/invitations`, {
          token: owner,
          body: { email: uniqueEmail('gone'), roleId: ROLE.member },
        })
      ).body,
    );
    expect(
      (await api.request('DELETE', `/orgs/${ACME}/invitations/${cancelled.invitation!.id}`, { token: owner })).status,
    ).toBe(204);
    const invited = memberSchema.parse(
      (
        await api.request('POST', `/orgs/${ACME}/invitations`, {
          token: owner,
          body: { email: uniqueEmail('new'), roleId: ROLE.member },
        })
      ).body,
    );
    expect((await api.request('DELETE', `/orgs/${ACME}/members/${toRemove.id}`, { token: owner })).status).toBe(204);
    const promoted = await api.request('PATCH', `/orgs/${ACME}/members/${toPromote.id}`, {
      token: owner,
      body: { roleId: ROLE.admin },
      headers: { 'If-Match': `"v${toPromote.version}"` },
    });
    expect(promoted.status).toBe(200);

    const delta = await deltaAll(full.syncToken, 2);
    const ids = delta.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([cancelled.id, invited.id, toRemove.id, toPromote.id].sort());

    const tombstone = delta.items.find((item) => item.id === cancelled.id)!;
    expect(isTombstone(tombstone)).toBe(true);
    expect(tombstone).toEqual({ id: cancelled.id, deleted: true, updatedAt: expect.any(String) });
    expect(delta.items.find((item) => item.id === invited.id)).toMatchObject({ status: 'invited' });
    // A removal keeps the member (status removed, work intact) so "show removed" stays right.
    expect(delta.items.find((item) => item.id === toRemove.id)).toMatchObject({
      status: 'removed',
      work: toRemove.work,
    });
    expect(delta.items.find((item) => item.id === toPromote.id)).toMatchObject({
      roleId: ROLE.admin,
      version: toPromote.version + 1,
    });

    // A full listing leaves the cancelled invitation out altogether.
    const after = (await page('')).items.map((m) => m.id);
    expect(after).not.toContain(cancelled.id);
    expect(after).toContain(toRemove.id);

    // The fresh token continues from here.
    expect((await page(`?since=${encodeURIComponent(delta.syncToken)}`)).items).toEqual([]);
  });

  it('does not lose changes made while a full listing is being paged', async () => {
    const first = await page('?limit=5');
    const changed = memberSchema.parse(
      (
        await api.request('POST', `/orgs/${ACME}/invitations`, {
          token: owner,
          body: { email: uniqueEmail('mid'), roleId: ROLE.member },
        })
      ).body,
    );
    let cursor = first.nextCursor;
    let last = first;
    while (cursor) {
      last = await page(`?limit=5&cursor=${encodeURIComponent(cursor)}`);
      cursor = last.nextCursor;
    }
    expect(last.syncToken).toBe(first.syncToken);
    const delta = await deltaAll(last.syncToken);
    expect(delta.items.map((i) => i.id)).toContain(changed.id);
  });

  it('answers 410 sync_token_expired for garbage, foreign, other-org and too-old tokens', async () => {
    expectProblem(
      await api.request('GET', `/orgs/${ACME}/members?since=garbage`, { token: owner }),
      410,
      'sync_token_expired',
    );
    const labs = await page('', ACME_LABS);
    expectProblem(
      await api.request('GET', `/orgs/${ACME}/members?since=${encodeURIComponent(labs.syncToken)}`, { token: owner }),
      410,
      'sync_token_expired',
    );

    const other = await startTestSandbox();
    try {
      const otherApi = new ApiClient(other.apiUrl);
      const otherToken = await otherApi.token(OWNER);
      const foreign = (await otherApi.request('GET', `/orgs/${ACME}/members`, { token: otherToken })).body
        .syncToken as string;
      expectProblem(
        await api.request('GET', `/orgs/${ACME}/members?since=${encodeURIComponent(foreign)}`, { token: owner }),
        410,
        'sync_token_expired',
      );
    } finally {
      await other.close();
    }

    const old = (await page('')).syncToken;
    clock += 31 * 24 * 60 * 60 * 1000;
    owner = await api.token(OWNER);
    expectProblem(
      await api.request('GET', `/orgs/${ACME}/members?since=${encodeURIComponent(old)}`, { token: owner }),
      410,
      'sync_token_expired',
    );
  });
});
