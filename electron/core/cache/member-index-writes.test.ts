import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/api';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { memberFixture } from '../test/member-fixture';
import { memberIndexSeed, seededRandom } from '../test/member-index-fixture';
import { CacheStore } from './cache-store';
import { MAX_IN_PLACE, MemberIndex, type OrgIndex } from './member-index';
import { buildMembersQuery, type MembersQuery } from './members-query';

/**
 * Writes update the member index in place (issue 16): after any sequence of writes the index must
 * be exactly what a fresh build from the table gives. Seeded; the seed is printed and in every
 * failure message (re-run one with MEMBER_INDEX_SEED=<seed>).
 */
const SEED = memberIndexSeed('member-index-writes');

// Names that tie, differ only by case or accents, are empty (sorted by email), sit around the
// surrogate range (where JS and SQLite order differ) or start with punctuation.
const NAMES = [
  'Ana',
  'ana',
  'Ána López',
  'Bob Stone',
  '',
  '  ',
  'Zoë',
  '\u{1F600} Smile',
  '\uFB01 Ligature',
  'émile',
  '-dash',
  'Li Wei',
  'ANA',
];
const now = new Date('2030-01-01T00:00:00Z');
const query: MembersQuery = {
  text: '',
  badges: [],
  roleIds: [],
  includeRemoved: true,
  sort: { field: 'name', direction: 'asc' },
  offset: 0,
  limit: 50,
};

function snapshot(index: OrgIndex) {
  return {
    seqs: [...index.seqs],
    removed: [...index.removed],
    haystacks: [...index.haystacks],
    initialsLo: [...index.initialsLo],
    initialsHi: [...index.initialsHi],
    visibleCount: index.visibleCount,
    // Badge inputs and roles (issue 16's filters and Status sort); roles as ids, since codes are
    // handed out in the order rows came in.
    kinds: [...index.kinds],
    expires: [...index.expires],
    roles: [...index.roles].map((code) => [...index.roleCodes].find(([, c]) => c === code)?.[0] ?? null),
  };
}

describe(`member index updated in place (seed ${SEED})`, () => {
  let dir: string;
  let cache: CacheStore;
  let random: () => number;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const member = (i: number): Member =>
    memberFixture({
      id: `mem_${i}`,
      userId: `usr_${i}`,
      email: `${pick(['zed', 'amy', 'x', 'Émile'])}${i}@${pick(['acme', 'corp'])}.test`,
      name: `${pick(NAMES)}${random() < 0.5 ? ` ${i}` : ''}`,
      status: pick(['active', 'active', 'invited', 'removed'] as const),
      roleId: pick(['role_member', 'role_admin', 'role_hr']),
      origin: pick(['invitation', 'admin_created'] as const),
      mustChangePassword: random() < 0.5,
      invitation:
        random() < 0.7
          ? {
              id: `inv_${i}`,
              expiresAt: new Date(now.getTime() + (random() - 0.5) * 1e9).toISOString(),
              lastSentAt: now.toISOString(),
              sendCount: 1,
            }
          : null,
      at: now.toISOString(),
    });
  const freshBuild = () => snapshot(new MemberIndex(cache.db).build('org'));
  const viaSql = (text: string) => {
    const built = buildMembersQuery('org', { ...query, text, includeRemoved: false }, now);
    return (cache.db.prepare(built.pageSql).all(built.pageParams) as { seq: number }[]).map((row) => row.seq);
  };
  const randomWrite = (ids: number) => {
    const i = Math.floor(random() * ids);
    const roll = random();
    if (roll < 0.15) cache.deleteMember(`mem_${i}`);
    else if (roll < 0.2)
      cache.upsertMember('other', member(i)); // moves to another org
    else cache.upsertMember('org', member(i));
  };

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

  // Which way a burst is applied depends on its size against the org's: both ways are checked.
  it.each([
    ['either way, by cost', undefined, 300],
    ['by binary search', 0, 100],
    ['by a merge with the org order', Infinity, 100],
  ])('equals a fresh build after each of many random bursts of writes (%s)', (_, scanCostRatio, bursts) => {
    if (scanCostRatio !== undefined) cache.memberIndex.scanCostRatio = scanCostRatio;
    cache.transaction(() => {
      for (let i = 0; i < 400; i++) cache.upsertMember('org', member(i));
    });
    cache.memberIndex.build('org');
    for (let step = 0; step < bursts; step++) {
      // Mostly a few rows (moved natively), sometimes more than 8 (one pass over the arrays).
      const writes = random() < 0.8 ? 1 + Math.floor(random() * 4) : 9 + Math.floor(random() * 30);
      for (let w = 0; w < writes; w++) randomWrite(450);
      const index = cache.memberIndex.fresh('org');
      expect(index, `seed ${SEED}, step ${step}`).not.toBeNull();
      expect(snapshot(index!), `seed ${SEED}, step ${step}`).toEqual(freshBuild());
    }
    const index = cache.memberIndex.fresh('org')!;
    for (const text of ['a', 'ana', 'zed1', 'émile', 'smile', '']) {
      expect(
        cache.memberIndex.query(index, { ...query, text, includeRemoved: false }).seqs,
        `seed ${SEED}, "${text}"`,
      ).toEqual(viaSql(text));
    }
  });

  it('a large batch (an import: new rows, renames, deletes, moves) is merged in place and equals a fresh build', () => {
    cache.transaction(() => {
      for (let i = 0; i < 3000; i++) cache.upsertMember('org', member(i));
    });
    cache.memberIndex.build('org');
    for (let round = 0; round < 4; round++) {
      cache.transaction(() => {
        for (let w = 0; w <= MAX_IN_PLACE; w++) cache.upsertMember('org', member(10_000 * (round + 1) + w));
        for (let w = 0; w < 300; w++) randomWrite(3000);
      });
      const index = cache.memberIndex.fresh('org');
      expect(index, `seed ${SEED}, round ${round}: usable straight after the batch`).not.toBeNull();
      expect(snapshot(index!), `seed ${SEED}, round ${round}`).toEqual(freshBuild());
    }
    const index = cache.memberIndex.fresh('org')!;
    for (const text of ['a', 'ana', 'zed1', 'émile', 'smile', '']) {
      expect(
        cache.memberIndex.query(index, { ...query, text, includeRemoved: false }).seqs,
        `seed ${SEED}, "${text}"`,
      ).toEqual(viaSql(text));
    }
  });

  it('a merge that finds the index out of step with the table rebuilds it rather than keep it', () => {
    cache.transaction(() => {
      for (let i = 0; i < 600; i++) cache.upsertMember('org', member(i));
    });
    const stale = cache.memberIndex.build('org');
    // A row written behind the index's back (never reported): the merge must notice.
    cache.db.prepare("UPDATE members SET sort_name = 'aaa first', name = 'Aaa First' WHERE id = 'mem_5'").run();
    cache.transaction(() => {
      for (let w = 0; w <= MAX_IN_PLACE; w++) cache.upsertMember('org', member(1000 + w));
    });
    const index = cache.memberIndex.fresh('org');
    expect(index).not.toBe(stale);
    expect(snapshot(index!), `seed ${SEED}`).toEqual(freshBuild());
  });

  it('more writes than the index holds drop it; the background build equals a fresh one', async () => {
    cache.transaction(() => {
      for (let i = 0; i < 300; i++) cache.upsertMember('org', member(i));
    });
    cache.memberIndex.build('org');
    cache.transaction(() => {
      for (let w = 0; w <= MAX_IN_PLACE; w++) cache.upsertMember('org', member(1000 + w));
    });
    expect(cache.memberIndex.fresh('org')).toBeNull();
    await expect.poll(() => cache.memberIndex.fresh('org') !== null).toBe(true);
    expect(snapshot(cache.memberIndex.fresh('org')!), `seed ${SEED}`).toEqual(freshBuild());
  });

  it('writes made while a background build reads its slices end up in the index', async () => {
    cache.transaction(() => {
      for (let i = 0; i < 9000; i++) cache.upsertMember('org', member(i));
    });
    expect(cache.memberIndex.fresh('org')).toBeNull(); // starts the build, in slices
    for (let turn = 0; turn < 6; turn++) {
      for (let w = 0; w < 20; w++) randomWrite(9100);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expect.poll(() => cache.memberIndex.fresh('org') !== null).toBe(true);
    expect(snapshot(cache.memberIndex.fresh('org')!), `seed ${SEED}`).toEqual(freshBuild());
  });

  it('a query inside a transaction leaves the writes pending (a rollback cannot leave them in the index)', () => {
    cache.transaction(() => {
      for (let i = 0; i < 50; i++) cache.upsertMember('org', member(i));
    });
    cache.memberIndex.build('org');
    expect(() =>
      cache.transaction(() => {
        cache.upsertMember('org', { ...member(7), name: 'Rolled Back' });
        expect(cache.memberIndex.fresh('org')).toBeNull();
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(snapshot(cache.memberIndex.fresh('org')!), `seed ${SEED}`).toEqual(freshBuild());
  });
});
