import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/contract/errors';
import { ApiClient } from '../../../sandbox/test/api-client';
import { ACME, DEMO, PASSWORD, ROLE, removeDir, startTestSandbox, tempDir, testSecretStore } from '../test/harness';
import { createAccountsCore } from './create-accounts-core';

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

async function emailsOn(sandbox: Sandbox): Promise<Set<string>> {
  const api = new ApiClient(sandbox.apiUrl);
  const token = await api.token(DEMO.owner);
  const result = await api.request('GET', `/orgs/${ACME}/members?limit=1000`, { token });
  return new Set<string>(result.body.items.map((m: { email: string }) => m.email));
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('several accounts signed in at once', () => {
  const dirA = tempDir('nexus-sandbox-a-');
  const dirB = tempDir('nexus-sandbox-b-');
  const dataDir = tempDir();
  const secretStore = testSecretStore();
  let a: Sandbox;
  let b: Sandbox;
  let portA: number;

  beforeAll(async () => {
    a = await startTestSandbox({ dataDir: dirA });
    b = await startTestSandbox({ dataDir: dirB });
    portA = Number(new URL(a.url).port);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const dir of [dirA, dirB, dataDir]) removeDir(dir);
  });

  it(
    'keeps two servers signed in, each with its own list and queue, syncing to its own server',
    { timeout: 120_000 },
    async () => {
      let core = await createAccountsCore({ dataDir, secretStore, syncIntervalMs: 0, requestTimeoutMs: 5000 });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- outputs are checked by the contract; tests read them loosely
      const call = async <T = any>(command: string, input: unknown = {}): Promise<T> => {
        const result = (await core.dispatch(command, input)) as CommandResult<T>;
        if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
        return result.value;
      };
      const signInTo = async (url: string) => {
        await call('session.signIn', { serverUrl: url, email: DEMO.owner, password: PASSWORD });
        await call('orgs.select', { orgId: ACME });
        await call('sync.now');
      };

      await signInTo(a.url);
      const first = await call('accounts.list');
      expect(first.items).toHaveLength(1);

      expect((await call('accounts.add')).state).toBe('signedOut');
      await signInTo(b.url);
      const both = await call('accounts.list');
      expect(
        both.items.map((item: { serverUrl: string; signedIn: boolean }) => [item.serverUrl, item.signedIn]),
      ).toEqual([
        [a.url, true],
        [b.url, true],
      ]);
      const [idA, idB] = both.items.map((item: { id: string }) => item.id);

      // B's change goes to B only.
      await call('members.invite', { email: 'only.on.b@example.com', roleId: ROLE.member });
      await call('sync.now');
      expect((await emailsOn(b)).has('only.on.b@example.com')).toBe(true);
      expect((await emailsOn(a)).has('only.on.b@example.com')).toBe(false);

      // A goes away; its change waits in A's own queue while B is on screen.
      await call('accounts.switch', { id: idA });
      expect((await call('session.status')).serverUrl).toBe(a.url);
      expect((await call('members.query', { text: 'only.on.b' })).total).toBe(0);
      await a.close();
      await call('sync.now');
      await call('members.invite', { email: 'queued.for.a@example.com', roleId: ROLE.member });
      expect((await call('sync.status')).queued).toBe(1);
      await call('accounts.switch', { id: idB });
      expect((await call('sync.status')).queued).toBe(0);
      expect((await call('members.query', { text: 'queued.for.a' })).total).toBe(0);

      // Each account has its own keychain entries (B's are scoped by its id).
      const names = await secretStore.list();
      expect(names).toContain(`${a.url}|${DEMO.owner}`);
      expect(names).toContain(`${idB}:${b.url}|${DEMO.owner}`);

      // Restart: both accounts come back signed in, B on screen, A's queue still waiting for A.
      await core.close();
      core = await createAccountsCore({ dataDir, secretStore, syncIntervalMs: 0, requestTimeoutMs: 5000 });
      const again = await call('accounts.list');
      expect(again.activeId).toBe(idB);
      expect(again.items.map((item: { signedIn: boolean; queued: number }) => [item.signedIn, item.queued])).toEqual([
        [true, 1],
        [true, 0],
      ]);

      // A is back: its queue syncs to A (its own engine), while B stays on screen.
      a = await startTestSandbox({ dataDir: dirA, port: portA });
      // (A restored offline, so its engine probes the server with backoff; no one switches to A.)
      await until(
        async () => (await emailsOn(a)).has('queued.for.a@example.com'),
        'A to have its queued invite',
        60_000,
      );
      expect((await call('session.status')).serverUrl).toBe(b.url);
      expect((await emailsOn(b)).has('queued.for.a@example.com')).toBe(false);
      await core.close();
    },
  );
});
