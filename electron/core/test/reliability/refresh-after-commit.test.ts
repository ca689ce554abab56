// A refresh whose answer is lost after the server rotated the token (a 500 or reset after the
// commit, or a crash before the new token reached the keychain) must not cost the admin the session:
// the next refresh, with the same old token, must get the same new session back, not
// `refresh_token_reused` (which revokes the whole family and pauses sync until sign-in).
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../create-core';
import { ACME, OWNER, StressRig, TEST_ADMIN_PASSWORD } from './stress-rig';

describe('token refresh through a fault after the commit', () => {
  const rig = new StressRig();
  afterAll(() => rig.close());

  const open = () =>
    createCore({ dataDir: rig.dataDir, secretStore: rig.secrets, syncIntervalMs: 0, requestTimeoutMs: 2000 });

  it('keeps the session when the rotated refresh token never arrived', async () => {
    await rig.start();
    let core = await open();
    expect(
      (await core.dispatch('session.signIn', { serverUrl: rig.url, email: OWNER, password: TEST_ADMIN_PASSWORD })).ok,
    ).toBe(true);
    await core.dispatch('orgs.select', { orgId: ACME });
    await core.close();
    await rig.stop();

    // Every refresh commits the rotation, then the answer is lost.
    await rig.start('rate=1;kinds=500;phases=after;paths=/auth/refresh;seed=1');
    core = await open(); // restore() refreshes: the server rotates, the console sees a 500
    await core.close();
    const lost = await rig.stats();
    expect(lost.faultsInjected['500']).toBeGreaterThanOrEqual(1);
    await rig.stop();

    await rig.start();
    core = await open();
    const sync = await core.dispatch('sync.now', {});
    const status = (await core.dispatch('session.status', {})) as {
      ok: true;
      value: { reauthRequired: boolean; state: string };
    };
    await core.close();
    expect(status.value.reauthRequired).toBe(false);
    expect(sync).toMatchObject({ ok: true, value: { state: 'idle' } });
  });
});
