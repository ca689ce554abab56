import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { appOrigin } from './app-origin';
import {
  denyAllPermissions,
  guardNavigation,
  type GuardedWebContents,
  type PermissionSession,
} from './navigation-policy';

/** The parts of webContents the guard uses, with Electron's event semantics (preventDefault). */
class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.windowOpenHandler = handler;
  }
  fire(name: string, url?: string) {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('guardNavigation', () => {
  const setup = () => {
    const contents = new FakeContents();
    const external: string[] = [];
    guardNavigation(contents as unknown as GuardedWebContents, {
      isAppUrl: appOrigin().isAppUrl,
      openExternal: (url) => external.push(url),
    });
    return { contents, external };
  };

  it('refuses navigation away from our page and hands the link to the allowlisted opener', () => {
    const { contents, external } = setup();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'app://nexus/index.html')).toBe(false);
    expect(external).toEqual(['https://evil.example/', 'file:///etc/passwd']);
  });

  it('refuses foreign redirects and every <webview>', () => {
    const { contents } = setup();
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window', () => {
    const { contents, external } = setup();
    expect(contents.windowOpenHandler?.({ url: 'https://docs.nexus-erp.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://nexus/index.html' })).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://docs.nexus-erp.example/', 'app://nexus/index.html']);
  });
});

describe('denyAllPermissions', () => {
  it('answers every permission request and check with no', () => {
    const handlers: Record<string, unknown> = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => void (handlers.request = h),
      setPermissionCheckHandler: (h) => void (handlers.check = h),
      setDevicePermissionHandler: (h) => void (handlers.device = h),
    };
    denyAllPermissions(session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      (handlers.request as (w: unknown, p: string, cb: (g: boolean) => void) => void)(null, permission, (g) =>
        answers.push(g),
      );
      answers.push((handlers.check as (w: unknown, p: string) => boolean)(null, permission));
    }
    answers.push((handlers.device as (d: unknown) => boolean)({}));
    expect(answers).toHaveLength(11);
    expect(answers.every((granted) => granted === false)).toBe(true);
  });
});
