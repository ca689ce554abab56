import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleError } from '../../../shared/contract/errors';
import type { SecretStore } from '../secrets/secret-store';
import type { SessionDeps } from '../session/session-manager';
import { ACME, DEMO, PASSWORD, testSecretStore, useSandboxCore } from './harness';

/**
 * A sign-in that fails half-way leaves nothing behind: no account, no tokens in memory, no
 * refresh token in the keychain, and the server session it created revoked.
 */
describe('half-way sign-in failures leave nothing behind', () => {
  const keychain = testSecretStore();
  /** What the test makes fail next. */
  const fault = { keychainRefuses: false, meFails: false };
  /** Access tokens of the sessions the server created for core. */
  const createdSessions: string[] = [];

  const secretStore: SecretStore = {
    get: (account) => keychain.get(account),
    async set(account, secret) {
      if (fault.keychainRefuses)
        throw new ConsoleError({
          code: 'secret_store_unavailable',
          message: 'The keychain (Secret Service) is locked. Unlock it and try again.',
        });
      return keychain.set(account, secret);
    },
    delete: (account) => keychain.delete(account),
    list: () => keychain.list(),
    status: () => keychain.status(),
    redetect: () => keychain.redetect(),
  };

  const wire: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    if (fault.meFails && request.method === 'GET' && path.endsWith('/me')) {
      return new Response(
        JSON.stringify({
          type: 'about:blank',
          title: 'Down',
          status: 503,
          code: 'unavailable',
          detail: 'Down for a moment.',
        }),
        {
          status: 503,
          headers: { 'content-type': 'application/problem+json' },
        },
      );
    }
    const response = await fetch(request);
    if (request.method === 'POST' && /\/auth\/(sessions|password-change)$/.test(path) && response.ok) {
      createdSessions.push(((await response.clone().json()) as { accessToken: string }).accessToken);
    }
    return response;
  };

  /** Nothing of the failed attempt is left in core, in the keychain or on the server. */
  async function expectNothingLeft(email: string) {
    const status = await env.core.call('session.status');
    expect(status).toMatchObject({ state: 'signedOut', user: null, org: null, orgs: [] });
    expect(env.core.session.signedIn).toBe(false);
    expect(env.core.session.accountKey).toBeNull();
    // No token in memory: an authenticated call has nothing to send.
    await expect(env.core.session.authed(async (_client, token) => token)).rejects.toMatchObject({
      code: 'not_signed_in',
    });
    expect((await env.core.fail('members.query', {})).code).toBe('not_signed_in');
    expect(await keychain.list()).not.toContain(`${env.sandbox.url}|${email}`);
    const token = createdSessions.at(-1);
    expect(token, 'the server created a session').toBeTruthy();
    expect((await env.api.request('GET', '/me', { token })).status, 'the server session is revoked').toBe(401);
  }

  const env = useSandboxCore({ secretStore, fetch: wire, signInAs: false });

  beforeEach(() => {
    fault.keychainRefuses = false;
    fault.meFails = false;
    createdSessions.length = 0;
  });

  it('the keychain refuses the refresh token', async () => {
    fault.keychainRefuses = true;
    const error = await env.core.fail('session.signIn', {
      serverUrl: env.sandbox.url,
      email: DEMO.hr,
      password: PASSWORD,
    });
    expect(error).toMatchObject({ code: 'secret_store_unavailable', message: expect.stringMatching(/Unlock it/) });
    await expectNothingLeft(DEMO.hr);
  });

  it('the server fails to say who we are right after creating the session', async () => {
    fault.meFails = true;
    const error = await env.core.fail('session.signIn', {
      serverUrl: env.sandbox.url,
      email: DEMO.hr,
      password: PASSWORD,
    });
    expect(error.code).toBe('unavailable');
    await expectNothingLeft(DEMO.hr);
    // And the next attempt, with nothing failing, signs in normally.
    fault.meFails = false;
    const ok = await env.core.call('session.signIn', {
      serverUrl: env.sandbox.url,
      email: DEMO.hr,
      password: PASSWORD,
    });
    expect(ok.status).toMatchObject({ state: 'signedIn', user: { email: DEMO.hr } });
    await env.core.call('session.signOut');
  });

  it('must change password: the keychain refuses after the new password is set', async () => {
    const first = await env.core.call('session.signIn', {
      serverUrl: env.sandbox.url,
      email: 'new.hire@acme.test',
      password: PASSWORD,
    });
    expect(first.outcome).toBe('passwordChangeRequired');
    fault.keychainRefuses = true;
    const error = await env.core.fail('session.changePassword', { newPassword: 'Granite-Willow-Harbor-6620' });
    expect(error.code).toBe('secret_store_unavailable');
    expect(error.message).toMatch(
      /^Your new password is set, but signing in failed: .*Unlock it.*sign in with your new password\.$/,
    );
    await expectNothingLeft('new.hire@acme.test');
    // The change token is spent; the new password is what works now.
    expect((await env.core.fail('session.changePassword', { newPassword: 'Another-Granite-Willow-7731' })).code).toBe(
      'not_signed_in',
    );
    fault.keychainRefuses = false;
    const again = await env.core.call('session.signIn', {
      serverUrl: env.sandbox.url,
      email: 'new.hire@acme.test',
      password: 'Granite-Willow-Harbor-6620',
    });
    expect(again.outcome).toBe('signedIn');
    await env.core.call('session.signOut');
  });

  it('org selection: when the choice cannot be saved, the org in use stays the saved one', async () => {
    const signedIn = await env.core.call('session.signIn', {
      serverUrl: env.sandbox.url,
      email: DEMO.owner,
      password: PASSWORD,
    });
    const other = signedIn.status.orgs.find((org: { id: string }) => org.id !== ACME);
    expect(other, 'the owner belongs to more than one org').toBeTruthy();
    await env.core.call('orgs.select', { orgId: ACME });
    const { local } = (env.core.session as unknown as { deps: SessionDeps }).deps;
    vi.spyOn(local, 'setLastAccount').mockImplementationOnce(() => {
      throw new Error('disk full');
    });
    expect((await env.core.fail('orgs.select', { orgId: other.id })).code).toBe('internal_error');
    expect((await env.core.call('session.status')).org.id).toBe(ACME);
    expect(local.getLastAccount()?.orgId).toBe(ACME);
    await env.core.call('session.signOut');
  });
});
