import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('main window options (Electron security checklist)', () => {
  const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', devTools: false });
  const web = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer, with no Node in any frame or worker', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.enableBlinkFeatures).toBe('');
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.plugins).toBe(false);
  });

  it('loads only our bundled preload, and devtools only when asked', () => {
    expect(web.preload).toBe('/app/out/preload/index.cjs');
    expect(web.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: '/p', devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('does not show the window before the page is ready', () => {
    expect(options.show).toBe(false);
  });
});
