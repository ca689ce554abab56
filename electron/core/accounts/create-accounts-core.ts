import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountSummary } from '../../../shared/contract/accounts';
import { isCommandName } from '../../../shared/contract/commands';
import type { SessionStatus } from '../../../shared/contract/session';
import type { SyncStatus } from '../../../shared/contract/sync';
import { createCore } from '../create-core';
import type { Core, CoreOptions } from '../core-api';
import { createDispatcher, type Handlers } from '../dispatcher';
import { consoleError } from '../errors';
import { EventBus } from '../event-bus';
import { createLogger } from '../logger';
import type { SessionManager } from '../session/session-manager';
import { SettingsService } from '../settings/settings-service';
import { userSettingsFile } from '../settings/user-settings-file';
import { LEGACY_ACCOUNT_ID, newAccountEntry, readRegistry, writeRegistry } from './account-registry';
import { scopedSecretStore } from './scoped-secret-store';

type AccountCore = Core & { session: SessionManager };
const ROUTER_COMMANDS = new Set(['accounts.list', 'accounts.switch', 'accounts.add']);

/**
 * Several accounts signed in at once: one full core per account, each in its own folder (cache,
 * outbox, activity log), with its own keychain names and its own sync engine, so each queue
 * syncs to its own server whichever account is on screen. Commands go to the active account's
 * core; only its events reach the renderer. Settings (and organization policies) are shared.
 */
export async function createAccountsCore(options: CoreOptions): Promise<Core> {
  const root = options.dataDir;
  mkdirSync(root, { recursive: true });
  const now = options.now ?? (() => new Date());
  const logDir = options.logDir ?? join(root, 'logs');
  const bus = new EventBus();
  const settings =
    options.settingsService ??
    new SettingsService({
      file: userSettingsFile(root, now),
      policy: options.policies ?? null,
      bus,
      logFolder: logDir,
    });
  const logger = createLogger(options.log ?? join(logDir, 'accounts.log'), now);
  const registry = readRegistry(root);
  const cores = new Map<string, AccountCore>();

  const summaries = async (): Promise<AccountSummary[]> =>
    Promise.all(
      // An account whose core is still opening (Add account) or already closed is left out.
      registry.accounts
        .flatMap(({ id }) => {
          const core = cores.get(id);
          return core ? [{ id, core }] : [];
        })
        .map(async ({ id, core }) => {
          const status = await core.session.status();
          const sync = await core.dispatch('sync.status', {});
          const counts = sync.ok ? (sync.value as SyncStatus) : { queued: 0, needsAttention: 0 };
          return {
            id,
            serverUrl: status.serverUrl,
            email: status.user?.email ?? null,
            active: id === registry.activeId,
            signedIn: status.state === 'signedIn',
            queued: counts.queued,
            needsAttention: counts.needsAttention,
          };
        }),
    );
  const list = async () => ({ items: await summaries(), activeId: registry.activeId });
  const announceAccounts = () =>
    void list()
      .then((value) => bus.emit('accounts.changed', value))
      .catch((error: unknown) => logger.warn('accounts: could not list the accounts', { error: String(error) }));

  async function open(entry: { id: string; dir: string }): Promise<AccountCore> {
    const legacy = entry.id === LEGACY_ACCOUNT_ID;
    const core = await createCore({
      ...options,
      dataDir: join(root, entry.dir),
      secretStore: legacy ? options.secretStore : scopedSecretStore(options.secretStore, entry.id),
      settingsService: settings,
      logDir,
      diagnosticsDir: options.diagnosticsDir ?? join(root, 'diagnostics'),
    });
    core.onEvent((event, payload) => {
      if (entry.id === registry.activeId && event !== 'settings.changed') bus.emit(event, payload);
      if (event === 'session.changed' || event === 'outbox.changed') announceAccounts();
    });
    cores.set(entry.id, core);
    return core;
  }

  const active = () => cores.get(registry.activeId)!;

  async function activate(id: string): Promise<SessionStatus> {
    if (!cores.has(id)) throw consoleError('not_found', 'That account is no longer on this computer.');
    registry.activeId = id;
    writeRegistry(root, registry);
    const status = await active().session.status();
    bus.emit('session.changed', status);
    // The list's rows now come from another account's cache, even where its org has the same id
    // (two servers of one company): the renderer's views must ask again.
    bus.emit('members.changed', { orgId: null });
    const sync = await active().dispatch('sync.status', {});
    if (sync.ok) bus.emit('sync.status', sync.value as SyncStatus);
    announceAccounts();
    logger.info('account switched', { id });
    return status;
  }

  const handlers: Handlers = {
    'accounts.list': () => list(),
    'accounts.switch': (input) => activate(input.id),
    'accounts.add': async () => {
      // A signed-out slot is reused rather than piling up empty ones.
      for (const { id } of registry.accounts) {
        if ((await cores.get(id)!.session.status()).state === 'signedOut') return activate(id);
      }
      const entry = newAccountEntry();
      await open(entry);
      registry.accounts.push(entry);
      return activate(entry.id);
    },
  };
  const routerDispatch = createDispatcher(handlers, logger);

  try {
    for (const entry of registry.accounts) await open(entry);
    if (!cores.has(registry.activeId)) registry.activeId = registry.accounts[0]!.id;
  } catch (error) {
    await Promise.all([...cores.values()].map((core) => core.close()));
    throw error;
  }

  let closed = false;
  return {
    dispatch(command, input) {
      if (isCommandName(command) && ROUTER_COMMANDS.has(command)) return routerDispatch(command, input);
      return active().dispatch(command, input);
    },
    onEvent: (listener) => bus.on(listener),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...cores.values()].map((core) => core.close()));
    },
  };
}
