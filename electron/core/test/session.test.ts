import { describe, expect, it } from 'vitest';
import { ACME, DEMO, PASSWORD, ROLE, countingFetch, expectNoSecretsOnDisk, signIn, useSandboxCore } from './harness';

const REFRESH = 'POST /api/v1/auth/refresh';
const SIXTEEN_MINUTES = 16 * 60 * 1000;

describe('session: sign-in paths, refresh, restore, re-auth', () => {
  let skewMs = 0;
  const wire = countingFetch();
  const env = useSandboxCore({
    fetch: wire.fetch,
    sandboxNow: () => new Date(Date.now() + skewMs),
    signInAs: false,
  });
  const { dataDir, secretStore } = env;
  const accountKey = () => `${env.sandbox.url}|${DEMO.owner}`;

  it('must-change-password: the change token stays in core, the new password signs in', async () => {
    const first = await env.core.call('session.signIn', {
      serverUrl: env.sandbox.url,
      email: 'new.hire@acme.test',
      password: PASSWORD,
    });
    expect(first).toEqual({ outcome: 'passwordChangeRequired', email: 'new.hire@acme.test' });
    expect((await env.core.call('session.status')).state).toBe('signedOut');
    const weak = await env.core.fail('session.changePassword', { newPassword: 'short' });
    expect(weak.code).toBe('weak_password');
    const status = await env.core.call('session.changePassword', { newPassword: 'Granite-Willow-Harbor-6620' });
    expect(status).toMatchObject({ state: 'signedIn', user: { email: 'new.hire@acme.test' } });
    expect((await env.api.signIn('new.hire@acme.test', 'Granite-Willow-Harbor-6620')).user.email).toBe(
      'new.hire@acme.test',
    );
    await env.core.call('session.signOut');
    expect((await env.core.fail('session.changePassword', { newPassword: 'Granite-Willow-Harbor-6621' })).code).toBe(
      'not_signed_in',
    );
  });

  it('an expired access token is refreshed once for 20 concurrent calls, and the rotation is saved', async () => {
    await signIn(env.core, env.sandbox.url);
    const before = await secretStore.get(accountKey());
    expect(before).toBeTruthy();
    skewMs += SIXTEEN_MINUTES; // the server now refuses the access token core holds
    wire.reset();
    const calls = Array.from({ length: 20 }, (_, i) =>
      env.core.dispatch('members.lookupEmail', { email: `someone${i}@example.com` }),
    );
    const results = await Promise.all([...calls, env.core.dispatch('sync.now', {})]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(wire.count(REFRESH)).toBe(1);
    expect(wire.count('GET /api/v1/orgs/org_acme/users/lookup')).toBeGreaterThanOrEqual(20);
    const after = await secretStore.get(accountKey());
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
  });

  it('restores the session at start from the keychain, and starts offline with a known account', async () => {
    await env.core.close();
    wire.reset();
    await env.startCore();
    expect(wire.count(REFRESH)).toBe(1);
    expect(await env.core.call('session.status')).toMatchObject({
      state: 'signedIn',
      offline: false,
      user: { email: DEMO.owner },
      org: { id: ACME },
    });

    await env.core.close();
    await env.sandbox.close();
    await env.startCore();
    const offline = await env.core.call('session.status');
    expect(offline).toMatchObject({ state: 'signedIn', offline: true, user: { email: DEMO.owner }, org: { id: ACME } });
    expect(offline.secretStore).toMatchObject({ backend: 'Secret Service', persistent: true, warning: null });
    expect((await env.core.call('members.query', {})).total).toBeGreaterThan(3);
    expect((await env.core.call('roles.list')).items.length).toBe(5);
    await env.startSandbox();
    expect((await env.core.call('sync.now')).state).toBe('idle');
    expect((await env.core.call('session.status')).offline).toBe(false);
  });

  it('a refused session pauses sync with reauthRequired and keeps the queue until sign-in', async () => {
    // Someone else uses (and so rotates) the stored refresh token: core's copy is now reused.
    const stolen = await secretStore.get(accountKey());
    expect((await env.api.request('POST', '/auth/refresh', { body: { refreshToken: stolen } })).status).toBe(200);
    skewMs += SIXTEEN_MINUTES;
    const queued = await env.core.call('members.invite', { email: 'after.reauth@example.com', roleId: ROLE.member });
    const paused = await env.core.call('sync.now');
    expect(paused.state).toBe('paused');
    expect(paused.queued).toBe(1);
    const status = await env.core.call('session.status');
    expect(status).toMatchObject({ state: 'signedIn', reauthRequired: true });
    expect((await env.core.call('outbox.list')).items.map((e: { id: string }) => e.id)).toEqual([queued.outboxId]);
    expect((await env.core.call('members.query', { text: 'after.reauth' })).total).toBe(1);

    await env.core.call('session.signIn', { serverUrl: env.sandbox.url, email: DEMO.owner, password: PASSWORD });
    const resumed = await env.core.call('sync.now');
    expect(resumed).toMatchObject({ state: 'idle', queued: 0 });
    expect((await env.core.call('members.get', { memberId: queued.memberId })).member.placeholder).toBe(false);

    await env.core.close();
    const secrets = new Set([...wire.secrets, PASSWORD, 'Granite-Willow-Harbor-6620', stolen!]);
    expect(expectNoSecretsOnDisk(dataDir, secrets)).toBeGreaterThan(10);
    await env.startCore();
  });
});
