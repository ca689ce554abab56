import { z } from 'zod';
import { roleSchema } from '../api/roles';
import { emailSchema } from '../api/common';
import {
  changeOwnPasswordInputSchema,
  sessionStatusSchema,
  signInInputSchema,
  signInResultSchema,
  orgSummarySchema,
} from './session';
import {
  changeRoleInputSchema,
  createInputSchema,
  inviteInputSchema,
  lookupEmailResultSchema,
  memberDetailSchema,
  memberIdInputSchema,
  membersQueryInputSchema,
  membersQueryResultSchema,
  memberCountsInputSchema,
  memberCountsSchema,
  queuedChangeSchema,
  queuedPasswordChangeSchema,
  setPasswordInputSchema,
} from './members';
import {
  outboxEditInputSchema,
  outboxEditResultSchema,
  outboxIdInputSchema,
  outboxListResultSchema,
  outboxRetryInputSchema,
  outboxRetryResultSchema,
} from './outbox';
import { signOutCheckSchema, signOutInputSchema } from './sign-out';
import { syncStatusSchema } from './sync';
import { accountIdInputSchema, accountsListSchema } from './accounts';
import {
  diagnosticsExportInputSchema,
  diagnosticsExportResultSchema,
  settingsStateSchema,
  settingsUpdateInputSchema,
} from './settings';
import {
  csvExportSchema,
  importLookupInputSchema,
  importLookupResultSchema,
  importQueueInputSchema,
  importQueueResultSchema,
  importResultsInputSchema,
  importResultsSchema,
  membersExportInputSchema,
  importHistorySchema,
} from './imports';
import {
  handedOverListSchema,
  handoverEndResultSchema,
  handoverIdInputSchema,
  handoverListSchema,
  handoverRevealSchema,
} from './handover';
import { auditFilterSchema, auditListInputSchema, auditListResultSchema } from './audit';

const empty = z.object({}).default({});
const ok = z.object({ ok: z.literal(true) });

/**
 * The console's one command table. The Electron IPC handlers, the preload, the browser host and
 * the renderer's client are all derived from it: adding a command is an entry here plus a
 * handler in `electron/core`.
 */
export const commands = {
  'session.status': { input: empty, output: sessionStatusSchema },
  'session.signIn': { input: signInInputSchema, output: signInResultSchema },
  'session.changePassword': { input: changeOwnPasswordInputSchema, output: sessionStatusSchema },
  'session.signOut': { input: signOutInputSchema, output: sessionStatusSchema },
  'session.signOutCheck': { input: empty, output: signOutCheckSchema },
  /** The keychain was locked: the admin unlocked it and pressed Retry; core looks for it again. */
  'session.retryKeychain': { input: empty, output: sessionStatusSchema },
  'orgs.list': {
    input: empty,
    output: z.object({ items: z.array(orgSummarySchema), selectedOrgId: z.string().nullable() }),
  },
  'orgs.select': { input: z.object({ orgId: z.string().min(1).max(200) }), output: sessionStatusSchema },
  'roles.list': { input: empty, output: z.object({ items: z.array(roleSchema) }) },
  'members.query': { input: membersQueryInputSchema, output: membersQueryResultSchema },
  'members.get': { input: memberIdInputSchema, output: memberDetailSchema },
  'members.lookupEmail': { input: z.object({ email: emailSchema }), output: lookupEmailResultSchema },
  'members.invite': { input: inviteInputSchema, output: queuedChangeSchema },
  'members.create': { input: createInputSchema, output: queuedPasswordChangeSchema },
  'members.resendInvite': { input: memberIdInputSchema, output: queuedChangeSchema },
  'members.cancelInvite': { input: memberIdInputSchema, output: queuedChangeSchema },
  'members.setPassword': { input: setPasswordInputSchema, output: queuedPasswordChangeSchema },
  'members.changeRole': { input: changeRoleInputSchema, output: queuedChangeSchema },
  'members.remove': { input: memberIdInputSchema, output: queuedChangeSchema },
  'outbox.list': { input: empty, output: outboxListResultSchema },
  'outbox.retry': { input: outboxRetryInputSchema, output: outboxRetryResultSchema },
  'outbox.discard': { input: outboxIdInputSchema, output: ok },
  'outbox.edit': { input: outboxEditInputSchema, output: outboxEditResultSchema },
  'sync.now': { input: empty, output: syncStatusSchema },
  'sync.status': { input: empty, output: syncStatusSchema },
  // Settings, organization policies and diagnostics (issue 15).
  'settings.get': { input: empty, output: settingsStateSchema },
  'settings.update': { input: settingsUpdateInputSchema, output: settingsStateSchema },
  'diagnostics.export': { input: diagnosticsExportInputSchema, output: diagnosticsExportResultSchema },
  // Several accounts signed in at once, each with its own cache, outbox and keychain entries.
  'accounts.list': { input: empty, output: accountsListSchema },
  'accounts.switch': { input: accountIdInputSchema, output: sessionStatusSchema },
  /** A new, signed-out account slot becomes active: the sign-in screen shows; the others stay signed in. */
  'accounts.add': { input: empty, output: sessionStatusSchema },
  // CSV import and export (issue 13): shared/contract/imports.ts.
  'import.lookup': { input: importLookupInputSchema, output: importLookupResultSchema },
  'import.queue': { input: importQueueInputSchema, output: importQueueResultSchema },
  'import.results': { input: importResultsInputSchema, output: importResultsSchema },
  /** The imports core keeps (local.db): every file queued, with its rows; outcomes via import.results. */
  'import.history': { input: empty, output: importHistorySchema },
  'members.export': { input: membersExportInputSchema, output: csvExportSchema },
  'audit.export': { input: empty, output: csvExportSchema },
  // Handover sessions (issue 14): shared/contract/handover.ts. Only `handover.reveal` carries a password.
  'handover.list': { input: empty, output: handoverListSchema },
  'handover.reveal': { input: handoverIdInputSchema, output: handoverRevealSchema },
  'handover.markHandedOver': { input: handoverIdInputSchema, output: ok },
  'handover.end': { input: empty, output: handoverEndResultSchema },
  // "Did it work?": the people handed over, signed in or not (no password, no secret).
  'handover.handedOver': { input: empty, output: handedOverListSchema },
  // The list at a glance (issue 17): counts by badge for the current org, from the cache.
  'members.counts': { input: memberCountsInputSchema, output: memberCountsSchema },
  // The server's audit log (issue 17, History that covers every machine): shared/contract/audit.ts.
  'audit.list': { input: auditListInputSchema, output: auditListResultSchema },
  /** **Export CSV** on the Activity screen: every event matching the filters, from the server. */
  'audit.exportFiltered': { input: auditFilterSchema, output: csvExportSchema },
  /**
   * Writes a secret to the clipboard and clears it after `clearAfterMs`, only if the clipboard
   * still holds it. Served by the shell (Electron main, or the browser bridge), never by core.
   */
  'clipboard.copySecret': {
    input: z.object({
      text: z.string().min(1).max(4096),
      clearAfterMs: z.number().int().min(1000).max(600_000).optional(),
    }),
    output: z.object({ clearsAt: z.string() }),
  },
} as const;

export type CommandTable = typeof commands;
export type CommandName = keyof CommandTable;
export const commandNames = Object.keys(commands) as CommandName[];
export type CommandInput<C extends CommandName> = z.input<CommandTable[C]['input']>;
export type CommandParsedInput<C extends CommandName> = z.output<CommandTable[C]['input']>;
export type CommandOutput<C extends CommandName> = z.output<CommandTable[C]['output']>;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

/** Commands that a shell serves itself; core never sees their input (it may hold a secret). */
export const shellCommands: readonly CommandName[] = ['clipboard.copySecret'];
