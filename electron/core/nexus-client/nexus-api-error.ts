/**
 * What the Nexus client throws. Callers branch on the class and `code`, never on text:
 * - `NexusApiError`: the server answered with a problem document (or a non-2xx without one).
 * - `NexusNetworkError`: no answer at all; `offline` when the server could not be reached
 *   (refused, DNS), otherwise the connection broke or timed out mid-request.
 * - `NexusResponseError`: the server answered 2xx with a body that does not match the schema.
 */
export class NexusApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly retryAfterSeconds: number | undefined;
  readonly fields: { path: string; message: string }[] | undefined;
  /** The raw problem body: `already_invited` and `version_mismatch` carry the current member. */
  readonly body: Record<string, unknown> | undefined;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    retryAfterSeconds?: number | undefined;
    fields?: { path: string; message: string }[] | undefined;
    body?: Record<string, unknown> | undefined;
  }) {
    super(init.detail);
    this.name = 'NexusApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.fields = init.fields;
    this.body = init.body;
  }

  /** Worth sending again with the same Idempotency-Key. */
  get transient(): boolean {
    return this.status >= 500 || this.status === 429 || this.code === 'idempotency_in_progress';
  }
}

export class NexusNetworkError extends Error {
  readonly kind: 'unreachable' | 'timeout' | 'broken';
  constructor(kind: 'unreachable' | 'timeout' | 'broken', message: string) {
    super(message);
    this.name = 'NexusNetworkError';
    this.kind = kind;
  }
}

export class NexusResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NexusResponseError';
  }
}

/** Retry-After in seconds, from either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
