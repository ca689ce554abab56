import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/api';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { memberFixture } from '../test/member-fixture';
import { CacheStore } from './cache-store';
import { countMembersByBadge } from './member-counts';

const now = new Date('2030-01-01T00:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const HOUR = 3_600_000;
const invitation = (expiresInMs: number) => ({
  id: `inv_${expiresInMs}`,
  expiresAt: at(expiresInMs).toISOString(),
  lastSentAt: now.toISOString(),
  sendCount: 1,
});

function member(i: number, changes: Partial<Member> = {}): Member {
  const status = (['active', 'invited', 'removed', 'active'] as const)[i % 4]!;
  return {
    ...memberFixture({
      id: `mem_${String(i).padStart(4, '0')}`,
      userId: `usr_${i}`,
      email: `person${i}@corp.test`,
      name: `Person ${i}`,
      status,
      at: now.toISOString(),
    }),
    ...(status === 'invited' ? { invitation: invitation(((i % 7) - 3) * HOUR) } : {}),
    ...(i % 9 === 0 && status === 'active' ? { origin: 'admin_created' as const, mustChangePassword: true } : {}),
    ...changes,
  };
}

/**
 * Issue 16 (one change at 1M): the status counts with no filter are kept beside the member index
 * and adjusted by each one-row write (badge-counts.ts) instead of a pass over every member; they
 * must stay exactly what the SQL pass (member-counts.ts) says, through inserts, status changes,
 * deletes, a batch and the clock passing an invitation's expiry.
 */
describe('kept status counts', () => {
  const dir = tempDir();
  let cache: CacheStore;
  const sqlCounts = (when: Date) => countMembersByBadge(cache.db, 'org', when);

  beforeAll(() => {
    cache = new CacheStore(
      dir,
      createLogger(() => {}),
    );
    cache.transaction(() => {
      for (let i = 0; i < 400; i++) cache.upsertMember('org', member(i));
      cache.upsertMember('other', member(9000));
    });
    cache.memberIndex.build('org');
    // One row at a time by binary search (the path of one change), whatever the org's size.
    cache.memberIndex.scanCostRatio = 0;
  });
  afterAll(() => {
    cache.close();
    removeDir(dir);
  });

  it('follow one-row writes: an invite, a removal, an accepted invitation, a delete', () => {
    expect(cache.memberCounts('org', now)).toEqual(sqlCounts(now));
    const steps: (() => void)[] = [
      () => cache.upsertMember('org', member(1000, { status: 'invited', invitation: invitation(HOUR / 2) })),
      () => cache.upsertMember('org', member(4, { status: 'removed' })),
      () => cache.upsertMember('org', member(1, { status: 'active', invitation: null })),
      () => cache.upsertMember('org', member(9, { status: 'active', mustChangePassword: false })),
      () => cache.deleteMember('mem_0002'),
      () => cache.upsertMember('other', member(9001)),
      () => cache.upsertMember('org', member(5, { name: 'Renamed Person' })),
    ];
    for (const step of steps) {
      step();
      expect(cache.memberCounts('org', now)).toEqual(sqlCounts(now));
    }
    expect(cache.memberCounts('org', now).Pending).toBeGreaterThan(0);
  });

  it('follow a batch of rows written together, and a merge of many', () => {
    for (let i = 500; i < 520; i++) cache.upsertMember('org', member(i));
    expect(cache.memberCounts('org', now)).toEqual(sqlCounts(now));
    cache.memberIndex.scanCostRatio = Infinity;
    for (let i = 520; i < 530; i++) cache.upsertMember('org', member(i, { status: 'invited' }));
    cache.upsertMember('org', member(3, { status: 'invited', invitation: invitation(HOUR) }));
    expect(cache.memberCounts('org', now)).toEqual(sqlCounts(now));
    cache.memberIndex.scanCostRatio = 0;
  });

  it('are counted again once an invitation Pending when they were counted has expired', () => {
    const before = cache.memberCounts('org', now);
    // The invite above expires at now + 30 min: one ms later it is Expired.
    const later = at(HOUR / 2 + 1);
    const after = cache.memberCounts('org', later);
    expect(after).toEqual(sqlCounts(later));
    expect(after.Expired).toBeGreaterThan(before.Expired);
    cache.upsertMember('org', member(1001, { status: 'invited', invitation: invitation(HOUR / 2 + 10) }));
    expect(cache.memberCounts('org', later)).toEqual(sqlCounts(later));
    expect(cache.memberCounts('org', at(HOUR / 2 + 10))).toEqual(sqlCounts(at(HOUR / 2 + 10)));
  });
});
