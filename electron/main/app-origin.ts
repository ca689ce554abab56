/**
 * Where the renderer lives in the Electron shell: the privileged `app://nexus/` origin, served
 * from the built renderer by `app-protocol.ts`. Everything that asks "is this our page?"
 * (sender checks, navigation) asks here.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'nexus';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface AppOrigin {
  /** The URL the window loads. */
  entryUrl: string;
  /** True for URLs of our own renderer (same scheme, host and port). */
  isAppUrl(url: string): boolean;
}

/**
 * `devServerUrl` is electron-vite's renderer dev server (ELECTRON_RENDERER_URL), honoured only
 * by unpackaged builds; otherwise only `app://nexus` counts.
 */
export function appOrigin(devServerUrl?: string | null): AppOrigin {
  const entry = devServerUrl ? new URL(devServerUrl) : new URL(APP_ENTRY_URL);
  return {
    entryUrl: entry.href,
    isAppUrl(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      // Compare scheme/host/port, not `origin`: Node reports "null" as the origin of custom schemes.
      return (
        parsed.protocol === entry.protocol &&
        parsed.host === entry.host &&
        parsed.username === '' &&
        parsed.password === ''
      );
    },
  };
}
