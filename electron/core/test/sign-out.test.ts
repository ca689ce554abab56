import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../sandbox/test/api-client';
import { pendingRevocationAccount } from '../session/revocation';
import {
  ACME,
  DEMO,
  ROLE,
  diskBytes,
  removeDir,
  signIn,
  startCore,
  startTestSandbox,
  tempDir,
  testSecretStore,
  type TestCore,
} from './harness';

/**
 * Sign-out says what stays, never drops queued changes silently, revokes the session on the
 * server (offline: at the next chance, the token waiting in the keychain, not in SQLite), and
 * removes this computer's copy of the org's data when asked — from the bytes of the files.
 */
describe('sign-out', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let api: ApiClient;
  const sandboxDir = tempDir('nexus-sandbox-');
  const dirs: string[] = [];
  const secretStore = testSecretStore();
  const network = { offline: false };
  const switchableFetch: typeof fetch = async (input, init) => {
    if (network.offline) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    return fetch(input, init);
  };
  const accountKey = () => `${sandbox.url}|${DEMO.owner}`;
  const refreshStillWorks = async (token: string) =>
    (await api.request('POST', '/auth/refresh', { body: { refreshToken: token } })).status === 200;

  async function signedInCore(): Promise<{ core: TestCore; dataDir: string }> {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const core = await startCore({ dataDir, secretStore, fetch: switchableFetch });
    await signIn(core, sandbox.url);
    return { core, dataDir };
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox({ dataDir: sandboxDir });
    api = new ApiClient(sandbox.apiUrl);
  });
  beforeEach(() => {
    network.offline = false;
  });
  afterAll(async () => {
    for (const account of await secretStore.list()) await secretStore.delete(account);
    await sandbox?.close();
    removeDir(sandboxDir);
    for (const dir of dirs) removeDir(dir);
  });

  it('online: the session is revoked on the server, and the org data stays unless asked', async () => {
    const { core, dataDir } = await signedInCore();
    const refreshToken = (await secretStore.get(accountKey()))!;
    expect(await core.call('session.signOutCheck')).toEqual({
      queued: 0,
      needsAttention: 0,
      offline: false,
      orgNames: expect.arrayContaining(['Acme Corp']),
    });
    expect((await core.call('session.signOut')).state).toBe('signedOut');
    expect(await secretStore.list()).not.toContain(accountKey());
    expect(await refreshStillWorks(refreshToken)).toBe(false);
    // Kept for the next sign-in: the members are still on this computer.
    expect(diskBytes(dataDir).includes('aisha.khan@acme.test')).toBe(true);
    await core.close();
  });

  it('queued changes are never dropped silently; offline, the revocation waits in the keychain and happens at the next start', async () => {
    const { core, dataDir } = await signedInCore();
    const refreshToken = (await secretStore.get(accountKey()))!;
    network.offline = true;
    await core.fail('sync.now').catch(() => undefined);
    await core.call('members.invite', { email: 'kept.one@example.com', roleId: ROLE.member });
    expect((await core.call('session.signOutCheck')).queued).toBe(1);

    const asked = await core.fail('session.signOut', {});
    expect(asked.code).toBe('confirmation_required');
    expect(asked.message).toMatch(/1 change is not sent yet/);
    expect((await core.call('session.status')).state).toBe('signedIn');

    expect((await core.call('session.signOut', { queuedChanges: 'keep' })).state).toBe('signedOut');
    const pending = pendingRevocationAccount(sandbox.url, DEMO.owner);
    expect(await secretStore.get(pending)).toBe(refreshToken);
    expect(await secretStore.list()).not.toContain(accountKey());
    // The token waits in the keychain, never in the data folder.
    expect(diskBytes(dataDir).includes(refreshToken)).toBe(false);
    await core.close();

    // Back online: the next start revokes it, and the kept change is still there for the next sign-in.
    network.offline = false;
    const again = await startCore({ dataDir, secretStore, fetch: switchableFetch });
    await expect.poll(() => secretStore.get(pending)).toBeNull();
    expect(await refreshStillWorks(refreshToken)).toBe(false);
    await signIn(again, sandbox.url);
    const emails = (
      await api.request('GET', `/orgs/${ACME}/members?limit=500`, { token: await api.token(DEMO.owner) })
    ).body.items.map((member: { email: string }) => member.email);
    expect(emails).toContain('kept.one@example.com');
    await again.close();
  });

  it('discarding queued changes takes their temporary passwords out of the keychain', async () => {
    const { core } = await signedInCore();
    network.offline = true;
    await core.fail('sync.now').catch(() => undefined);
    const created = await core.call('members.create', {
      email: 'dropped.one@example.com',
      name: 'Dropped One',
      roleId: ROLE.member,
      temporaryPassword: 'Granite-Willow-Harbor-6620',
    });
    expect(await secretStore.list()).toContain(`outbox:${created.outboxId}`);
    await core.call('session.signOut', { queuedChanges: 'discard' });
    expect(await secretStore.list()).not.toContain(`outbox:${created.outboxId}`);
    network.offline = false;
    await signIn(core, sandbox.url);
    expect((await core.call('outbox.list')).items).toEqual([]);
    await core.call('session.signOut');
    await core.close();
  });

  it("removing this computer's copy takes the org's members out of the files' bytes", async () => {
    const { core, dataDir } = await signedInCore();
    expect(diskBytes(dataDir).includes('aisha.khan@acme.test')).toBe(true);
    await core.call('session.signOut', { removeLocalData: true });
    expect(diskBytes(dataDir).includes('aisha.khan@acme.test')).toBe(false);
    expect((await core.call('session.status')).serverUrl).toBeNull();
    await core.close();
  });
});
