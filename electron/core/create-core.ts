import { join } from 'node:path';
import { CacheStore } from './cache/cache-store';
import type { Core, CoreOptions } from './core-api';
import type { CoreContext } from './context';
import { securePrivateFolder } from './data-folder';
import { createDispatcher } from './dispatcher';
import { EventBus } from './event-bus';
import { createHandlers } from './handlers';
import { LocalStore } from './local-store/local-store';
import { createLogger } from './logger';
import { MembersService } from './members/members-service';
import { applyOptimistic } from './members/optimistic';
import { PendingRevocations } from './session/revocation';
import { SessionManager } from './session/session-manager';
import { SyncEngine } from './sync/sync-engine';

export type { Core, CoreOptions } from './core-api';

/** Removes temporary passwords whose outbox entry no longer exists (a crash between steps). */
async function sweepOrphanSecrets(ctx: CoreContext): Promise<void> {
  try {
    const open = new Set(
      ctx.local
        .openOutbox()
        .filter((row) => row.has_secret)
        .map((row) => `outbox:${row.id}`),
    );
    for (const account of await ctx.secrets.list()) {
      if (account.startsWith('outbox:') && !open.has(account)) await ctx.secrets.delete(account);
    }
  } catch {
    ctx.logger.warn('could not sweep the keychain for leftover temporary passwords');
  }
}

/**
 * Builds the console core: opens cache.db and local.db in `dataDir`, restores the last session
 * from the keychain (offline if the server is away), and starts sync.
 */
export async function createCore(options: CoreOptions): Promise<Core & { session: SessionManager }> {
  securePrivateFolder(options.dataDir);
  const now = options.now ?? (() => new Date());
  const logger = createLogger(options.log ?? join(options.dataDir, 'logs', 'core.log'), now);
  const bus = new EventBus();
  const local = new LocalStore(options.dataDir, logger);
  const cache = new CacheStore(options.dataDir, logger);
  const session = new SessionManager({
    cache,
    local,
    secrets: options.secretStore,
    logger,
    bus,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.requestTimeoutMs ?? 15_000,
    now,
    defaultServerUrl: options.defaultServerUrl ?? null,
    transport: { allowHttpHosts: options.allowHttpHosts ?? [] },
  });
  let sync: SyncEngine | null = null;
  const revocations = new PendingRevocations({
    secrets: options.secretStore,
    logger,
    client: (serverUrl) => session.client(serverUrl),
    retryMs: options.syncIntervalMs ?? 60_000,
  });
  const ctx: CoreContext = {
    cache,
    local,
    secrets: options.secretStore,
    logger,
    bus,
    session,
    revocations,
    now,
    kickSync: () => sync?.kick(),
    notifyChanged: (orgId) => {
      bus.emit('members.changed', { orgId });
      const status = sync?.status();
      if (status) bus.emit('outbox.changed', { queued: status.queued, needsAttention: status.needsAttention });
    },
  };
  sync = new SyncEngine(ctx, { intervalMs: options.syncIntervalMs ?? 60_000 });
  const members = new MembersService(ctx);
  const dispatch = createDispatcher(createHandlers(ctx, members, sync), logger);

  logger.info('core starting', { cacheRebuilt: cache.rebuilt?.reason ?? null });
  local.pruneDone(new Date(now().getTime() - 7 * 24 * 3600 * 1000).toISOString());
  if (cache.rebuilt) {
    // A fresh cache.db: the next sync does a full listing; the outbox (in local.db) shows again now.
    for (const row of local.openOutbox()) applyOptimistic(cache, row);
  }
  await sweepOrphanSecrets(ctx);
  await session.restore();
  sync.start();
  void revocations.flush();

  let closed = false;
  return {
    dispatch,
    session,
    onEvent: (listener) => bus.on(listener),
    async close() {
      if (closed) return;
      closed = true;
      revocations.close();
      await sync.close();
      cache.close();
      local.close();
      logger.info('core closed');
    },
  };
}
