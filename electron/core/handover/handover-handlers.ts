import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';
import { queueImport, type ImportHold } from '../imports/import-queue';
import { localMemberId } from '../local-store/outbox-ids';
import type { MembersService } from '../members/members-service';
import { handedOver } from './handed-over';
import type { HoldRequest } from './held-password';
import type { HandoverStore } from './handover-store';

/**
 * The `handover.*` commands, and "hold for handover" around the commands that set a temporary
 * password: Create User, Change Password / Resend credentials (when the admin asks) and CSV
 * imports (by default, or as the import's switch says). Wrapped here so members/ and imports/ know
 * nothing of handovers; the password is held once its change is queued (its outbox entry names it).
 *
 * Holding comes after queueing, so a keychain that refuses to hold never turns a queued change
 * into an error (the admin would think nothing happened and do it again): the answer says
 * `held: false` (an import: `notHeld: N`) and the renderer tells the admin to copy it now.
 */
export function createHandoverHandlers(
  ctx: CoreContext,
  members: MembersService,
  handover: HandoverStore,
  base: Handlers,
  followUpDays: () => number,
): Handlers {
  const signOut = base['session.signOut']!;
  const edit = base['outbox.edit']!;
  /** Holds, and answers whether the keychain took them; a refusal is logged (never the password). */
  const tryHold = async (requests: HoldRequest[]): Promise<boolean> => {
    try {
      await handover.hold(requests);
      return true;
    } catch (error) {
      ctx.logger.warn('change queued, but its password could not be held for the handover', {
        count: requests.length,
        error: String(error),
      });
      return false;
    }
  };
  return {
    'handover.list': () => handover.list(),
    'handover.reveal': async (input) => ({ password: await handover.reveal(input.id) }),
    'handover.markHandedOver': async (input) => {
      await handover.markHandedOver(input.id);
      return { ok: true as const };
    },
    'handover.end': async () => ({ deleted: await handover.end() }),
    'handover.handedOver': () => handedOver(ctx, followUpDays()),
    'members.create': async (input) => {
      const queued = await members.create(input);
      if (!input.holdForHandover) return queued;
      const held = await tryHold([
        {
          outboxId: queued.outboxId,
          memberId: queued.memberId,
          email: input.email,
          name: input.name,
          kind: 'create',
          password: input.temporaryPassword,
        },
      ]);
      return { ...queued, held };
    },
    'members.setPassword': async (input) => {
      const queued = await members.setPassword(input);
      if (!input.holdForHandover) return queued;
      const { member } = members.get(queued.memberId);
      const held = await tryHold([
        {
          outboxId: queued.outboxId,
          memberId: queued.memberId,
          email: member.email,
          name: member.name,
          kind: input.reason,
          password: input.password,
        },
      ]);
      return { ...queued, held };
    },
    'import.queue': async (input) => {
      let notHeld = 0;
      const hold = async (entries: ImportHold[]) => {
        const held = await tryHold(
          entries.map((entry) => ({ ...entry, kind: 'create', memberId: localMemberId(entry.outboxId) })),
        );
        if (!held) notHeld = entries.length;
      };
      const result = await queueImport(ctx, members, input, input.holdForHandover ? hold : undefined);
      if (notHeld === 0) return result;
      // The import's record says so too: its results show it after a reload.
      ctx.local.imports.setNotHeld(result.importId, notHeld);
      return { ...result, notHeld };
    },
    // A fixed entry's held copy follows the edit: the handover hands over what the server will have.
    'outbox.edit': async (input) => {
      const result = (await edit(input)) as { ok: true };
      const held = await handover.followEdit(input.id, input.changes);
      return held === undefined ? result : { ...result, held };
    },
    // Handover passwords never outlive the admin's session on this computer.
    'session.signOut': async (input) => {
      const status = await signOut(input);
      await handover.clearAll().catch(() => {
        ctx.logger.warn('sign out: the keychain could not delete the handover passwords');
      });
      return status;
    },
  };
}
