import { MemberIndex } from './member-index';
import type { MembersQuery } from './members-query';
import type { statementCache } from './statement-cache';

type Sql = ReturnType<typeof statementCache>;

/**
 * Up to this many rows in the members table, the plain list (name order, no text, no filter) is
 * answered by SQL while the member index builds: its page walks the name index (LIMIT-bounded)
 * and its count reads the org's rows (≈ 15 ms at 100k, ≈ 150 ms at 1M on this machine).
 */
export const SQL_PLAIN_MAX_ROWS = 200_000;
/**
 * The same for everything else the index answers (a search: an FTS prefix merge of every
 * matching term, 70–140 ms for one letter at 100k and ≈ 0.9 s at 1M; badge and role filters,
 * status order; the badge counts' pass over the org): only in a small table.
 */
export const SQL_OTHER_MAX_ROWS = 20_000;

export interface WaitLimits {
  plainMaxRows: number;
  otherMaxRows: number;
}

/**
 * Issue 16 (a million members): resolves when the org's members list can be answered without a
 * whole-table SQL pass on this thread. While the member index is being built in slices (after a
 * full listing, at start-up, after a big batch), a query or the counts (`query` null) wait for
 * the build instead of running the SQL fallback, unless the table is small enough for SQL to be
 * cheap, or it is the org's first plain page (below). Answers never get stale for it: the
 * build takes rows written meanwhile in, as for any write. During a full listing (no build
 * runs until it ends) and inside a transaction, queries go to SQL as before.
 */
export async function waitForMemberIndex(
  sql: Sql,
  index: MemberIndex,
  orgId: string,
  query: MembersQuery | null,
  /** Orgs whose plain list was asked for before (by this connection's MembersTable). */
  opened: Set<string>,
  limits: WaitLimits = { plainMaxRows: SQL_PLAIN_MAX_ROWS, otherMaxRows: SQL_OTHER_MAX_ROWS },
): Promise<void> {
  if (query && !MemberIndex.handles(query)) return;
  const plain = query !== null && isPlain(query);
  // The list as it opens, the first time: nothing is on screen yet, and one count by SQL (≈ 150 ms
  // at 1M) shows rows seconds before a build at start-up would. Later the list keeps its rows
  // on screen while a refresh waits (use-member-pages.ts), so waiting costs no blank list.
  if (plain && !opened.has(orgId)) {
    opened.add(orgId);
    return;
  }
  const maxRows = plain ? limits.plainMaxRows : limits.otherMaxRows;
  // A few rounds: a build thrown away by a bulk change, or one that failed, starts again once.
  for (let round = 0; round < 3; round++) {
    let build: Promise<void> | null;
    try {
      if (index.listing || index.fresh(orgId)) return;
      build = index.building(orgId);
      if (!build || tableRowsAtMost(sql, maxRows)) return;
    } catch {
      // This connection was closed meanwhile (sign-out, a corrupt file replaced: CacheStore then
      // has a new one): the caller's query runs on the current one and says what is wrong, if anything.
      return;
    }
    await build;
  }
}

/** Name order, no words to search, no badge or role filter: the list as it opens. */
function isPlain(query: MembersQuery): boolean {
  return (
    query.sort.field === 'name' &&
    query.badges.length === 0 &&
    query.roleIds.length === 0 &&
    !/[\p{L}\p{N}]/u.test(query.text)
  );
}

/**
 * From the largest row id (one B-tree descent): never fewer than the rows in the table, all
 * orgs, so a big org is never taken for a small one; many deletions can make a small table
 * look big (it then waits for its build, which is quick).
 */
function tableRowsAtMost(sql: Sql, rows: number): boolean {
  const { top } = sql('SELECT COALESCE(MAX(seq), 0) AS top FROM members').get() as { top: number };
  return top <= rows;
}
