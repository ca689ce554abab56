import type { CacheJobsOptions } from './cache/cache-jobs';
import type { CommandResult } from '../../shared/contract/errors';
import type { EventName, EventPayload } from '../../shared/contract/events';
import type { PolicyReading } from '../../shared/settings/resolve-settings';
import type { SecretStore } from './secrets/secret-store';
import type { SettingsService } from './settings/settings-service';

/**
 * What a shell (Electron main, the browser host, tests) gets from `createCore`.
 * `dispatch` never throws: bad input, unknown commands and failures come back as `{ ok: false }`.
 */
export interface Core {
  dispatch(command: string, input: unknown): Promise<CommandResult<unknown>>;
  /** Every event core emits; returns an unsubscribe function. */
  onEvent(listener: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void;
  /** Stops timers and sync, closes the cache. */
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Folder for cache.db and logs. */
  dataDir: string;
  secretStore: SecretStore;
  /** The Electron shell passes `net.fetch` (system proxy, PAC); elsewhere the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Suggested on the sign-in screen: the local sandbox, or a server set by policy. */
  defaultServerUrl?: string | null;
  /** Periodic sync interval; 0 turns periodic sync off (tests). */
  syncIntervalMs?: number;
  /**
   * How often an idle console asks whether the server still answers (sync/reachability-probe.ts);
   * 0: never. Default 2 s, or never when `syncIntervalMs` is 0 (tests), unless set.
   */
  reachabilityProbeMs?: number;
  /** Per-request timeout of the Nexus client. */
  requestTimeoutMs?: number;
  /** Where core writes its log lines (never secrets). Defaults to `<dataDir>/logs/core.log`. */
  log?: (line: string) => void;
  /** Hosts a lab may reach over plain http (see transport-policy.ts); none by default. */
  allowHttpHosts?: readonly string[];
  /** Injectable clock for tests of expiry and backoff. */
  now?: () => Date;
  // Settings, policies, logs and diagnostics (issue 15).
  /** What the shell's OS policy adapter read at start (registry, managed preferences, /etc file). */
  policies?: PolicyReading | null;
  /** The per-user log folder the OS expects (Electron's `app.getPath('logs')`); default `<dataDir>/logs`. */
  logDir?: string;
  /** Where **Export diagnostics** writes its zip; default `<dataDir>/diagnostics`. */
  diagnosticsDir?: string;
  /** App / Electron / Chrome versions for the diagnostics zip. */
  versions?: Record<string, string>;
  /** Several accounts (issue 15): one settings service shared by every account's core. */
  settingsService?: SettingsService;
  /** The cache worker (issue 16, cache/cache-jobs.ts): from how many members, where its script is. */
  cacheJobs?: CacheJobsOptions;
}
