import { describe, expect, it } from 'vitest';
import { memberBadge } from './member-badge';

const now = new Date('2026-11-28T12:00:00Z');
const invitation = (expiresAt: string) => ({ id: 'i1', expiresAt, lastSentAt: '2026-11-27T12:00:00Z', sendCount: 1 });

describe('memberBadge', () => {
  it('shows Pending for a live invitation and Expired after its expiry', () => {
    const base = { status: 'invited', origin: 'invitation', mustChangePassword: false } as const;
    expect(memberBadge({ ...base, invitation: invitation('2026-12-01T00:00:00Z') }, now)).toBe('Pending');
    expect(memberBadge({ ...base, invitation: invitation('2026-11-28T11:59:59Z') }, now)).toBe('Expired');
    expect(memberBadge({ ...base, invitation: null }, now)).toBe('Expired');
  });

  it('shows Created by admin until the member changes the password, then Active', () => {
    const base = { status: 'active', origin: 'admin_created', invitation: null } as const;
    expect(memberBadge({ ...base, mustChangePassword: true }, now)).toBe('Created by admin');
    expect(memberBadge({ ...base, mustChangePassword: false }, now)).toBe('Active');
    expect(memberBadge({ ...base, origin: 'invitation', mustChangePassword: false }, now)).toBe('Active');
  });

  it('shows Removed for removed memberships', () => {
    expect(
      memberBadge({ status: 'removed', origin: 'invitation', mustChangePassword: false, invitation: null }, now),
    ).toBe('Removed');
  });
});
