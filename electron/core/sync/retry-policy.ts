import { ConsoleError } from '../../../shared/contract/errors';
import { NexusApiError, NexusNetworkError } from '../nexus-client/nexus-api-error';
import { backoffMs } from './backoff';
import { EntryRejected } from './send-entry';

/** Why a sync cycle stops early, or waits before the next one. */
export type Stop =
  | { state: 'offline' | 'paused'; reason: string }
  | { state: 'retry'; reason: string; waitMs: number; deferOnly?: boolean };

export const SESSION_ENDED = 'Your session has ended. Sign in again to sync; your queued changes are kept.';

/** A wait this long is not spent inside the cycle: the entry is tried again by a later one. */
export const LONGEST_IN_CYCLE_WAIT_MS = 10_000;

/**
 * What a failure means for the cycle: the session ended (pause and keep the queue), the server
 * is unreachable (offline, probe with backoff), or it was transient (a timeout, 5xx, 429: retry
 * after its Retry-After or a backoff). null: none of these, a bug or a rejection.
 */
export function classifyFailure(error: unknown, needsReauth: boolean, maxDelayMs: number): Stop | null {
  if (needsReauth || (error instanceof ConsoleError && error.code === 'not_signed_in')) {
    return { state: 'paused', reason: SESSION_ENDED };
  }
  if (error instanceof NexusNetworkError) {
    return error.kind === 'unreachable'
      ? {
          state: 'offline',
          reason: 'The server cannot be reached. Changes wait in the outbox and sync when it is back.',
        }
      : {
          state: 'retry',
          reason: 'The server did not answer; trying again shortly.',
          waitMs: backoffMs(1, 1000, maxDelayMs),
        };
  }
  if (error instanceof NexusApiError && error.transient) {
    const waitMs =
      error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : backoffMs(1, 1000, maxDelayMs);
    return { state: 'retry', reason: 'The server is busy; trying again shortly.', waitMs };
  }
  return null;
}

/** A failure the admin must fix (shown as needing attention with this code and reason), or null. */
export function rejectionOf(error: unknown): { code: string; message: string } | null {
  if (error instanceof EntryRejected) return { code: error.code, message: error.message };
  if (error instanceof NexusApiError && !error.transient && error.status !== 401)
    return { code: error.code, message: error.detail };
  return null;
}

/** How long an entry waits before its next try: the server's Retry-After, else backoff. */
export function retryWaitMs(error: unknown, attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  return error instanceof NexusApiError && error.retryAfterSeconds !== undefined
    ? error.retryAfterSeconds * 1000
    : backoffMs(attempt, baseDelayMs, maxDelayMs);
}

/** A rate limit with a long wait (resend: once a minute) defers that entry alone, not the queue. */
export function defersOnlyThisEntry(error: unknown, waitMs: number): boolean {
  return error instanceof NexusApiError && error.status === 429 && waitMs > LONGEST_IN_CYCLE_WAIT_MS;
}
