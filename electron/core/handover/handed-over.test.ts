import { describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/api';
import type { CoreContext } from '../context';
import { memberFixture } from '../test/member-fixture';
import { handedOver } from './handed-over';

/**
 * "Signed in" on the Handed over tab means a sign-in AFTER the handover: a person re-created or
 * reset who signed in last year, and whose cached member does not (yet) ask for a new password,
 * has not used the credentials handed over today.
 */
const NOW = '2026-12-02T10:00:00.000Z';
const HANDED_OVER = '2026-12-02T09:00:00.000Z';

function contextWith(members: Member[]): CoreContext {
  const byId = new Map(members.map((member) => [member.id, member]));
  return {
    now: () => new Date(NOW),
    session: { requireOrg: () => ({ account: 'acct', org: { id: 'org_acme' } }) },
    local: {
      handovers: () =>
        members.map((member) => ({ member_id: member.id, at: HANDED_OVER, actor_email: 'owner@acme.test' })),
      resolveLocalId: () => null,
    },
    cache: {
      getMember: (id: string) => {
        const member = byId.get(id);
        return member ? { member, orgId: 'org_acme', local: false } : null;
      },
    },
  } as unknown as CoreContext;
}

const person = (id: string, lastSignInAt: string | null, mustChangePassword = false) =>
  memberFixture({
    id,
    userId: `usr_${id}`,
    email: `${id}@example.com`,
    name: id,
    at: '2025-01-01T00:00:00.000Z',
    origin: 'admin_created',
    lastSignInAt,
    mustChangePassword,
  });

describe('handed over: Signed in compares the sign-in with the handover', () => {
  it('a sign-in from last year is "Not signed in yet"; one after the handover is "Signed in"', () => {
    const list = handedOver(
      contextWith([
        person('last_year', '2025-11-20T08:00:00.000Z'),
        person('just_before', '2026-12-02T08:59:59.000Z'),
        person('after', '2026-12-02T09:30:00.000Z'),
        person('after_but_must_change', '2026-12-02T09:30:00.000Z', true),
        person('never', null),
      ]),
      3,
    );
    const stateOf = (id: string) => list.items.find((item) => item.memberId === id)?.state;
    expect(stateOf('last_year')).toBe('notSignedIn');
    expect(stateOf('just_before')).toBe('notSignedIn');
    expect(stateOf('after')).toBe('signedIn');
    expect(stateOf('after_but_must_change')).toBe('notSignedIn');
    expect(stateOf('never')).toBe('notSignedIn');
  });
});
