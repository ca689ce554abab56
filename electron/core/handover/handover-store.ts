import { randomUUID } from 'node:crypto';
import type { HandoverItem, HandoverList } from '../../../shared/contract/handover';
import type { CoreContext } from '../context';
import { notFound, notSignedIn } from '../errors';
import { isLocalId } from '../local-store/outbox-ids';
import { SecretBatch } from '../secrets/secret-batch';
import { parseHeld, type HeldPassword, type HoldRequest } from './held-password';

/** The one keychain item (per account: the store is scoped) holding every held password. */
export const HANDOVER_ITEM = 'handover';
const HOUR_MS = 3600 * 1000;

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

  /**
   * Holds passwords for people of the signed-in account's org; resolves once the keychain has them.
   * Refused (the keychain would not write): nothing of this request stays held, not even in memory
   * for a later write, so "not held" is true; the caller says so to the admin.
   */
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
    try {
      await this.batch.flush();
    } catch (error) {
      for (const { outboxId } of requests) await this.batch.delete(outboxId);
      throw error;
    }
    await this.announce();
  }

  /**
   * `outbox.edit` fixed a held entry: the held copy follows it, so the handover hands over what the
   * server will have. A new password is held anew (its time limit starts now); a create turned
   * into an invite needs none, so its copy goes. Answers whether a new password is held (`false`:
   * the keychain refused it, and the old copy was dropped, never handed over), or `undefined` when
   * there is nothing for the admin to hear. Never throws: the edit is already saved.
   */
  async followEdit(
    id: string,
    changes: { email?: string; name?: string; temporaryPassword?: string; kind?: 'invite' },
  ): Promise<boolean | undefined> {
    const { email, name, temporaryPassword, kind } = changes;
    // A new role changes nothing that is held.
    if (email === undefined && name === undefined && temporaryPassword === undefined && kind === undefined)
      return undefined;
    try {
      const held = parseHeld((await this.batch.get(id)) ?? '');
      if (!held) return undefined;
      if (changes.kind === 'invite') {
        await this.drop(
          id,
          held,
          'handover.discarded',
          `Temporary password of ${held.email} no longer held: the change became an invite`,
        );
        return undefined;
      }
      const newPassword = changes.temporaryPassword;
      const next: HeldPassword = {
        ...held,
        email: changes.email ?? held.email,
        name: changes.name ?? held.name,
        ...(newPassword !== undefined ? { password: newPassword, heldAt: this.ctx.now().toISOString() } : {}),
      };
      await this.batch.setMany([[id, JSON.stringify(next)]]);
      try {
        await this.batch.flush();
      } catch (error) {
        this.ctx.logger.warn('the keychain refused the edited handover copy', { outboxId: id, error: String(error) });
        // An unchanged password is still the right one, kept in memory and written again later.
        if (newPassword === undefined) return undefined;
        await this.drop(
          id,
          next,
          'handover.discarded',
          `Temporary password of ${held.email} no longer held: the keychain refused the new one`,
        );
        return false;
      }
      await this.announce();
      return newPassword === undefined ? undefined : true;
    } catch (error) {
      this.ctx.logger.warn('the handover copy could not follow an edit', { outboxId: id, error: String(error) });
      return changes.temporaryPassword === undefined ? undefined : false;
    }
  }

  /** One held password goes (from memory at once, from the keychain when it lets us), logged. */
  private async drop(id: string, held: HeldPassword, action: string, summary: string): Promise<void> {
    await this.batch.delete(id);
    await this.batch.flush().catch(() => undefined);
    this.audit(held, id, action, summary);
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

  /** Deletes what is past the time limit, or whose change was discarded; how many went. */
  async expire(): Promise<number> {
    return (await this.sweep()).expired;
  }

  /**
   * Reads every held password once, deletes what is past the time limit or whose change was
   * discarded, and gives the rest: what list() and own() work from, without reading them again.
   */
  private async sweep(): Promise<{ kept: Map<string, HeldPassword>; expired: number }> {
    const now = this.ctx.now().getTime();
    const kept = await this.all();
    let expired = 0;
    for (const [id, held] of kept) {
      const discarded = this.ctx.local.getOutbox(id) === null;
      if (!discarded && this.expiresAt(held).getTime() > now) continue;
      kept.delete(id);
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
      this.announceFrom(kept);
    }
    return { kept, expired };
  }

  private mine(held: HeldPassword): boolean {
    return held.account === this.ctx.session.accountKey && held.orgId === this.ctx.session.currentOrg()?.id;
  }

  async list(): Promise<HandoverList> {
    const items: HandoverItem[] = [];
    for (const [id, held] of (await this.sweep()).kept) if (this.mine(held)) items.push(this.item(id, held));
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
    const held = (await this.sweep()).kept.get(id);
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
    return this.waitingIn(await this.all());
  }

  private waitingIn(held: Map<string, HeldPassword>): number {
    let count = 0;
    for (const one of held.values()) if (this.mine(one)) count += 1;
    return count;
  }

  async announce(): Promise<void> {
    this.announceFrom(await this.all());
  }

  private announceFrom(held: Map<string, HeldPassword>): void {
    this.ctx.bus.emit('handover.changed', { waiting: this.waitingIn(held) });
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
