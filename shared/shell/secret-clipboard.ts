/**
 * The clipboard rule both shells follow for secrets (temporary passwords): write the text, then
 * clear it after a delay — but only if the clipboard still holds exactly what we wrote, so
 * whatever the admin copied since is never wiped. Free of Electron and of the DOM: the clipboard
 * and the timers are injected (Electron's `clipboard` in main, `navigator.clipboard` in the
 * browser bridge, a fake in tests).
 */
export interface ClipboardPort {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
  /**
   * Writes a secret with the markers that keep it out of clipboard history and managers, in one
   * atomic write (the Electron shell: `electron/main/secret-clipboard-item.ts`). Without it the
   * secret is written as plain text (the browser host cannot set OS clipboard formats).
   */
  writeSecret?(text: string): void | Promise<void>;
}

export interface TimerPort {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SecretClipboardOptions {
  clipboard: ClipboardPort;
  timers?: TimerPort;
  now?: () => Date;
  defaultClearAfterMs?: number;
  /** Called after the clipboard was cleared (not when it was left alone because it changed). */
  onCleared?: (at: Date) => void;
}

export interface SecretClipboard {
  /** Writes `text` and schedules the clear; a newer copy replaces the pending one. */
  copy(text: string, clearAfterMs?: number): Promise<{ clearsAt: string }>;
  /** Clears now if the clipboard still holds our secret (app quit, window closed). */
  flush(): Promise<boolean>;
  /** Forgets the pending clear without touching the clipboard. */
  dispose(): void;
}

export const DEFAULT_SECRET_CLEAR_MS = 30_000;

/** Both shells clear a pending secret when the admin signs out (and when the app quits). */
export function isSignOutEvent(event: string, payload: unknown): boolean {
  return event === 'session.changed' && (payload as { state?: unknown } | null)?.state === 'signedOut';
}

const defaultTimers: TimerPort = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export function createSecretClipboard(options: SecretClipboardOptions): SecretClipboard {
  const timers = options.timers ?? defaultTimers;
  const now = options.now ?? (() => new Date());
  const defaultMs = options.defaultClearAfterMs ?? DEFAULT_SECRET_CLEAR_MS;
  // The secret lives here only while a clear is pending; it is needed to compare.
  let pending: { text: string; handle: unknown } | null = null;

  async function clearIfUnchanged(text: string): Promise<boolean> {
    let current: string;
    try {
      current = await options.clipboard.readText();
    } catch {
      // Cannot tell what the clipboard holds: leaving it alone is the only safe choice.
      return false;
    }
    if (current !== text) return false;
    await options.clipboard.writeText('');
    options.onCleared?.(now());
    return true;
  }

  function cancelPending(): void {
    if (pending) timers.clearTimeout(pending.handle);
    pending = null;
  }

  return {
    async copy(text, clearAfterMs) {
      cancelPending();
      if (options.clipboard.writeSecret) await options.clipboard.writeSecret(text);
      else await options.clipboard.writeText(text);
      const delay = clearAfterMs ?? defaultMs;
      const entry = {
        text,
        handle: timers.setTimeout(() => {
          if (pending !== entry) return;
          pending = null;
          void clearIfUnchanged(text).catch(() => undefined);
        }, delay),
      };
      pending = entry;
      return { clearsAt: new Date(now().getTime() + delay).toISOString() };
    },
    async flush() {
      if (!pending) return false;
      const { text } = pending;
      cancelPending();
      return clearIfUnchanged(text);
    },
    dispose: cancelPending,
  };
}
