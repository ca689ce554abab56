import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/api';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { memberFixture } from '../test/member-fixture';
import { defaultMembersQuery, memberIndexSeed, seededRandom } from '../test/member-index-fixture';
import { CacheStore } from './cache-store';
import { MemberIndex, type OrgIndex } from './member-index';
import { buildMembersQuery, type MembersQuery } from './members-query';
import { BLOCK_ROWS } from './visible-blocks';
import { wordPrefixIndex } from './word-prefix-index';

/**
 * Issue 16 at a million: pages skip whole blocks of visible rows, searches find rows by word
 * prefix. Both must give exactly what SQL (+ FTS5) gives and what a fresh build gives, between
 * random writes, at offsets on either side of block edges and for prefixes of 1–6 characters.
 * Seeded; the seed is printed and in every failure message (MEMBER_INDEX_SEED=<seed> repeats it).
 */
const SEED = memberIndexSeed('member-index-pages');

const NAMES = ['Ana López', 'Ána Lopez-Díaz', 'Bob Stone', 'bob', '', '  ', 'Zoë Quinn', 'Mary-Jane O’Neil', 'Élodie'];
const now = new Date('2030-01-01T00:00:00Z');
const base = defaultMembersQuery(60);
const ROWS = 3 * BLOCK_ROWS + 300;

describe(`member index pages and prefixes equal SQL between writes (seed ${SEED})`, () => {
  const dir = tempDir();
  let cache: CacheStore;
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const member = (i: number): Member =>
    memberFixture({
      id: `mem_${i}`,
      userId: `usr_${i}`,
      email: `${pick(['zed', 'amy', 'x', 'émile', 'bo'])}${i}@${pick(['acme', 'corp'])}.test`,
      name: `${pick(NAMES)}${random() < 0.5 ? ` ${i}` : ''}`,
      // Removed rows in runs and alone, so blocks hold different counts.
      status: random() < 0.3 ? 'removed' : pick(['active', 'invited'] as const),
      at: now.toISOString(),
    });
  const viaSql = (query: MembersQuery) => {
    const built = buildMembersQuery('org', query, now);
    const total = (cache.db.prepare(built.countSql).get(built.params) as { total: number }).total;
    const seqs = (cache.db.prepare(built.pageSql).all(built.pageParams) as { seq: number }[]).map((row) => row.seq);
    return { seqs, total };
  };
  /** A fresh build of the table as it is now, to compare the kept index with (one per step). */
  let fresh: { index: MemberIndex; org: OrgIndex };
  const rebuild = () => {
    const index = new MemberIndex(cache.db);
    fresh = { index, org: index.build('org') };
  };
  const check = (label: string, query: MembersQuery) => {
    const index = cache.memberIndex.fresh('org');
    expect(index, label).not.toBeNull();
    const answer = cache.memberIndex.query(index!, query);
    expect(answer, `${label} vs SQL`).toEqual(viaSql(query));
    expect(answer, `${label} vs a fresh build`).toEqual(fresh.index.query(fresh.org, query));
  };
  const write = () => {
    const i = Math.floor(random() * (ROWS + 200));
    const roll = random();
    if (roll < 0.1) cache.deleteMember(`mem_${i}`);
    else if (roll < 0.15) cache.upsertMember('other', member(i));
    else cache.upsertMember('org', member(i));
  };

  beforeAll(() => {
    cache = new CacheStore(
      dir,
      createLogger(() => {}),
    );
    cache.transaction(() => {
      for (let i = 0; i < ROWS; i++) cache.upsertMember('org', member(i));
    });
    cache.memberIndex.build('org');
    // The word prefix index at any size, built at once (the reference, a fresh build, passes over the order).
    cache.memberIndex.wordIndexMinRows = 0;
    cache.memberIndex.wordIndexSliceMs = Infinity;
    cache.memberIndex.wordIndexMaxShare = 1;
  });
  afterAll(() => {
    cache.close();
    removeDir(dir);
  });

  it('pages at block edges, both directions, removed rows hidden', () => {
    for (let step = 0; step < 12; step++) {
      rebuild();
      const visible = cache.memberIndex.fresh('org')!.visibleCount;
      const edges = [0, 1, BLOCK_ROWS - 1, BLOCK_ROWS, BLOCK_ROWS + 1, 2 * BLOCK_ROWS - 30, 3 * BLOCK_ROWS];
      const offsets = [...edges, visible - 1, visible - 60, visible, visible + 5, Math.floor(random() * visible)];
      for (const offset of offsets.filter((at) => at >= 0)) {
        for (const direction of ['asc', 'desc'] as const) {
          const limit = pick([1, 60, BLOCK_ROWS + 3]);
          check(`seed ${SEED}, step ${step}, offset ${offset} ${direction} limit ${limit}`, {
            ...base,
            offset,
            limit,
            sort: { field: 'name', direction },
          });
        }
      }
      // Writes between queries: one row (moved in place) or a burst.
      const writes = random() < 0.7 ? 1 : 2 + Math.floor(random() * 40);
      for (let w = 0; w < writes; w++) write();
    }
  });

  it('prefixes of 1–6 characters of names and emails, pages and totals', () => {
    const sources = [
      'ana lopez',
      'lopez-diaz',
      'élodie',
      'zoe quinn',
      'mary-jane',
      'o neil',
      'bob stone',
      'zed12',
      'amy3',
      'x',
      'emile1',
      'bo2',
      'corp',
      'test',
      '12',
      '305',
    ];
    for (let step = 0; step < 12; step++) {
      rebuild();
      for (let q = 0; q < 10; q++) {
        const source = pick(sources);
        const text = source.slice(0, 1 + Math.floor(random() * 6));
        const offset = pick([0, 0, 7, 100]);
        const direction = pick(['asc', 'desc'] as const);
        const includeRemoved = random() < 0.3;
        check(`seed ${SEED}, step ${step}, "${text}" @${offset} ${direction} removed ${includeRemoved}`, {
          ...base,
          text,
          offset,
          includeRemoved,
          sort: { field: 'name', direction },
        });
      }
      // The prefix index, not the pass, answered the narrow ones.
      const index = cache.memberIndex.fresh('org')!;
      expect(wordPrefixIndex(index)?.matches(index, [' zed1'], false, 1), `seed ${SEED}`).not.toBeNull();
      const writes = random() < 0.7 ? 1 : 2 + Math.floor(random() * 40);
      for (let w = 0; w < writes; w++) write();
    }
  });

  it('builds the word prefix index in slices, answering by the pass meanwhile, with writes between slices', async () => {
    cache.memberIndex.wordIndexSliceMs = 0; // one check of rows per turn: many slices
    cache.memberIndex.build('org');
    const query = { ...base, text: 'zed1' };
    rebuild();
    check(`seed ${SEED}, while building`, query);
    const index = cache.memberIndex.fresh('org')!;
    expect(wordPrefixIndex(index)?.ready).toBe(false);
    for (let turn = 0; !wordPrefixIndex(cache.memberIndex.fresh('org')!)?.ready; turn++) {
      for (let w = 0; w < 30; w++) write();
      rebuild();
      check(`seed ${SEED}, turn ${turn}`, query);
      await new Promise((resolve) => setImmediate(resolve));
    }
    rebuild();
    for (const text of ['zed', 'amy', 'bo', 'em', 'ana lo', 'zo', 'st', 'zed1', '30'])
      check(`seed ${SEED}, built, "${text}"`, { ...base, text });
    cache.memberIndex.wordIndexSliceMs = Infinity;
  });
});
