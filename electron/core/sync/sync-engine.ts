import { ConsoleError } from '../../../shared/contract/errors';
import type { SyncStatus } from '../../../shared/contract/sync';
import type { CoreContext } from '../context';
import { holdCheckpoints, releaseCheckpoints } from '../cache/open-database';
import { toConsoleErrorShape } from '../errors';
import type { OutboxRow } from '../local-store/local-store';
import { applyOptimistic, isLocalId, revertOptimistic } from '../members/optimistic';
import { NexusApiError, NexusNetworkError } from '../nexus-client/nexus-api-error';
import { outboxSecretAccount } from '../secrets/secret-store';
import { backoffMs, sleep } from './backoff';
import { pullMembers } from './pull-members';
import { EntryRejected, sendEntry } from './send-entry';
import { announceSettled } from './settled';

export interface SyncEngineOptions {
  intervalMs: number;
  /** Tries of one entry within a cycle before it waits for a later cycle. */
  attemptsPerCycle?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const EMIT_EVERY_MS = 100;
const REJECTED = Symbol('rejected');
/**
 * A replay this long stops per-row FTS upkeep and rebuilds the index once at the end: FTS5
 * flushes a segment at each commit, ≈ 1.5 ms per sent entry at 100k members, while a rebuild
 * costs ≈ 4.5 µs per cached member (so it pays off above members / 300 entries).
 */
const MIN_ENTRIES_TO_DEFER_FTS = 50;
const MEMBERS_PER_ENTRY_TO_DEFER_FTS = 300;
/**
 * A replay this long holds SQLite's automatic checkpoints until it ends (see holdCheckpoints).
 * A power cut meanwhile can lose recent "done" marks: those entries are sent again with the same
 * Idempotency-Key and the server answers with what it already did, so exactly-once holds.
 */
const MIN_ENTRIES_FOR_BURST = 20;

type Stop =
  | { state: 'offline' | 'paused'; reason: string }
  | { state: 'retry'; reason: string; waitMs: number; deferOnly?: boolean };

/**
 * Push then pull, one cycle at a time. Entries go out in order; a transient failure stops the
 * cycle (order is kept) and schedules the next one with backoff; a rejection parks that entry as
 * needing attention and blocks only the entries behind it on the same member.
 */
export class SyncEngine {
  private state: SyncStatus['state'] = 'idle';
  private reason: string | null = null;
  private progress: SyncStatus['progress'] = null;
  private current: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private offlineStreak = 0;
  private closed = false;
  private emitTimer: NodeJS.Timeout | null = null;
  private lastEmitAt = -Infinity;
  private readonly attemptsPerCycle: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: SyncEngineOptions,
  ) {
    this.attemptsPerCycle = options.attemptsPerCycle ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  start(): void {
    if (this.options.intervalMs > 0) {
      this.interval = setInterval(() => void this.run(false), this.options.intervalMs);
      this.interval.unref();
    }
    void this.run(false);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.interval) clearInterval(this.interval);
    await this.current;
    if (this.emitTimer) clearTimeout(this.emitTimer);
  }

  status(): SyncStatus {
    const account = this.ctx.session.accountKey;
    // Counted in SQL: status() runs after every sent entry, and reading the whole queue each time made a long replay quadratic.
    const counts = account ? this.ctx.local.outboxCounts(account) : { queued: 0, needsAttention: 0 };
    let state = this.state;
    let reason = this.reason;
    if (this.ctx.session.needsReauth) {
      state = 'paused';
      reason = 'Your session has ended. Sign in again to sync; your queued changes are kept.';
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

  private emit(): void {
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
  private emitProgress(): void {
    const wait = this.lastEmitAt + EMIT_EVERY_MS - performance.now();
    if (wait <= 0) this.emit();
    else if (!this.emitTimer) {
      this.emitTimer = setTimeout(() => this.emit(), wait);
      this.emitTimer.unref();
    }
  }

  /** Soon, not now: several changes in a row share one cycle. */
  kick(): void {
    if (this.closed) return;
    // Offline, the backoff probe already scheduled finds the server again. A cycle per change
    // would only knock on a closed door and re-apply the whole overlay each time (quadratic).
    if (this.state === 'offline' && this.timer) return;
    setTimeout(() => void this.run(false), 10).unref();
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

  private schedule(waitMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(false);
    }, waitMs);
    this.timer.unref();
  }

  private async cycle(explicit: boolean): Promise<void> {
    const { session } = this.ctx;
    if (!session.signedIn) {
      this.state = 'idle';
      this.reason = null;
      this.emit();
      return;
    }
    if (session.needsReauth) {
      this.emit();
      return;
    }
    this.state = 'syncing';
    this.reason = null;
    this.emit();
    const open = this.ctx.local.outboxCounts(session.accountKey!).queued;
    this.ctx.logger.info('sync cycle', { explicit, open });
    // Covers the pull too: it brings back every member the replay wrote.
    const deferFts =
      open >= MIN_ENTRIES_TO_DEFER_FTS && open * MEMBERS_PER_ENTRY_TO_DEFER_FTS >= this.ctx.cache.memberCount();
    if (deferFts) this.ctx.cache.deferFts();
    const burst = open >= MIN_ENTRIES_FOR_BURST;
    if (burst) for (const db of [this.ctx.local.db, this.ctx.cache.db]) holdCheckpoints(db);
    let stop: Stop | null;
    try {
      stop = await this.push(explicit);
      if (!stop || (stop.state === 'retry' && stop.deferOnly)) {
        await session.loadMe();
        const org = session.currentOrg();
        if (org) {
          await pullMembers(this.ctx, org.id, (done) => {
            this.progress = { done, total: 0 };
          });
        }
      }
    } catch (error) {
      stop = this.classify(error);
      if (!stop) this.ctx.logger.error('sync cycle failed', { error: toConsoleErrorShape(error) });
    } finally {
      this.progress = null;
      if (deferFts) this.ctx.cache.resumeFts();
      this.reapplyOverlay();
      if (burst) for (const db of [this.ctx.local.db, this.ctx.cache.db]) releaseCheckpoints(db);
    }
    if (stop?.state === 'offline') {
      this.offlineStreak++;
      this.state = 'offline';
      this.reason = stop.reason;
      // Probe again with backoff: connectivity coming back triggers a full cycle.
      this.schedule(backoffMs(this.offlineStreak, 1000, this.maxDelayMs));
    } else if (stop?.state === 'paused') {
      this.state = 'paused';
      this.reason = stop.reason;
    } else if (stop?.state === 'retry') {
      this.offlineStreak = 0;
      this.state = 'idle';
      this.reason = stop.reason;
      this.schedule(stop.waitMs);
    } else {
      this.offlineStreak = 0;
      this.state = 'idle';
      this.reason = null;
    }
    this.ctx.notifyChanged(session.currentOrg()?.id ?? null);
    this.emit();
  }

  private classify(error: unknown): Stop | null {
    if (this.ctx.session.needsReauth || (error instanceof ConsoleError && error.code === 'not_signed_in')) {
      return {
        state: 'paused',
        reason: 'Your session has ended. Sign in again to sync; your queued changes are kept.',
      };
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
            waitMs: backoffMs(1, 1000, this.maxDelayMs),
          };
    }
    if (error instanceof NexusApiError && error.transient) {
      const waitMs =
        error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : backoffMs(1, 1000, this.maxDelayMs);
      return { state: 'retry', reason: 'The server is busy; trying again shortly.', waitMs };
    }
    return null;
  }

  /** Re-shows every queued change over whatever the server sent. */
  private reapplyOverlay(): void {
    const account = this.ctx.session.accountKey;
    if (!account) return;
    // One transaction for the whole overlay: a commit per row made each cycle O(queued) commits.
    this.ctx.cache.db.transaction(() => {
      for (const row of this.ctx.local.openOutbox(account)) {
        try {
          applyOptimistic(this.ctx.cache, row);
        } catch {
          // A row that cannot be shown stays in the outbox list.
        }
      }
    })();
  }

  private async push(explicit: boolean): Promise<Stop | null> {
    const account = this.ctx.session.accountKey!;
    const ids = this.ctx.local.openOutbox(account).map((row) => row.id);
    const blocked = new Set<string>();
    let deferred: number | null = null;
    let done = 0;
    for (const id of ids) {
      const row = this.ctx.local.getOutbox(id);
      if (!row || row.state === 'done') continue;
      this.progress = { done, total: ids.length };
      const memberKey = row.member_id;
      if (row.state === 'needs_attention') {
        if (memberKey) blocked.add(memberKey);
        if (row.kind === 'invite' || row.kind === 'create') blocked.add(`local:${row.id}`);
        continue;
      }
      // Waits for the change it depends on: the create of a local row, or a rejected change on the same member.
      if ((memberKey && blocked.has(memberKey)) || (memberKey && isLocalId(memberKey))) {
        if (memberKey) blocked.add(memberKey);
        continue;
      }
      this.ctx.logger.info('sending', { outboxId: row.id, kind: row.kind, state: row.state });
      if (!explicit && row.next_attempt_at && Date.parse(row.next_attempt_at) > this.ctx.now().getTime()) {
        return {
          state: 'retry',
          reason: 'Waiting before trying again.',
          waitMs: Date.parse(row.next_attempt_at) - this.ctx.now().getTime(),
        };
      }
      const stop = await this.sendWithRetries(row);
      if (stop && stop !== REJECTED && stop.state === 'retry' && stop.deferOnly) {
        // Rate-limited for this one entry (e.g. resend at most once a minute): it waits, the
        // entries behind it that do not touch the same member go on.
        if (memberKey) blocked.add(memberKey);
        deferred = deferred === null ? stop.waitMs : Math.min(deferred, stop.waitMs);
        const waiting = this.ctx.local.getOutbox(row.id);
        if (waiting?.last_error_code)
          announceSettled(this.ctx, row, 'waiting', {
            code: waiting.last_error_code,
            message: waiting.last_error_message ?? '',
          });
        continue;
      }
      if (stop === REJECTED) {
        if (memberKey) blocked.add(memberKey);
        if (row.kind === 'invite' || row.kind === 'create') blocked.add(`local:${row.id}`);
      } else if (stop) return stop;
      done++;
      this.emitProgress();
    }
    return deferred === null
      ? null
      : {
          state: 'retry',
          reason: 'Some changes wait before they can be sent again.',
          waitMs: deferred,
          deferOnly: true,
        };
  }

  /** null: sent; REJECTED: parked as needing attention; else why the cycle stops or waits. */
  private async sendWithRetries(row: OutboxRow): Promise<Stop | typeof REJECTED | null> {
    const { local } = this.ctx;
    for (let attempt = 1; ; attempt++) {
      const sending = {
        state: 'sending' as const,
        attempts: row.attempts + attempt,
        updated_at: this.ctx.now().toISOString(),
      };
      local.updateOutbox(row.id, sending);
      try {
        // What getOutbox would read back now, without the read (an earlier attempt may have
        // rebased the idempotency key, so that one is read).
        const current = attempt === 1 ? { ...row, ...sending } : local.getOutbox(row.id);
        // Discarded while it waited between attempts.
        if (!current) return null;
        await sendEntry(this.ctx, current);
        await this.finish(row);
        return null;
      } catch (error) {
        const rejected = this.rejection(error);
        if (rejected) {
          local.updateOutbox(row.id, {
            state: 'needs_attention',
            last_error_code: rejected.code,
            last_error_message: rejected.message,
            next_attempt_at: null,
            updated_at: this.ctx.now().toISOString(),
          });
          this.ctx.logger.warn('change rejected', { outboxId: row.id, kind: row.kind, code: rejected.code });
          // The row goes back to what the server has, marked refused: never the refused wish.
          if (row.kind !== 'invite' && row.kind !== 'create') revertOptimistic(this.ctx.cache, row);
          announceSettled(this.ctx, row, 'refused', rejected);
          return REJECTED;
        }
        const stop = this.classify(error);
        if (!stop) {
          local.updateOutbox(row.id, { state: 'queued' });
          throw error;
        }
        const shape = toConsoleErrorShape(error);
        const retryable = stop.state === 'retry' && attempt < this.attemptsPerCycle;
        const waitMs =
          error instanceof NexusApiError && error.retryAfterSeconds !== undefined
            ? error.retryAfterSeconds * 1000
            : backoffMs(attempt, this.baseDelayMs, this.maxDelayMs);
        local.updateOutbox(row.id, {
          state: 'queued',
          last_error_code: shape.code,
          last_error_message: shape.message,
          next_attempt_at: stop.state === 'retry' ? new Date(this.ctx.now().getTime() + waitMs).toISOString() : null,
        });
        const rateLimited = error instanceof NexusApiError && error.status === 429;
        if (!retryable || waitMs > 10_000)
          return stop.state === 'retry' ? { ...stop, waitMs, deferOnly: rateLimited && waitMs > 10_000 } : stop;
        await sleep(waitMs);
        if (this.closed) return stop.state === 'retry' ? { ...stop, waitMs } : stop;
      }
    }
  }

  private rejection(error: unknown): { code: string; message: string } | null {
    if (error instanceof EntryRejected) return { code: error.code, message: error.message };
    if (error instanceof NexusApiError && !error.transient && error.status !== 401)
      return { code: error.code, message: error.detail };
    return null;
  }

  /** The server has it: the entry is done and its temporary password leaves the keychain. */
  private async finish(row: OutboxRow): Promise<void> {
    this.ctx.local.updateOutbox(row.id, {
      state: 'done',
      has_secret: 0,
      last_error_code: null,
      last_error_message: null,
      next_attempt_at: null,
      updated_at: this.ctx.now().toISOString(),
    });
    if (row.has_secret) {
      await this.ctx.secrets.delete(outboxSecretAccount(row.id)).catch(() => {
        this.ctx.logger.warn('could not delete a sent temporary password from the keychain', { outboxId: row.id });
      });
    }
    this.ctx.logger.info('change synced', { outboxId: row.id, kind: row.kind });
    announceSettled(this.ctx, row, 'done');
  }
}
