import type { Db } from './open-database';
import type { MembersQuery } from './members-query';
import { OrgIndexBuilder, type IndexRow, type OrgIndex } from './org-index';
import { indexAnswers, queryView } from './member-index-views';
import { KIND_SQL } from './org-index-badges';
import { mergeInOrder } from './org-index-merge';
import { nameOrderPage } from './name-order-page';
import { visibleBlocks } from './visible-blocks';
import { countsLost } from './badge-counts';
import { putBackInPlace } from './member-index-in-place';
import { MAX_SHARE, wordPrefixIndex } from './word-prefix-index';
import { wordMatches, type WordSearchSettings } from './word-prefix-search';

export { searchWords, type OrgIndex } from './org-index';

/** Rows read per statement of a background build. */
const BUILD_CHUNK_ROWS = 500;
/** A slice of the build reads statements of BUILD_CHUNK_ROWS until this much time has passed. */
const BUILD_SLICE_MS = 8;
/**
 * Up to this many touched rows, a query may apply them by binary search (≈ 17 primary-key reads a
 * row at 100k, ≈ 15–20 µs each) whatever the org's size; past it, by one scan of the org's order
 * when that is cheaper (see KEY_READS_PER_SCANNED_ROW). Either way the index stays usable.
 */
export const MAX_IN_PLACE = 500;
/**
 * One random primary-key read costs about as much as this many rows of the covering-index scan of
 * the org's order (≈ 17 µs against ≈ 0.45 µs a row, measured at 100k): a batch of k rows is
 * merged by a scan when k × log2(n) × this exceeds n (≈ 150 rows at 100k, ≈ 1,300 at 1M).
 */
const KEY_READS_PER_SCANNED_ROW = 40;

const ROW_SQL = `SELECT seq, ' ' || name || ' ' || email, status = 'removed', ${KIND_SQL}, invitation_expires_at, role_id FROM members`;

interface Build {
  orgId: string;
  builder: OrgIndexBuilder;
  /** Last (sort_name, id) read: the next slice starts after it. */
  after: [string, string] | null;
  touched: Set<number>;
  epoch: number;
  /** Resolves when the build ends: finished, thrown away or failed (queries waiting for it: member-index-wait.ts). */
  done: Promise<void>;
  settle: () => void;
}

/**
 * The default view of the members list (any text, name order, no badge or role filter) answered
 * from memory: an ordered array of row ids, so a page at any offset is a slice, and the whole
 * org's names and emails as word lists, so a search counts its matches in one pass of native
 * string scans instead of an FTS prefix merge over every term (slow for short prefixes at 100k).
 *
 * Kept current in place: CacheStore reports each written row (`touched`), and the next query
 * takes those rows out and puts their current version back at its binary-searched place (a few ms
 * at a million rows); a batch (a CSV import of thousands) is merged with the org's order read in
 * one index scan instead (`org-index-merge.ts`), so the list answers from memory straight after
 * it. A bulk change (`changed`: a full listing, sign-out) or more written rows than the index
 * holds drops the index; it is rebuilt in slices between other work, and until it is ready a big
 * org's queries wait for it while a small one's go to SQL (member-index-wait.ts).
 */
export class MemberIndex implements WordSearchSettings {
  private readonly byOrg = new Map<string, OrgIndex>();
  /** Rows written since each org's index was last brought up to date. */
  private readonly touchedByOrg = new Map<string, Set<number>>();
  private readonly builds = new Map<string, Build>();
  /** Bumped by a bulk change: builds started before it are thrown away. */
  private epoch = 0;
  /** Between beginFullListing and endFullListing: no index and no build (every row is rewritten). */
  private suspended = false;
  /** Issue 16 (search): from this many rows a word prefix index is built in slices of this many ms (tests: 0, Infinity = at once). */
  wordIndexMinRows = 20_000;
  wordIndexSliceMs = 8;
  /** Candidates past this share of the org: the pass answers (tests: 1, the prefix index always). */
  wordIndexMaxShare = MAX_SHARE;
  /** KEY_READS_PER_SCANNED_ROW; tests set 0 (always binary search) or Infinity (always merge). */
  scanCostRatio = KEY_READS_PER_SCANNED_ROW;
  private readonly loadStmt;
  private readonly sliceStmt;
  private readonly firstSliceStmt;
  private readonly keyStmt;
  private readonly rowsStmt;
  private readonly orderStmt;

  constructor(private readonly db: Db) {
    this.loadStmt = db.prepare(`${ROW_SQL} WHERE org_id = ? ORDER BY sort_name ASC, id ASC`).raw();
    this.firstSliceStmt = db
      .prepare(`${ROW_SQL.replace('SELECT', 'SELECT sort_name, id,')} WHERE org_id = ? ORDER BY sort_name, id LIMIT ?`)
      .raw();
    this.sliceStmt = db
      .prepare(
        `${ROW_SQL.replace('SELECT', 'SELECT sort_name, id,')} WHERE org_id = ? AND (sort_name, id) > (?, ?) ORDER BY sort_name, id LIMIT ?`,
      )
      .raw();
    this.keyStmt = db.prepare('SELECT sort_name, id FROM members WHERE seq = ?').raw();
    this.rowsStmt = db
      .prepare(
        // By primary key; sorted in JS: with ORDER BY, SQLite walked the org's whole name index.
        `${ROW_SQL.replace('SELECT', 'SELECT sort_name, id,')}
         WHERE seq IN (SELECT value FROM json_each(?)) AND +org_id = ?`,
      )
      .raw();
    // Covering-index scan of (org_id, sort_name, id): the org's order, seqs only.
    this.orderStmt = db.prepare('SELECT seq FROM members WHERE org_id = ? ORDER BY sort_name, id').pluck();
  }

  /** Between beginFullListing and endFullListing (queries go to SQL: there is nothing to wait for soon). */
  get listing(): boolean {
    return this.suspended;
  }

  /** The org's build in progress, as a promise that resolves when it ends (however it ends); null when none runs. */
  building(orgId: string): Promise<void> | null {
    return this.builds.get(orgId)?.done ?? null;
  }

  /** Whether writes need to report their row (an index exists or is being built). */
  get tracking(): boolean {
    return this.byOrg.size > 0 || this.builds.size > 0;
  }

  /** A bulk change (a full listing, sign-out, stale rows dropped): every index is dropped. */
  changed(): void {
    this.epoch++;
    this.byOrg.clear();
    this.touchedByOrg.clear();
    this.builds.clear();
  }

  /** The row with this seq was inserted, updated or deleted (in any org). */
  touched(seq: number): void {
    for (const [orgId, touched] of this.touchedByOrg) {
      touched.add(seq);
      if (touched.size > MAX_IN_PLACE && this.rewritten(orgId, touched)) {
        this.byOrg.delete(orgId);
        this.touchedByOrg.delete(orgId);
      }
    }
    for (const build of this.builds.values()) build.touched.add(seq);
  }

  /**
   * More rows written than the org's index holds (a new org filled by small syncs): a fresh build
   * costs no more than a merge then. Anything less (a 10,000-row import) is merged in place.
   */
  private rewritten(orgId: string, touched: ReadonlySet<number>): boolean {
    return touched.size > (this.byOrg.get(orgId)?.seqs.length ?? 0);
  }

  suspend(): void {
    this.changed();
    this.suspended = true;
  }

  resume(): void {
    this.suspended = false;
    this.changed();
  }

  /** Name or status order with any filter and text (member-index-views.ts); other sorts go to SQL. */
  static handles(query: MembersQuery): boolean {
    return indexAnswers(query);
  }

  /**
   * The org's index, brought up to date with the rows written since; null while there is none
   * (a background build is started) or inside a transaction (a rollback would undo rows the
   * index had taken in; SQL answers meanwhile).
   */
  fresh(orgId: string): OrgIndex | null {
    if (this.suspended) return null;
    const index = this.byOrg.get(orgId);
    if (!index) {
      this.startBuild(orgId);
      return null;
    }
    const touched = this.touchedByOrg.get(orgId)!;
    if (touched.size > 0) {
      if (this.db.inTransaction) return null;
      const current = this.applyTouched(orgId, index, touched);
      touched.clear();
      return current;
    }
    return index;
  }

  /** Builds the org's index at once (tests, and callers that need it now); replaces any other. */
  build(orgId: string): OrgIndex {
    const builder = new OrgIndexBuilder();
    builder.add(this.loadStmt.all(orgId) as IndexRow[]);
    const built = builder.finish(this.epoch);
    this.builds.delete(orgId);
    this.byOrg.set(orgId, built);
    this.touchedByOrg.set(orgId, new Set());
    return built;
  }

  /** Builds in slices of about BUILD_SLICE_MS, one per turn of the event loop. */
  private startBuild(orgId: string): void {
    if (this.builds.has(orgId)) return;
    let settle = () => {};
    const done = new Promise<void>((resolve) => (settle = resolve));
    const build: Build = {
      orgId,
      builder: new OrgIndexBuilder(),
      after: null,
      touched: new Set(),
      epoch: this.epoch,
      done,
      settle,
    };
    this.builds.set(orgId, build);
    const step = () => {
      if (this.builds.get(orgId) !== build || build.epoch !== this.epoch || !this.db.open) {
        build.settle();
        return;
      }
      try {
        if (this.db.inTransaction) {
          setImmediate(step);
          return;
        }
        const started = performance.now();
        let more = true;
        while (more && performance.now() - started < BUILD_SLICE_MS) {
          const rows = (
            build.after
              ? this.sliceStmt.all(orgId, build.after[0], build.after[1], BUILD_CHUNK_ROWS)
              : this.firstSliceStmt.all(orgId, BUILD_CHUNK_ROWS)
          ) as [string, string, ...IndexRow][];
          build.builder.add(rows.map(([, , ...row]) => row as IndexRow));
          const last = rows.at(-1);
          more = last !== undefined && rows.length === BUILD_CHUNK_ROWS;
          if (last) build.after = [last[0], last[1]];
        }
        if (more) {
          setImmediate(step);
          return;
        }
        this.builds.delete(orgId);
        const built = build.builder.finish(this.epoch);
        // Rows written during the build may have been read before or after their write: take
        // every copy out and put the current version back, as for any write.
        this.byOrg.set(orgId, built);
        this.touchedByOrg.set(orgId, build.touched);
        if (build.touched.size > MAX_IN_PLACE && this.rewritten(orgId, build.touched)) {
          this.byOrg.delete(orgId);
          this.touchedByOrg.delete(orgId);
        }
        build.settle();
      } catch {
        // The SQL path keeps answering; the next query starts another build.
        this.builds.delete(orgId);
        build.settle();
      }
    };
    setImmediate(step);
  }

  /**
   * Takes the touched rows out and puts the org's current version of each back in order: by
   * binary search for a few rows, by one merge with the org's order (`mergeInOrder`) for many.
   */
  private applyTouched(orgId: string, index: OrgIndex, touched: Set<number>): OrgIndex {
    const found = this.rowsStmt.all(JSON.stringify([...touched]), orgId) as [string, string, ...IndexRow][];
    // Issue 16 (offsets): rows may move anywhere; the block counts are recounted as pages need them.
    visibleBlocks(index).changedFrom(0);
    const words = wordPrefixIndex(index);
    words?.changed(touched);
    const count = index.seqs.length;
    if (touched.size * Math.log2(count + 2) * this.scanCostRatio > count) {
      words?.lostPositions();
      countsLost(index);
      const rows = new Map(found.map(([, , ...row]) => [row[0], row as IndexRow]));
      // The table and the index disagree (never seen; a bug elsewhere): a fresh build is right.
      return mergeInOrder(index, this.orderStmt.all(orgId) as number[], touched, rows) ? index : this.build(orgId);
    }
    putBackInPlace(index, found, touched, (seq) => this.keyStmt.get(seq) as [string, string]);
    return index;
  }

  /** Row ids of the page, in order, and the total; same answer as the SQL path of members-query.ts. */
  query(index: OrgIndex, query: MembersQuery, now = new Date()): { seqs: number[]; total: number } {
    if (query.sort.field !== 'name' || query.badges.length > 0 || query.roleIds.length > 0)
      return queryView(index, query, now.getTime());
    // Name order: name-order-page.ts, with the word prefix index's matches (word-prefix-search.ts).
    const current = () => [...this.byOrg.values()].includes(index) && this.db.open;
    return nameOrderPage(index, query, (words) => wordMatches(index, words, query.includeRemoved, this, current));
  }
}
