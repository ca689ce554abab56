import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../sandbox/test/api-client';
import { outboxSecretAccount } from '../secrets/secret-store';
import {
  ACME,
  DEMO,
  ROLE,
  removeDir,
  signIn,
  startCore,
  startTestSandbox,
  tempDir,
  testSecretStore,
  type TestCore,
} from './harness';

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
  const sandboxDir = tempDir('nexus-sandbox-');
  const dataDir = tempDir();
  const secretStore = testSecretStore();
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let core: TestCore;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ dataDir: sandboxDir });
    core = await startCore({ dataDir, secretStore });
  });
  afterAll(async () => {
    await core?.close();
    await sandbox?.close();
    for (const account of await secretStore.list().catch(() => [])) await secretStore.delete(account);
    removeDir(dataDir);
    removeDir(sandboxDir);
  });

  it('is flagged at start, and Edit with a new password makes it sync', async () => {
    await signIn(core, sandbox.url);
    const port = Number(new URL(sandbox.url).port);
    const newHire = (await core.call('members.query', { text: 'new.hire', limit: 5 })).rows[0];
    expect(newHire.email).toBe('new.hire@acme.test');

    await sandbox.close();
    expect((await core.call('sync.now')).state).toBe('offline');
    const create = await core.call('members.create', {
      email: 'lost.pw@example.com',
      name: 'Lost Password',
      roleId: ROLE.member,
      temporaryPassword: 'Amber-Falcon-Drift-2291',
    });
    const change = await core.call('members.setPassword', {
      memberId: newHire.id,
      password: 'Cobalt-Meadow-Pine-7714',
      reason: 'resend_credentials',
    });

    // The console closes; the passwords do not survive it.
    await core.close();
    for (const id of [create.outboxId, change.outboxId]) await secretStore.delete(outboxSecretAccount(id));
    sandbox = await startTestSandbox({ dataDir: sandboxDir, port });
    core = await startCore({ dataDir, secretStore });

    const entries: Entry[] = (await core.call('outbox.list')).items;
    for (const id of [create.outboxId, change.outboxId]) {
      const entry = entries.find((e) => e.id === id)!;
      expect(entry.state, entry.kind).toBe('needs_attention');
      expect(entry.lastError).toMatchObject({ code: 'secret_missing', message: expect.stringMatching(/new password/) });
    }

    await core.call('outbox.edit', { id: create.outboxId, changes: { temporaryPassword: 'Birch-Harbor-Quartz-5518' } });
    await core.call('outbox.edit', {
      id: change.outboxId,
      changes: { temporaryPassword: 'Willow-Granite-Ember-3346' },
    });
    expect((await core.call('sync.now')).state).toBe('idle');
    expect((await core.call('outbox.list')).items).toEqual([]);
    expect((await secretStore.list()).filter((account) => account.startsWith('outbox:'))).toEqual([]);

    // Both new passwords are the ones the server took (the member must change them at sign-in).
    const api = new ApiClient(sandbox.apiUrl);
    for (const [email, password] of [
      ['lost.pw@example.com', 'Birch-Harbor-Quartz-5518'],
      ['new.hire@acme.test', 'Willow-Granite-Ember-3346'],
    ] as const) {
      const result = await api.request('POST', '/auth/sessions', { body: { email, password } });
      expect(result.body?.code, email).toBe('password_change_required');
    }
    const token = await api.token(DEMO.owner);
    const members = await api.request('GET', `/orgs/${ACME}/members?limit=1000`, { token });
    expect(members.body.items.filter((m: { email: string }) => m.email === 'lost.pw@example.com')).toHaveLength(1);
  });
});
