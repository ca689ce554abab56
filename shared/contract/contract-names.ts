import type { CommandName } from './commands';
import type { EventName } from './events';

/**
 * The command and event names of the contract, without its zod schemas. The bridges (the
 * Electron preload and the browser host's page script) check every name against these before
 * anything is sent, and can do so before zod and the contract tables are evaluated: in the
 * browser that work (≈ 100–250 ms of a cold page) would otherwise delay the renderer's start.
 *
 * Typed as a record over `CommandName` / `EventName` (type-only imports: no code is pulled in),
 * so a name missing here or not in the table is a type error; `contract-names.test.ts` checks the
 * same at run time.
 */
const commandNameSet: Record<CommandName, true> = {
  'session.status': true,
  'session.signIn': true,
  'session.changePassword': true,
  'session.signOut': true,
  'session.signOutCheck': true,
  'session.retryKeychain': true,
  'orgs.list': true,
  'orgs.select': true,
  'roles.list': true,
  'members.query': true,
  'members.get': true,
  'members.lookupEmail': true,
  'members.invite': true,
  'members.create': true,
  'members.resendInvite': true,
  'members.cancelInvite': true,
  'members.setPassword': true,
  'members.changeRole': true,
  'members.remove': true,
  'outbox.list': true,
  'outbox.retry': true,
  'outbox.discard': true,
  'outbox.edit': true,
  'sync.now': true,
  'sync.status': true,
  'settings.get': true,
  'settings.update': true,
  'diagnostics.export': true,
  'accounts.list': true,
  'accounts.switch': true,
  'accounts.add': true,
  'import.lookup': true,
  'import.queue': true,
  'import.results': true,
  'import.history': true,
  'members.export': true,
  'audit.export': true,
  'handover.list': true,
  'handover.reveal': true,
  'handover.markHandedOver': true,
  'handover.end': true,
  'handover.handedOver': true,
  'members.counts': true,
  'audit.list': true,
  'audit.exportFiltered': true,
  'clipboard.copySecret': true,
};

const eventNameSet: Record<EventName, true> = {
  'sync.status': true,
  'members.changed': true,
  'session.changed': true,
  'outbox.changed': true,
  'clipboard.cleared': true,
  'outbox.settled': true,
  'settings.changed': true,
  'accounts.changed': true,
  'import.progress': true,
  'handover.changed': true,
  'host.connection': true,
};

export const listedCommandNames = Object.freeze(Object.keys(commandNameSet)) as readonly CommandName[];
export const listedEventNames = Object.freeze(Object.keys(eventNameSet)) as readonly EventName[];

/** Own keys only: `toString`, `__proto__` and the like are not commands. */
export function isListedCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commandNameSet, name);
}

export function isListedEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(eventNameSet, name);
}
