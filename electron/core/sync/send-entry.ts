import type { Member } from '../../../shared/api';
import type { ErrorCode } from '../../../shared/contract/errors';
import type { CoreContext } from '../context';
import type { OutboxRow } from '../local-store/local-rows';
import { localMemberId } from '../local-store/outbox-ids';
import { NexusApiError } from '../nexus-client/nexus-api-error';
import { memberFromProblem } from '../nexus-client/nexus-client';
import { outboxSecretAccount } from '../secrets/secret-store';
import { lostSecretMessage } from './lost-secrets';

/** An entry the server cannot take as it stands: shown as needing attention, with the reason. */
export class EntryRejected extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

async function secretFor(ctx: CoreContext, row: OutboxRow): Promise<string> {
  const secret = await ctx.secrets.get(outboxSecretAccount(row.id));
  if (!secret) {
    throw new EntryRejected('secret_missing', await lostSecretMessage(ctx));
  }
  ctx.logger.remember(secret);
  return secret;
}

function cachedMember(ctx: CoreContext, row: OutboxRow): Member {
  const cached = row.member_id ? ctx.cache.getMember(row.member_id) : null;
  if (!cached || cached.local) throw new EntryRejected('member_gone', 'This member is no longer in the organisation.');
  return cached.member;
}

/**
 * What the server's answer changes in local.db besides the entry's own "done" mark: the engine
 * commits both in ONE local.db transaction (OutboxPusher.finish), so a crash leaves either the
 * entry still open (it is sent again with the same Idempotency-Key and the server answers with
 * what it already did) or everything recorded — and a replay pays one local.db commit per entry
 * for its result instead of two.
 */
export interface SentEntry {
  /** The member an invite or create made on the server (its `local:` row is replaced by it). */
  resultMemberId: string | null;
  /** local.db writes of the result, run inside the engine's transaction; null when none. */
  record: (() => void) | null;
}

const NOTHING_TO_RECORD: SentEntry = { resultMemberId: null, record: null };

/**
 * Sends one outbox entry with its Idempotency-Key and writes the server's answer into the cache.
 * Throws `EntryRejected` for a problem the admin must fix, or the client's errors for the engine
 * to classify (network, 5xx, 429, 401). Returns the local.db writes the answer calls for, which
 * the engine commits with the entry's "done" mark (SentEntry).
 */
export async function sendEntry(ctx: CoreContext, row: OutboxRow): Promise<SentEntry> {
  const org = row.org_id;
  const key = row.idempotency_key;
  const { session, cache, local } = ctx;
  switch (row.kind) {
    case 'invite':
    case 'create': {
      const member =
        row.kind === 'invite'
          ? await session.authed((client, token) =>
              client.invite(token, org, { email: row.email!, roleId: row.role_id! }, key),
            )
          : await (async () => {
              const password = await secretFor(ctx, row);
              return session.authed((client, token) =>
                client.createMember(
                  token,
                  org,
                  { email: row.email!, name: row.name!, roleId: row.role_id!, temporaryPassword: password },
                  key,
                ),
              );
            })();
      const localId = localMemberId(row.id);
      cache.transaction(() => {
        cache.deleteMember(localId);
        cache.upsertMember(org, member);
      });
      return {
        resultMemberId: member.id,
        record: () => {
          local.updateOutbox(row.id, { result_member_id: member.id });
          local.remapMember(localId, member.id);
        },
      };
    }
    case 'resendInvite': {
      const member = cachedMember(ctx, row);
      if (!member.invitation) throw new EntryRejected('invitation_gone', 'This invitation is no longer pending.');
      const invitationId = member.invitation.id;
      const updated = await session.authed((client, token) => client.resendInvite(token, org, invitationId, key));
      cache.upsertMember(org, updated);
      return NOTHING_TO_RECORD;
    }
    case 'cancelInvite': {
      const member = cachedMember(ctx, row);
      if (!member.invitation) throw new EntryRejected('invitation_gone', 'This invitation is no longer pending.');
      const invitationId = member.invitation.id;
      await session.authed((client, token) => client.cancelInvite(token, org, invitationId, key));
      cache.deleteMember(member.id);
      return NOTHING_TO_RECORD;
    }
    case 'setPassword': {
      const member = cachedMember(ctx, row);
      const password = await secretFor(ctx, row);
      await session.authed((client, token) => client.setPassword(token, org, member.id, password, key));
      return NOTHING_TO_RECORD;
    }
    case 'changeRole': {
      const member = cachedMember(ctx, row);
      const send = (version: number, idempotencyKey: string) =>
        session.authed((client, token) =>
          client.changeRole(token, org, member.id, row.role_id!, version, idempotencyKey),
        );
      let updated: Member;
      try {
        updated = await send(member.version, key);
      } catch (error) {
        // Someone changed the member meanwhile; the admin's intent (this role) still stands, so
        // rebase once on the current version, under a new key since the request differs.
        const current =
          error instanceof NexusApiError && error.code === 'version_mismatch' ? memberFromProblem(error) : null;
        if (!current) throw error;
        cache.upsertMember(org, current);
        const rebasedKey = `${row.id}.v${current.version}`;
        local.updateOutbox(row.id, { idempotency_key: rebasedKey });
        updated = await send(current.version, rebasedKey);
      }
      cache.upsertMember(org, updated);
      return NOTHING_TO_RECORD;
    }
    case 'remove': {
      const member = cachedMember(ctx, row);
      await session.authed((client, token) => client.removeMember(token, org, member.id, key));
      cache.upsertMember(org, { ...member, status: 'removed', invitation: null });
      return NOTHING_TO_RECORD;
    }
  }
}
