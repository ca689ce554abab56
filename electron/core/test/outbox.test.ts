import { describe, expect, it } from 'vitest';
import { ACME, DEMO, ROLE, useSandboxCore } from './harness';

type Entry = {
  id: string;
  kind: string;
  state: string;
  summary: string;
  lastError: { code: string; message: string } | null;
  email: string | null;
  waitingFor: string | null;
};

describe('outbox: rejections, retry, edit and discard', () => {
  const env = useSandboxCore();
  const { secretStore } = env;
  const entries = async (): Promise<Entry[]> => (await env.core.call('outbox.list')).items;
  const serverMember = async (email: string) => {
    const token = await env.api.token(DEMO.owner);
    const result = await env.api.request('GET', `/orgs/${ACME}/members?limit=1000`, { token });
    return result.body.items.find((m: { email: string }) => m.email === email);
  };

  it('a rejected entry shows its reason while independent entries behind it sync, and dependants wait', async () => {
    const rejected = await env.core.call('members.invite', { email: DEMO.hr, roleId: ROLE.member });
    const fine = await env.core.call('members.invite', { email: 'behind.one@example.com', roleId: ROLE.member });
    const existing = await env.core.call('members.create', {
      email: DEMO.outsider,
      name: 'Dana W',
      roleId: ROLE.member,
      temporaryPassword: 'Tidal-Orchard-Ember-5531',
    });
    const dependant = await env.core.call('members.changeRole', {
      memberId: existing.memberId,
      roleId: ROLE.accountant,
    });
    const status = await env.core.call('sync.now');
    expect(status.needsAttention).toBe(2);

    const list = await entries();
    const byId = new Map(list.map((e) => [e.id, e]));
    expect(byId.get(rejected.outboxId)).toMatchObject({
      state: 'needs_attention',
      lastError: { code: 'already_member' },
    });
    expect(byId.get(rejected.outboxId)!.lastError!.message.length).toBeGreaterThan(10);
    expect(byId.has(fine.outboxId)).toBe(false);
    expect((await serverMember('behind.one@example.com')).status).toBe('invited');
    expect(byId.get(existing.outboxId)).toMatchObject({ state: 'needs_attention', lastError: { code: 'user_exists' } });
    // The change behind the rejected create waits, and says what for.
    expect(byId.get(dependant.outboxId)).toMatchObject({
      state: 'queued',
      waitingFor: byId.get(existing.outboxId)!.summary,
    });
    expect(byId.get(existing.outboxId)!.waitingFor).toBeNull();
    // The rejected create keeps its password in the keychain until it is fixed or discarded.
    expect(await secretStore.list()).toContain(`outbox:${existing.outboxId}`);
    const row = (await env.core.call('members.get', { memberId: existing.memberId })).member;
    expect(row.pending).toMatchObject({ state: 'needs_attention' });

    // Retry without a fix: the same reason again.
    await env.core.call('outbox.retry', { id: rejected.outboxId });
    await env.core.call('sync.now');
    expect((await entries()).find((e) => e.id === rejected.outboxId)).toMatchObject({
      state: 'needs_attention',
      lastError: { code: 'already_member' },
    });

    // Edit: only fields that belong to that kind of change.
    const wrong = await env.core.fail('outbox.edit', { id: rejected.outboxId, changes: { name: 'X' } });
    expect(wrong).toMatchObject({ code: 'invalid_input', fields: [{ path: 'changes.name' }] });
    expect(
      (await env.core.fail('outbox.edit', { id: existing.outboxId, changes: { temporaryPassword: 'short' } }))
        .fields![0]!.path,
    ).toBe('changes.temporaryPassword');

    // Fix the create (a new email: new body, so a new idempotency key) and the change behind it follows.
    await env.core.call('outbox.edit', { id: existing.outboxId, changes: { email: 'dana.new@example.com' } });
    await env.core.call('sync.now');
    const created = await serverMember('dana.new@example.com');
    expect(created).toMatchObject({ origin: 'admin_created', roleId: ROLE.accountant });
    expect((await entries()).map((e) => e.id)).toEqual([rejected.outboxId]);
    expect(await secretStore.list()).not.toContain(`outbox:${existing.outboxId}`);
    expect((await env.core.call('members.get', { memberId: existing.memberId })).member.id).toBe(created.id);
    expect(
      (
        await env.api.request('POST', '/auth/sessions', {
          body: { email: 'dana.new@example.com', password: 'Tidal-Orchard-Ember-5531' },
        })
      ).body.code,
    ).toBe('password_change_required');

    // Discard: the optimistic row goes away and nothing reaches the server.
    const before = (await env.core.call('members.query', { text: DEMO.hr })).rows.length;
    expect(before).toBe(2); // the real member and the rejected local invite
    await env.core.call('outbox.discard', { id: rejected.outboxId });
    expect(await entries()).toEqual([]);
    expect((await env.core.call('members.query', { text: DEMO.hr })).rows).toHaveLength(1);
    expect((await env.core.fail('outbox.discard', { id: rejected.outboxId })).code).toBe('not_found');
  });

  it('discarding a queued create deletes its password and the changes queued on it', async () => {
    await env.core.call('members.invite', { email: DEMO.hr, roleId: ROLE.member });
    await env.core.call('sync.now'); // parks it: needs attention, and nothing else queued
    const blocker = (await entries())[0]!;
    // Offline, so nothing is in flight while we discard.
    await env.sandbox.close();
    const created = await env.core.call('members.create', {
      email: 'gone.soon@example.com',
      name: 'Gone Soon',
      roleId: ROLE.member,
      temporaryPassword: 'Silver-Canyon-Moth-3318',
    });
    const role = await env.core.call('members.changeRole', { memberId: created.memberId, roleId: ROLE.hr });
    expect(await secretStore.list()).toContain(`outbox:${created.outboxId}`);
    expect((await env.core.call('sync.now')).state).toBe('offline');
    await env.core.call('outbox.discard', { id: created.outboxId });
    expect(await secretStore.list()).not.toContain(`outbox:${created.outboxId}`);
    expect((await entries()).map((e) => e.id)).toEqual([blocker.id]);
    expect((await env.core.fail('members.get', { memberId: created.memberId })).code).toBe('not_found');
    void role;
    await env.startSandbox();
    await env.core.call('outbox.edit', { id: blocker.id, changes: { email: 'fixed.invite@example.com' } });
    await env.core.call('sync.now');
    expect(await entries()).toEqual([]);
    expect((await serverMember('fixed.invite@example.com')).status).toBe('invited');
    expect(await serverMember('gone.soon@example.com')).toBeUndefined();
    const history = (await env.core.call('members.get', { memberId: blocker.id.replace(/^/, 'local:') })).history.map(
      (h: { action: string }) => h.action,
    );
    expect(history).toEqual(['edit', 'invite']);
  });
});
