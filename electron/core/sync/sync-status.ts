import type { SyncStatus } from '../../../shared/contract/sync';
import type { CoreContext } from '../context';
import { SESSION_ENDED } from './retry-policy';

const EMIT_EVERY_MS = 100;

/**
 * The sync engine's state as the shells see it (`sync.status` and its event), and the throttle
 * on progress events during a long replay.
 */
export class SyncStatusReporter {
  state: SyncStatus['state'] = 'idle';
  reason: string | null = null;
  progress: SyncStatus['progress'] = null;
  private emitTimer: NodeJS.Timeout | null = null;
  private lastEmitAt = -Infinity;

  constructor(private readonly ctx: CoreContext) {}

  set(state: SyncStatus['state'], reason: string | null): void {
    this.state = state;
    this.reason = reason;
  }

  status(): SyncStatus {
    const account = this.ctx.session.accountKey;
    // Counted in SQL: status() runs after every sent entry, and reading the whole queue each time made a long replay quadratic.
    const counts = account ? this.ctx.local.outboxCounts(account) : { queued: 0, needsAttention: 0 };
    let state = this.state;
    let reason = this.reason;
    if (this.ctx.session.needsReauth) {
      state = 'paused';
      reason = SESSION_ENDED;
    }
    const org = this.ctx.session.currentOrg();
    return {
      state,
      lastSyncedAt: org ? this.ctx.cache.syncState(org.id).lastSyncedAt : null,
      queued: counts.queued,
      needsAttention: counts.needsAttention,
      progress: this.progress,
      reason,
    };
  }

  emit(): void {
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.lastEmitAt = performance.now();
    this.ctx.bus.emit('sync.status', this.status());
  }

  /**
   * Progress during a replay: at most one status event per EMIT_EVERY_MS (each counts the
   * outbox in SQL and crosses IPC); the last one is sent when the interval is up, and the cycle
   * ends with an immediate emit() anyway.
   */
  emitProgress(): void {
    const wait = this.lastEmitAt + EMIT_EVERY_MS - performance.now();
    if (wait <= 0) this.emit();
    else if (!this.emitTimer) {
      this.emitTimer = setTimeout(() => this.emit(), wait);
      this.emitTimer.unref();
    }
  }

  close(): void {
    if (this.emitTimer) clearTimeout(this.emitTimer);
  }
}
