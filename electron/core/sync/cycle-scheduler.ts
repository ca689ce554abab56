/**
 * When sync cycles run: one at a time, on an interval, soon after a change (`kick`), after a
 * wait (`schedule`, for backoff and Retry-After) or now (`run`). Knows nothing of what a cycle
 * does.
 */
export class CycleScheduler {
  private current: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly cycle: (explicit: boolean) => Promise<void>) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** A cycle is already scheduled after a wait. */
  get waiting(): boolean {
    return this.timer !== null;
  }

  start(intervalMs: number): void {
    if (intervalMs > 0) {
      this.interval = setInterval(() => void this.run(false), intervalMs);
      this.interval.unref();
    }
    void this.run(false);
  }

  /** Stops the timers and waits for the cycle in progress. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.interval) clearInterval(this.interval);
    await this.current;
  }

  /**
   * Runs a cycle after the one in progress (if any); concurrent callers share the queued one.
   * `explicit` (sync.now) ignores the backoff wait of entries.
   */
  run(explicit: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.queued) return this.queued;
    const next = this.current.then(() => {
      this.queued = null;
      return this.closed ? undefined : this.cycle(explicit);
    });
    this.queued = next;
    this.current = next.catch(() => undefined);
    return next;
  }

  /** Soon, not now: several changes in a row share one cycle. */
  soon(): void {
    if (this.closed) return;
    setTimeout(() => void this.run(false), 10).unref();
  }

  /** One cycle after `waitMs`, replacing any earlier wait. */
  schedule(waitMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(false);
    }, waitMs);
    this.timer.unref();
  }
}
