import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/api';
import { memberBadges } from '../../../shared/member-badge';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { memberFixture } from '../test/member-fixture';
import { memberIndexSeed, seededRandom } from '../test/member-index-fixture';
import { CacheStore } from './cache-store';
import { countMembersByBadge } from './member-counts';
import { countView } from './member-index-views';
import { MemberIndex } from './member-index';
import { buildMembersQuery, type MembersQuery } from './members-query';

/**
 * The member index answers the badge and role filters, the Status sort and the status counts for
 * the current text (issue 16): every such view must equal the SQL answer (members-query.ts,
 * member-counts.ts), after random writes, with invitations expiring around `now`. Seeded; the
 * seed is printed and in every failure message (MEMBER_INDEX_SEED=<seed> repeats one).
 */
const SEED = memberIndexSeed('member-index-views');

const NAMES = ['Ana', 'ana', 'Ána López', 'Bob Stone', '', 'Zoë', '\u{1F600} Smile', 'émile', 'Li Wei', 'ANA'];
const ROLES = ['role_member', 'role_admin', 'role_owner', 'role_hr'];
const now = new Date('2030-01-01T00:00:00.000Z');
/** Expiries on both sides of `now`, exactly `now` (Expired: not after it) and none. */
const EXPIRIES = [-86_400_000, -1, 0, 1, 86_400_000].map((delta) => new Date(now.getTime() + delta).toISOString());
const TEXTS = ['', 'a', 'ana', 'zed1', 'émile', 'smile', 'corp', 'x 1'];
const BADGE_SETS: string[][] = [
  [],
  ['Active'],
  ['Pending'],
  ['Expired', 'Created by admin'],
  ['Removed'],
  ['Pending', 'Removed'],
];
const ROLE_SETS: string[][] = [[], ['role_admin'], ['role_member', 'role_hr'], ['role_unknown']];

describe(`member index views equal SQL (seed ${SEED})`, () => {
  let dir: string;
  let cache: CacheStore;
  let random: () => number;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const member = (i: number): Member => {
    const status = pick(['active', 'active', 'invited', 'invited', 'removed'] as const);
    return memberFixture({
      id: `mem_${i}`,
      userId: `usr_${i}`,
      email: `${pick(['zed', 'amy', 'x', 'Émile'])}${i}@${pick(['acme', 'corp'])}.test`,
      name: `${pick(NAMES)}${random() < 0.5 ? ` ${i}` : ''}`,
      status,
      roleId: pick(ROLES),
      origin: pick(['invitation', 'admin_created'] as const),
      mustChangePassword: random() < 0.5,
      invitation:
        status === 'invited' && random() < 0.9
          ? { id: `inv_${i}`, expiresAt: pick(EXPIRIES), lastSentAt: now.toISOString(), sendCount: 1 }
          : null,
      at: now.toISOString(),
    });
  };
  const randomWrite = (ids: number) => {
    const i = Math.floor(random() * ids);
    const roll = random();
    if (roll < 0.15) cache.deleteMember(`mem_${i}`);
    else if (roll < 0.2) cache.upsertMember('other', member(i));
    else cache.upsertMember('org', member(i));
  };
  const viaSql = (query: MembersQuery) => {
    const built = buildMembersQuery('org', query, now);
    const seqs = (cache.db.prepare(built.pageSql).all(built.pageParams) as { seq: number }[]).map((row) => row.seq);
    const total = (cache.db.prepare(built.countSql).get(built.params) as { total: number }).total;
    return { seqs, total };
  };
  /** A random view the index answers: name or status order, filters, text, direction, offset. */
  const randomQuery = (): MembersQuery => ({
    text: pick(TEXTS),
    badges: pick(BADGE_SETS),
    roleIds: pick(ROLE_SETS),
    includeRemoved: random() < 0.3,
    sort: { field: pick(['name', 'status'] as const), direction: pick(['asc', 'desc'] as const) },
    offset: pick([0, 0, 1, 7, 40, 120, 390]),
    limit: pick([1, 5, 50]),
  });

  beforeEach(() => {
    dir = tempDir();
    cache = new CacheStore(
      dir,
      createLogger(() => {}),
    );
    random = seededRandom(SEED);
  });
  afterEach(() => {
    cache.close();
    removeDir(dir);
  });

  it.each([
    ['by binary search', 0],
    ['by a merge with the org order', Infinity],
  ])('filters, Status sort and counts equal SQL across random writes (%s)', (_, scanCostRatio) => {
    cache.memberIndex.scanCostRatio = scanCostRatio;
    cache.transaction(() => {
      for (let i = 0; i < 400; i++) cache.upsertMember('org', member(i));
    });
    cache.memberIndex.build('org');
    for (let step = 0; step < 60; step++) {
      const writes = random() < 0.7 ? 1 + Math.floor(random() * 4) : 9 + Math.floor(random() * 30);
      for (let w = 0; w < writes; w++) randomWrite(450);
      const index = cache.memberIndex.fresh('org');
      expect(index, `seed ${SEED}, step ${step}`).not.toBeNull();
      for (let q = 0; q < 12; q++) {
        const query = randomQuery();
        expect(MemberIndex.handles(query)).toBe(true);
        expect(
          cache.memberIndex.query(index!, query, now),
          `seed ${SEED}, step ${step}, ${JSON.stringify(query)}`,
        ).toEqual(viaSql(query));
      }
      const filter = { text: pick(TEXTS), roleIds: pick(ROLE_SETS) };
      expect(countView(index!, filter, now.getTime()), `seed ${SEED}, step ${step}, ${JSON.stringify(filter)}`).toEqual(
        countMembersByBadge(cache.db, 'org', now, filter),
      );
    }
  });

  it('every filter × text × sort × direction at several offsets, and the counts, equal SQL', () => {
    cache.transaction(() => {
      for (let i = 0; i < 500; i++) cache.upsertMember('org', member(i));
    });
    const index = cache.memberIndex.build('org');
    for (const text of ['', 'a', 'ana', 'x 1'])
      for (const badges of BADGE_SETS)
        for (const roleIds of ROLE_SETS)
          for (const field of ['name', 'status'] as const)
            for (const direction of ['asc', 'desc'] as const)
              for (const offset of [0, 33, 200]) {
                const query: MembersQuery = {
                  text,
                  badges,
                  roleIds,
                  includeRemoved: offset === 33,
                  sort: { field, direction },
                  offset,
                  limit: 40,
                };
                expect(cache.memberIndex.query(index, query, now), `seed ${SEED}, ${JSON.stringify(query)}`).toEqual(
                  viaSql(query),
                );
              }
    for (const text of TEXTS)
      for (const roleIds of ROLE_SETS)
        expect(countView(index, { text, roleIds }, now.getTime()), `seed ${SEED}, "${text}"`).toEqual(
          countMembersByBadge(cache.db, 'org', now, { text, roleIds }),
        );
  });

  it('Pending turns Expired as the clock passes the expiry, with no write', () => {
    cache.transaction(() => {
      for (let i = 0; i < 200; i++) cache.upsertMember('org', member(i));
    });
    const index = cache.memberIndex.build('org');
    for (const delta of [-86_400_000, -1, 0, 1, 86_400_000]) {
      const at = new Date(now.getTime() + delta);
      const counts = countView(index, { text: '', roleIds: [] }, at.getTime());
      expect(counts, `seed ${SEED}, now ${delta}`).toEqual(
        countMembersByBadge(cache.db, 'org', at, { text: '', roleIds: [] }),
      );
      const query: MembersQuery = {
        text: '',
        badges: [],
        roleIds: [],
        includeRemoved: true,
        sort: { field: 'status', direction: 'asc' },
        offset: 0,
        limit: 500,
      };
      const built = buildMembersQuery('org', query, at);
      const sql = (cache.db.prepare(built.pageSql).all(built.pageParams) as { seq: number }[]).map((row) => row.seq);
      expect(cache.memberIndex.query(index, query, at).seqs, `seed ${SEED}, now ${delta}`).toEqual(sql);
    }
  });

  it('CacheStore answers the counts for the text from the index, and from SQL before it is built', () => {
    cache.transaction(() => {
      for (let i = 0; i < 300; i++) cache.upsertMember('org', member(i));
    });
    const filter = { text: 'ana', roleIds: ['role_admin', 'role_member'] };
    const sql = countMembersByBadge(cache.db, 'org', now, filter);
    expect(cache.memberCounts('org', now, filter)).toEqual(sql); // no index yet: SQL
    cache.memberIndex.build('org');
    expect(cache.memberCounts('org', now, filter)).toEqual(sql);
    const all = countMembersByBadge(cache.db, 'org', now);
    expect(memberBadges.reduce((sum, badge) => sum + all[badge], 0)).toBe(300);
    expect(sql.Active + sql.Pending).toBeLessThan(all.Active + all.Pending);
  });
});
