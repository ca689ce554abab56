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
  // Every row is rewritten: one FTS rebuild at the end is far cheaper than indexing row by row.
  cache.deferFts();
  try {
    await pages(ctx, orgId, null, generation, onPage);
    cache.dropStale(orgId, generation);
  } finally {
    cache.resumeFts();
  }
}

async function pages(
  ctx: CoreContext,
  orgId: string,
  since: string | null,
  generation: number | null,
  onPage?: (count: number) => void,
): Promise<void> {
  const { cache, session } = ctx;
  let cursor: string | undefined;
  let seen = 0;
  for (;;) {
    const page: MemberListPage = await session.authed((client, token) =>
      client.listMembers(token, orgId, {
        limit: MEMBER_PAGE_MAX_LIMIT,
        ...(since ? { since } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    );
    cache.db.transaction(() => {
      for (const item of page.items) {
        if (isTombstone(item)) cache.deleteMember(item.id);
        else cache.upsertMember(orgId, item, generation !== null ? { generation } : {});
      }
      if (!page.nextCursor) {
        cache.setSyncState(orgId, {
          syncToken: page.syncToken,
          lastSyncedAt: ctx.now().toISOString(),
          ...(generation !== null ? { generation } : {}),
        });
      }
    })();
    seen += page.items.length;
    onPage?.(seen);
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
