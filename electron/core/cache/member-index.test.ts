import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/api';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { memberFixture } from '../test/member-fixture';
import { defaultMembersQuery } from '../test/member-index-fixture';
import { CacheStore } from './cache-store';
import { MemberIndex } from './member-index';
import { buildMembersQuery, type MembersQuery } from './members-query';

const now = new Date('2030-01-01T00:00:00Z');
const base = defaultMembersQuery(100);
const NAMES = [
  'Ana López',
  'Ána Lopez-Díaz',
  'Bob Stone',
  'bob stone',
  '',
  'Zoë Quinn',
  'Mary-Jane O’Neil',
  'Li Wei',
  'Élodie Martin',
];

function member(i: number): Member {
  const name = NAMES[i % NAMES.length]!;
  return memberFixture({
    id: `mem_${String(i).padStart(4, '0')}`,
    userId: `usr_${i}`,
    email: `user${i}.${name.split(' ')[0]?.toLowerCase() || 'x'}@corp${i % 3}.test`,
    name: name ? `${name} ${i}` : '',
    status: i % 11 === 0 ? 'removed' : 'active',
    at: new Date(now.getTime() - i * 60_000).toISOString(),
  });
}

/**
 * The in-memory path must give exactly what the SQL + FTS5 path gives (the reference), for the
 * queries it handles, including accents, hyphens, empty names, removed rows, both directions and
 * deep offsets, and must see writes made after it was built.
 */
describe('MemberIndex answers like the FTS5 query', () => {
  const dir = tempDir();
  let cache: CacheStore;
  const viaSql = (query: MembersQuery) => {
    const built = buildMembersQuery('org', query, now);
    const total = (cache.db.prepare(built.countSql).get(built.params) as { total: number }).total;
    const ids = (cache.db.prepare(built.pageSql).all(built.pageParams) as { id: string }[]).map((row) => row.id);
    return { ids, total };
  };
  const viaIndex = (query: MembersQuery) => {
    expect(MemberIndex.handles(query)).toBe(true);
    const { seqs, total } = cache.memberIndex.query(cache.memberIndex.build('org'), query);
    const idOf = cache.db.prepare('SELECT id FROM members WHERE seq = ?').pluck();
    return { ids: seqs.map((seq) => idOf.get(seq) as string), total };
  };

  beforeAll(() => {
    cache = new CacheStore(
      dir,
      createLogger(() => {}),
    );
    cache.db.transaction(() => {
      for (let i = 0; i < 2000; i++) cache.upsertMember('org', member(i));
      cache.upsertMember('other-org', { ...member(5000), id: 'mem_other' });
    })();
  });
  afterAll(() => {
    cache.close();
    removeDir(dir);
  });

  const texts = [
    '',
    'a',
    'an',
    'ana',
    'lopez',
    'LÓPEZ',
    'lo di',
    'elodie',
    'zoe',
    'o',
    'neil',
    'mary jane',
    'user1',
    'user12 bob',
    'corp2',
    'test',
    '1',
    '19',
    'nobody',
    '"',
    'ana*',
    'x',
  ];
  for (const text of texts) {
    it(`"${text}"`, () => {
      for (const sort of [
        { field: 'name', direction: 'asc' },
        { field: 'name', direction: 'desc' },
      ] as const) {
        for (const includeRemoved of [false, true]) {
          for (const offset of [0, 37, 1500]) {
            const query = { ...base, text, sort, includeRemoved, offset };
            expect(viaIndex(query)).toEqual(viaSql(query));
          }
        }
      }
    });
  }

  it('sees writes made after it was built', () => {
    expect(viaIndex({ ...base, text: 'renamed' }).total).toBe(0);
    cache.upsertMember('org', { ...member(7), name: 'Renamed Person' });
    expect(viaIndex({ ...base, text: 'renamed' })).toEqual({ ids: ['mem_0007'], total: 1 });
    cache.deleteMember('mem_0007');
    expect(viaIndex({ ...base, text: 'renamed' }).total).toBe(0);
    expect(viaIndex(base)).toEqual(viaSql(base));
  });

  it('queryMembers answers by SQL while the index is dropped and from the index once rebuilt', async () => {
    cache.upsertMember('org', { ...member(8), name: 'Fresh Name' });
    cache.memberIndex.changed();
    expect(cache.memberIndex.fresh('org')).toBeNull();
    const first = cache.queryMembers('org', { ...base, text: 'fresh' }, now);
    await expect.poll(() => cache.memberIndex.fresh('org')).not.toBeNull();
    const second = cache.queryMembers('org', { ...base, text: 'fresh' }, now);
    expect(second).toEqual(first);
    expect(second.rows.map((row) => row.member.id)).toEqual(['mem_0008']);
  });

  it('answers badge and role filters and the Status sort, and leaves other sorts to SQL', () => {
    // Issue 16: filters and the Status sort from memory (member-index-views.test.ts compares them with SQL).
    expect(MemberIndex.handles({ ...base, badges: ['Active'] })).toBe(true);
    expect(MemberIndex.handles({ ...base, roleIds: ['role_member'] })).toBe(true);
    expect(MemberIndex.handles({ ...base, sort: { field: 'status', direction: 'desc' } })).toBe(true);
    expect(MemberIndex.handles({ ...base, sort: { field: 'email', direction: 'asc' } })).toBe(false);
    expect(MemberIndex.handles({ ...base, sort: { field: 'lastSignInAt', direction: 'asc' } })).toBe(false);
  });

  it('rebuilds the FTS index after a deferred bulk write', () => {
    cache.bulk.deferFts();
    cache.upsertMember('org', { ...member(9998), id: 'mem_bulk', name: 'Deferred Person' });
    cache.bulk.resumeFts();
    expect(viaSql({ ...base, text: 'deferred' })).toEqual({ ids: ['mem_bulk'], total: 1 });
  });
});
