import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../shared/api';
import { startTestSandbox } from '../testing';
import {
  ACCOUNTANT,
  ACME,
  ApiClient,
  expectProblem,
  OWNER,
  ROLE,
  sandboxStats,
  strongPassword,
  uniqueEmail,
} from '../test/api-client';

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let api: ApiClient;
let owner: string;
let accountant: string;
let members: Member[];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new ApiClient(sandbox.apiUrl);
  owner = await api.token(OWNER);
  accountant = await api.token(ACCOUNTANT);
  members = (await api.request('GET', `/orgs/${ACME}/members`, { token: owner })).body.items;
});
afterAll(() => sandbox.close());

const find = (predicate: (m: Member) => boolean): Member => members.find(predicate)!;

describe('the Accountant (members.read only) may change nothing', () => {
  const calls: [string, () => [string, string, Record<string, unknown> | undefined, Record<string, string>?]][] = [
    ['invite', () => ['POST', `/orgs/${ACME}/invitations`, { email: uniqueEmail(), roleId: ROLE.member }]],
    [
      'resend',
      () => [
        'POST',
        `/orgs/${ACME}/invitations/${find((m) => m.status === 'invited').invitation!.id}/resend`,
        undefined,
      ],
    ],
    [
      'cancel invitation',
      () => ['DELETE', `/orgs/${ACME}/invitations/${find((m) => m.status === 'invited').invitation!.id}`, undefined],
    ],
    [
      'create member',
      () => [
        'POST',
        `/orgs/${ACME}/members`,
        { email: uniqueEmail(), name: 'N', roleId: ROLE.member, temporaryPassword: strongPassword() },
      ],
    ],
    [
      'set password',
      () => [
        'PUT',
        `/orgs/${ACME}/members/${find((m) => m.origin === 'admin_created').id}/password`,
        { password: strongPassword() },
      ],
    ],
    [
      'change role',
      () => {
        const target = find((m) => m.email === 'hr@acme.test');
        return [
          'PATCH',
          `/orgs/${ACME}/members/${target.id}`,
          { roleId: ROLE.member },
          { 'If-Match': `"v${target.version}"` },
        ];
      },
    ],
    [
      'remove member',
      () => ['DELETE', `/orgs/${ACME}/members/${find((m) => m.email === 'hr@acme.test').id}`, undefined],
    ],
  ];

  it.each(calls)('%s → 403 missing_permission naming members.manage, and no change', async (_name, build) => {
    const before = await sandboxStats(sandbox.url);
    const [method, path, body, headers] = build();
    const result = await api.request(method, path, { token: accountant, body, headers });
    const problem = expectProblem(result, 403, 'missing_permission');
    expect(problem.detail).toContain('members.manage');
    expect(result.body.permission).toBe('members.manage');
    const after = await sandboxStats(sandbox.url);
    expect(after.effects).toBe(before.effects);
  });

  it('still reads: members, one member, roles', async () => {
    expect((await api.request('GET', `/orgs/${ACME}/members`, { token: accountant })).status).toBe(200);
    expect((await api.request('GET', `/orgs/${ACME}/members/${members[0]!.id}`, { token: accountant })).status).toBe(
      200,
    );
    expect((await api.request('GET', `/orgs/${ACME}/roles`, { token: accountant })).status).toBe(200);
    const after = (await api.request('GET', `/orgs/${ACME}/members`, { token: owner })).body.items as Member[];
    expect(after.map((m) => [m.id, m.version, m.status, m.roleId])).toEqual(
      members.map((m) => [m.id, m.version, m.status, m.roleId]),
    );
  });
});
