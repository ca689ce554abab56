import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';
import { queueImport } from '../imports/import-queue';
import { localMemberId } from '../local-store/outbox-ids';
import type { MembersService } from '../members/members-service';
import { handedOver } from './handed-over';
import type { HandoverStore } from './handover-store';

/**
 * The `handover.*` commands, and "hold for handover" around the commands that set a temporary
 * password: Create User, Change Password / Resend credentials (when the admin asks) and CSV
 * imports (by default). Wrapped here so members/ and imports/ know nothing of handovers; the
 * password is held once its change is queued (its outbox entry names it).
 */
export function createHandoverHandlers(
  ctx: CoreContext,
  members: MembersService,
  handover: HandoverStore,
  base: Handlers,
  followUpDays: () => number,
): Handlers {
  const signOut = base['session.signOut']!;
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
      if (input.holdForHandover) {
        await handover.hold([
          {
            outboxId: queued.outboxId,
            memberId: queued.memberId,
            email: input.email,
            name: input.name,
            kind: 'create',
            password: input.temporaryPassword,
          },
        ]);
      }
      return queued;
    },
    'members.setPassword': async (input) => {
      const queued = await members.setPassword(input);
      if (input.holdForHandover) {
        const { member } = members.get(queued.memberId);
        await handover.hold([
          {
            outboxId: queued.outboxId,
            memberId: queued.memberId,
            email: member.email,
            name: member.name,
            kind: input.reason,
            password: input.password,
          },
        ]);
      }
      return queued;
    },
    'import.queue': (input) =>
      queueImport(
        ctx,
        members,
        input.rows,
        input.holdForHandover
          ? (entries) =>
              handover.hold(
                entries.map((entry) => ({ ...entry, kind: 'create', memberId: localMemberId(entry.outboxId) })),
              )
          : undefined,
      ),
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
