import { isServerAllowed } from '../../../shared/settings/resolve-settings';
import type { CoreContext } from '../context';
import { exportDiagnostics, type DiagnosticsOptions } from '../diagnostics/export-diagnostics';
import type { Handlers } from '../dispatcher';
import { consoleError } from '../errors';
import type { SyncEngine } from '../sync/sync-engine';
import type { SettingsService } from './settings-service';

/** `settings.*` and `diagnostics.export`. */
export function createSettingsHandlers(
  ctx: CoreContext,
  settings: SettingsService,
  sync: SyncEngine,
  diagnostics: DiagnosticsOptions,
): Handlers {
  return {
    'settings.get': () => settings.state(),
    'settings.update': (input) => settings.update(input),
    'diagnostics.export': (input) => exportDiagnostics(ctx, { settings, sync }, diagnostics, input),
  };
}

/**
 * What the settings govern inside core, wrapped around the existing handlers so each rule holds
 * whatever the renderer shows: the servers an organization allows, and whether a temporary
 * password may wait offline in the keychain.
 */
export function withSettingsRules(handlers: Handlers, ctx: CoreContext, settings: SettingsService): Handlers {
  const signIn = handlers['session.signIn'];
  const create = handlers['members.create'];
  const setPassword = handlers['members.setPassword'];
  const refuseOffline = () => {
    if (!settings.values.AllowOfflineTemporaryPasswords && ctx.session.isOffline) {
      throw consoleError(
        'offline_passwords_not_allowed',
        'Your organization does not allow temporary passwords to be queued offline. Try again when the console is back online.',
      );
    }
  };
  return {
    ...handlers,
    ...(signIn && {
      'session.signIn': (input) => {
        if (!isServerAllowed(settings.values, settings.lockedKeys(), input.serverUrl)) {
          throw consoleError('server_not_allowed', 'Your organization does not allow signing in to this server.', [
            { path: 'serverUrl', message: 'Choose one of the servers your organization allows.' },
          ]);
        }
        return signIn(input);
      },
    }),
    ...(create && {
      'members.create': (input) => {
        refuseOffline();
        return create(input);
      },
    }),
    ...(setPassword && {
      'members.setPassword': (input) => {
        refuseOffline();
        return setPassword(input);
      },
    }),
  };
}
