import type { MembersQueryResult } from '../shared/contract/members';
import type { BenchCore } from './bench-core';
import type { prepareBareSearch } from './floor';
import { seededRandom } from '../shared/seeded-random';
import { StallWatch } from './stalls';

type BareSearch = ReturnType<typeof prepareBareSearch>;

/**
 * Each keystroke or scroll reaches core as its own event (IPC message, WebSocket frame), so work
 * core defers to "after this answer" runs between them; a loop of awaits alone would never let it.
 */
const nextEvent = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * 50 queries as people type them: prefixes (1–6 characters) of a name from its start, of an
 * email's local part, and of a name's last word (the surname, or the number of a bulk member).
 */
export function realisticQueries(bare: BareSearch, members: number, count = 50): string[] {
  const people = bare.sample(Math.max(1, Math.floor(members / 500)));
  const random = seededRandom(6);
  const queries: string[] = [];
  for (let i = 0; queries.length < count; i++) {
    const person = people[Math.floor(random() * people.length)]!;
    // Length and kind drawn independently, so every kind gets every length.
    const length = 1 + Math.floor(random() * 6);
    const words = person.name.trim().split(/\s+/).filter(Boolean);
    const sources = [person.name.trim(), person.email.split('@')[0]!, words.at(-1) ?? person.email];
    const source = sources[Math.floor(random() * 3)]! || person.email;
    const query = source.slice(0, length).trim();
    if (query) queries.push(query);
  }
  return queries;
}

/** Each query through core's whole path, then the same as bare SQLite; both answers must agree on the total. */
export async function measureSearch(
  core: BenchCore,
  bare: BareSearch,
  queries: string[],
  runs: number,
  /** Also warm the bare statements (their p95 is compared with core's); off at a million, where it is not and each short prefix costs seconds. */
  warmBare = true,
) {
  const coreMs: number[] = [];
  const bareMs: number[] = [];
  const stalls = new StallWatch();
  // One untimed pass warms both page caches the same way.
  for (const text of queries) {
    await nextEvent();
    await core.call('members.query', { text, limit: 100 });
    if (warmBare) bare.search(text);
  }
  for (let run = 0; run < runs; run++) {
    // Core's burst alone under the stall watch (the bare statements are synchronous in this same
    // thread, up to hundreds of ms each for short prefixes: they would count as core's stalls).
    const results: MembersQueryResult[] = [];
    await stalls.start();
    for (const text of queries) {
      await nextEvent();
      const start = performance.now();
      results.push(await core.call<MembersQueryResult>('members.query', { text, limit: 100 }));
      coreMs.push(performance.now() - start);
    }
    stalls.stop();
    queries.forEach((text, index) => {
      const start = performance.now();
      const floor = bare.search(text);
      bareMs.push(performance.now() - start);
      const result = results[index]!;
      if (result.total !== floor.total)
        throw new Error(`search "${text}": core says ${result.total}, bare SQLite ${floor.total}`);
      if (result.rows.length !== Math.min(100, result.total))
        throw new Error(`search "${text}": ${result.rows.length} rows for ${result.total}`);
    });
  }
  return { coreMs, bareMs, stallMs: stalls.maxima };
}

export const SCROLL_PAGE = 100;

/** Pages of the default (name) order at the top, middle and end of the whole list. */
export async function measureScroll(core: BenchCore, bare: BareSearch, runs: number) {
  const { total } = await core.call<MembersQueryResult>('members.query', { limit: 1 });
  const offsets = { top: 0, middle: Math.floor(total / 2), end: Math.max(0, total - SCROLL_PAGE) };
  const byOffset: Record<keyof typeof offsets, number[]> = { top: [], middle: [], end: [] };
  const bareMs: number[] = [];
  for (let run = 0; run <= runs; run++) {
    for (const [where, offset] of Object.entries(offsets) as [keyof typeof offsets, number][]) {
      await nextEvent();
      let start = performance.now();
      const result = await core.call<MembersQueryResult>('members.query', { offset, limit: SCROLL_PAGE });
      const ms = performance.now() - start;
      start = performance.now();
      bare.pageAt(offset);
      const bareOne = performance.now() - start;
      if (result.rows.length !== Math.min(SCROLL_PAGE, total - offset))
        throw new Error(`page at ${offset}: ${result.rows.length} rows`);
      // Run 0 warms up.
      if (run > 0) {
        byOffset[where].push(ms);
        bareMs.push(bareOne);
      }
    }
  }
  return { offsets, byOffset, bareMs };
}
