import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createInputSchema, inviteInputSchema, setPasswordInputFor, setPasswordInputSchema } from './members';
import { outboxEditInputSchema } from './outbox';

/** Issues as `path: message`, in order: what the dispatcher and the forms show. */
function issues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const create = { email: 'ana.silva@acme.test', name: 'Ana Silva', roleId: 'role_member' };

// Issue 11: the password policy lives in the contract's schemas, one rule for forms and core.
describe('the password policy inside the contract inputs', () => {
  it('a create holds its password to the policy for its own email, on the password field', () => {
    expect(issues(createInputSchema, { ...create, temporaryPassword: 'plum-vest-orbit-lamp' })).toEqual([]);
    expect(issues(createInputSchema, { ...create, temporaryPassword: 'short' })).toEqual([
      'temporaryPassword: Use at least 15 characters.',
    ]);
    // Only the email beside it makes this one wrong.
    expect(issues(createInputSchema, { ...create, temporaryPassword: 'my-ana.silva-password!' })).toEqual([
      'temporaryPassword: The password must not contain the email address.',
    ]);
    expect(issues(createInputSchema, { ...create, temporaryPassword: 'a desk lamp in acme hall' })[0]).toMatch(
      /^temporaryPassword: Context word:/,
    );
  });

  it('an empty password says only "Enter or generate a password", once', () => {
    expect(issues(createInputSchema, { ...create, temporaryPassword: '' })).toEqual([
      'temporaryPassword: Enter or generate a password',
    ]);
    expect(issues(setPasswordInputFor('ana@acme.test'), { memberId: 'm1', password: '', reason: 'change' })).toEqual([
      'password: Enter or generate a password',
    ]);
  });

  it('a password change: the table checks what it can without the account, core adds the email', () => {
    const input = { memberId: 'm1', password: 'my-ana.silva-password!', reason: 'change' };
    expect(issues(setPasswordInputSchema, input)).toEqual([]);
    expect(issues(setPasswordInputFor('ana.silva@acme.test'), input)).toEqual([
      'password: The password must not contain the email address.',
    ]);
    expect(issues(setPasswordInputSchema, { ...input, password: 'a'.repeat(16) })[0]).toMatch(/^password: Repetitive:/);
  });

  it('an outbox edit holds a new temporary password to the policy', () => {
    expect(issues(outboxEditInputSchema, { id: 'o1', changes: { temporaryPassword: 'abcdefghijklmnop' } })[0]).toMatch(
      /^changes\.temporaryPassword: Sequential:/,
    );
  });

  it('a missing role is worded for the form that picks it', () => {
    expect(issues(inviteInputSchema, { email: 'ana@acme.test', roleId: null })).toEqual(['roleId: Choose a role']);
    expect(issues(inviteInputSchema, { email: 'ana', roleId: 'r' })).toEqual([
      'email: Enter a valid email address, for example ana@example.com',
    ]);
  });
});
