import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, ROLE, useSandboxCore } from './harness';

/**
 * Who may grant what, checked by core before anything is queued (issue 17): an HR Manager working
 * offline is told at once that only an owner makes owners, instead of the server refusing it at the
 * next sync. The same rule (shared/role-grants.ts) as the server and the role pickers.
 */
describe('grant rules checked before queueing, offline', () => {
  let down = false;
  const networkFetch: typeof fetch = (input, init) =>
    down ? Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })) : fetch(input, init);
  const env = useSandboxCore({ fetch: networkFetch, signInAs: DEMO.hr });
  beforeAll(() => {
    down = true;
  });

  const queued = async () => (await env.core.call('outbox.list')).items.length;
  const rowOf = async (email: string) =>
    (await env.core.call('members.query', { text: email })).rows.find((r: { email: string }) => r.email === email);

  it('refuses invite, create and role change to Owner at once, queueing nothing', async () => {
    const before = await queued();
    const invite = await env.core.fail('members.invite', { email: 'new.owner@example.com', roleId: ROLE.owner });
    expect(invite).toMatchObject({ code: 'grant_not_allowed', message: 'Only an owner can make someone an owner.' });
    expect(invite.fields).toEqual([{ path: 'roleId', message: 'Only an owner can make someone an owner.' }]);
    const create = await env.core.fail('members.create', {
      email: 'made.owner@example.com',
      name: 'Made Owner',
      roleId: ROLE.owner,
      temporaryPassword: 'Quiet-Harbor-Lantern-48-Owner',
    });
    expect(create.code).toBe('grant_not_allowed');
    const accountant = await rowOf(DEMO.accountant);
    expect((await env.core.fail('members.changeRole', { memberId: accountant.id, roleId: ROLE.owner })).code).toBe(
      'grant_not_allowed',
    );
    expect(await queued()).toBe(before);
  });

  it('refuses changing one’s own role, and still queues what the admin may grant', async () => {
    const self = await rowOf(DEMO.hr);
    const own = await env.core.fail('members.changeRole', { memberId: self.id, roleId: ROLE.member });
    expect(own).toMatchObject({ code: 'own_role_change', message: expect.stringMatching(/your own role/) });
    const ok = await env.core.call('members.invite', { email: 'allowed@example.com', roleId: ROLE.accountant });
    expect(ok.outboxId).toEqual(expect.any(String));
    // Editing the queued invite into an owner invite is refused the same way.
    const edit = await env.core.fail('outbox.edit', { id: ok.outboxId, changes: { roleId: ROLE.owner } });
    expect(edit).toMatchObject({ code: 'grant_not_allowed', fields: [{ path: 'changes.roleId' }] });
  });
});
