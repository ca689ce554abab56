import { describe, expect, it } from 'vitest';
import { MemorySecrets } from '../secrets/memory-secrets';
import type { SecretStore } from '../secrets/secret-store';
import { DEMO, PASSWORD, ROLE, expectNoSecretsOnDisk, signIn, testSecretStore, useSandboxCore } from './harness';

/** A store with no keychain at all: what `memoryOnly` gives core. */
function memoryStore(): SecretStore {
  const memory = new MemorySecrets();
  return {
    get: async (account) => memory.get(account),
    set: async (account, secret) => memory.set(account, secret),
    delete: async (account) => memory.delete(account),
    list: async () => memory.accounts(),
    status: async () => ({ state: 'memoryOnly', backend: 'memory', persistent: false, warning: 'memory only' }),
    redetect: async () => ({ state: 'memoryOnly', backend: 'memory', persistent: false, warning: 'memory only' }),
  };
}

/** Counts keychain writes, and can say whether any item's value holds a given password. */
function watched(inner: SecretStore) {
  let writes = 0;
  const store: SecretStore = {
    ...inner,
    set: async (account, secret) => {
      writes += 1;
      return inner.set(account, secret);
    },
  };
  const holds = async (password: string) => {
    for (const account of await inner.list()) if ((await inner.get(account))?.includes(password)) return true;
    return false;
  };
  // A scan of every item is several D-Bus calls each: on a loaded machine it outlasts
  // expect.poll's default second, so the wait for a deletion is given longer.
  const dropped = (password: string) => expect.poll(() => holds(password), { timeout: 15_000 }).toBe(false);
  return { store, holds, dropped, writes: () => writes, reset: () => (writes = 0) };
}

/**
 * Holds the console's requests that add people (POST …/invitations, …/members) until released:
 * import.queue kicks a sync cycle of its own, and the queued state must be read before it runs.
 */
function gatedFetch() {
  let open: Promise<void> = Promise.resolve();
  let release = () => {};
  const fetchImpl: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.method === 'POST' && /\/(invitations|members)$/.test(new URL(request.url).pathname)) await open;
    return fetch(request);
  };
  return {
    fetch: fetchImpl,
    hold: () => {
      open = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

const people = Array.from({ length: 6 }, (_, i) => ({
  line: i + 2,
  action: 'create' as const,
  email: `handover.${i}@example.com`,
  name: `Handover Person ${i}`,
  roleId: ROLE.member,
}));

for (const [label, makeStore] of [
  ['the real keychain', testSecretStore],
  ['memory only (no keychain)', memoryStore],
] as const) {
  describe(`handover store through core, ${label}`, () => {
    const keychain = watched(makeStore());
    const gate = gatedFetch();
    let skipped = 0;
    const now = () => new Date(Date.now() + skipped);
    const env = useSandboxCore({ secretStore: keychain.store, sandboxNow: now, now, fetch: gate.fetch });

    it('an import is held for handover in a few keychain writes, listed by person without passwords', async () => {
      keychain.reset();
      gate.hold();
      await env.core.call('import.queue', { rows: people });
      // The outbox batch, its index, the handover item: not one write per person.
      expect(keychain.writes()).toBeLessThanOrEqual(3);
      const list = await env.core.call('handover.list');
      expect(list.items.map((item: { email: string }) => item.email).sort()).toEqual(people.map((p) => p.email));
      expect(list.items.every((item: { state: string }) => item.state === 'queued')).toBe(true);
      expect(list.maxHours).toBe(8);
      expect(list.signInAddress).toBe(env.sandbox.url);
      expect(JSON.stringify(list)).not.toMatch(/password/i);
      gate.release();
      await env.core.call('sync.now');
      const synced = await env.core.call('handover.list');
      expect(synced.items.every((item: { state: string; memberId: string }) => item.state === 'onServer')).toBe(true);
      expect(synced.items.every((item: { memberId: string }) => !item.memberId.startsWith('local:'))).toBe(true);
    });

    it('reveal gives the password that signs in; handed over, the keychain no longer holds it; the log says who and when', async () => {
      const [first] = (await env.core.call('handover.list')).items as { id: string; email: string; memberId: string }[];
      const { password } = await env.core.call('handover.reveal', { id: first!.id });
      const attempt = await fetch(`${env.sandbox.apiUrl}/auth/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: first!.email, password }),
      });
      // Signs in, and must change the password first.
      expect(attempt.status).toBe(403);
      expect(await attempt.text()).toMatch(/password_change_required/);
      expect(await keychain.holds(password)).toBe(true);
      await env.core.call('handover.markHandedOver', { id: first!.id });
      await keychain.dropped(password);
      expect((await env.core.fail('handover.reveal', { id: first!.id })).code).toBe('not_found');
      const history = (await env.core.call('members.get', { memberId: first!.memberId })).history;
      expect(history[0]).toMatchObject({ action: 'handover', actorEmail: DEMO.owner });
      expect(history[0].summary).toContain(first!.email);
      expect(JSON.stringify(history)).not.toContain(password);
      expect((await env.core.call('handover.list')).items).toHaveLength(people.length - 1);
    });

    it('a single Create User held for handover joins the list; Change Password too', async () => {
      const temporaryPassword = 'Single-Held-Walnut-Harbour-58';
      const created = await env.core.call('members.create', {
        email: 'single.held@example.com',
        name: 'Single Held',
        roleId: ROLE.member,
        temporaryPassword,
        holdForHandover: true,
      });
      await env.core.call('members.create', {
        email: 'single.not.held@example.com',
        name: 'Not Held',
        roleId: ROLE.member,
        temporaryPassword: 'Single-Unheld-Walnut-Harbour-58',
      });
      await env.core.call('sync.now');
      const items = (await env.core.call('handover.list')).items as { id: string; email: string; kind: string }[];
      expect(items.find((i) => i.email === 'single.held@example.com')).toMatchObject({ id: created.outboxId });
      expect(items.find((i) => i.email === 'single.not.held@example.com')).toBeUndefined();
      expect(await keychain.holds(temporaryPassword)).toBe(true);
      const member = (await env.core.call('members.query', { text: 'single.held', limit: 5 })).rows.find(
        (row: { email: string }) => row.email === 'single.held@example.com',
      );
      await env.core.call('members.setPassword', {
        memberId: member.id,
        password: 'Changed-Held-Walnut-Harbour-58',
        reason: 'resend_credentials',
        holdForHandover: true,
      });
      const after = (await env.core.call('handover.list')).items as { email: string; kind: string }[];
      expect(
        after
          .filter((i) => i.email === 'single.held@example.com')
          .map((i) => i.kind)
          .sort(),
      ).toEqual(['create', 'resend_credentials']);
    });

    it('past the time limit a password not handed over is gone from the keychain', async () => {
      const before = (await env.core.call('handover.list')).items as { id: string }[];
      const { password } = await env.core.call('handover.reveal', { id: before[0]!.id });
      skipped += 8 * 3600 * 1000 - 60_000;
      expect((await env.core.call('handover.list')).items).toHaveLength(before.length);
      skipped += 61_000;
      expect((await env.core.call('handover.list')).items).toHaveLength(0);
      await keychain.dropped(password);
      expect((await env.core.fail('handover.reveal', { id: before[0]!.id })).code).toBe('not_found');
    });

    it('End handover and sign-out delete every held password; none of them ever reached disk', async () => {
      const passwords: string[] = [];
      const more = people.map((p, i) => ({ ...p, email: `later.${i}@example.com` }));
      await env.core.call('import.queue', { rows: more.slice(0, 3) });
      // Synced: the outbox no longer needs them, so only the handover holds them.
      await env.core.call('sync.now');
      for (const item of (await env.core.call('handover.list')).items as { id: string }[])
        passwords.push((await env.core.call('handover.reveal', { id: item.id })).password);
      expect((await env.core.call('handover.end')).deleted).toBe(3);
      // (The synced entries' copies leave the outbox's batch in one coalesced rewrite: wait for it.)
      for (const password of passwords) await keychain.dropped(password);

      await env.core.call('sync.now');
      await env.core.call('import.queue', { rows: more.slice(3) });
      await env.core.call('sync.now');
      for (const item of (await env.core.call('handover.list')).items as { id: string }[])
        passwords.push((await env.core.call('handover.reveal', { id: item.id })).password);
      expect(passwords).toHaveLength(6);
      await env.core.call('session.signOut', {});
      for (const password of passwords.slice(3)) await keychain.dropped(password);
      expect(expectNoSecretsOnDisk(env.dataDir, passwords)).toBe(6);
      await signIn(env.core, env.sandbox.url, DEMO.owner, PASSWORD);
      expect((await env.core.call('handover.list')).items).toHaveLength(0);
    });
  });
}
