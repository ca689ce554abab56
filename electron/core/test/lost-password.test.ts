import { describe, expect, it } from 'vitest';
import { outboxSecretAccount } from '../secrets/secret-store';
import { ACME, DEMO, ROLE, signIn, useSandboxCore } from './harness';

interface Entry {
  id: string;
  kind: string;
  state: string;
  hasSecret: boolean;
  lastError: { code: string; message: string } | null;
}

/**
 * A temporary password queued offline that did not survive a restart (held in memory on a
 * machine without a keychain, or removed from the keychain): the entry shows at once as needing
 * a new password, and an edit that sets one sends it — for a create and for a Change Password.
 */
describe('a queued change whose temporary password was lost', () => {
  const env = useSandboxCore({ signInAs: false });
  const { secretStore } = env;

  it('is flagged at start, and Edit with a new password makes it sync', async () => {
    await signIn(env.core, env.sandbox.url);
    const newHire = (await env.core.call('members.query', { text: 'new.hire', limit: 5 })).rows[0];
    expect(newHire.email).toBe('new.hire@acme.test');

    await env.sandbox.close();
    expect((await env.core.call('sync.now')).state).toBe('offline');
    const create = await env.core.call('members.create', {
      email: 'lost.pw@example.com',
      name: 'Lost Password',
      roleId: ROLE.member,
      temporaryPassword: 'Amber-Falcon-Drift-2291',
    });
    const change = await env.core.call('members.setPassword', {
      memberId: newHire.id,
      password: 'Cobalt-Meadow-Pine-7714',
      reason: 'resend_credentials',
    });

    // The console closes; the passwords do not survive it.
    await env.core.close();
    for (const id of [create.outboxId, change.outboxId]) await secretStore.delete(outboxSecretAccount(id));
    await env.startSandbox();
    await env.startCore();

    const entries: Entry[] = (await env.core.call('outbox.list')).items;
    for (const id of [create.outboxId, change.outboxId]) {
      const entry = entries.find((e) => e.id === id)!;
      expect(entry.state, entry.kind).toBe('needs_attention');
      expect(entry.lastError).toMatchObject({ code: 'secret_missing', message: expect.stringMatching(/new password/) });
    }

    await env.core.call('outbox.edit', {
      id: create.outboxId,
      changes: { temporaryPassword: 'Birch-Harbor-Quartz-5518' },
    });
    await env.core.call('outbox.edit', {
      id: change.outboxId,
      changes: { temporaryPassword: 'Willow-Granite-Ember-3346' },
    });
    expect((await env.core.call('sync.now')).state).toBe('idle');
    expect((await env.core.call('outbox.list')).items).toEqual([]);
    expect((await secretStore.list()).filter((account) => account.startsWith('outbox:'))).toEqual([]);

    // Both new passwords are the ones the server took (the member must change them at sign-in).
    for (const [email, password] of [
      ['lost.pw@example.com', 'Birch-Harbor-Quartz-5518'],
      ['new.hire@acme.test', 'Willow-Granite-Ember-3346'],
    ] as const) {
      const result = await env.api.request('POST', '/auth/sessions', { body: { email, password } });
      expect(result.body?.code, email).toBe('password_change_required');
    }
    const token = await env.api.token(DEMO.owner);
    const members = await env.api.request('GET', `/orgs/${ACME}/members?limit=1000`, { token });
    expect(members.body.items.filter((m: { email: string }) => m.email === 'lost.pw@example.com')).toHaveLength(1);
  });
});
