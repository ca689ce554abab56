import { isTombstone, MEMBER_PAGE_MAX_LIMIT, type MemberListPage } from '../../../shared/api';
import type { CoreContext } from '../context';
import { NexusApiError } from '../nexus-client/nexus-api-error';

/**
 * Brings the cache up to date for one org: a delta since the stored sync token, or a full
 * listing the first time and whenever the server answers 410 (token expired or foreign).
 */
export async function pullMembers(ctx: CoreContext, orgId: string, onPage?: (count: number) => void): Promise<void> {
  const { cache, session } = ctx;
  const roles = await session.authed((client, token) => client.roles(token, orgId));
  cache.setRoles(orgId, roles);
  const state = cache.syncState(orgId);
  if (state.syncToken) {
    try {
      await pages(ctx, orgId, state.syncToken, null, onPage);
      return;
    } catch (error) {
      if (!(error instanceof NexusApiError && error.status === 410)) throw error;
      ctx.logger.info('sync token expired; full listing', { orgId });
    }
  }
  const generation = state.generation + 1;
  // Every row is rewritten: one index build at the end is far cheaper than indexing row by row.
  cache.bulk.beginFullListing();
  try {
    await pages(ctx, orgId, null, generation, onPage);
  } finally {
    // Indexes, stale rows (marked with the last rows) and the FTS index, in the cache worker.
    await cache.bulk.finishFullListing();
  }
}

/** Rows written per transaction: a commit per 1,000-row page was a visible part of a full sync. */
const ROWS_PER_COMMIT = 10_000;
/**
 * But no transaction holds the thread longer than this: past it, the rows so far are committed
 * and the rest follow after a turn of the event loop (a 10,000-row transaction was a 100–700 ms
 * stall, during which no command was answered).
 */
const SLICE_MS = 25;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Fetches page after page, asking for the next one before writing the current (over a real
 * network the request is on its way while SQLite writes), and writes them in transactions of
 * about ROWS_PER_COMMIT rows. The sync token is stored with the last rows, so a crash before the
 * end leaves the old token and the next sync lists again.
 */
async function pages(
  ctx: CoreContext,
  orgId: string,
  since: string | null,
  generation: number | null,
  onPage?: (count: number) => void,
): Promise<void> {
  const { cache, session } = ctx;
  const fetchPage = (cursor: string | null): Promise<MemberListPage> =>
    session.authed((client, token) =>
      client.listMembers(token, orgId, {
        limit: MEMBER_PAGE_MAX_LIMIT,
        ...(since ? { since } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    );
  const rowGeneration = generation ?? cache.generation(orgId);
  const write = async (batch: MemberListPage[], last: MemberListPage | null) => {
    const items = batch.flatMap((page) => page.items);
    // A full listing's pages go to the cache worker once it is ready (written while the next
    // page is fetched); before that, and for deltas, they are written here in slices.
    if (generation !== null) {
      const lastState = last ? { syncToken: last.syncToken, lastSyncedAt: ctx.now().toISOString() } : null;
      if (await cache.bulk.writeListingPage(orgId, items, generation, lastState)) return;
    }
    let at = 0;
    do {
      at = cache.transaction(() => {
        const started = performance.now();
        let next = at;
        while (next < items.length) {
          const item = items[next++]!;
          if (isTombstone(item)) cache.deleteMember(item.id);
          else cache.upsertMember(orgId, item, { generation: rowGeneration });
          if ((next & 63) === 0 && performance.now() - started > SLICE_MS) break;
        }
        // The token goes with the last rows: a crash before them leaves the old token.
        if (last && next === items.length) {
          cache.setSyncState(orgId, {
            syncToken: last.syncToken,
            lastSyncedAt: ctx.now().toISOString(),
            ...(generation !== null ? { generation } : {}),
          });
          // Rows the listing did not bring are gone from the server: dropped at its end, or on
          // the next open if the process dies first.
          if (generation !== null) cache.bulk.markStale(orgId, generation);
        }
        return next;
      });
      if (at < items.length) await nextTurn();
    } while (at < items.length);
  };
  let batch: MemberListPage[] = [];
  let batchRows = 0;
  let seen = 0;
  let next: Promise<MemberListPage> | null = fetchPage(null);
  while (next) {
    const page: MemberListPage = await next;
    // Asked for now, awaited after the write below; a failure surfaces there, and the rows
    // already fetched are written first.
    next = page.nextCursor ? fetchPage(page.nextCursor) : null;
    next?.catch(() => undefined);
    batch.push(page);
    batchRows += page.items.length;
    // With the cache worker writing the listing, each page goes as it comes (pipelining).
    if (!next || batchRows >= ROWS_PER_COMMIT || cache.bulk.writesListingInWorker()) {
      await write(batch, next ? null : page);
      batch = [];
      batchRows = 0;
    }
    seen += page.items.length;
    // A big listing: the cache worker for its end starts loading now, not after the last page.
    if (generation !== null) cache.bulk.listingProgress(seen);
    onPage?.(seen);
  }
}
