import type { CoreContext } from './context';
import type { Handlers } from './dispatcher';
import { notSignedIn } from './errors';
import { createImportHandlers } from './imports/handlers';
import { exportAudit, listAudit } from './audit/server-audit';
import type { MembersService } from './members/members-service';
import { signOut, signOutCheck } from './session/sign-out';
import { discardEntry, editEntry, listOutbox, retryEntry } from './sync/outbox-commands';
import type { SyncEngine } from './sync/sync-engine';

/** Command name → service call. Input arrives parsed by the contract; output is checked after. */
export function createHandlers(ctx: CoreContext, members: MembersService, sync: SyncEngine): Handlers {
  const { session } = ctx;
  return {
    'session.status': () => session.status(),
    'session.signIn': async (input) => {
      const result = await session.signIn(input);
      if (result.outcome === 'signedIn') void sync.run(false);
      void ctx.revocations.flush();
      return result;
    },
    'session.changePassword': async (input) => {
      const status = await session.changePassword(input.newPassword);
      void sync.run(false);
      return status;
    },
    'session.signOut': (input) => signOut(ctx, input),
    'session.signOutCheck': () => signOutCheck(ctx),
    'session.retryKeychain': () => session.retryKeychain(),
    'orgs.list': async () => {
      if (!session.signedIn) throw notSignedIn();
      return { items: session.orgs(), selectedOrgId: session.currentOrg()?.id ?? null };
    },
    'orgs.select': async (input) => {
      const status = await session.selectOrg(input.orgId);
      void sync.run(false);
      return status;
    },
    'roles.list': () => {
      const { org } = session.requireOrg();
      return { items: ctx.cache.roles(org.id) };
    },
    'members.query': (input) => members.query(input),
    'members.get': (input) => members.get(input.memberId),
    'members.lookupEmail': (input) => members.lookupEmail(input.email),
    'members.invite': (input) => members.invite(input),
    'members.create': (input) => members.create(input),
    'members.resendInvite': (input) => members.resendInvite(input.memberId),
    'members.cancelInvite': (input) => members.cancelInvite(input.memberId),
    'members.setPassword': (input) => members.setPassword(input),
    'members.changeRole': (input) => members.changeRole(input),
    'members.remove': (input) => members.remove(input.memberId),
    'outbox.list': () => listOutbox(ctx),
    'outbox.retry': (input) => retryEntry(ctx, input.id, input.force),
    'outbox.discard': (input) => discardEntry(ctx, input.id),
    'outbox.edit': (input) => editEntry(ctx, input.id, input.changes),
    'sync.now': async () => {
      if (!session.signedIn) throw notSignedIn();
      await sync.run(true);
      return sync.status();
    },
    'sync.status': () => sync.status(),
    ...createImportHandlers(ctx, members),
    // The list at a glance (issue 17).
    'members.counts': async (input) => {
      await ctx.cache.whenMembersIndexed(session.requireOrg().org.id, null);
      return ctx.cache.memberCounts(session.requireOrg().org.id, ctx.now(), input);
    },
    // The server's audit log (issue 17).
    'audit.list': (input) => listAudit(ctx, input),
    'audit.exportFiltered': (input) => exportAudit(ctx, input),
  };
}
