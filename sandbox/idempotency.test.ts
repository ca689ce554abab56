import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberSchema, type Member } from '../shared/api';
import { startTestSandbox } from './testing';
import { ACME, ApiClient, expectProblem, HR, OWNER, ROLE, sandboxStats, uniqueEmail } from './test/api-client';

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let api: ApiClient;
let owner: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new ApiClient(sandbox.apiUrl);
  owner = await api.token(OWNER);
});
afterAll(() => sandbox.close());

const stats = () => sandboxStats(sandbox.url);

async function countByEmail(email: string): Promise<number> {
  const list = await api.request('GET', `/orgs/${ACME}/members`, { token: owner });
  return list.body.items.filter((m: Member) => m.email === email).length;
}

describe('Idempotency-Key', () => {
  it('replays the first response (same status, same body) and acts once', async () => {
    const email = uniqueEmail('idem');
    const send = () =>
      api.request('POST', `/orgs/${ACME}/invitations`, {
        token: owner,
        body: { email, roleId: ROLE.member },
        headers: { 'Idempotency-Key': 'invite-once-1' },
      });
    const before = await stats();
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    const after = await stats();
    expect(after.effects - before.effects).toBe(1);
    expect(after.idempotentReplays - before.idempotentReplays).toBe(1);
    expect(after.duplicateEffects).toBe(0);
    expect(await countByEmail(email)).toBe(1);
    // Without the key, the same body is a new request: already invited.
    expectProblem(
      await api.request('POST', `/orgs/${ACME}/invitations`, { token: owner, body: { email, roleId: ROLE.member } }),
      409,
      'already_invited',
    );
  });

  it('replays a 204 after the thing is gone, instead of answering 404', async () => {
    const created = memberSchema.parse(
      (
        await api.request('POST', `/orgs/${ACME}/invitations`, {
          token: owner,
          body: { email: uniqueEmail(), roleId: ROLE.member },
        })
      ).body,
    );
    const cancel = () =>
      api.request('DELETE', `/orgs/${ACME}/invitations/${created.invitation!.id}`, {
        token: owner,
        headers: { 'Idempotency-Key': 'cancel-1' },
      });
    expect((await cancel()).status).toBe(204);
    expect((await cancel()).status).toBe(204);
  });

  it('answers 422 idempotency_key_reused for another body, method or path under the same key', async () => {
    const key = { 'Idempotency-Key': 'reuse-1' };
    const first = await api.request('POST', `/orgs/${ACME}/invitations`, {
      token: owner,
      body: { email: uniqueEmail(), roleId: ROLE.member },
      headers: key,
    });
    expect(first.status).toBe(201);
    expectProblem(
      await api.request('POST', `/orgs/${ACME}/invitations`, {
        token: owner,
        body: { email: uniqueEmail(), roleId: ROLE.member },
        headers: key,
      }),
      422,
      'idempotency_key_reused',
    );
    expectProblem(
      await api.request('DELETE', `/orgs/${ACME}/invitations/${first.body.invitation.id}`, {
        token: owner,
        headers: key,
      }),
      422,
      'idempotency_key_reused',
    );
    expect((await stats()).duplicateEffects).toBe(0);
  });

  it('keeps keys per admin: another admin may use the same key for their own request', async () => {
    const hr = await api.token(HR);
    const result = await api.request('POST', `/orgs/${ACME}/invitations`, {
      token: hr,
      body: { email: uniqueEmail(), roleId: ROLE.member },
      headers: { 'Idempotency-Key': 'reuse-1' },
    });
    expect(result.status).toBe(201);
  });

  it('does not store validation failures: the corrected request under the same key goes through', async () => {
    const key = { 'Idempotency-Key': 'fix-and-retry' };
    const email = uniqueEmail();
    expectProblem(
      await api.request('POST', `/orgs/${ACME}/invitations`, {
        token: owner,
        body: { email, roleId: 'role_x' },
        headers: key,
      }),
      422,
      'unknown_role',
    );
    expect(
      (
        await api.request('POST', `/orgs/${ACME}/invitations`, {
          token: owner,
          body: { email, roleId: ROLE.member },
          headers: key,
        })
      ).status,
    ).toBe(201);
  });

  it('refuses keys longer than 255 characters', async () => {
    expectProblem(
      await api.request('POST', `/orgs/${ACME}/invitations`, {
        token: owner,
        body: { email: uniqueEmail(), roleId: ROLE.member },
        headers: { 'Idempotency-Key': 'k'.repeat(256) },
      }),
      422,
      'invalid_request',
    );
  });

  it('answers 409 idempotency_in_progress to a repeat that arrives while the first is still running', async () => {
    const email = uniqueEmail('slow');
    const body = JSON.stringify({ email, roleId: ROLE.member });
    const url = new URL(`${sandbox.apiUrl}/orgs/${ACME}/invitations`);
    let repeatStatus: unknown[] = [];
    // The first request sends half its body and waits, so it is provably still in flight.
    const first = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${owner}`,
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            'Idempotency-Key': 'in-flight-1',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        api
          .request('POST', url.pathname.replace('/api/v1', ''), {
            token: owner,
            rawBody: body,
            headers: { 'Idempotency-Key': 'in-flight-1' },
          })
          .then((repeat) => {
            repeatStatus = [repeat.status, repeat.body?.code];
            req.end(body.slice(10));
          }, reject);
      }, 100);
    });
    const done = await first;
    expect(repeatStatus).toEqual([409, 'idempotency_in_progress']);
    expect(done.status).toBe(201);
    const replay = await api.request('POST', '/orgs/' + ACME + '/invitations', {
      token: owner,
      rawBody: body,
      headers: { 'Idempotency-Key': 'in-flight-1' },
    });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(JSON.parse(done.body));
    expect(await countByEmail(email)).toBe(1);
  });
});
