import type { CoreContext } from '../context';
import { outboxSecretAccount } from '../secrets/secret-store';

/** Why a queued change has no temporary password any more, and what to do about it. */
export async function lostSecretMessage(ctx: CoreContext): Promise<string> {
  const status = await ctx.secrets.status().catch(() => null);
  return status?.state === 'memoryOnly'
    ? 'Its temporary password was kept only in memory (this computer has no keychain) and the console closed before it was sent. Edit it to set a new password.'
    : 'Its temporary password is no longer in the keychain. Edit it to set a new password.';
}

/**
 * At start: a queued change whose temporary password did not survive (held in memory by a
 * console that has since closed) shows at once under Pending changes as needing a new password,
 * instead of waiting for a sync to find out. A keychain that cannot be read now (locked) proves
 * nothing, so those entries are left alone.
 */
export async function flagLostSecrets(ctx: CoreContext): Promise<number> {
  let flagged = 0;
  for (const row of ctx.local.openOutbox()) {
    if (!row.has_secret || row.last_error_code === 'secret_missing') continue;
    let secret: string | null;
    try {
      secret = await ctx.secrets.get(outboxSecretAccount(row.id));
    } catch {
      return flagged;
    }
    if (secret !== null) continue;
    ctx.local.updateOutbox(row.id, {
      state: 'needs_attention',
      last_error_code: 'secret_missing',
      last_error_message: await lostSecretMessage(ctx),
      next_attempt_at: null,
      updated_at: ctx.now().toISOString(),
    });
    flagged++;
  }
  if (flagged > 0) ctx.logger.warn('queued changes lost their temporary password', { flagged });
  return flagged;
}
