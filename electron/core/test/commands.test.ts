import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames } from '../../../shared/contract/commands';
import { ACME, DEMO, PASSWORD, ROLE, signIn, useSandboxCore } from './harness';

const GOOD_PASSWORD = 'Quiet-Harbor-Lantern-48';

describe('every command against a real sandbox', () => {
  let ownerToken: string;
  /** The sandbox's clock runs ahead by this much: resend is allowed once a minute. */
  let skewMs = 0;
  const env = useSandboxCore({ sandboxNow: () => new Date(Date.now() + skewMs), signInAs: false });
  const { dataDir, secretStore } = env;
  beforeAll(async () => {
    ownerToken = await env.api.token(DEMO.owner);
  });
  afterAll(() => {
    if (process.env.KEEP_LOG) console.log(readFileSync(join(dataDir, 'logs', 'core.log'), 'utf8'));
  });

  const serverMembers = async () => {
    const result = await env.api.request('GET', `/orgs/${ACME}/members?limit=1000`, { token: ownerToken });
    return (result.body.items as { id: string; email: string; roleId: string; status: string; version: number }[])
      .map((m) => `${m.id}|${m.email}|${m.roleId}|${m.status}|${m.version}`)
      .sort()
      .join('\n');
  };
  const cacheFingerprint = () =>
    ['cache.db', 'cache.db-wal', 'local.db', 'local.db-wal']
      .map((name) => join(dataDir, name))
      .filter(existsSync)
      .map((path) => createHash('sha256').update(readFileSync(path)).digest('hex'))
      .join(',');
  const findByEmail = async (email: string) =>
    (await env.core.call('members.query', { text: email })).rows.find((r: { email: string }) => r.email === email);

  it('session.signIn: wrong password and invalid input are typed errors', async () => {
    expect(
      (
        await env.core.fail('session.signIn', {
          serverUrl: env.sandbox.url,
          email: DEMO.owner,
          password: 'wrong-password-123',
        })
      ).code,
    ).toBe('invalid_credentials');
    const bad = await env.core.fail('session.signIn', { serverUrl: 'ftp://x', email: 'not-an-email', password: '' });
    expect(bad.code).toBe('invalid_input');
    expect(bad.fields!.map((f) => f.path).sort()).toEqual(['email', 'password', 'serverUrl']);
    expect((await env.core.call('session.status')).state).toBe('signedOut');
    expect((await env.core.fail('members.query', {})).code).toBe('not_signed_in');
    expect((await env.core.fail('sync.now', {})).code).toBe('not_signed_in');
    expect((await env.core.fail('session.changePassword', { newPassword: GOOD_PASSWORD })).code).toBe('not_signed_in');
  });

  it('session.signIn, orgs.list, orgs.select, roles.list, sync.status', async () => {
    const result = await env.core.call('session.signIn', {
      serverUrl: env.sandbox.url + '/',
      email: ' Owner@Acme.test ',
      password: PASSWORD,
    });
    expect(result.outcome).toBe('signedIn');
    expect(result.status.serverUrl).toBe(env.sandbox.url);
    expect(JSON.stringify(result)).not.toMatch(/token/i);
    const orgs = await env.core.call('orgs.list');
    expect(orgs.items.map((o: { name: string }) => o.name).sort()).toEqual(['Acme Corp', 'Acme Labs']);
    expect((await env.core.fail('roles.list')).code).toBe('no_org_selected');
    expect((await env.core.fail('orgs.select', { orgId: 'org_globex' })).code).toBe('not_found');
    expect((await env.core.fail('orgs.select', { orgId: '' })).fields![0]!.path).toBe('orgId');
    await signIn(env.core, env.sandbox.url);
    const roles = await env.core.call('roles.list');
    expect(roles.items.map((r: { name: string }) => r.name)).toEqual([
      'owner',
      'admin',
      'member',
      'HR Manager',
      'Accountant',
    ]);
    const status = await env.core.call('sync.status');
    expect(status).toMatchObject({ state: 'idle', queued: 0, needsAttention: 0 });
    expect(status.lastSyncedAt).not.toBeNull();
  });

  it('members.query filters, sorts and pages from the cache', async () => {
    const all = await env.core.call('members.query', { limit: 500 });
    const server = await env.api.request('GET', `/orgs/${ACME}/members?limit=1000`, { token: ownerToken });
    const notRemoved = server.body.items.filter((m: { status: string }) => m.status !== 'removed');
    expect(all.total).toBe(notRemoved.length);
    const withRemoved = await env.core.call('members.query', { includeRemoved: true, limit: 500 });
    expect(withRemoved.total).toBe(server.body.items.length);
    const names = all.rows.map((r: { name: string; email: string }) => (r.name || r.email).toLowerCase());
    expect(names).toEqual([...names].sort());
    const page = await env.core.call('members.query', { offset: 2, limit: 3 });
    expect(page.rows.map((r: { id: string }) => r.id)).toEqual(all.rows.slice(2, 5).map((r: { id: string }) => r.id));
    const harper = await env.core.call('members.query', { text: 'harp' });
    expect(harper.rows.map((r: { email: string }) => r.email)).toEqual([DEMO.hr]);
    expect((await env.core.call('members.query', { text: 'acme.te' })).total).toBeGreaterThan(3);
    expect((await env.core.call('members.query', { text: 'arper' })).total).toBe(0);
    const pending = await env.core.call('members.query', { badges: ['Pending'] });
    expect(pending.total).toBeGreaterThan(0);
    expect(pending.rows.every((r: { badge: string }) => r.badge === 'Pending')).toBe(true);
    const hrRole = await env.core.call('members.query', { roleIds: [ROLE.hr] });
    expect(hrRole.rows.every((r: { roleName: string }) => r.roleName === 'HR Manager')).toBe(true);
    const byEmailDesc = await env.core.call('members.query', {
      sort: { field: 'email', direction: 'desc' },
      limit: 500,
    });
    const emails = byEmailDesc.rows.map((r: { email: string }) => r.email);
    expect(emails).toEqual([...emails].sort().reverse());
    // FTS syntax in the text is data, not a query.
    expect((await env.core.call('members.query', { text: '" OR * NEAR(' })).total).toBe(0);
  });

  it('members.counts gives each badge the count its filter finds; sorting by status groups the badges', async () => {
    const counts = await env.core.call('members.counts');
    for (const badge of ['Active', 'Pending', 'Expired', 'Created by admin', 'Removed'] as const) {
      const filtered = await env.core.call('members.query', { badges: [badge], limit: 1 });
      expect(counts[badge], badge).toBe(filtered.total);
      expect(counts[badge], badge).toBeGreaterThan(0);
    }
    const byStatus = await env.core.call('members.query', {
      includeRemoved: true,
      sort: { field: 'status', direction: 'asc' },
      limit: 500,
    });
    const order = byStatus.rows.map((r: { badge: string }) => r.badge);
    // Each badge appears in one run, in the order of the counts.
    const runs = order.filter((badge: string, i: number) => i === 0 || order[i - 1] !== badge);
    expect(runs).toEqual(['Active', 'Pending', 'Expired', 'Created by admin', 'Removed']);
    // Issue 16: with search text, each count is what its chip would show for that text.
    for (const text of ['a', 'example']) {
      const forText = await env.core.call('members.counts', { text });
      for (const badge of ['Active', 'Pending', 'Expired', 'Created by admin', 'Removed'] as const) {
        const filtered = await env.core.call('members.query', { text, badges: [badge], limit: 1 });
        expect(forText[badge], `${badge}, "${text}"`).toBe(filtered.total);
      }
    }
  });

  it('invalid input for each command changes nothing, in the cache or on the server', async () => {
    await env.core.call('sync.now');
    const beforeServer = await serverMembers();
    const beforeCache = cacheFingerprint();
    const cases: [string, unknown, string][] = [
      ['session.status', 'nope', '(input)'],
      ['session.signIn', { serverUrl: env.sandbox.url, email: 'x', password: 'p' }, 'email'],
      ['session.changePassword', { newPassword: 5 }, 'newPassword'],
      ['session.signOut', [], '(input)'],
      ['session.signOut', { queuedChanges: 'maybe' }, 'queuedChanges'],
      ['session.signOutCheck', 'x', '(input)'],
      ['session.retryKeychain', 'again', '(input)'],
      ['orgs.list', 7, '(input)'],
      ['orgs.select', { orgId: 42 }, 'orgId'],
      ['roles.list', 'x', '(input)'],
      ['members.query', { limit: 0, badges: ['Nope'], sort: { field: 'password', direction: 'up' } }, 'limit'],
      ['members.get', { memberId: '' }, 'memberId'],
      ['members.lookupEmail', { email: 'nope' }, 'email'],
      ['members.invite', { email: 'a@b.test', roleId: '' }, 'roleId'],
      [
        'members.create',
        { email: 'c@d.test', name: '', roleId: ROLE.member, temporaryPassword: GOOD_PASSWORD },
        'name',
      ],
      ['members.resendInvite', {}, 'memberId'],
      ['members.cancelInvite', { memberId: null }, 'memberId'],
      ['members.setPassword', { memberId: 'x', password: GOOD_PASSWORD, reason: 'because' }, 'reason'],
      ['members.changeRole', { memberId: 'x' }, 'roleId'],
      ['members.remove', { memberId: 'x'.repeat(500) }, 'memberId'],
      ['outbox.list', 'x', '(input)'],
      ['outbox.retry', { id: '' }, 'id'],
      ['outbox.discard', {}, 'id'],
      ['outbox.edit', { id: 'x', changes: {} }, 'changes'],
      ['sync.now', 1, '(input)'],
      ['sync.status', true, '(input)'],
      ['clipboard.copySecret', { text: 'x' }, ''],
      ['settings.get', 'x', '(input)'],
      ['settings.update', { set: 'x' }, 'set'],
      ['diagnostics.export', { includeMemberEmails: 'yes' }, 'includeMemberEmails'],
      ['accounts.list', 3, '(input)'],
      ['accounts.switch', { id: '' }, 'id'],
      ['accounts.add', 'x', '(input)'],
      // CSV import and export (issue 13).
      ['import.lookup', { emails: 'a@b.test' }, 'emails'],
      [
        'import.queue',
        { rows: [{ line: 2, action: 'adopt', email: 'a@b.test', name: '', roleId: ROLE.member }] },
        'rows.0.action',
      ],
      ['import.results', { outboxIds: [''] }, 'outboxIds.0'],
      ['import.history', 'x', '(input)'],
      [
        'import.queue',
        {
          rows: [{ line: 2, action: 'invite', email: 'a@b.test', name: '', roleId: ROLE.member }],
          notQueued: [{ line: 3, email: 'x', name: '', role: '', action: 'invite' }],
        },
        'notQueued.0.reason',
      ],
      ['members.export', { sort: { field: 'password', direction: 'asc' } }, 'sort.field'],
      ['audit.export', 'x', '(input)'],
      ['members.counts', 'x', '(input)'],
      ['audit.list', { limit: 0 }, 'limit'],
      ['audit.exportFiltered', { actions: ['member.exploded'] }, 'actions.0'],
      // Handover sessions (issue 14).
      ['handover.list', 'x', '(input)'],
      ['handover.reveal', { id: '' }, 'id'],
      ['handover.markHandedOver', { id: 7 }, 'id'],
      ['handover.end', 'x', '(input)'],
      ['handover.handedOver', 'x', '(input)'],
    ];
    expect([...new Set(cases.map((c) => c[0]))].sort()).toEqual([...commandNames].sort());
    for (const [command, input, field] of cases) {
      const error = await env.core.fail(command, input);
      if (command === 'clipboard.copySecret') {
        expect(error.code).toBe('unknown_command');
        continue;
      }
      expect(error.code, command).toBe('invalid_input');
      expect(
        error.fields!.map((f) => f.path),
        command,
      ).toContain(field);
      expect(JSON.stringify(error)).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await env.core.fail('members.nuke', {})).code).toBe('unknown_command');
    // Prototype-pollution keys are not claimed here: the contract's schemas drop unknown keys
    // anyway, so this test would pass without the dispatcher's sanitize(). dispatcher.test.ts
    // tests sanitize() itself.
    expect(cacheFingerprint()).toBe(beforeCache);
    expect(await serverMembers()).toBe(beforeServer);
  });

  it('members.lookupEmail answers online', async () => {
    expect(await env.core.call('members.lookupEmail', { email: DEMO.hr })).toMatchObject({
      checked: true,
      exists: true,
      memberStatus: 'active',
      canCreate: false,
      canInvite: false,
    });
    expect(await env.core.call('members.lookupEmail', { email: DEMO.outsider })).toMatchObject({
      checked: true,
      exists: true,
      memberStatus: null,
      canCreate: false,
      canInvite: true,
    });
    expect(await env.core.call('members.lookupEmail', { email: 'brand.new@example.com' })).toMatchObject({
      checked: true,
      exists: false,
      canCreate: true,
      canInvite: true,
    });
  });

  it('invite, resend, cancel, create, setPassword, changeRole, remove, get', async () => {
    const invited = await env.core.call('members.invite', { email: 'Invitee.One@Example.com', roleId: ROLE.member });
    const row = await findByEmail('invitee.one@example.com');
    expect(row).toMatchObject({
      id: invited.memberId,
      placeholder: true,
      badge: 'Pending',
      pending: { outboxId: invited.outboxId, kind: 'invite' },
    });
    expect((await env.core.call('outbox.list')).items.map((e: { id: string }) => e.id)).toContain(invited.outboxId);
    await env.core.call('sync.now');
    const detail = await env.core.call('members.get', { memberId: invited.memberId });
    expect(detail.member.placeholder).toBe(false);
    expect(detail.member.pending).toBeNull();
    expect(detail.history[0].summary).toBe('Invite invitee.one@example.com as member');
    const memberId = detail.member.id;

    skewMs += 61_000;
    await env.core.call('members.resendInvite', { memberId });
    await env.core.call('sync.now');
    expect((await env.core.call('members.get', { memberId })).invitation.sendCount).toBe(2);

    await env.core.call('members.cancelInvite', { memberId });
    await env.core.call('sync.now');
    expect((await env.core.fail('members.get', { memberId })).code).toBe('not_found');
    expect((await env.api.request('GET', `/orgs/${ACME}/members/${memberId}`, { token: ownerToken })).status).toBe(404);

    expect(
      (
        await env.core.fail('members.create', {
          email: 'made@example.com',
          name: 'Made Up',
          roleId: ROLE.member,
          temporaryPassword: 'short',
        })
      ).fields![0]!.path,
    ).toBe('temporaryPassword');
    expect(
      (await env.core.fail('members.invite', { email: 'x@example.com', roleId: 'role_nope' })).fields![0]!.path,
    ).toBe('roleId');
    const created = await env.core.call('members.create', {
      email: 'made@example.com',
      name: 'Made Up',
      roleId: ROLE.member,
      temporaryPassword: GOOD_PASSWORD,
    });
    expect(await secretStore.list()).toContain(`outbox:${created.outboxId}`);
    await env.core.call('sync.now');
    expect(await secretStore.list()).not.toContain(`outbox:${created.outboxId}`);
    const made = (await env.core.call('members.get', { memberId: created.memberId })).member;
    expect(made).toMatchObject({ email: 'made@example.com', badge: 'Created by admin', origin: 'admin_created' });
    expect(
      (
        await env.api.request('POST', '/auth/sessions', {
          body: { email: 'made@example.com', password: GOOD_PASSWORD },
        })
      ).body.code,
    ).toBe('password_change_required');

    // The member's own email is part of the policy core checks (setPasswordInputFor), nothing queued.
    const containsEmail = await env.core.fail('members.setPassword', {
      memberId: made.id,
      password: 'Made-Velvet-Compass-91',
      reason: 'change',
    });
    expect(containsEmail).toMatchObject({
      code: 'invalid_input',
      fields: [{ path: 'password', message: 'The password must not contain the email address.' }],
    });
    const newPassword = 'Second-Velvet-Compass-91';
    const set = await env.core.call('members.setPassword', {
      memberId: made.id,
      password: newPassword,
      reason: 'resend_credentials',
    });
    await env.core.call('sync.now');
    expect(await secretStore.list()).not.toContain(`outbox:${set.outboxId}`);
    expect(
      (await env.api.request('POST', '/auth/sessions', { body: { email: 'made@example.com', password: newPassword } }))
        .body.code,
    ).toBe('password_change_required');
    const hr = await findByEmail(DEMO.hr);
    expect(
      (await env.core.fail('members.setPassword', { memberId: hr.id, password: newPassword, reason: 'change' })).code,
    ).toBe('not_managed_account');

    await env.core.call('members.changeRole', { memberId: made.id, roleId: ROLE.accountant });
    expect((await findByEmail('made@example.com')).roleName).toBe('Accountant');
    await env.core.call('sync.now');
    expect((await env.api.request('GET', `/orgs/${ACME}/members/${made.id}`, { token: ownerToken })).body.roleId).toBe(
      ROLE.accountant,
    );

    await env.core.call('members.remove', { memberId: made.id });
    await env.core.call('sync.now');
    expect((await env.api.request('GET', `/orgs/${ACME}/members/${made.id}`, { token: ownerToken })).body.status).toBe(
      'removed',
    );
    expect(await findByEmail('made@example.com')).toBeUndefined();
    expect((await env.core.call('members.query', { text: 'made', includeRemoved: true })).rows[0].badge).toBe(
      'Removed',
    );
    expect((await env.core.fail('members.remove', { memberId: made.id })).code).toBe('invalid_input');
    const history = (await env.core.call('members.get', { memberId: made.id })).history.map(
      (h: { action: string }) => h.action,
    );
    expect(history).toEqual(['remove', 'changeRole', 'setPassword', 'create']);
    expect((await env.core.fail('members.get', { memberId: 'mem_missing' })).code).toBe('not_found');
  });

  it('server-side refusals come back with the server code', async () => {
    const owner = await findByEmail(DEMO.owner);
    await env.core.call('members.remove', { memberId: owner.id });
    await env.core.call('sync.now');
    const [entry] = (await env.core.call('outbox.list')).items;
    expect(entry.state).toBe('needs_attention');
    expect(['cannot_remove_self', 'last_owner']).toContain(entry.lastError.code);
    await env.core.call('outbox.discard', { id: entry.id });
    expect((await findByEmail(DEMO.owner)).status).toBe('active');
    expect((await env.core.call('outbox.list')).items).toEqual([]);
  });

  it('a role without members.manage gets missing_permission and nothing is queued', async () => {
    await env.core.call('session.signOut');
    await signIn(env.core, env.sandbox.url, DEMO.accountant);
    expect((await env.core.call('session.status')).org.canManageMembers).toBe(false);
    const rows = (await env.core.call('members.query', {})).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const [command, input] of [
      ['members.invite', { email: 'nope@example.com', roleId: ROLE.member }],
      [
        'members.create',
        { email: 'nope@example.com', name: 'No', roleId: ROLE.member, temporaryPassword: GOOD_PASSWORD },
      ],
      ['members.changeRole', { memberId: rows[0].id, roleId: ROLE.member }],
      ['members.remove', { memberId: rows[0].id }],
      ['members.lookupEmail', { email: 'nope@example.com' }],
    ] as const) {
      expect((await env.core.fail(command, input)).code, command).toBe('missing_permission');
    }
    expect((await env.core.call('outbox.list')).items).toEqual([]);
    expect((await env.core.fail('outbox.retry', { id: 'nope' })).code).toBe('not_found');
  });

  it('session.signOut revokes on the server and wipes the keychain entry', async () => {
    const accountKey = `${env.sandbox.url}|${DEMO.accountant}`;
    expect(await secretStore.list()).toContain(accountKey);
    const status = await env.core.call('session.signOut');
    expect(status.state).toBe('signedOut');
    expect(await secretStore.list()).not.toContain(accountKey);
  });
});
