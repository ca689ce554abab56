import { describe, expect, it } from 'vitest';
import type { ImportRow } from './import-rows';
import {
  checkImportRows,
  type ImportChoices,
  type ImportLookup,
  type KnownMember,
  type RowOverride,
} from './validate-import';

const roles = [
  { id: 'role_member', name: 'Member' },
  { id: 'role_admin', name: 'Admin' },
  { id: 'role_hr', name: 'HR Manager' },
];
const members: Record<string, KnownMember> = {
  'active@x.test': { status: 'active', origin: 'invitation', queued: false },
  'invited@x.test': { status: 'invited', origin: 'invitation', queued: false },
  'removed@x.test': { status: 'removed', origin: 'invitation', queued: false },
  'removed.created@x.test': { status: 'removed', origin: 'admin_created', queued: false },
  'queued@x.test': { status: 'invited', origin: 'invitation', queued: true },
};
const lookup = (accounts: Record<string, boolean> = {}): ImportLookup => ({
  roles,
  member: (email) => members[email] ?? null,
  accountExists: (email) => accounts[email] ?? null,
});
const choices: ImportChoices = { defaultRoleId: 'role_member', withoutPassword: 'invite' };
let line = 1;
const row = (fields: Partial<ImportRow>): ImportRow => ({
  line: ++line,
  email: 'new@x.test',
  name: 'New Person',
  role: '',
  password: '',
  changePasswordAtNextSignIn: null,
  blockSignIn: null,
  notes: [],
  ...fields,
});
const check = (
  rows: ImportRow[],
  options: {
    overrides?: Map<number, RowOverride>;
    choices?: Partial<ImportChoices>;
    accounts?: Record<string, boolean>;
  } = {},
) =>
  checkImportRows(rows, options.overrides ?? new Map(), { ...choices, ...options.choices }, lookup(options.accounts));
const problemsOf = (rows: ImportRow[], options?: Parameters<typeof check>[1]) =>
  check(rows, options).rows.map((r) => r.problems);

describe('import row rules', () => {
  it('a clean row with a password is a Create, without one an Invite (Send invite)', () => {
    const result = check([
      row({ email: 'a@x.test', password: 'A-Long-Enough-Passphrase' }),
      row({ email: 'b@x.test' }),
    ]);
    expect(result.rows.map((r) => [r.action, r.password, r.roleName])).toEqual([
      ['create', 'file', 'Member'],
      ['invite', null, 'Member'],
    ]);
    expect(result).toMatchObject({ ready: 2, withProblems: 0, skipped: 0 });
  });

  it('Generate a password: rows without one become creates with a generated password', () => {
    expect(check([row({ email: 'b@x.test' })], { choices: { withoutPassword: 'generate' } }).rows[0]).toMatchObject({
      action: 'create',
      password: 'generate',
    });
  });

  it('email syntax, by the one email rule, lower-cased and trimmed', () => {
    const result = check([row({ email: '' }), row({ email: 'not-an-email' }), row({ email: 'Mixed.Case@X.test' })]);
    expect(result.rows[0]!.problems).toEqual([{ field: 'email', message: 'Enter an email address.' }]);
    expect(result.rows[1]!.problems[0]).toMatchObject({
      field: 'email',
      message: '“not-an-email” is not a valid email address.',
    });
    expect(result.rows[2]!.email).toBe('mixed.case@x.test');
  });

  it('Download template’s example rows are left out unless ticked back in; then they are checked like any row', () => {
    const rows = [
      row({ email: ' Ana.Lima@example.com ', name: 'Ana Lima' }),
      row({ email: 'kenji.sato@example.com', name: 'Someone Else' }),
      row({ email: 'ana.lima@example.org' }),
    ];
    const result = check(rows);
    expect(result.rows.map((r) => r.skip)).toEqual([true, true, false]);
    expect(result.rows[0]!.notes).toContain('An example row from the template: left out.');
    expect(result.rows[2]!.notes).not.toContain('An example row from the template: left out.');
    expect(result).toMatchObject({ ready: 1, withProblems: 0, skipped: 2 });
    // The admin ticks one back in: it counts like any other row.
    const back = check(rows, { overrides: new Map([[rows[1]!.line, { skip: false }]]) });
    expect(back.rows.map((r) => r.skip)).toEqual([true, false, false]);
    expect(back).toMatchObject({ ready: 2, skipped: 1 });
  });

  it('an address with accented letters says why it is not valid (the one email rule decides; this explains)', () => {
    const result = check([
      row({ email: 'rené.muller@acme.test' }),
      row({ email: 'zoë@mü.test' }),
      row({ email: 'иван@acme.test' }),
    ]);
    expect(result.rows.map((r) => r.problems)).toEqual([
      [
        {
          field: 'email',
          message:
            '“rené.muller@acme.test” is not a valid email address: accented letters like “é” are not allowed in an address. Check the spelling with the person or the source of the file.',
        },
      ],
      [
        {
          field: 'email',
          message:
            '“zoë@mü.test” is not a valid email address: accented letters like “ë” are not allowed in an address. Check the spelling with the person or the source of the file.',
        },
      ],
      [
        {
          field: 'email',
          message:
            "“иван@acme.test” is not a valid email address: “и” is not allowed in an address (only the letters a–z, digits and . _ - + ' are). Check the spelling with the person or the source of the file.",
        },
      ],
    ]);
  });

  it('duplicates within the file: the later line names the first', () => {
    const first = row({ email: 'dup@x.test' });
    const second = row({ email: 'DUP@x.test' });
    const result = check([first, second]);
    expect(result.rows[0]!.problems).toEqual([]);
    expect(result.rows[1]!.problems).toEqual([
      { field: 'email', message: `dup@x.test is also on line ${first.line}: leave one of them out.` },
    ]);
    // Leaving the first out clears the second.
    expect(check([first, second], { overrides: new Map([[first.line, { skip: true }]]) }).rows[1]!.problems).toEqual(
      [],
    );
  });

  it('already a member, already invited, already queued', () => {
    expect(
      problemsOf([
        row({ email: 'active@x.test' }),
        row({ email: 'invited@x.test' }),
        row({ email: 'queued@x.test' }),
      ]).map((p) => p[0]!.message),
    ).toEqual([
      'active@x.test is already a member of this organisation.',
      'invited@x.test is already invited.',
      'queued@x.test is already queued to be added.',
    ]);
  });

  it('removed: re-adding is offered, and ready once confirmed; self-managed accounts only by invite', () => {
    const removed = row({ email: 'removed@x.test', password: 'A-Long-Enough-Passphrase' });
    const offered = check([removed]).rows[0]!;
    expect(offered).toMatchObject({ reAdd: 'offer', action: 'invite' });
    expect(offered.problems[0]!.message).toMatch(/was removed from this organisation\. Re-add them\?/);
    const confirmed = check([removed], { overrides: new Map([[removed.line, { reAdd: true }]]) }).rows[0]!;
    expect(confirmed).toMatchObject({ reAdd: 'confirmed', problems: [] });
    const forcedCreate = check([removed], { overrides: new Map([[removed.line, { reAdd: true, action: 'create' }]]) })
      .rows[0]!;
    expect(forcedCreate.problems).toEqual([
      {
        field: 'action',
        message: 'They manage their own password: a removed member like this can only be invited back.',
      },
    ]);
    const adminCreated = row({ email: 'removed.created@x.test', password: 'A-Long-Enough-Passphrase' });
    expect(check([adminCreated], { overrides: new Map([[adminCreated.line, { reAdd: true }]]) }).rows[0]).toMatchObject(
      { action: 'create', problems: [] },
    );
  });

  it('unknown role names the roles there are; role names match ignoring case and spaces; no role and no default', () => {
    const result = check([
      row({ role: 'Astronaut' }),
      row({ email: 'c@x.test', role: 'hr manager' }),
      row({ email: 'd@x.test', role: 'role_admin' }),
    ]);
    expect(result.rows[0]!.problems).toEqual([
      { field: 'role', message: 'Unknown role “Astronaut”. This organisation has: Member, Admin, HR Manager.' },
    ]);
    expect(result.rows[1]!.roleId).toBe('role_hr');
    expect(result.rows[2]!.roleId).toBe('role_admin');
    expect(problemsOf([row({})], { choices: { defaultRoleId: null } })[0]).toEqual([
      { field: 'role', message: 'No role in the file: choose a Default role.' },
    ]);
  });

  it('a changed role or action in the preview wins over the file', () => {
    const r = row({ role: 'Astronaut', password: 'A-Long-Enough-Passphrase' });
    expect(
      check([r], { overrides: new Map([[r.line, { roleId: 'role_admin', action: 'invite' }]]) }).rows[0],
    ).toMatchObject({
      roleId: 'role_admin',
      action: 'invite',
      problems: [],
      notes: [
        'The name is not sent with an invitation; they enter it when they accept.',
        'The password in the file is not used: an invitation lets them choose their own.',
      ],
    });
  });

  it('password policy: the rule is named', () => {
    const messages = problemsOf([
      row({ email: 'p1@x.test', password: 'short' }),
      row({ email: 'longname@x.test', password: 'prefix-longname-suffix-xyz' }),
      row({ email: 'p3@x.test', password: 'my-nexus-password-is-long' }),
      row({ email: 'p4@x.test', password: 'x'.repeat(129) }),
    ]).map((p) => p[0]!.message);
    expect(messages).toEqual([
      'Password policy, “Minimum length”: Use at least 15 characters.',
      'Password policy, “No email address in the password”: The password must not contain the email address.',
      'Password policy, “No product name”: The password must not contain the word "nexus".',
      'Password policy, “Maximum length”: Use at most 128 characters.',
    ]);
  });

  it('password policy: the pattern rules (repetitive, sequential, context word) are named too', () => {
    const messages = problemsOf([
      row({ email: 'r1@x.test', password: 'a'.repeat(16) }),
      row({ email: 'r2@x.test', password: 'abcdefghijklmnopq' }),
      row({ email: 'r3@globex.test', password: 'my-globex-password-long' }),
    ]).map((p) => p[0]!.message);
    expect(messages[0]).toMatch(/^Password policy, “No repetitive strings”: Repetitive/);
    expect(messages[1]).toMatch(/^Password policy, “No sequential strings”: Sequential/);
    expect(messages[2]).toMatch(/^Password policy, “No context words”: Context word/);
  });

  it('a role the admin may not grant is a row problem (the server would answer 403)', () => {
    const refusing: ImportLookup = {
      ...lookup(),
      grantRefusal: (roleId) => (roleId === 'role_admin' ? 'Only an owner can make someone an owner.' : null),
    };
    const result = checkImportRows(
      [row({ email: 'g1@x.test', role: 'Admin' }), row({ email: 'g2@x.test', role: 'Member' })],
      new Map(),
      choices,
      refusing,
    );
    expect(result.rows.map((r) => r.problems)).toEqual([
      [{ field: 'role', message: 'Only an owner can make someone an owner.' }],
      [],
    ]);
  });

  it('a create needs a name; an invite does not', () => {
    expect(problemsOf([row({ name: '', password: 'A-Long-Enough-Passphrase' })])[0]).toEqual([
      { field: 'name', message: 'A created account needs a name.' },
    ]);
    expect(problemsOf([row({ name: '' })])[0]).toEqual([]);
  });

  it('an account that exists elsewhere can only be invited (when the lookup could tell)', () => {
    const r = row({ email: 'elsewhere@x.test', password: 'A-Long-Enough-Passphrase' });
    expect(problemsOf([r], { accounts: { 'elsewhere@x.test': true } })[0]).toEqual([
      { field: 'action', message: 'elsewhere@x.test already has a Nexus account: they can only be invited.' },
    ]);
    expect(problemsOf([r], { accounts: { 'elsewhere@x.test': false } })[0]).toEqual([]);
    expect(problemsOf([r])[0]).toEqual([]);
  });

  it('a member, invitee or queued address that has an account is not told "only invited" (inviting them is wrong too)', () => {
    const accounts = { 'active@x.test': true, 'invited@x.test': true, 'queued@x.test': true };
    const rows = ['active@x.test', 'invited@x.test', 'queued@x.test'].map((email) =>
      row({ email, password: 'A-Long-Enough-Passphrase' }),
    );
    // One problem each: the one that says what is true; "Invite instead" would be refused too.
    expect(problemsOf(rows, { accounts }).map((p) => p.map((problem) => problem.field))).toEqual([
      ['email'],
      ['email'],
      ['email'],
    ]);
  });

  it('Entra "Block sign in" = Yes: the preview says Nexus adds them able to sign in', () => {
    const [blocked, open] = check([
      row({ password: 'A-Long-Enough-Passphrase', blockSignIn: true }),
      row({ email: 'other@x.test', password: 'A-Long-Enough-Passphrase', blockSignIn: false }),
    ]).rows;
    expect(blocked!.notes.join(' ')).toContain('Nexus cannot add a blocked account');
    expect(open!.notes).toEqual([]);
  });

  it('Google "Change Password at Next Sign-In" = FALSE: Nexus will still ask', () => {
    expect(
      check([row({ password: 'A-Long-Enough-Passphrase', changePasswordAtNextSignIn: false })]).rows[0]!.notes,
    ).toEqual(['The file says not to ask for a new password at first sign-in; Nexus still asks.']);
  });

  it('names: too long, or starting like a spreadsheet formula', () => {
    expect(
      problemsOf([row({ name: 'x'.repeat(201) }), row({ email: 'f@x.test', name: "=cmd|' /C calc'!A0" })]).map(
        (p) => p[0]?.field,
      ),
    ).toEqual(['name', 'name']);
  });

  it('summary counts ready, with problems and left out', () => {
    const skipped = row({ email: 'skip@x.test' });
    expect(
      check([row({ email: 'ok@x.test' }), row({ email: 'bad' }), skipped], {
        overrides: new Map([[skipped.line, { skip: true }]]),
      }),
    ).toMatchObject({ ready: 1, withProblems: 1, skipped: 1 });
  });

  it('an invite row with a name says the name is not sent (the API invites by email and role only)', () => {
    const NOTE = 'The name is not sent with an invitation; they enter it when they accept.';
    const [named, nameless, created] = check([
      row({ name: 'Jürgen Müller' }),
      row({ name: '' }),
      row({ name: 'Jürgen Müller', password: 'A-Long-Enough-Passphrase' }),
    ]).rows;
    expect(named).toMatchObject({ action: 'invite', problems: [] });
    expect(named!.notes).toEqual([NOTE]);
    expect(nameless!.notes).toEqual([]);
    expect(created).toMatchObject({ action: 'create' });
    expect(created!.notes).not.toContain(NOTE);
  });
});
