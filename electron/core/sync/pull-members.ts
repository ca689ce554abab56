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
  cache.beginFullListing();
  try {
    await pages(ctx, orgId, null, generation, onPage);
  } finally {
    cache.endFullListing();
  }
  cache.dropStale(orgId, generation);
}

/** Rows written per transaction: a commit per 1,000-row page was a visible part of a full sync. */
const ROWS_PER_COMMIT = 10_000;

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
  const write = (batch: MemberListPage[], last: MemberListPage | null) =>
    cache.transaction(() => {
      for (const page of batch) {
        for (const item of page.items) {
          if (isTombstone(item)) cache.deleteMember(item.id);
          else cache.upsertMember(orgId, item, { generation: rowGeneration });
        }
      }
      if (last) {
        cache.setSyncState(orgId, {
          syncToken: last.syncToken,
          lastSyncedAt: ctx.now().toISOString(),
          ...(generation !== null ? { generation } : {}),
        });
      }
    });
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
    if (!next || batchRows >= ROWS_PER_COMMIT) {
      write(batch, next ? null : page);
      batch = [];
      batchRows = 0;
    }
    seen += page.items.length;
    onPage?.(seen);
  }
}
