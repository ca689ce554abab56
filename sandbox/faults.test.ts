import { afterEach, describe, expect, it } from 'vitest';
import { sandboxStatsSchema, type Member } from '../shared/api';
import { decideFault, parseFaults, type Fault } from './faults';
import { startTestSandbox } from './testing';
import { ACME, ApiClient, expectProblem, OWNER, ROLE, uniqueEmail, type ApiResult } from './test/api-client';

let sandbox: Awaited<ReturnType<typeof startTestSandbox>> | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

async function stats(url: string) {
  return sandboxStatsSchema.parse(await (await fetch(`${url}/sandbox/stats`)).json());
}

/** A seed whose first decisions are exactly these, so a test can script "fault, then no fault". */
function seedFor(spec: string, wanted: (Fault | null)[]): number {
  for (let seed = 1; seed < 100_000; seed++) {
    const plan = parseFaults(`${spec};seed=${seed}`);
    const got = wanted.map(() => decideFault(plan, '/orgs/x/invitations'));
    if (JSON.stringify(got) === JSON.stringify(wanted)) return seed;
  }
  throw new Error('no seed found');
}

/** What a careful client does: retry with the same Idempotency-Key until a real answer arrives. */
async function untilAnswered(
  send: () => Promise<ApiResult>,
  attempts = 40,
): Promise<{ result: ApiResult; failures: number }> {
  let failures = 0;
  for (let i = 0; i < attempts; i++) {
    try {
      const result = await send();
      if (result.status !== 500 && result.status !== 429) return { result, failures };
    } catch {
      // reset or client timeout: try again
    }
    failures++;
  }
  throw new Error('never answered');
}

async function membersWithEmail(api: ApiClient, token: string, email: string): Promise<number> {
  const { result } = await untilAnswered(() => api.request('GET', `/orgs/${ACME}/members`, { token }));
  return (result.body.items as Member[]).filter((m) => m.email === email).length;
}

describe('fault injection (NEXUS_SANDBOX_FAULTS)', () => {
  it('a 500 after the commit, retried with the same key, replays the stored answer: exactly one effect', async () => {
    const spec = 'rate=0.5;kinds=500;phases=after;paths=/invitations';
    const seed = seedFor(spec, [{ kind: '500', phase: 'after' }, null]);
    sandbox = await startTestSandbox({ faults: `${spec};seed=${seed}` });
    const api = new ApiClient(sandbox.apiUrl);
    const owner = await api.token(OWNER);
    const email = uniqueEmail('fault');
    const send = () =>
      api.request('POST', `/orgs/${ACME}/invitations`, {
        token: owner,
        body: { email, roleId: ROLE.member },
        headers: { 'Idempotency-Key': 'after-commit-500' },
      });

    expectProblem(await send(), 500, 'internal_error');
    // The change was committed although the client saw a 500.
    expect(await membersWithEmail(api, owner, email)).toBe(1);
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.body.email).toBe(email);

    const after = await stats(sandbox.url);
    expect(after.faultsInjected['500']).toBe(1);
    expect(after.idempotentReplays).toBe(1);
    expect(after.duplicateEffects).toBe(0);
    expect(await membersWithEmail(api, owner, email)).toBe(1);
  });

  it('a connection reset after the commit is recovered the same way', async () => {
    const spec = 'rate=0.5;kinds=reset;phases=after;paths=/invitations';
    const seed = seedFor(spec, [{ kind: 'reset', phase: 'after' }, null]);
    sandbox = await startTestSandbox({ faults: `${spec};seed=${seed}` });
    const api = new ApiClient(sandbox.apiUrl);
    const owner = await api.token(OWNER);
    const email = uniqueEmail('reset');
    const send = () =>
      api.request('POST', `/orgs/${ACME}/invitations`, {
        token: owner,
        body: { email, roleId: ROLE.member },
        headers: { 'Idempotency-Key': 'reset-1' },
      });
    await expect(send()).rejects.toThrow();
    const retry = await send();
    expect(retry.status).toBe(201);
    const after = await stats(sandbox.url);
    expect(after).toMatchObject({ idempotentReplays: 1, duplicateEffects: 0 });
    expect(after.faultsInjected.reset).toBe(1);
    expect(await membersWithEmail(api, owner, email)).toBe(1);
  });

  it('a timeout holds the answer past the client timeout; 429 says Retry-After: 1 and changes nothing', async () => {
    sandbox = await startTestSandbox({ faults: 'rate=1;kinds=timeout;timeoutMs=5000;paths=/roles' });
    const api = new ApiClient(sandbox.apiUrl);
    const owner = await api.token(OWNER);
    const started = Date.now();
    const timedOut = await fetch(`${sandbox.apiUrl}/orgs/${ACME}/roles`, {
      headers: { Authorization: `Bearer ${owner}` },
      signal: AbortSignal.timeout(300),
    }).catch((error: unknown) => error);
    expect(timedOut).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await sandbox.close();

    sandbox = await startTestSandbox({ faults: 'rate=1;kinds=429;paths=/invitations' });
    const api2 = new ApiClient(sandbox.apiUrl);
    const token = await api2.token(OWNER);
    const email = uniqueEmail('limited');
    const limited = await api2.request('POST', `/orgs/${ACME}/invitations`, {
      token,
      body: { email, roleId: ROLE.member },
    });
    expectProblem(limited, 429, 'rate_limited');
    expect(limited.headers.get('retry-after')).toBe('1');
    const lookup = await api2.request('GET', `/orgs/${ACME}/users/lookup?email=${encodeURIComponent(email)}`, {
      token,
    });
    expect(lookup.body).toEqual({ exists: false, memberStatus: null });
  });

  it('never faults /sandbox/*, even at rate 1', async () => {
    sandbox = await startTestSandbox({ faults: 'rate=1;kinds=500,reset;seed=3' });
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${sandbox.url}/sandbox/stats`)).status).toBe(200);
      expect((await fetch(`${sandbox.url}/sandbox/outbox`)).status).toBe(200);
    }
    expect((await stats(sandbox.url)).requests).toBe(0);
  });

  it('under mixed random faults, every retried change lands exactly once', async () => {
    sandbox = await startTestSandbox({
      faults: 'rate=0.35;kinds=500,reset,timeout,429;timeoutMs=400;seed=7;paths=/orgs',
    });
    const api = new ApiClient(sandbox.apiUrl);
    const owner = await api.token(OWNER);
    const emails = Array.from({ length: 12 }, () => uniqueEmail('chaos'));
    let failures = 0;
    for (const [i, email] of emails.entries()) {
      const outcome = await untilAnswered(() =>
        api.request('POST', `/orgs/${ACME}/invitations`, {
          token: owner,
          body: { email, roleId: ROLE.member },
          headers: { 'Idempotency-Key': `chaos-${i}` },
        }),
      );
      expect(outcome.result.status).toBe(201);
      failures += outcome.failures;
    }
    const { result } = await untilAnswered(() => api.request('GET', `/orgs/${ACME}/members`, { token: owner }));
    const items = result.body.items as Member[];
    for (const email of emails) expect(items.filter((m) => m.email === email)).toHaveLength(1);
    const after = await stats(sandbox.url);
    expect(failures).toBeGreaterThan(0);
    expect(Object.values(after.faultsInjected).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(after.duplicateEffects).toBe(0);
    expect(after.effects).toBeGreaterThanOrEqual(emails.length);
  }, 60_000);
});
