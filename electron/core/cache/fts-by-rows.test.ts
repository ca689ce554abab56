import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { memberFixture } from '../test/member-fixture';
import { CacheStore } from './cache-store';

const at = '2030-01-01T00:00:00.000Z';
const WORDS = ['ana', 'bo', 'cruz', 'dee', 'eli', 'fay', 'gus', 'hal'];

/** A small seeded generator (mulberry32), so a failure can be replayed from the printed seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A bulk transaction (CSV import's optimistic rows) keeps the FTS index by the rows it wrote, with
 * the triggers off inside it (fts-by-rows.ts): the index must end exactly as per-row triggers or
 * a rebuild would leave it, whatever mix of inserts, renames and deletes the transaction held.
 */
describe('FTS kept by rows in a bulk transaction', () => {
  let dir: string;
  let cache: CacheStore;
  const seed = Number(process.env.FTS_SEED ?? Date.now() % 100_000);
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  let made = 0;
  const member = (id: string) =>
    memberFixture({
      id,
      userId: `usr_${id}`,
      email: `${pick(WORDS)}.${made}@${pick(WORDS)}.test`,
      name: next() < 0.2 ? '' : `${pick(WORDS)} ${pick(WORDS)}`,
      at,
    });
  const ids = () => (cache.db.prepare('SELECT id FROM members').pluck().all() as string[]).sort();
  const triggers = () =>
    cache.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all();
  /** FTS5 compares its index with the members table (rank 1: external content too); throws on a mismatch. */
  const integrity = () =>
    cache.db.prepare("INSERT INTO members_fts (members_fts, rank) VALUES ('integrity-check', 1)").run();
  const answers = () =>
    WORDS.map((word) =>
      (
        cache.db
          .prepare('SELECT rowid FROM members_fts WHERE members_fts MATCH ? ORDER BY rowid')
          .pluck()
          .all(`"${word}"*`) as number[]
      ).join(','),
    );

  /** Random writes: new rows, renamed rows (also ones new in this transaction), deletes, repeats. */
  function writes(count: number) {
    for (let i = 0; i < count; i++) {
      const roll = next();
      const existing = ids();
      if (roll < 0.45 || existing.length === 0)
        cache.upsertMember('org', member(`m${made++}`), { local: next() < 0.5 });
      else if (roll < 0.8) cache.upsertMember('org', { ...member(pick(existing)), id: pick(existing) });
      else cache.deleteMember(pick(existing));
    }
  }

  beforeEach(() => {
    dir = tempDir();
    cache = new CacheStore(
      dir,
      createLogger(() => {}),
    );
    cache.transaction(() => writes(60));
  });
  afterEach(() => {
    cache.close();
    removeDir(dir);
  });

  it(`inserts, renames and deletes in one transaction leave the index as a rebuild would (seed ${seed})`, () => {
    const before = triggers();
    expect(before).toEqual(['members_fts_delete', 'members_fts_insert', 'members_fts_update']);
    for (let round = 0; round < 8; round++) {
      cache.bulkTransaction(() => writes(40));
      // Ordinary writes between them keep using the triggers.
      cache.transaction(() => writes(5));
      expect(triggers()).toEqual(before);
      expect(() => integrity()).not.toThrow();
      const kept = answers();
      cache.bulk.resumeFts(); // a full rebuild: the truth to compare with
      expect(answers()).toEqual(kept);
    }
  });

  it('a bulk transaction that throws leaves rows, index and triggers as they were', () => {
    const rowsBefore = ids();
    const kept = answers();
    expect(() =>
      cache.bulkTransaction(() => {
        writes(30);
        throw new Error('half-way');
      }),
    ).toThrow('half-way');
    expect(ids()).toEqual(rowsBefore);
    expect(answers()).toEqual(kept);
    expect(triggers()).toHaveLength(3);
    expect(() => integrity()).not.toThrow();
  });

  it('while a rebuild is pending (upkeep deferred) it leaves FTS to that rebuild', () => {
    cache.bulk.deferFts();
    cache.bulkTransaction(() => writes(40));
    expect(triggers()).toEqual([]);
    cache.bulk.resumeFts();
    expect(triggers()).toHaveLength(3);
    expect(() => integrity()).not.toThrow();
  });

  it("rows written in a bulk transaction carry their org's generation, read once but never stale", () => {
    const generationOf = (id: string) =>
      cache.db.prepare('SELECT generation FROM members WHERE id = ?').pluck().get(id) as number;
    cache.setSyncState('org', { generation: 4 });
    cache.setSyncState('other', { generation: 9 });
    cache.bulkTransaction(() => {
      cache.upsertMember('org', member('g1'));
      cache.upsertMember('other', member('g2'));
      cache.setSyncState('org', { generation: 5 });
      cache.upsertMember('org', member('g3'));
      cache.upsertMember('org', member('g4'), { generation: 2 });
    });
    expect(['g1', 'g2', 'g3', 'g4'].map(generationOf)).toEqual([4, 9, 5, 2]);
  });
});
