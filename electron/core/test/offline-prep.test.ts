import { describe, expect, it } from 'vitest';
import { ACME, DEMO, PASSWORD, ROLE, countingFetch, expectNoSecretsOnDisk, signIn, useSandboxCore } from './harness';

const INVITES = ['prep.one@example.com', 'prep.two@example.com', 'prep.three@example.com'];
const CREATES = [
  { email: 'made.one@example.com', name: 'Made One', temporaryPassword: 'Amber-Falcon-Drift-2291' },
  { email: 'made.two@example.com', name: 'Made Two', temporaryPassword: 'Cobalt-Meadow-Pine-7714' },
];

describe('offline preparation, restart, then sync', () => {
  const wire = countingFetch();
  const env = useSandboxCore({ fetch: wire.fetch, signInAs: false });
  const { dataDir, secretStore } = env;

  it('prepares 3 invitations and 2 accounts offline and syncs exactly those after a restart', async () => {
    await signIn(env.core, env.sandbox.url);
    const emailsOnServer = async () => {
      const token = await env.api.token(DEMO.owner);
      const result = await env.api.request('GET', `/orgs/${ACME}/members?limit=1000`, { token });
      return new Set<string>(result.body.items.map((m: { email: string }) => m.email));
    };
    const before = await emailsOnServer();

    await env.sandbox.close();
    const offline = await env.core.call('sync.now');
    expect(offline.state).toBe('offline');
    expect((await env.core.call('session.status')).offline).toBe(true);
    expect(await env.core.call('members.lookupEmail', { email: INVITES[0] })).toMatchObject({
      checked: false,
      exists: null,
    });

    for (const email of INVITES) await env.core.call('members.invite', { email, roleId: ROLE.member });
    for (const create of CREATES) await env.core.call('members.create', { ...create, roleId: ROLE.hr });
    const outbox = (await env.core.call('outbox.list')).items;
    expect(outbox).toHaveLength(5);
    // An offline probe may be trying one of them at this very moment.
    expect(outbox.every((e: { state: string }) => e.state === 'queued' || e.state === 'sending')).toBe(true);
    expect(outbox.filter((e: { hasSecret: boolean }) => e.hasSecret)).toHaveLength(2);
    const local = await env.core.call('members.query', { text: 'prep made', limit: 50 });
    expect(local.total).toBe(0); // word prefixes must all match one row
    const rows = (await env.core.call('members.query', { limit: 500 })).rows.filter(
      (r: { placeholder: boolean }) => r.placeholder,
    );
    expect(rows.map((r: { email: string }) => r.email).sort()).toEqual(
      [...INVITES, ...CREATES.map((c) => c.email)].sort(),
    );
    expect(rows.every((r: { pending: { state: string } | null }) => r.pending !== null)).toBe(true);
    expect((await secretStore.list()).filter((a) => a.startsWith('outbox:'))).toHaveLength(2);

    // Restart the console while still offline: signed in from the keychain, list from the cache.
    await env.core.close();
    await env.startCore();
    const status = await env.core.call('session.status');
    expect(status).toMatchObject({ state: 'signedIn', offline: true, user: { email: DEMO.owner } });
    expect(status.org.id).toBe(ACME);
    expect(
      (await env.core.call('members.query', { limit: 500 })).rows.filter(
        (r: { placeholder: boolean }) => r.placeholder,
      ),
    ).toHaveLength(5);

    await env.startSandbox();
    const synced = await env.core.call('sync.now');
    expect(synced).toMatchObject({ state: 'idle', queued: 0, needsAttention: 0 });
    expect((await env.core.call('session.status')).offline).toBe(false);

    const after = await emailsOnServer();
    const added = [...after].filter((email) => !before.has(email)).sort();
    expect(added).toEqual([...INVITES, ...CREATES.map((c) => c.email)].sort());
    for (const create of CREATES) {
      const result = await env.api.request('POST', '/auth/sessions', {
        body: { email: create.email, password: create.temporaryPassword },
      });
      expect(result.status).toBe(403);
      expect(result.body.code).toBe('password_change_required');
    }
    expect((await secretStore.list()).filter((a) => a.startsWith('outbox:'))).toEqual([]);
    expect(
      (await env.core.call('members.query', { limit: 500 })).rows.filter(
        (r: { placeholder: boolean }) => r.placeholder,
      ),
    ).toEqual([]);

    // Nothing secret on disk: SQLite files, their WAL, and the logs.
    await env.core.close();
    const secrets = new Set([...wire.secrets, PASSWORD, ...CREATES.map((c) => c.temporaryPassword)]);
    const refresh = await secretStore.get(`${env.sandbox.url}|${DEMO.owner}`);
    expect(refresh).toBeTruthy();
    secrets.add(refresh!);
    expect(expectNoSecretsOnDisk(dataDir, secrets)).toBeGreaterThan(5);
    await env.startCore();
  });
});
