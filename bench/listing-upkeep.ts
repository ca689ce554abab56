/**
 * Issue 16 (branch i16sync2): what a first full listing's index upkeep costs, SQLite alone, one
 * thread — 100 pages of 1,000 new rows into an empty members table (one transaction a page, the
 * bulk write's settings: DELETE journal, synchronous OFF, 64 MiB cache), then what is left at the
 * end. Asks whether keeping the secondary indexes or FTS current page by page (in the cache worker,
 * between pages) would beat dropping them and building them once at the end, and what the end's
 * journal mode costs. Not part of `npm run bench`:
 *
 *   node scripts/ensure-node.mjs bench/listing-upkeep.ts [mode ...]
 *
 * Modes: `end` (today: bare pages; indexes + FTS rebuild at the end, file still in DELETE),
 * `end-wal` (the same end after switching to WAL, as the cache worker's job runs it today, with
 * its checkpoint), `fts-pages` (FTS kept by one INSERT … SELECT per page, FTS5's default
 * automerge; the indexes at the end), `indexes-pages` (indexes kept per page; FTS rebuilt at the end), `all-pages`
 * (indexes and the FTS triggers on all along: nothing left at the end).
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheMigrations, DROP_MEMBER_INDEXES, MEMBER_INDEXES } from '../electron/core/cache/cache-schema';
import { UPSERT_MEMBER_SQL } from '../electron/core/cache/member-rows';
import type { Db } from '../electron/core/cache/open-database';

const MODES = ['end', 'end-wal', 'fts-pages', 'indexes-pages', 'all-pages'] as const;
type Mode = (typeof MODES)[number];
const PAGES = 100;
const PAGE_ROWS = 1_000;
const WORDS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'oscar', 'trent'];

let seed = 1;
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);

function pageRows(from: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let n = from; n < from + PAGE_ROWS; n++) {
    const first = `${WORDS[random() % WORDS.length]}${random() % 1000}`;
    const last = `${WORDS[random() % WORDS.length]}son${random() % 500}`;
    const signIn = random() % 3 ? `2026-0${1 + (random() % 9)}-1${random() % 9}T00:00:00Z` : null;
    rows.push([
      `mem_${n.toString(36)}_${random()}`,
      'org_acme',
      `usr_${n}`,
      `${first}.${last}${n}@example.test`,
      `${first} ${last}`,
      `${last} ${first}`,
      ['role_a', 'role_b', 'role_c'][random() % 3],
      'active',
      'invitation',
      0,
      null,
      null,
      '2026-01-01T00:00:00Z',
      '2026-01-02T00:00:00Z',
      signIn,
      1,
      '{"tasks":0,"files":0,"notes":0}',
      0,
      1,
    ]);
  }
  return rows;
}

function run(mode: Mode): string {
  const path = join(tmpdir(), `listing-upkeep-${process.pid}.db`);
  rmSync(path, { force: true });
  const db = new Database(path);
  for (const migrate of cacheMigrations) migrate(db as unknown as Db);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -65536');
  if (mode !== 'indexes-pages' && mode !== 'all-pages') db.exec(DROP_MEMBER_INDEXES);
  if (mode !== 'all-pages')
    db.exec('DROP TRIGGER members_fts_insert; DROP TRIGGER members_fts_delete; DROP TRIGGER members_fts_update;');
  const upsert = db.prepare(UPSERT_MEMBER_SQL);
  const ftsSince = db.prepare(
    'INSERT INTO members_fts (rowid, name, email) SELECT seq, name, email FROM members WHERE seq > ?',
  );
  let indexed = 0;
  const page = db.transaction((rows: unknown[][]) => {
    for (const values of rows) upsert.run(values);
    if (mode === 'fts-pages') {
      ftsSince.run(indexed);
      indexed = (db.prepare('SELECT max(seq) AS seq FROM members').get() as { seq: number }).seq;
    }
  });
  let pagesMs = 0;
  for (let at = 0; at < PAGES; at++) {
    const rows = pageRows(at * PAGE_ROWS);
    const started = performance.now();
    page(rows);
    pagesMs += performance.now() - started;
  }
  const laps: string[] = [];
  const lap = (name: string, work: () => void) => {
    const started = performance.now();
    work();
    laps.push(`${name} ${Math.round(performance.now() - started)}`);
  };
  if (mode === 'end-wal') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  if (mode === 'end' || mode === 'end-wal' || mode === 'fts-pages') lap('indexes', () => db.exec(MEMBER_INDEXES));
  if (mode !== 'fts-pages' && mode !== 'all-pages')
    lap('fts rebuild', () => db.prepare("INSERT INTO members_fts (members_fts) VALUES ('rebuild')").run());
  if (mode === 'end-wal') lap('checkpoint', () => db.pragma('wal_checkpoint(TRUNCATE)'));
  db.close();
  rmSync(path, { force: true });
  return `${mode}: pages ${Math.round(pagesMs)} ms; end: ${laps.join(', ') || '–'} ms (load ${loadavg()[0]!.toFixed(1)})`;
}

const asked = process.argv.slice(2) as Mode[];
for (const mode of asked.length > 0 ? asked : MODES) {
  if (!MODES.includes(mode)) throw new Error(`unknown mode ${mode}: ${MODES.join(', ')}`);
  console.log(run(mode));
}
