import { describe, expect, it, vi } from 'vitest';
import { HANDOVER_ITEM } from '../handover/handover-store';
import { MemorySecrets } from '../secrets/memory-secrets';
import { SecretBatch } from '../secrets/secret-batch';
import type { SecretStore } from '../secrets/secret-store';
import { DEMO, ROLE, expectNoSecretsOnDisk, useSandboxCore } from './harness';

/**
 * The follow-ups of issue 14: a keychain that refuses to hold a password never turns a queued
 * change into an error; a fixed (edited) entry's held copy follows the edit; the held passwords
 * are read once per list or reveal.
 */

/** Memory secrets whose handover item can be made to refuse writes, as a locked keychain does. */
function refusingStore() {
  const memory = new MemorySecrets();
  const state = { refuse: false };
  const store: SecretStore = {
    get: async (account) => memory.get(account),
    set: async (account, secret) => {
      if (state.refuse && account === HANDOVER_ITEM) throw new Error('the keychain is locked');
      memory.set(account, secret);
    },
    delete: async (account) => memory.delete(account),
    list: async () => memory.accounts(),
    status: async () => ({ state: 'memoryOnly', backend: 'memory', persistent: false, warning: 'memory only' }),
    redetect: async () => ({ state: 'memoryOnly', backend: 'memory', persistent: false, warning: 'memory only' }),
  };
  const holds = async (password: string) => (memory.get(HANDOVER_ITEM) ?? '').includes(password);
  return { store, state, holds };
}

type Item = { id: string; email: string; state: string; memberId: string };

describe('handover: a refused hold, an edited entry, one read', () => {
  const keychain = refusingStore();
  const passwords: string[] = [];
  const env = useSandboxCore({ secretStore: keychain.store });

  const list = async (): Promise<Item[]> => (await env.core.call('handover.list')).items;
  const signsIn = async (email: string, password: string) => {
    const attempt = await fetch(`${env.sandbox.apiUrl}/auth/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    // A temporary password: it signs in, and must be changed first.
    return attempt.status === 403 && /password_change_required/.test(await attempt.text());
  };

  it('Create User held while the keychain refuses: the create is queued and succeeds, answering held: false', async () => {
    const temporaryPassword = 'Refused-Hold-Walnut-Harbour-58';
    passwords.push(temporaryPassword);
    keychain.state.refuse = true;
    const created = await env.core.call('members.create', {
      email: 'refused.hold@example.com',
      name: 'Refused Hold',
      roleId: ROLE.member,
      temporaryPassword,
      holdForHandover: true,
    });
    keychain.state.refuse = false;
    expect(created).toMatchObject({ held: false, outboxId: expect.any(String) });
    expect((await env.core.call('outbox.list')).items.map((item: { id: string }) => item.id)).toContain(
      created.outboxId,
    );
    // Not held: not listed, not written later by the next flush of the handover item.
    expect((await list()).map((item) => item.email)).not.toContain('refused.hold@example.com');
    await env.core.call('sync.now');
    expect(await signsIn('refused.hold@example.com', temporaryPassword)).toBe(true);
    expect(await keychain.holds(temporaryPassword)).toBe(false);

    // Held when asked and the keychain takes it: `held: true`; not asked: no `held` at all.
    const ok = await env.core.call('members.create', {
      email: 'held.fine@example.com',
      name: 'Held Fine',
      roleId: ROLE.member,
      temporaryPassword: 'Held-Fine-Walnut-Harbour-58',
      holdForHandover: true,
    });
    expect(ok.held).toBe(true);
    passwords.push('Held-Fine-Walnut-Harbour-58');
    const plain = await env.core.call('members.create', {
      email: 'not.asked@example.com',
      name: 'Not Asked',
      roleId: ROLE.member,
      temporaryPassword: 'Not-Asked-Walnut-Harbour-58',
    });
    expect('held' in plain).toBe(false);
  });

  it('Change Password and an import held while the keychain refuses are queued too, and say what was not held', async () => {
    const member = (await env.core.call('members.query', { text: 'refused.hold', limit: 5 })).rows[0];
    keychain.state.refuse = true;
    const changed = await env.core.call('members.setPassword', {
      memberId: member.id,
      password: 'Changed-Refused-Walnut-Harbour-58',
      reason: 'change',
      holdForHandover: true,
    });
    passwords.push('Changed-Refused-Walnut-Harbour-58');
    expect(changed.held).toBe(false);
    const imported = await env.core.call('import.queue', {
      rows: [0, 1, 2].map((i) => ({
        line: i + 2,
        action: 'create',
        email: `refused.import.${i}@example.com`,
        name: `Refused Import ${i}`,
        roleId: ROLE.member,
        password: `Imported-Refused-${i}-Walnut-Harbour`,
      })),
    });
    keychain.state.refuse = false;
    expect(imported.entries).toHaveLength(3);
    expect(imported.notHeld).toBe(3);
    expect((await list()).map((item) => item.email).filter((email) => email.startsWith('refused.'))).toEqual([]);
    await env.core.call('sync.now');
    expect(await signsIn('refused.import.1@example.com', 'Imported-Refused-1-Walnut-Harbour')).toBe(true);
    expect(await signsIn('refused.hold@example.com', 'Changed-Refused-Walnut-Harbour-58')).toBe(true);
    for (let i = 0; i < 3; i += 1) passwords.push(`Imported-Refused-${i}-Walnut-Harbour`);
  });

  it('a refused create fixed under Pending changes with a new password: the handover hands over the new one', async () => {
    // dana@ already has a Nexus account: the server refuses the create.
    const oldPassword = 'Old-Refused-Walnut-Harbour-58';
    const newPassword = 'New-Fixed-Walnut-Harbour-58';
    passwords.push(oldPassword, newPassword);
    const created = await env.core.call('members.create', {
      email: DEMO.outsider,
      name: 'Dana Fixed',
      roleId: ROLE.member,
      temporaryPassword: oldPassword,
      holdForHandover: true,
    });
    await env.core.call('sync.now');
    expect((await list()).find((item) => item.id === created.outboxId)).toMatchObject({ state: 'rejected' });

    const edited = await env.core.call('outbox.edit', {
      id: created.outboxId,
      changes: { email: 'dana.fixed@example.com', temporaryPassword: newPassword },
    });
    expect(edited).toEqual({ ok: true, held: true });
    expect((await list()).find((item) => item.id === created.outboxId)).toMatchObject({
      email: 'dana.fixed@example.com',
      state: 'queued',
    });
    expect((await env.core.call('handover.reveal', { id: created.outboxId })).password).toBe(newPassword);
    expect(await keychain.holds(oldPassword)).toBe(false);
    await env.core.call('sync.now');
    expect((await list()).find((item) => item.id === created.outboxId)).toMatchObject({ state: 'onServer' });
    expect(await signsIn('dana.fixed@example.com', newPassword)).toBe(true);
  });

  it('an edit whose new password the keychain refuses drops the old copy and says held: false; an invite drops it', async () => {
    const refusedEdit = await env.core.call('members.create', {
      email: DEMO.hr,
      name: 'Refused Edit',
      roleId: ROLE.member,
      temporaryPassword: 'Old-Edit-Walnut-Harbour-58',
      holdForHandover: true,
    });
    const toInvite = await env.core.call('members.create', {
      email: DEMO.accountant,
      name: 'To Invite',
      roleId: ROLE.member,
      temporaryPassword: 'Old-Invite-Walnut-Harbour-58',
      holdForHandover: true,
    });
    passwords.push('Old-Edit-Walnut-Harbour-58', 'Old-Invite-Walnut-Harbour-58', 'New-Refused-Walnut-Harbour-58');
    await env.core.call('sync.now');
    keychain.state.refuse = true;
    const edited = await env.core.call('outbox.edit', {
      id: refusedEdit.outboxId,
      changes: { email: 'edit.refused@example.com', temporaryPassword: 'New-Refused-Walnut-Harbour-58' },
    });
    keychain.state.refuse = false;
    expect(edited).toEqual({ ok: true, held: false });
    expect((await list()).map((item) => item.id)).not.toContain(refusedEdit.outboxId);
    expect((await env.core.fail('handover.reveal', { id: refusedEdit.outboxId })).code).toBe('not_found');

    expect(await env.core.call('outbox.edit', { id: toInvite.outboxId, changes: { kind: 'invite' } })).toEqual({
      ok: true,
    });
    expect((await list()).map((item) => item.id)).not.toContain(toInvite.outboxId);
    await expect.poll(() => keychain.holds('Old-Invite-Walnut-Harbour-58')).toBe(false);
  });

  it('an import with Hold for handover off holds nothing (and says nothing of it)', async () => {
    const result = await env.core.call('import.queue', {
      rows: [0, 1].map((i) => ({
        line: i + 2,
        action: 'create',
        email: `unheld.import.${i}@example.com`,
        name: `Unheld Import ${i}`,
        roleId: ROLE.member,
      })),
      holdForHandover: false,
    });
    expect(result.entries).toHaveLength(2);
    expect('notHeld' in result).toBe(false);
    expect((await list()).map((item) => item.email).filter((email) => email.startsWith('unheld.'))).toEqual([]);
  });

  it('list() and reveal read each held password once', async () => {
    const held = (await list()).length;
    expect(held).toBeGreaterThan(0);
    const reads = vi.spyOn(SecretBatch.prototype, 'get');
    try {
      const items = await list();
      expect(reads).toHaveBeenCalledTimes(held);
      reads.mockClear();
      await env.core.call('handover.reveal', { id: items[0]!.id });
      expect(reads).toHaveBeenCalledTimes(held);
    } finally {
      reads.mockRestore();
    }
  });

  it('no password of these reached local.db, the cache or the log', () => {
    expect(expectNoSecretsOnDisk(env.dataDir, passwords)).toBe(passwords.length);
  });
});
