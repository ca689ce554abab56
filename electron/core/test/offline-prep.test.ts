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

const INVITES = ['prep.one@example.com', 'prep.two@example.com', 'prep.three@example.com'];
const CREATES = [
  { email: 'made.one@example.com', name: 'Made One', temporaryPassword: 'Amber-Falcon-Drift-2291' },
  { email: 'made.two@example.com', name: 'Made Two', temporaryPassword: 'Cobalt-Meadow-Pine-7714' },
];

describe('offline preparation, restart, then sync', () => {
  const sandboxDir = tempDir('nexus-sandbox-');
  const dataDir = tempDir();
  const secretStore = testSecretStore();
  const wire = countingFetch();
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let port: number;
  let core: TestCore;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ dataDir: sandboxDir });
    port = Number(new URL(sandbox.url).port);
    core = await startCore({ dataDir, secretStore, fetch: wire.fetch });
  });
  afterAll(async () => {
    await core?.close();
    await sandbox?.close();
    removeDir(dataDir);
    removeDir(sandboxDir);
  });

  it('prepares 3 invitations and 2 accounts offline and syncs exactly those after a restart', async () => {
    await signIn(core, sandbox.url);
    const api = new ApiClient(sandbox.apiUrl);
    const emailsOnServer = async () => {
      const token = await api.token(DEMO.owner);
      const result = await api.request('GET', `/orgs/${ACME}/members?limit=1000`, { token });
      return new Set<string>(result.body.items.map((m: { email: string }) => m.email));
    };
    const before = await emailsOnServer();

    await sandbox.close();
    const offline = await core.call('sync.now');
    expect(offline.state).toBe('offline');
    expect((await core.call('session.status')).offline).toBe(true);
    expect(await core.call('members.lookupEmail', { email: INVITES[0] })).toMatchObject({
      checked: false,
      exists: null,
    });

    for (const email of INVITES) await core.call('members.invite', { email, roleId: ROLE.member });
    for (const create of CREATES) await core.call('members.create', { ...create, roleId: ROLE.hr });
    const outbox = (await core.call('outbox.list')).items;
    expect(outbox).toHaveLength(5);
    // An offline probe may be trying one of them at this very moment.
    expect(outbox.every((e: { state: string }) => e.state === 'queued' || e.state === 'sending')).toBe(true);
    expect(outbox.filter((e: { hasSecret: boolean }) => e.hasSecret)).toHaveLength(2);
    const local = await core.call('members.query', { text: 'prep made', limit: 50 });
    expect(local.total).toBe(0); // word prefixes must all match one row
    const rows = (await core.call('members.query', { limit: 500 })).rows.filter(
      (r: { placeholder: boolean }) => r.placeholder,
    );
    expect(rows.map((r: { email: string }) => r.email).sort()).toEqual(
      [...INVITES, ...CREATES.map((c) => c.email)].sort(),
    );
    expect(rows.every((r: { pending: { state: string } | null }) => r.pending !== null)).toBe(true);
    expect((await secretStore.list()).filter((a) => a.startsWith('outbox:'))).toHaveLength(2);

    // Restart the console while still offline: signed in from the keychain, list from the cache.
    await core.close();
    core = await startCore({ dataDir, secretStore, fetch: wire.fetch });
    const status = await core.call('session.status');
    expect(status).toMatchObject({ state: 'signedIn', offline: true, user: { email: DEMO.owner } });
    expect(status.org.id).toBe(ACME);
    expect(
      (await core.call('members.query', { limit: 500 })).rows.filter((r: { placeholder: boolean }) => r.placeholder),
    ).toHaveLength(5);

    sandbox = await startTestSandbox({ dataDir: sandboxDir, port });
    const synced = await core.call('sync.now');
    expect(synced).toMatchObject({ state: 'idle', queued: 0, needsAttention: 0 });
    expect((await core.call('session.status')).offline).toBe(false);

    const after = await emailsOnServer();
    const added = [...after].filter((email) => !before.has(email)).sort();
    expect(added).toEqual([...INVITES, ...CREATES.map((c) => c.email)].sort());
    for (const create of CREATES) {
      const result = await api.request('POST', '/auth/sessions', {
        body: { email: create.email, password: create.temporaryPassword },
      });
      expect(result.status).toBe(403);
      expect(result.body.code).toBe('password_change_required');
    }
    expect((await secretStore.list()).filter((a) => a.startsWith('outbox:'))).toEqual([]);
    expect(
      (await core.call('members.query', { limit: 500 })).rows.filter((r: { placeholder: boolean }) => r.placeholder),
    ).toEqual([]);

    // Nothing secret on disk: SQLite files, their WAL, and the logs.
    await core.close();
    const secrets = new Set([...wire.secrets, PASSWORD, ...CREATES.map((c) => c.temporaryPassword)]);
    const refresh = await secretStore.get(`${sandbox.url}|${DEMO.owner}`);
    expect(refresh).toBeTruthy();
    secrets.add(refresh!);
    expect(expectNoSecretsOnDisk(dataDir, secrets)).toBeGreaterThan(5);
    core = await startCore({ dataDir, secretStore, fetch: wire.fetch });
  });
});
