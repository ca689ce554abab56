import { join } from 'node:path';
import { BrowserWindow, app, clipboard, dialog, ipcMain, net, protocol, session, shell } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../shared/contract/api';
import type { SessionStatus } from '../../shared/contract/session';
import { createSecretClipboard } from '../../shared/shell/secret-clipboard';
import { createAccountsCore } from '../core/accounts/create-accounts-core';
import type { Core } from '../core/core-api';
import { createKeyringSecretStore } from '../core/secrets/keyring-secret-store';
import { APP_SCHEME, appOrigin } from './app-origin';
import { appProtocolHandler } from './app-protocol';
import { externalLinkPolicy, safeOpenExternal } from './external-links';
import { registerCommandIpc } from './ipc-registration';
import { readOsPolicies } from './policy/read-os-policies';
import { denyAllPermissions, guardNavigation } from './navigation-policy';
import { isTrustedSender } from './sender-policy';
import { mainWindowOptions } from './window-options';

/**
 * The Electron entry: lifecycle, the hardened window, IPC from the contract, and the Electron
 * adapters (keychain via core, `net.fetch`, clipboard, allowlisted `shell.openExternal`).
 * Everything with a decision in it lives in the small modules imported above and is unit-tested.
 */
const here = import.meta.dirname;
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const origin = appOrigin(devServerUrl);

// Before `ready`: every renderer sandboxed, and our scheme privileged like https (secure, standard).
app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let serverUrl: string | null = null;
const links = externalLinkPolicy({ serverUrl: () => serverUrl });
const openExternal = (url: string) => {
  void safeOpenExternal(url, links, (safe) => shell.openExternal(safe)).catch(() => undefined);
};

const secretClipboard = createSecretClipboard({
  clipboard: { readText: () => clipboard.readText(), writeText: (text) => clipboard.writeText(text) },
  onCleared: (at) => sendEvent('clipboard.cleared', { at: at.toISOString() }),
});

function sendEvent(event: string, payload: unknown): void {
  const contents = mainWindow?.webContents;
  if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { event, payload });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, { isAppUrl: origin.isAppUrl, openExternal });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void secretClipboard.flush();
  });
  app.on('will-quit', () => {
    void core?.close();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Nexus Admin could not start:', error);
      // Say it where the admin looks; the message is core's (never a secret), the stack goes to stderr only.
      dialog.showErrorBox('Nexus Admin could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, appProtocolHandler({ rendererDir: join(here, '../renderer') }));

  const dataDir = process.env.NEXUS_DATA_DIR || app.getPath('userData');
  core = await createAccountsCore({
    dataDir,
    secretStore: createKeyringSecretStore({ service: 'Nexus Admin' }),
    fetch: (input, init) => net.fetch(input as string | Request, init),
    defaultServerUrl: process.env.NEXUS_API_URL || null,
    policies: await readOsPolicies(),
    logDir: app.getPath('logs'),
    diagnosticsDir: app.getPath('downloads'),
    versions: {
      app: app.getVersion(),
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
    },
  });
  const started = core;
  started.onEvent((event, payload) => {
    if (event === 'session.changed') serverUrl = (payload as SessionStatus).serverUrl;
    sendEvent(event, payload);
  });
  const status = await started.dispatch('session.status', {});
  if (status.ok) serverUrl = (status.value as SessionStatus).serverUrl;

  registerCommandIpc({
    ipcMain,
    isTrustedSender: (event) =>
      isTrustedSender(event, {
        trustedWebContentsId: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null),
        isAppUrl: origin.isAppUrl,
      }),
    dispatch: (command, input) => started.dispatch(command, input),
    shellHandlers: {
      'clipboard.copySecret': async (input) => {
        const { text, clearAfterMs } = input as { text: string; clearAfterMs?: number };
        return secretClipboard.copy(text, clearAfterMs);
      },
    },
  });

  createWindow();
}

function createWindow(): void {
  const window = new BrowserWindow(
    mainWindowOptions({
      preloadPath: join(here, '../preload/index.cjs'),
      iconPath: join(here, '../../resources/icon.png'),
      devTools: !app.isPackaged,
    }),
  );
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(origin.entryUrl);
}
