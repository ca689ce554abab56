import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../sandbox/test/api-client';
import {
  ACME,
  DEMO,
  PASSWORD,
  ROLE,
  countingFetch,
  expectNoSecretsOnDisk,
  removeDir,
  signIn,
  startCore,
  startTestSandbox,
  tempDir,
  testSecretStore,
  type TestCore,
} from './harness';

const REFRESH = 'POST /api/v1/auth/refresh';
const SIXTEEN_MINUTES = 16 * 60 * 1000;

describe('session: sign-in paths, refresh, restore, re-auth', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let core: TestCore;
  let api: ApiClient;
  let skewMs = 0;
  const dataDir = tempDir();
  const sandboxDir = tempDir('nexus-sandbox-');
  const secretStore = testSecretStore();
  const wire = countingFetch();
  const accountKey = () => `${sandbox.url}|${DEMO.owner}`;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ dataDir: sandboxDir, now: () => new Date(Date.now() + skewMs) });
    api = new ApiClient(sandbox.apiUrl);
    core = await startCore({ dataDir, secretStore, fetch: wire.fetch });
  });
  afterAll(async () => {
    await core?.close();
    await sandbox?.close();
    removeDir(dataDir);
    removeDir(sandboxDir);
  });

  it('must-change-password: the change token stays in core, the new password signs in', async () => {
    const first = await core.call('session.signIn', {
      serverUrl: sandbox.url,
      email: 'new.hire@acme.test',
      password: PASSWORD,
    });
    expect(first).toEqual({ outcome: 'passwordChangeRequired', email: 'new.hire@acme.test' });
    expect((await core.call('session.status')).state).toBe('signedOut');
    const weak = await core.fail('session.changePassword', { newPassword: 'short' });
    expect(weak.code).toBe('weak_password');
    const status = await core.call('session.changePassword', { newPassword: 'Granite-Willow-Harbor-6620' });
    expect(status).toMatchObject({ state: 'signedIn', user: { email: 'new.hire@acme.test' } });
    expect((await api.signIn('new.hire@acme.test', 'Granite-Willow-Harbor-6620')).user.email).toBe(
      'new.hire@acme.test',
    );
    await core.call('session.signOut');
    expect((await core.fail('session.changePassword', { newPassword: 'Granite-Willow-Harbor-6621' })).code).toBe(
      'not_signed_in',
    );
  });

  it('an expired access token is refreshed once for 20 concurrent calls, and the rotation is saved', async () => {
    await signIn(core, sandbox.url);
    const before = await secretStore.get(accountKey());
    expect(before).toBeTruthy();
    skewMs += SIXTEEN_MINUTES; // the server now refuses the access token core holds
    wire.reset();
    const calls = Array.from({ length: 20 }, (_, i) =>
      core.dispatch('members.lookupEmail', { email: `someone${i}@example.com` }),
    );
    const results = await Promise.all([...calls, core.dispatch('sync.now', {})]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(wire.count(REFRESH)).toBe(1);
    expect(wire.count('GET /api/v1/orgs/org_acme/users/lookup')).toBeGreaterThanOrEqual(20);
    const after = await secretStore.get(accountKey());
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
  });

  it('restores the session at start from the keychain, and starts offline with a known account', async () => {
    await core.close();
    wire.reset();
    core = await startCore({ dataDir, secretStore, fetch: wire.fetch });
    expect(wire.count(REFRESH)).toBe(1);
    expect(await core.call('session.status')).toMatchObject({
      state: 'signedIn',
      offline: false,
      user: { email: DEMO.owner },
      org: { id: ACME },
    });

    await core.close();
    const port = Number(new URL(sandbox.url).port);
    await sandbox.close();
    core = await startCore({ dataDir, secretStore, fetch: wire.fetch });
    const offline = await core.call('session.status');
    expect(offline).toMatchObject({ state: 'signedIn', offline: true, user: { email: DEMO.owner }, org: { id: ACME } });
    expect(offline.secretStore).toMatchObject({ backend: 'Secret Service', persistent: true, warning: null });
    expect((await core.call('members.query', {})).total).toBeGreaterThan(3);
    expect((await core.call('roles.list')).items.length).toBe(5);
    sandbox = await startTestSandbox({ dataDir: sandboxDir, port, now: () => new Date(Date.now() + skewMs) });
    expect((await core.call('sync.now')).state).toBe('idle');
    expect((await core.call('session.status')).offline).toBe(false);
  });

  it('a refused session pauses sync with reauthRequired and keeps the queue until sign-in', async () => {
    // Someone else uses (and so rotates) the stored refresh token: core's copy is now reused.
    const stolen = await secretStore.get(accountKey());
    expect((await api.request('POST', '/auth/refresh', { body: { refreshToken: stolen } })).status).toBe(200);
    skewMs += SIXTEEN_MINUTES;
    const queued = await core.call('members.invite', { email: 'after.reauth@example.com', roleId: ROLE.member });
    const paused = await core.call('sync.now');
    expect(paused.state).toBe('paused');
    expect(paused.queued).toBe(1);
    const status = await core.call('session.status');
    expect(status).toMatchObject({ state: 'signedIn', reauthRequired: true });
    expect((await core.call('outbox.list')).items.map((e: { id: string }) => e.id)).toEqual([queued.outboxId]);
    expect((await core.call('members.query', { text: 'after.reauth' })).total).toBe(1);

    await core.call('session.signIn', { serverUrl: sandbox.url, email: DEMO.owner, password: PASSWORD });
    const resumed = await core.call('sync.now');
    expect(resumed).toMatchObject({ state: 'idle', queued: 0 });
    expect((await core.call('members.get', { memberId: queued.memberId })).member.placeholder).toBe(false);

    await core.close();
    const secrets = new Set([...wire.secrets, PASSWORD, 'Granite-Willow-Harbor-6620', stolen!]);
    expect(expectNoSecretsOnDisk(dataDir, secrets)).toBeGreaterThan(10);
    core = await startCore({ dataDir, secretStore, fetch: wire.fetch });
  });
});
