import type { Member } from '../../../shared/api';

/**
 * An active, invited-origin member as the server would send it, with the fields a test cares
 * about given by `fields`; `at` sets both createdAt and updatedAt.
 */
export function memberFixture(
  fields: Pick<Member, 'id' | 'userId' | 'email' | 'name'> & Partial<Member> & { at: string },
): Member {
  const { at, ...rest } = fields;
  return {
    roleId: 'role_member',
    status: 'active',
    origin: 'invitation',
    mustChangePassword: false,
    invitation: null,
    createdAt: at,
    updatedAt: at,
    lastSignInAt: null,
    version: 1,
    work: { tasks: 0, files: 0, notes: 0 },
    ...rest,
  };
}
