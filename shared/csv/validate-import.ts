import { emailSchema, emailSyntaxHint } from '../api/common';
import { checkPasswordRules, type PasswordRuleViolation } from '../password-policy';
import type { ImportRow } from './import-rows';
import { isTemplateExampleEmail } from './template-examples';

/**
 * Every rule the server will apply to an imported row, checked offline against what the console
 * knows (the cached members, the org's roles, and account lookups where it could make them).
 * Pure: the renderer runs it again after every fix, core runs it again before queueing.
 */
export type ImportAction = 'invite' | 'create';
export type ProblemField = 'email' | 'name' | 'role' | 'password' | 'action';

export interface ImportChoices {
  /** For rows that name no role. */
  defaultRoleId: string | null;
  /** Rows without a password: **Send invite** or **Generate a password** (and create). */
  withoutPassword: 'invite' | 'generate';
}

/** What the admin changed on one row in the preview (cells are edited on the row itself). */
export interface RowOverride {
  action?: ImportAction;
  roleId?: string;
  skip?: boolean;
  /** The admin confirmed re-adding a removed member. */
  reAdd?: boolean;
}

export interface KnownMember {
  status: 'active' | 'invited' | 'removed';
  origin: 'invitation' | 'admin_created';
  /** Added on this machine and still in the outbox. */
  queued: boolean;
}

export interface ImportLookup {
  roles: readonly { id: string; name: string }[];
  member(email: string): KnownMember | null;
  /** true: the email has a Nexus account (in any org); false: none; null: not known (offline). */
  accountExists(email: string): boolean | null;
  /**
   * Why the signed-in admin may not grant this role (shared/role-grants.ts: only owners make
   * owners, only roles within their own permissions), or null. Absent: the server decides.
   */
  grantRefusal?(roleId: string): string | null;
}

export interface CheckedRow {
  line: number;
  /** Lower-cased and trimmed when valid, else as typed. */
  email: string;
  name: string;
  roleId: string | null;
  roleName: string;
  action: ImportAction;
  skip: boolean;
  /** Where a create's password comes from. */
  password: 'file' | 'generate' | null;
  problems: { field: ProblemField; message: string }[];
  notes: string[];
  /** A removed member: re-adding is offered, then confirmed. */
  reAdd: 'offer' | 'confirmed' | null;
}

export interface ImportCheck {
  rows: CheckedRow[];
  ready: number;
  withProblems: number;
  skipped: number;
}

const NAME_MAX = 200;
const FORMULA_START = /^[=+\-@]/;

const roleKey = (value: string) => value.toLowerCase().replace(/\s+/g, '');

const passwordRuleNames: Record<PasswordRuleViolation['rule'], string> = {
  too_short: 'Minimum length',
  too_long: 'Maximum length',
  contains_email: 'No email address in the password',
  contains_product_name: 'No product name',
  repetitive: 'No repetitive strings',
  sequential: 'No sequential strings',
  contains_context_word: 'No context words',
};

function resolveRole(
  row: ImportRow,
  override: RowOverride | undefined,
  choices: ImportChoices,
  roles: ImportLookup['roles'],
): { roleId: string | null; roleName: string; problem: string | null } {
  const byId = (id: string) => roles.find((role) => role.id === id);
  if (override?.roleId) {
    const role = byId(override.roleId);
    return role
      ? { roleId: role.id, roleName: role.name, problem: null }
      : { roleId: null, roleName: '', problem: 'Choose one of the organisation’s roles.' };
  }
  if (row.role === '') {
    const role = choices.defaultRoleId ? byId(choices.defaultRoleId) : undefined;
    return role
      ? { roleId: role.id, roleName: role.name, problem: null }
      : { roleId: null, roleName: '', problem: 'No role in the file: choose a Default role.' };
  }
  const wanted = roleKey(row.role);
  const role = roles.find((candidate) => roleKey(candidate.name) === wanted || candidate.id === row.role);
  if (role) return { roleId: role.id, roleName: role.name, problem: null };
  const names = roles.map((candidate) => candidate.name).join(', ');
  return { roleId: null, roleName: row.role, problem: `Unknown role “${row.role}”. This organisation has: ${names}.` };
}

export function checkImportRows(
  rows: readonly ImportRow[],
  overrides: ReadonlyMap<number, RowOverride>,
  choices: ImportChoices,
  lookup: ImportLookup,
): ImportCheck {
  const firstLineOf = new Map<string, number>();
  const checked: CheckedRow[] = [];
  let ready = 0;
  let withProblems = 0;
  let skipped = 0;
  for (const row of rows) {
    const override = overrides.get(row.line);
    const problems: CheckedRow['problems'] = [];
    const notes = [...row.notes];
    const parsedEmail = emailSchema.safeParse(row.email);
    const email = parsedEmail.success ? parsedEmail.data : row.email;
    // The template's example people are left out unless the admin ticks them back in: an
    // untouched template imports nothing instead of failing, and examples left above an admin's
    // own rows are not invited.
    const example = parsedEmail.success && isTemplateExampleEmail(email);
    const skip = override?.skip ?? example;
    if (example) notes.push('An example row from the template: left out.');
    if (row.email === '') problems.push({ field: 'email', message: 'Enter an email address.' });
    else if (!parsedEmail.success) {
      const hint = emailSyntaxHint(row.email);
      const why = hint ? `: ${hint} Check the spelling with the person or the source of the file.` : '.';
      problems.push({ field: 'email', message: `“${row.email}” is not a valid email address${why}` });
    }

    const role = resolveRole(row, override, choices, lookup.roles);
    if (role.problem) problems.push({ field: 'role', message: role.problem });
    else if (role.roleId !== null) {
      const refusal = lookup.grantRefusal?.(role.roleId) ?? null;
      if (refusal) problems.push({ field: 'role', message: refusal });
    }

    const hasPassword = row.password !== '';
    let action: ImportAction =
      override?.action ?? (hasPassword || choices.withoutPassword === 'generate' ? 'create' : 'invite');
    let reAdd: CheckedRow['reAdd'] = null;

    if (parsedEmail.success && !skip) {
      const first = firstLineOf.get(email);
      if (first !== undefined)
        problems.push({ field: 'email', message: `${email} is also on line ${first}: leave one of them out.` });
      else firstLineOf.set(email, row.line);
      const member = lookup.member(email);
      if (member?.queued) problems.push({ field: 'email', message: `${email} is already queued to be added.` });
      else if (member?.status === 'active')
        problems.push({ field: 'email', message: `${email} is already a member of this organisation.` });
      else if (member?.status === 'invited') problems.push({ field: 'email', message: `${email} is already invited.` });
      else if (member?.status === 'removed') {
        reAdd = override?.reAdd ? 'confirmed' : 'offer';
        if (reAdd === 'offer')
          problems.push({
            field: 'email',
            message: `${email} was removed from this organisation. Re-add them? Their work comes back.`,
          });
        else notes.push('Re-adds a removed member; their work comes back.');
        if (action === 'create' && member.origin !== 'admin_created' && override?.action === undefined)
          action = 'invite';
        if (action === 'create' && member.origin !== 'admin_created')
          problems.push({
            field: 'action',
            message: 'They manage their own password: a removed member like this can only be invited back.',
          });
      }
      // Only for someone not in the org: a member, invitee or queued row already has its problem,
      // and "they can only be invited" (with its Invite instead) would send them the wrong way.
      if (action === 'create' && member === null && lookup.accountExists(email) === true)
        problems.push({ field: 'action', message: `${email} already has a Nexus account: they can only be invited.` });
    }

    if (row.name.length > NAME_MAX) problems.push({ field: 'name', message: `Use at most ${NAME_MAX} characters.` });
    else if (FORMULA_START.test(row.name))
      problems.push({
        field: 'name',
        message: `“${row.name.slice(0, 40)}” starts like a spreadsheet formula, not a name.`,
      });

    let password: CheckedRow['password'] = null;
    if (action === 'create') {
      if (row.name === '') problems.push({ field: 'name', message: 'A created account needs a name.' });
      if (hasPassword) {
        password = 'file';
        const violation = checkPasswordRules(row.password, parsedEmail.success ? email : row.email);
        if (violation)
          problems.push({
            field: 'password',
            message: `Password policy, “${passwordRuleNames[violation.rule]}”: ${violation.message}`,
          });
      } else password = 'generate';
      if (row.changePasswordAtNextSignIn === false)
        notes.push('The file says not to ask for a new password at first sign-in; Nexus still asks.');
    } else {
      // The API's invitation carries no name (nexus-api.md, POST /orgs/{orgId}/invitations).
      if (row.name !== '') notes.push('The name is not sent with an invitation; they enter it when they accept.');
      if (hasPassword) notes.push('The password in the file is not used: an invitation lets them choose their own.');
    }

    // Nexus has no blocked accounts: an Entra row meant to be staged blocked would sign in at once.
    if (row.blockSignIn === true)
      notes.push(
        'The file says to block sign-in; Nexus cannot add a blocked account: once added they can sign in. Leave the row out to keep them out.',
      );

    if (skip) skipped++;
    else if (problems.length > 0) withProblems++;
    else ready++;
    checked.push({
      line: row.line,
      email,
      name: row.name,
      roleId: role.roleId,
      roleName: role.roleName,
      action,
      skip,
      password,
      problems,
      notes,
      reAdd,
    });
  }
  return { rows: checked, ready, withProblems, skipped };
}
