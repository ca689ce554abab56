import { monitorEventLoopDelay } from 'node:perf_hooks';

type IntervalHistogram = ReturnType<typeof monitorEventLoopDelay>;

/**
 * The longest event-loop stall while some work runs, by perf_hooks.monitorEventLoopDelay at 1 ms
 * resolution: a timer that should fire every millisecond records how late it was. In the bench,
 * core, the sandbox and the measuring code share one process and one main thread, so a stall is
 * any of them (the sandbox's share is small: one page of JSON per request). On a busy machine an
 * OS deschedule shows up as a stall too; compare runs at a known load.
 */
export class StallWatch {
  private histogram: IntervalHistogram | null = null;
  readonly maxima: number[] = [];

  /**
   * The histogram's first tick only sets its baseline: a stall before it would go unrecorded, so
   * the watch waits for a few ticks before the work starts.
   */
  async start(): Promise<void> {
    this.histogram = monitorEventLoopDelay({ resolution: 1 });
    this.histogram.enable();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Ends one watched span; returns its longest stall in ms (≥ the 1 ms resolution). */
  stop(): number {
    const histogram = this.histogram;
    if (!histogram) throw new Error('StallWatch.stop without start');
    histogram.disable();
    this.histogram = null;
    // No sample at all (the span ended within one tick): the resolution is the honest bound.
    const ms = histogram.count > 0 ? histogram.max / 1e6 : 1;
    this.maxima.push(ms);
    return ms;
  }

  async around<T>(work: () => Promise<T>): Promise<T> {
    await this.start();
    try {
      return await work();
    } finally {
      this.stop();
    }
  }
}
