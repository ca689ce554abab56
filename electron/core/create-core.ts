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
import { reapplyOutbox } from './members/optimistic';
import { isOutboxSecretAccount, outboxSecretAccount } from './secrets/secret-store';
import { batchedSecretStore } from './secrets/batched-secret-store';
import { createHandoverHandlers } from './handover/handover-handlers';
import { HandoverStore } from './handover/handover-store';
import { PendingRevocations } from './session/revocation';
import { SessionManager } from './session/session-manager';
import { flagLostSecrets } from './sync/lost-secrets';
import { SyncEngine } from './sync/sync-engine';
import { REACHABILITY_PROBE_MS } from './sync/reachability-probe';
import { singleAccountHandlers } from './accounts/single-account-handlers';
import { createSettingsHandlers, withSettingsRules } from './settings/settings-handlers';
import { SettingsService } from './settings/settings-service';
import { userSettingsFile } from './settings/user-settings-file';

export type { Core, CoreOptions } from './core-api';

/** Removes temporary passwords whose outbox entry no longer exists (a crash between steps). */
async function sweepOrphanSecrets(ctx: CoreContext): Promise<void> {
  try {
    const open = new Set(
      ctx.local
        .openOutbox()
        .filter((row) => row.has_secret)
        .map((row) => outboxSecretAccount(row.id)),
    );
    for (const account of await ctx.secrets.list()) {
      if (isOutboxSecretAccount(account) && !open.has(account)) await ctx.secrets.delete(account);
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
  const bus = new EventBus();
  const logDir = options.logDir ?? join(options.dataDir, 'logs');
  const settings =
    options.settingsService ??
    new SettingsService({
      file: userSettingsFile(options.dataDir, now),
      policy: options.policies ?? null,
      bus,
      logFolder: logDir,
    });
  const logger = createLogger(options.log ?? join(logDir, 'core.log'), now, {
    maxBytes: settings.values.LogMaxMegabytes * 1024 * 1024,
  });
  settings.announce(logger);
  const local = new LocalStore(options.dataDir, logger);
  const cache = new CacheStore(options.dataDir, logger, options.cacheJobs);
  const session = new SessionManager({
    cache,
    local,
    secrets: options.secretStore,
    logger,
    bus,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.requestTimeoutMs ?? settings.values.RequestTimeoutSeconds * 1000,
    now,
    defaultServerUrl: options.defaultServerUrl ?? null,
    transport: {
      allowHttpHosts: options.allowHttpHosts ?? [],
      allowAnyHttp: () => settings.values.AllowInsecureHttp,
    },
  });
  const revocations = new PendingRevocations({
    secrets: options.secretStore,
    logger,
    client: (serverUrl) => session.client(serverUrl),
    retryMs: options.syncIntervalMs ?? 60_000,
  });
  // Changes are announced, not pushed into the engine: members/ and the outbox commands know
  // nothing of sync; the engine listens.
  const syncWanted = new Set<() => void>();
  // Temporary passwords: an import's in one keychain item (see secrets/batched-secret-store.ts).
  const secrets = batchedSecretStore(options.secretStore);
  const ctx: CoreContext = {
    cache,
    local,
    secrets,
    logger,
    bus,
    session,
    revocations,
    now,
    kickSync: () => {
      for (const listener of syncWanted) listener();
    },
    notifyChanged: (orgId) => {
      bus.emit('members.changed', { orgId });
      const account = session.accountKey;
      bus.emit('outbox.changed', account ? local.outboxCounts(account) : { queued: 0, needsAttention: 0 });
    },
  };
  const sync = new SyncEngine(ctx, {
    intervalMs: options.syncIntervalMs ?? settings.values.SyncIntervalSeconds * 1000,
    // Manual sync (tests) also means no probe unless asked: they decide when the network is used.
    probeIntervalMs: options.reachabilityProbeMs ?? (options.syncIntervalMs === 0 ? 0 : REACHABILITY_PROBE_MS),
  });
  syncWanted.add(() => sync.kick());
  const members = new MembersService(ctx);
  const handover = new HandoverStore(ctx, () => settings.values.HandoverMaxHours);
  const coreHandlers = createHandlers(ctx, members, sync);
  const handlers = {
    ...withSettingsRules(
      {
        ...coreHandlers,
        ...createHandoverHandlers(ctx, members, handover, coreHandlers, () => settings.values.HandoverFollowUpDays),
      },
      ctx,
      settings,
    ),
    ...createSettingsHandlers(ctx, settings, sync, {
      outputDir: options.diagnosticsDir ?? join(options.dataDir, 'diagnostics'),
      logFolder: logDir,
      versions: options.versions ?? {},
    }),
    ...singleAccountHandlers(ctx),
  };
  const dispatch = createDispatcher(handlers, logger);

  logger.info('core starting', { cacheRebuilt: cache.rebuilt?.reason ?? null });
  local.pruneDone(new Date(now().getTime() - 7 * 24 * 3600 * 1000).toISOString());
  if (cache.rebuilt) {
    // A fresh cache.db: the next sync does a full listing; the outbox (in local.db) shows again now.
    reapplyOutbox(cache, local.openOutbox());
  }
  // The integrity check after open (cache/integrity-check.ts) found cache.db corrupt and it was
  // replaced by an empty one: the same as above, and a sync now refills it with a full listing.
  cache.onRebuilt(() => {
    reapplyOutbox(cache, local.openOutbox());
    ctx.notifyChanged(null);
    ctx.kickSync();
  });
  await sweepOrphanSecrets(ctx);
  await flagLostSecrets(ctx);
  await session.restore();
  await handover.expire().catch(() => logger.warn('could not check the handover passwords’ time limit'));
  handover.start();
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
      await handover.close();
      await secrets.flush().catch(() => logger.warn('a keychain rewrite of temporary passwords failed at close'));
      // A cache worker still running is ended; its flags finish the work at the next open.
      await cache.shutdown();
      local.close();
      logger.info('core closed');
    },
  };
}
