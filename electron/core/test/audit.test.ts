import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/api';
import { ACME, DEMO, ROLE, useSandboxCore } from './harness';

/** The server's audit log through core: credit, client name, filters, export, offline. */
describe('audit.list and audit.exportFiltered against a real sandbox', () => {
  let hrToken: string;
  /** When true the console's network is down (connection refused), the sandbox keeps running. */
  let down = false;

  const networkFetch: typeof fetch = (input, init) => {
    if (down) return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    return fetch(input, init);
  };
  const env = useSandboxCore({ fetch: networkFetch });
  beforeAll(async () => {
    hrToken = await env.api.token(DEMO.hr);
  });

  const memberId = async (email: string): Promise<string> =>
    (await env.core.call('members.query', { text: email })).rows.find((r: { email: string }) => r.email === email).id;

  it('credits the console admin and another admin who changed the same member, with their clients', async () => {
    const email = 'audited.person@example.com';
    await env.core.call('members.invite', { email, roleId: ROLE.member });
    await env.core.call('sync.now');
    const id = await memberId(email);
    // Another admin, another client: straight to the API as HR Manager.
    const current = await env.api.request('GET', `/orgs/${ACME}/members/${id}`, { token: hrToken });
    const patched = await env.api.request('PATCH', `/orgs/${ACME}/members/${id}`, {
      token: hrToken,
      body: { roleId: ROLE.accountant },
      headers: { 'If-Match': current.headers.get('etag')!, 'X-Nexus-Client': 'hr-script/1.0' },
    });
    expect(patched.status).toBe(200);

    const { items } = await env.core.call<{ items: AuditEvent[] }>('audit.list', { memberId: id });
    expect(items.map((e) => [e.action, e.actor.email, e.client])).toEqual([
      ['member.role_changed', DEMO.hr, 'hr-script/1.0'],
      ['member.invited', DEMO.owner, 'Nexus Admin/0.1.0'],
    ]);
    // Sent, so no longer "still queued on this computer".
    expect((await env.core.call('members.get', { memberId: id })).stillQueued).toEqual([]);
  });

  it('passes filters and the cursor through', async () => {
    const byText = await env.core.call<{ items: AuditEvent[] }>('audit.list', { text: 'audited.person' });
    expect(byText.items.length).toBe(2);
    const byAction = await env.core.call<{ items: AuditEvent[] }>('audit.list', { actions: ['member.role_changed'] });
    expect(byAction.items.every((e) => e.action === 'member.role_changed')).toBe(true);
    const future = await env.core.call<{ items: AuditEvent[] }>('audit.list', { from: '2999-01-01T00:00:00Z' });
    expect(future.items).toEqual([]);
    const first = await env.core.call<{ items: AuditEvent[]; nextCursor: string }>('audit.list', { limit: 1 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await env.core.call<{ items: AuditEvent[] }>('audit.list', { limit: 1, cursor: first.nextCursor });
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    // A queued invite that never reached the server has no server history yet.
    expect(await env.core.call('audit.list', { memberId: 'local:00000000-0000-0000-0000-000000000000' })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('exports the filtered activity as CSV: BOM, formula-safe, never a password', async () => {
    const password = 'Quiet-Harbor-Lantern-48-Export';
    const created = await env.api.request('POST', `/orgs/${ACME}/members`, {
      token: hrToken,
      body: {
        email: 'formula@example.com',
        name: '=HYPERLINK("http://evil")',
        roleId: ROLE.member,
        temporaryPassword: password,
      },
    });
    expect(created.status).toBe(201);
    const file = await env.core.call('audit.exportFiltered', { text: 'formula@example.com' });
    expect(file.rows).toBe(1);
    expect(file.fileName).toMatch(/^activity-all-acme-corp-.*\.csv$/);
    expect(file.csv.startsWith('\uFEFFwhen,who,')).toBe(true);
    expect(file.csv).toContain(`hr@acme.test`);
    expect(file.csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(file.csv).not.toContain(password);
    const all = await env.core.call('audit.exportFiltered', {});
    expect(all.rows).toBeGreaterThanOrEqual(3);
  });

  it('offline: says the activity needs the server, and shows what is still queued here', async () => {
    down = true;
    try {
      const error = await env.core.fail('audit.list', {});
      expect(error.code).toBe('offline');
      expect(error.message).toMatch(/cannot be reached/);
      expect((await env.core.fail('audit.exportFiltered', {})).code).toBe('offline');
      const id = await memberId('audited.person@example.com');
      await env.core.call('members.remove', { memberId: id });
      const detail = await env.core.call('members.get', { memberId: id });
      expect(detail.stillQueued.map((e: { action: string; actorEmail: string }) => [e.action, e.actorEmail])).toEqual([
        ['remove', DEMO.owner],
      ]);
    } finally {
      down = false;
    }
  });

  it('refuses bad input with the field named', async () => {
    expect((await env.core.fail('audit.list', { actions: ['member.exploded'] })).fields?.[0]?.path).toBe('actions.0');
    expect((await env.core.fail('audit.list', { from: 'yesterday' })).fields?.[0]?.path).toBe('from');
    expect((await env.core.fail('audit.exportFiltered', { text: 'x'.repeat(201) })).fields?.[0]?.path).toBe('text');
  });
});
