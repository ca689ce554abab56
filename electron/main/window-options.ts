import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options, with every item of Electron's security checklist that applies.
 * Kept as a pure function so the test can hold it against the checklist without Electron.
 */
export function mainWindowOptions(input: {
  preloadPath: string;
  iconPath?: string;
  devTools: boolean;
}): BrowserWindowConstructorOptions {
  return {
    title: 'Nexus Admin',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
      enableWebSQL: false,
      plugins: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}
