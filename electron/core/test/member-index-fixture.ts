import type { MembersQuery } from '../cache/members-query';

/**
 * What the member index tests share (cache/member-index*.test.ts): the list's default query,
 * and a seeded random source whose seed each test prints, so a failure can be run again.
 */

/** The members list as it opens: every status but Removed, name order, the first `limit` rows. */
export function defaultMembersQuery(limit: number): MembersQuery {
  return {
    text: '',
    badges: [],
    roleIds: [],
    includeRemoved: false,
    sort: { field: 'name', direction: 'asc' },
    offset: 0,
    limit,
  };
}

/** MEMBER_INDEX_SEED from the environment, or a new one; printed under the test file's name. */
export function memberIndexSeed(name: string): number {
  const seed = Number(process.env.MEMBER_INDEX_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.info(`${name} seed: ${seed} (MEMBER_INDEX_SEED=${seed} to repeat)`);
  return seed;
}

/** xorshift32: small, deterministic, good enough to pick writes and queries. Values in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}
