import type { SyncStatus } from '../../../shared/contract/sync';
import type { CoreContext } from '../context';
import { toConsoleErrorShape } from '../errors';
import { reapplyOutbox } from '../members/optimistic';
import { backoffMs } from './backoff';
import { CycleScheduler } from './cycle-scheduler';
import { pullMembers } from './pull-members';
import { ReachabilityProbe } from './reachability-probe';
import { OutboxPusher } from './push-outbox';
import { tuneForReplay } from './replay-tuning';
import { classifyFailure, type Stop } from './retry-policy';
import { SyncStatusReporter } from './sync-status';

export interface SyncEngineOptions {
  intervalMs: number;
  /** Tries of one entry within a cycle before it waits for a later cycle. */
  attemptsPerCycle?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often an idle engine asks whether the server still answers; 0: never (issue 17). */
  probeIntervalMs?: number;
}

/**
 * The longest wait between two tries while offline. Each try is one request that fails fast,
 * and the server coming back must not wait long: queued changes go within seconds (issue 17;
 * before, the wait doubled up to 30 s and changes waited ≈ 18 s after the server was back).
 */
export const OFFLINE_RETRY_MAX_MS = 3000;

/**
 * Push then pull, one cycle at a time. The parts, each readable alone: `cycle-scheduler.ts`
 * (when cycles run), `push-outbox.ts` (sending in order, with `outbox-plan.ts`'s dependencies),
 * `retry-policy.ts` (what a failure means), `replay-tuning.ts` (SQLite speed-ups for long
 * replays), `sync-status.ts` (the status the shells see), `pull-members.ts` (the delta pull).
 */
export class SyncEngine {
  // A cycle is a write session of cache.db: the import's FTS job waits for it to end, and it
  // awaits its own (cache/cache-jobs.ts), so its writes never meet the cache worker's.
  private readonly scheduler = new CycleScheduler((explicit) =>
    this.ctx.cache.writeSession(() => this.cycle(explicit)),
  );
  private readonly reporter: SyncStatusReporter;
  private readonly pusher: OutboxPusher;
  private readonly maxDelayMs: number;
  private offlineStreak = 0;
  private readonly probe: ReachabilityProbe;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: SyncEngineOptions,
  ) {
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.reporter = new SyncStatusReporter(ctx);
    this.pusher = new OutboxPusher(
      ctx,
      this.reporter,
      {
        attemptsPerCycle: options.attemptsPerCycle ?? 4,
        baseDelayMs: options.baseDelayMs ?? 250,
        maxDelayMs: this.maxDelayMs,
      },
      () => this.scheduler.isClosed,
    );
    this.probe = new ReachabilityProbe(
      options.probeIntervalMs ?? 0,
      () => this.probeTarget(),
      () => this.serverLost(),
    );
  }

  start(): void {
    this.scheduler.start(this.options.intervalMs);
    this.probe.start();
  }

  async close(): Promise<void> {
    this.probe.stop();
    await this.scheduler.close();
    this.reporter.close();
  }

  status(): SyncStatus {
    return this.reporter.status();
  }

  /** Soon, not now: several changes in a row share one cycle. */
  kick(): void {
    // Offline, the backoff probe already scheduled finds the server again. A cycle per change
    // would only knock on a closed door and re-apply the whole overlay each time (quadratic).
    if (this.reporter.state === 'offline' && this.scheduler.waiting) return;
    this.scheduler.soon();
  }

  /** A cycle after the one in progress; `explicit` (sync.now) ignores the backoff wait of entries. */
  run(explicit: boolean): Promise<void> {
    return this.scheduler.run(explicit);
  }

  private async cycle(explicit: boolean): Promise<void> {
    const { session } = this.ctx;
    if (!session.signedIn) {
      this.reporter.set('idle', null);
      this.reporter.emit();
      return;
    }
    if (session.needsReauth) {
      this.reporter.emit();
      return;
    }
    this.reporter.set('syncing', null);
    this.reporter.emit();
    const open = this.ctx.local.outboxCounts(session.accountKey!).queued;
    this.ctx.logger.info('sync cycle', { explicit, open });
    const tuning = tuneForReplay(this.ctx, open);
    let stop: Stop | null;
    let pulled = 0;
    this.pusher.sent = 0;
    try {
      stop = await this.pusher.push(explicit, tuning.sent);
      if (!stop || (stop.state === 'retry' && stop.deferOnly)) {
        await session.loadMe();
        const org = session.currentOrg();
        if (org) {
          await pullMembers(this.ctx, org.id, (done) => {
            pulled = done;
            this.reporter.progress = { done, total: 0 };
          });
        }
      }
    } catch (error) {
      stop = classifyFailure(error, session.needsReauth, this.maxDelayMs);
      if (!stop) this.ctx.logger.error('sync cycle failed', { error: toConsoleErrorShape(error) });
    } finally {
      this.reporter.progress = null;
      await tuning
        .undo()
        .catch((error: unknown) =>
          this.ctx.logger.error('index rebuild after a replay failed', { error: toConsoleErrorShape(error) }),
        );
      // Only server data can hide a queued change: a cycle that wrote none (offline, or every
      // entry held) leaves the overlay as it was queued. Re-applying it anyway cost O(queued)
      // after every change (≈ 110 ms per queued change with 1,000 open).
      if (pulled > 0 || this.pusher.sent > 0) this.reapplyOverlay();
    }
    this.settle(stop);
    this.ctx.notifyChanged(session.currentOrg()?.id ?? null);
    this.reporter.emit();
  }

  /** Only an idle, signed-in engine is watched: a cycle in progress finds out for itself. */
  private probeTarget(): { reachable(timeoutMs: number): Promise<boolean> } | null {
    const { session } = this.ctx;
    const serverUrl = session.serverUrl;
    if (!serverUrl || session.needsReauth || this.reporter.state !== 'idle' || this.scheduler.isClosed) return null;
    return session.client(serverUrl);
  }

  /** The probe found no server: say so now, and try again as while offline. */
  private serverLost(): void {
    if (this.reporter.state !== 'idle' || this.scheduler.isClosed) return;
    this.ctx.logger.info('sync: the server stopped answering');
    this.settle({
      state: 'offline',
      reason: 'The server cannot be reached. Changes wait in the outbox and sync when it is back.',
    });
    this.reporter.emit();
  }

  /** The state a cycle leaves, and when the next one runs. */
  private settle(stop: Stop | null): void {
    if (stop?.state === 'offline') {
      this.offlineStreak++;
      this.reporter.set('offline', stop.reason);
      // Probe again with backoff: connectivity coming back triggers a full cycle.
      this.scheduler.schedule(backoffMs(this.offlineStreak, 1000, Math.min(this.maxDelayMs, OFFLINE_RETRY_MAX_MS)));
    } else if (stop?.state === 'paused') {
      this.reporter.set('paused', stop.reason);
    } else if (stop?.state === 'retry') {
      this.offlineStreak = 0;
      this.reporter.set('idle', stop.reason);
      this.scheduler.schedule(stop.waitMs);
    } else {
      this.offlineStreak = 0;
      this.reporter.set('idle', null);
    }
  }

  /** Re-shows every queued change over whatever the server sent. */
  private reapplyOverlay(): void {
    const account = this.ctx.session.accountKey;
    if (account) reapplyOutbox(this.ctx.cache, this.ctx.local.openOutbox(account));
  }
}
