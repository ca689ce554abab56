/** Often enough that "Synced just now" turns to "Offline" within 5 s of the server going away. */
export const REACHABILITY_PROBE_MS = 2000;

/**
 * While sync is idle, asks every `everyMs` whether the server still answers (one token-less
 * request, `NexusClient.reachable`), so the header stops saying "Synced just now" within
 * seconds of the server going away instead of at the next sync (a minute later, or never with
 * periodic sync off). It only watches: going offline is the engine's business (`onLost`).
 */
export class ReachabilityProbe {
  private timer: NodeJS.Timeout | null = null;
  private probing = false;

  constructor(
    private readonly everyMs: number,
    /** The server to ask, or null when there is nothing to watch (signed out, offline, syncing). */
    private readonly target: () => { reachable(timeoutMs: number): Promise<boolean> } | null,
    private readonly onLost: () => void,
  ) {}

  start(): void {
    if (this.everyMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.probe(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    const client = this.target();
    if (!client) return;
    this.probing = true;
    try {
      // A probe that outlives the interval would overlap the next: it gives up first.
      if (!(await client.reachable(Math.max(500, this.everyMs - 250)))) this.onLost();
    } finally {
      this.probing = false;
    }
  }
}
