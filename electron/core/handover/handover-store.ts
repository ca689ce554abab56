import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HandoverItem, HandoverList } from '../../../shared/contract/handover';
import type { CoreContext } from '../context';
import { notFound, notSignedIn } from '../errors';
import { isLocalId } from '../local-store/outbox-ids';
import { SecretBatch } from '../secrets/secret-batch';

/** The one keychain item (per account: the store is scoped) holding every held password. */
export const HANDOVER_ITEM = 'handover';
const HOUR_MS = 3600 * 1000;

/** One held password and who it is for: kept together in the keychain item, never in SQLite. */
const heldSchema = z.object({
  password: z.string().min(1),
  email: z.string(),
  name: z.string(),
  kind: z.enum(['create', 'change', 'resend_credentials']),
  account: z.string(),
  orgId: z.string(),
  memberId: z.string(),
  heldAt: z.string(),
});
export type HeldPassword = z.infer<typeof heldSchema>;
export type HoldRequest = Omit<HeldPassword, 'account' | 'orgId' | 'heldAt'> & { outboxId: string };

const parseHeld = (text: string): HeldPassword | null => {
  try {
    const parsed = heldSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/**
 * Temporary passwords held for a handover session. Held until the admin marks the person handed
 * over, ends the session, signs out, or `HandoverMaxHours` after they were held, whichever comes
 * first; at the latest the next time core looks (every minute, at start, at every command).
 * The activity log records each handover and each deletion, never the password.
 */
export class HandoverStore {
  private readonly batch: SecretBatch;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly maxHours: () => number,
  ) {
    this.batch = new SecretBatch(ctx.secrets, HANDOVER_ITEM);
  }

  /** Starts the minute timer that enforces the time limit while the console runs. */
  start(): void {
    this.timer = setInterval(() => void this.expire().catch(() => undefined), 60_000);
    this.timer.unref?.();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.batch.flush().catch(() => undefined);
  }

  /** Holds passwords for people of the signed-in account's org; resolves once the keychain has them. */
  async hold(requests: HoldRequest[]): Promise<void> {
    if (requests.length === 0) return;
    const { account, org } = this.ctx.session.requireOrg();
    const heldAt = this.ctx.now().toISOString();
    await this.batch.setMany(
      requests.map(({ outboxId, ...rest }) => [
        outboxId,
        JSON.stringify({ ...rest, account, orgId: org.id, heldAt } satisfies HeldPassword),
      ]),
    );
    await this.batch.flush();
    await this.announce();
  }

  private expiresAt(held: HeldPassword): Date {
    return new Date(Date.parse(held.heldAt) + this.maxHours() * HOUR_MS);
  }

  /** Everything held, parsed; unreadable entries are dropped. */
  private async all(): Promise<Map<string, HeldPassword>> {
    const out = new Map<string, HeldPassword>();
    for (const id of await this.batch.keys()) {
      const held = parseHeld((await this.batch.get(id)) ?? '');
      if (held) out.set(id, held);
      else await this.batch.delete(id);
    }
    return out;
  }

  /** Deletes what is past the time limit, or whose change was discarded. */
  async expire(): Promise<number> {
    const now = this.ctx.now().getTime();
    let expired = 0;
    for (const [id, held] of await this.all()) {
      const discarded = this.ctx.local.getOutbox(id) === null;
      if (!discarded && this.expiresAt(held).getTime() > now) continue;
      await this.batch.delete(id);
      this.audit(
        held,
        id,
        discarded ? 'handover.discarded' : 'handover.expired',
        discarded
          ? `Temporary password of ${held.email} no longer held: its change was discarded`
          : `Temporary password of ${held.email} deleted: not handed over within ${this.maxHours()} h`,
      );
      expired += 1;
    }
    if (expired > 0) {
      await this.batch.flush();
      await this.announce();
    }
    return expired;
  }

  private mine(held: HeldPassword): boolean {
    return held.account === this.ctx.session.accountKey && held.orgId === this.ctx.session.currentOrg()?.id;
  }

  async list(): Promise<HandoverList> {
    await this.expire();
    const items: HandoverItem[] = [];
    for (const [id, held] of await this.all()) if (this.mine(held)) items.push(this.item(id, held));
    items.sort((a, b) => a.heldAt.localeCompare(b.heldAt) || a.email.localeCompare(b.email));
    return {
      items,
      signInAddress: this.ctx.session.accountKey ? (await this.ctx.session.status()).serverUrl : null,
      maxHours: this.maxHours(),
    };
  }

  private item(id: string, held: HeldPassword): HandoverItem {
    const row = this.ctx.local.getOutbox(id);
    const memberId =
      row?.result_member_id ??
      (isLocalId(held.memberId) ? (this.ctx.local.resolveLocalId(held.memberId) ?? held.memberId) : held.memberId);
    const state = !row || row.state === 'done' ? 'onServer' : row.state === 'needs_attention' ? 'rejected' : 'queued';
    return {
      id,
      memberId,
      email: held.email,
      name: held.name,
      kind: held.kind,
      state,
      reason: state === 'rejected' ? (row?.last_error_message ?? null) : null,
      heldAt: held.heldAt,
      expiresAt: this.expiresAt(held).toISOString(),
    };
  }

  private async own(id: string): Promise<HeldPassword> {
    if (!this.ctx.session.accountKey) throw notSignedIn();
    await this.expire();
    const held = parseHeld((await this.batch.get(id)) ?? '');
    if (!held || !this.mine(held)) throw notFound('That held password');
    return held;
  }

  /** The one person's password, for the screen showing them. */
  async reveal(id: string): Promise<string> {
    const held = await this.own(id);
    this.ctx.logger.remember(held.password);
    return held.password;
  }

  async markHandedOver(id: string): Promise<void> {
    const held = await this.own(id);
    await this.batch.delete(id);
    await this.batch.flush();
    this.audit(held, id, 'handover', `Handed over the temporary password of ${held.email} to them`);
    this.ctx.logger.info('handed over', { outboxId: id });
    await this.announce();
  }

  /** **End handover**: every password of this account's org not handed over is deleted. */
  async end(): Promise<number> {
    if (!this.ctx.session.accountKey) throw notSignedIn();
    let deleted = 0;
    for (const [id, held] of await this.all()) {
      if (!this.mine(held)) continue;
      await this.batch.delete(id);
      this.audit(held, id, 'handover.ended', `Handover ended: the temporary password of ${held.email} was deleted`);
      deleted += 1;
    }
    await this.batch.flush();
    await this.announce();
    return deleted;
  }

  /** Sign-out: every held password goes, whichever org it was for. */
  async clearAll(): Promise<void> {
    for (const [id, held] of await this.all()) {
      this.audit(held, id, 'handover.ended', `Signed out: the temporary password of ${held.email} was deleted`);
    }
    await this.batch.clear();
    await this.batch.flush();
    this.ctx.bus.emit('handover.changed', { waiting: 0 });
  }

  async waiting(): Promise<number> {
    let count = 0;
    for (const held of (await this.all()).values()) if (this.mine(held)) count += 1;
    return count;
  }

  async announce(): Promise<void> {
    this.ctx.bus.emit('handover.changed', { waiting: await this.waiting() });
  }

  private audit(held: HeldPassword, outboxId: string, action: string, summary: string): void {
    this.ctx.local.addAudit({
      id: randomUUID(),
      account: held.account,
      orgId: held.orgId,
      memberId: this.item(outboxId, held).memberId,
      outboxId,
      at: this.ctx.now().toISOString(),
      action,
      summary,
      actorEmail: this.ctx.session.userEmail || held.account.split('|').at(-1) || '',
    });
  }
}
