import { describe, expect, it } from 'vitest';
import { appOrigin } from './app-origin';
import { isTrustedSender, type IpcEventLike } from './sender-policy';

const origin = appOrigin();
const policy = { trustedWebContentsId: () => 7, isAppUrl: origin.isAppUrl };
const event = (id: number, frame: IpcEventLike['senderFrame']): IpcEventLike => ({
  sender: { id },
  senderFrame: frame,
});
const top = (url: string) => ({ url, parent: null });

describe('isTrustedSender', () => {
  it('trusts our window top frame on app://nexus', () => {
    expect(isTrustedSender(event(7, top('app://nexus/index.html')), policy)).toBe(true);
  });

  it('refuses another webContents', () => {
    expect(isTrustedSender(event(8, top('app://nexus/index.html')), policy)).toBe(false);
  });

  it('refuses a subframe, a missing frame, and a foreign page in our window', () => {
    expect(isTrustedSender(event(7, { url: 'app://nexus/index.html', parent: {} }), policy)).toBe(false);
    expect(isTrustedSender(event(7, null), policy)).toBe(false);
    expect(isTrustedSender(event(7, top('https://evil.example/')), policy)).toBe(false);
    expect(isTrustedSender(event(7, top('app://other/index.html')), policy)).toBe(false);
    expect(isTrustedSender(event(7, top('file:///app/out/renderer/index.html')), policy)).toBe(false);
    expect(isTrustedSender(event(7, top('app://user:pw@nexus/')), policy)).toBe(false);
  });

  it('refuses everything while there is no window', () => {
    expect(isTrustedSender(event(7, top('app://nexus/')), { ...policy, trustedWebContentsId: () => null })).toBe(false);
  });

  it('a dev server origin is trusted only when configured, and only that origin', () => {
    const dev = appOrigin('http://localhost:5173/');
    expect(dev.isAppUrl('http://localhost:5173/index.html')).toBe(true);
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(dev.isAppUrl('app://nexus/')).toBe(false);
    expect(origin.isAppUrl('http://localhost:5173/')).toBe(false);
    expect(origin.isAppUrl('not a url')).toBe(false);
  });
});
