import type { CoreContext } from '../context';
import { toConsoleErrorShape } from '../errors';
import type { OutboxRow } from '../local-store/local-rows';
import { revertOptimistic } from '../members/optimistic';
import { outboxSecretAccount } from '../secrets/secret-store';
import { sleep } from './backoff';
import { OutboxPlan } from './outbox-plan';
import {
  classifyFailure,
  defersOnlyThisEntry,
  LONGEST_IN_CYCLE_WAIT_MS,
  rejectionOf,
  retryWaitMs,
  type Stop,
} from './retry-policy';
import { sendEntry, type SentEntry } from './send-entry';
import { announceSettled } from './settled';
import type { SyncStatusReporter } from './sync-status';

export interface PushOptions {
  /** Tries of one entry within a cycle before it waits for a later cycle. */
  attemptsPerCycle: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const REJECTED = Symbol('rejected');

/**
 * Sends the open outbox entries, oldest first, in the order and with the dependencies of
 * `OutboxPlan`. A transient failure is retried within the cycle with backoff, then stops the
 * cycle (order is kept); a rejection parks that entry as needing attention; a long rate limit
 * defers that entry alone.
 */
export class OutboxPusher {
  /** Entries the server took in the last push (their rows were rewritten from its answers). */
  sent = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly status: SyncStatusReporter,
    private readonly options: PushOptions,
    private readonly isClosed: () => boolean,
  ) {}

  /** null: everything that could go went; else why the cycle stops or waits. `onSent`: after each entry the server took. */
  async push(explicit: boolean, onSent: () => void = () => {}): Promise<Stop | null> {
    const account = this.ctx.session.accountKey!;
    // Ids only: parsing every open row for each cycle made a long queue cost per cycle.
    const ids = this.ctx.local.openOutboxIds(account);
    this.sent = 0;
    const plan = new OutboxPlan();
    let deferred: number | null = null;
    let done = 0;
    for (const id of ids) {
      // Read again: an invite/create sent earlier in this cycle remapped the entries on its row.
      const row = this.ctx.local.getOutbox(id);
      if (!row) continue;
      if (plan.decide(row).action !== 'send') continue;
      this.status.progress = { done, total: ids.length };
      this.ctx.logger.info('sending', { outboxId: row.id, kind: row.kind, state: row.state });
      const waitMs = row.next_attempt_at ? Date.parse(row.next_attempt_at) - this.ctx.now().getTime() : 0;
      if (!explicit && waitMs > 0) return { state: 'retry', reason: 'Waiting before trying again.', waitMs };
      const stop = await this.sendWithRetries(row);
      if (stop && stop !== REJECTED && stop.state === 'retry' && stop.deferOnly) {
        // Rate-limited for this one entry (e.g. resend at most once a minute): it waits, the
        // entries behind it that do not touch the same member go on.
        plan.hold(row);
        deferred = deferred === null ? stop.waitMs : Math.min(deferred, stop.waitMs);
        const waiting = this.ctx.local.getOutbox(row.id);
        if (waiting?.last_error_code)
          announceSettled(this.ctx, row, 'waiting', {
            code: waiting.last_error_code,
            message: waiting.last_error_message ?? '',
          });
        continue;
      }
      if (stop === REJECTED) plan.hold(row);
      else if (stop) return stop;
      else {
        this.sent++;
        onSent();
      }
      done++;
      this.status.emitProgress();
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
    const { attemptsPerCycle, baseDelayMs, maxDelayMs } = this.options;
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
        const sent = await this.ctx.logger.flow(() => sendEntry(this.ctx, current));
        await this.finish(row, sent);
        return null;
      } catch (error) {
        const rejected = rejectionOf(error);
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
        const stop = classifyFailure(error, this.ctx.session.needsReauth, maxDelayMs);
        if (!stop) {
          local.updateOutbox(row.id, { state: 'queued' });
          throw error;
        }
        const shape = toConsoleErrorShape(error);
        const retryable = stop.state === 'retry' && attempt < attemptsPerCycle;
        const waitMs = retryWaitMs(error, attempt, baseDelayMs, maxDelayMs);
        local.updateOutbox(row.id, {
          state: 'queued',
          // Attempts count only tries the server answered or failed (took, refused, busy, timed
          // out). Offline, the console probes every few seconds by design (issue 17): those
          // probes are not attempts at the change, and "133 attempts" after 5 minutes offline
          // alarmed without saying anything. The card says the server cannot be reached instead.
          ...(stop.state === 'offline' ? { attempts: row.attempts + attempt - 1 } : {}),
          last_error_code: shape.code,
          last_error_message: shape.message,
          next_attempt_at: stop.state === 'retry' ? new Date(this.ctx.now().getTime() + waitMs).toISOString() : null,
        });
        if (!retryable || waitMs > LONGEST_IN_CYCLE_WAIT_MS)
          return stop.state === 'retry' ? { ...stop, waitMs, deferOnly: defersOnlyThisEntry(error, waitMs) } : stop;
        await sleep(waitMs);
        if (this.isClosed()) return stop.state === 'retry' ? { ...stop, waitMs } : stop;
      }
    }
  }

  /**
   * The server has it: the entry is done, in the same local.db transaction as what its answer
   * changes there (SentEntry: the created member's id, the entries remapped to it), and its
   * temporary password leaves the keychain.
   */
  private async finish(row: OutboxRow, sent: SentEntry): Promise<void> {
    this.ctx.local.transaction(() => {
      sent.record?.();
      this.ctx.local.updateOutbox(row.id, {
        state: 'done',
        has_secret: 0,
        last_error_code: null,
        last_error_message: null,
        next_attempt_at: null,
        updated_at: this.ctx.now().toISOString(),
      });
    });
    if (row.has_secret) {
      await this.ctx.secrets.delete(outboxSecretAccount(row.id)).catch(() => {
        this.ctx.logger.warn('could not delete a sent temporary password from the keychain', { outboxId: row.id });
      });
    }
    this.ctx.logger.info('change synced', { outboxId: row.id, kind: row.kind });
    announceSettled(this.ctx, row, 'done', null, sent.resultMemberId);
  }
}
