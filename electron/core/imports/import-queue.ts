import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { importQueueInputSchema, importQueueRowSchema, ImportQueueResult } from '../../../shared/contract/imports';
import type { ImportRow } from '../../../shared/csv/import-rows';
import { checkImportRows, type RowOverride } from '../../../shared/csv/validate-import';
import { generatePassword } from '../../../shared/password-generator';
import { temporaryPasswordSchema } from '../../../shared/password-policy';
import { granterOf, grantRefusal } from '../../../shared/role-grants';
import type { CoreContext } from '../context';
import { consoleError } from '../errors';
import type { OutboxRow } from '../local-store/local-rows';
import type { MembersService } from '../members/members-service';
import { newOutboxRow } from '../local-store/new-outbox-row';
import { localMemberId } from '../local-store/outbox-ids';
import { summaries } from '../members/change-summaries';
import { applyOptimisticInSlices } from '../members/optimistic-bulk';
import { setSecretsTogether } from '../secrets/batched-secret-store';
import { outboxSecretAccount } from '../secrets/secret-store';
import { knownMembers } from './known-members';

type QueueRow = z.output<typeof importQueueRowSchema>;
type QueueInput = Pick<z.output<typeof importQueueInputSchema>, 'rows' | 'file' | 'notQueued'>;
export interface ImportHold {
  outboxId: string;
  email: string;
  name: string;
  password: string;
}
const PROGRESS_EVERY_MS = 100;

/**
 * Core checks the rows again by the same rules the preview used (the renderer is not trusted):
 * one bad row refuses the whole call with every problem named, and nothing is queued.
 */
function recheck(ctx: CoreContext, orgId: string, rows: QueueRow[]): Map<string, string> {
  const roles = ctx.cache.roles(orgId);
  const granter = granterOf(roles, ctx.session.requireOrg().org);
  const known = knownMembers(
    ctx,
    orgId,
    rows.map((row) => row.email),
  );
  const importRows: ImportRow[] = rows.map((row, index) => ({
    // Lines may repeat in a hand-made call; the index keeps overrides apart.
    line: index + 1,
    email: row.email,
    name: row.name,
    role: '',
    password: row.password ?? '',
    changePasswordAtNextSignIn: null,
    blockSignIn: null,
    notes: [],
  }));
  const overrides = new Map<number, RowOverride>(
    // Rows sent to be queued are in, whatever their address (skip: false): every rule applies.
    rows.map((row, index) => [index + 1, { action: row.action, roleId: row.roleId, reAdd: row.reAdd, skip: false }]),
  );
  const check = checkImportRows(
    importRows,
    overrides,
    { defaultRoleId: null, withoutPassword: 'generate' },
    {
      // A cache that has no roles yet (never synced) cannot judge them; the server will.
      roles: roles.length > 0 ? roles : rows.map((row) => ({ id: row.roleId, name: row.roleId })),
      member: (email) => known.get(email) ?? null,
      accountExists: () => null,
      // The same grant rules as the server (a 403 later otherwise): only owners make owners.
      grantRefusal: (roleId) => {
        const role = roles.find((candidate) => candidate.id === roleId);
        return role ? (grantRefusal(granter, role)?.message ?? null) : null;
      },
    },
  );
  const problems = new Map<string, string>();
  check.rows.forEach((row, index) => {
    for (const problem of row.problems) {
      const field = problem.field === 'action' ? 'action' : problem.field === 'role' ? 'roleId' : problem.field;
      problems.set(`rows.${index}.${field}`, `Line ${rows[index]!.line}: ${problem.message}`);
    }
  });
  return problems;
}

/**
 * Queues every row of an import: passwords to the keychain first (a crash after that leaves only
 * orphans, swept at the next start), then every outbox entry and its audit line in ONE local.db
 * transaction, each entry with its own id as Idempotency-Key, with the import's record (file
 * name, format, rows and what each became; never a password), then the rows shown in the list.
 * Cost per row is constant: nothing here reads the open outbox.
 */
export async function queueImport(
  ctx: CoreContext,
  members: MembersService,
  { rows, file, notQueued }: QueueInput,
  /**
   * Holds the creates' passwords for a handover session (issue 14), once they are queued. It
   * reports a keychain refusal itself (the rows are queued: an error would say otherwise).
   */
  hold?: (entries: ImportHold[]) => Promise<void>,
): Promise<ImportQueueResult> {
  const { account, org } = members.requireManage();
  const total = rows.length;
  let lastEmit = -Infinity;
  const progress = (phase: 'checking' | 'keychain' | 'queueing' | 'done', done: number, force = false) => {
    const now = performance.now();
    if (!force && now - lastEmit < PROGRESS_EVERY_MS) return;
    lastEmit = now;
    ctx.bus.emit('import.progress', { phase, done, total });
  };
  progress('checking', 0, true);
  const problems = recheck(ctx, org.id, rows);
  if (problems.size > 0) {
    const fields = [...problems].slice(0, 100).map(([path, message]) => ({ path, message }));
    throw consoleError(
      'invalid_input',
      `${problems.size} problem${problems.size === 1 ? '' : 's'} in the rows; nothing was queued. ${fields[0]!.message}`,
      fields,
    );
  }
  const roleNames = new Map(ctx.cache.roles(org.id).map((role) => [role.id, role.name]));
  const at = ctx.now().toISOString();
  const planned = rows.map((row) => ({
    row,
    id: randomUUID(),
    secret: row.action === 'create' ? (row.password ?? generateAllowedPassword(row.email)) : undefined,
  }));

  const secrets = planned.flatMap(({ id, secret }) =>
    secret === undefined ? [] : [[outboxSecretAccount(id), secret] as const],
  );
  for (const [, secret] of secrets) ctx.logger.remember(secret);
  progress('keychain', 0, true);
  try {
    // One keychain item for the whole import where the store batches (a write costs ~0.2 s).
    await setSecretsTogether(ctx.secrets, secrets);
  } catch (error) {
    for (const [name] of secrets) await ctx.secrets.delete(name).catch(() => false);
    ctx.logger.warn('keychain write failed during an import', { error: String(error) });
    throw consoleError(
      'secret_store_unavailable',
      'The passwords could not be saved in the keychain, so nothing was queued. Try again.',
    );
  }
  progress('keychain', secrets.length, true);

  const outboxRows: OutboxRow[] = [];
  const importId = randomUUID();
  const actor = ctx.session.userEmail;
  ctx.local.transaction(() => {
    for (const [index, { row, id, secret }] of planned.entries()) {
      const roleName = roleNames.get(row.roleId) ?? row.roleId;
      const summary =
        row.action === 'invite'
          ? summaries.invite(row.email, roleName)
          : summaries.create(row.name, row.email, roleName);
      outboxRows.push(
        ctx.local.insertOutbox(
          newOutboxRow({
            id,
            account,
            orgId: org.id,
            kind: row.action,
            summary,
            at,
            email: row.email,
            name: row.action === 'create' ? row.name : null,
            roleId: row.roleId,
            hasSecret: secret !== undefined,
          }),
        ),
      );
      ctx.local.addAudit({
        id: randomUUID(),
        account,
        orgId: org.id,
        memberId: localMemberId(id),
        outboxId: id,
        at,
        action: row.action,
        summary,
        actorEmail: actor,
      });
      progress('queueing', index + 1);
    }
    ctx.local.imports.add({
      id: importId,
      account,
      orgId: org.id,
      fileName: file.name,
      format: file.format,
      queuedAt: at,
      rows: [
        ...planned.map(({ row, id }) => ({
          line: row.line,
          email: row.email,
          name: row.name,
          role: roleNames.get(row.roleId) ?? row.roleId,
          action: row.action,
          outboxId: id,
          reason: '',
        })),
        ...notQueued.map(({ reason, ...row }) => ({ ...row, outboxId: null, reason })),
      ],
    });
  });
  // The handover hold starts now that its entries are committed (held only once queued, as
  // before), and its keychain write — out of process, ≈ 0.2–0.5 s for 5,000 passwords — runs
  // while this thread writes the optimistic rows; awaited before answering, as before.
  const holding = hold?.(
    planned.flatMap(({ row, id, secret }) =>
      secret === undefined ? [] : [{ outboxId: id, email: row.email, name: row.name, password: secret }],
    ),
  );
  // Its refusal, if any, is the answer's (below), not an unhandled rejection meanwhile.
  holding?.catch(() => undefined);
  try {
    await applyOptimisticInSlices(ctx.cache, outboxRows);
  } catch (error) {
    // The outbox has them; the next pull shows them.
    ctx.logger.warn('optimistic apply of an import failed', { error: String(error) });
  }
  ctx.logger.info('queued import', { rows: total, creates: secrets.length });
  progress('done', total, true);
  ctx.notifyChanged(org.id);
  ctx.kickSync();
  await holding;
  return {
    importId,
    entries: planned.map(({ row, id }) => ({ line: row.line, outboxId: id, memberId: localMemberId(id) })),
  };
}

/** A generated password that also passes the pattern rules for this account (its domain word, say). */
function generateAllowedPassword(email: string): string {
  const policy = temporaryPasswordSchema(email);
  for (;;) {
    const password = generatePassword();
    if (policy.safeParse(password).success) return password;
  }
}
