/**
 * What the window may do on its own: nothing. Navigation away from our page, redirects, new
 * windows and <webview> are refused; a link meant for the outside is handed to the allowlisted
 * `openExternal` instead. Written against a minimal webContents shape so it is testable.
 */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface WindowOpenDetails {
  url: string;
}

export interface GuardedWebContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void;
}

export interface NavigationPolicy {
  isAppUrl(url: string): boolean;
  /** Called with links the page tried to open; the caller decides (allowlist) whether to open them. */
  openExternal(url: string): void;
}

export function guardNavigation(contents: GuardedWebContents, policy: NavigationPolicy): void {
  const refuseForeign = (event: PreventableEvent, url: string) => {
    if (!policy.isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => {
    if (policy.isAppUrl(url)) return;
    event.preventDefault();
    policy.openExternal(url);
  });
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    policy.openExternal(url);
    return { action: 'deny' };
  });
}

/** The session-wide permission handlers: the console needs no camera, notifications, etc. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
