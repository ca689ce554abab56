/**
 * Which template a file follows, from its header row, and which column holds what. Headers are
 * matched ignoring case, spaces, punctuation, bracketed parts and a trailing "Required"
 * (Google writes `First Name [Required]`, Entra `Name [displayName] Required`; the suffixes vary
 * between template versions).
 */
export const importFields = [
  'email',
  'name',
  'firstName',
  'lastName',
  'role',
  'password',
  'changePasswordAtNextSignIn',
  'blockSignIn',
] as const;
export type ImportField = (typeof importFields)[number];
/** Column index per field, or null where the file has none. */
export type ColumnMapping = Record<ImportField, number | null>;

/** The formats an import can be recognised as (the contract's enum of an import record's format, too). */
export const importFormatIds = ['google', 'entra', 'm365', 'console', 'custom'] as const;
export type ImportFormatId = (typeof importFormatIds)[number];
export const importFormatNames: Record<ImportFormatId, string> = {
  google: 'Google Workspace bulk upload',
  entra: 'Microsoft Entra bulk create',
  m365: 'Microsoft 365 add multiple users',
  console: 'Nexus Admin template',
  custom: 'Other CSV (columns chosen by you)',
};

export interface RecognisedFormat {
  format: ImportFormatId;
  mapping: ColumnMapping;
  /** Header names per column, for the mapping step and the preview. */
  header: string[];
}

/** `First Name [Required]` → `firstname`; `Name [displayName] Required` → `name`. */
export function headerKey(header: string): string {
  return (
    header
      .toLowerCase()
      // Accents do not count: "Rôle" is "role", "Prénom" is "prenom".
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/\[[^\]]*\]|\([^)]*\)/g, ' ')
      .replace(/\brequired\b\s*$/i, '')
      .replace(/[^\p{L}\p{N}]+/gu, '')
  );
}

/** The bracketed part of an Entra header: `User name [userPrincipalName] Required` → `userprincipalname`. */
function bracketKey(header: string): string | null {
  const match = /\[([^\]]+)\]/.exec(header);
  return match ? match[1]!.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') : null;
}

const emptyMapping = (): ColumnMapping => ({
  email: null,
  name: null,
  firstName: null,
  lastName: null,
  role: null,
  password: null,
  changePasswordAtNextSignIn: null,
  blockSignIn: null,
});

function indexOfKey(keys: string[], ...candidates: string[]): number | null {
  for (const candidate of candidates) {
    const index = keys.indexOf(candidate);
    if (index >= 0) return index;
  }
  return null;
}

function recogniseEntra(header: string[], versionLine: string | null): ColumnMapping | null {
  const brackets = header.map(bracketKey);
  const upn = brackets.indexOf('userprincipalname');
  if (upn < 0 || (versionLine === null && brackets.indexOf('displayname') < 0)) return null;
  const at = (key: string) => {
    const index = brackets.indexOf(key);
    return index >= 0 ? index : null;
  };
  return {
    ...emptyMapping(),
    email: upn,
    name: at('displayname'),
    firstName: at('givenname'),
    lastName: at('surname'),
    password: at('passwordprofile'),
    // "Block sign in (Yes/No) [accountEnabled]": Yes means the account is to be blocked.
    blockSignIn: at('accountenabled'),
  };
}

function recogniseGoogle(keys: string[]): ColumnMapping | null {
  const email = indexOfKey(keys, 'emailaddress');
  const first = indexOfKey(keys, 'firstname');
  const last = indexOfKey(keys, 'lastname');
  // Google's template always has these with its own names; "Org Unit Path" or "Password" confirm it.
  if (email === null || first === null || last === null) return null;
  if (indexOfKey(keys, 'orgunitpath', 'password', 'passwordhashfunction') === null) return null;
  return {
    ...emptyMapping(),
    email,
    firstName: first,
    lastName: last,
    password: indexOfKey(keys, 'password'),
    changePasswordAtNextSignIn: indexOfKey(keys, 'changepasswordatnextsignin'),
  };
}

function recogniseM365(keys: string[]): ColumnMapping | null {
  const email = indexOfKey(keys, 'username');
  const display = indexOfKey(keys, 'displayname');
  if (email === null || display === null || indexOfKey(keys, 'firstname') === null) return null;
  return {
    ...emptyMapping(),
    email,
    name: display,
    firstName: indexOfKey(keys, 'firstname'),
    lastName: indexOfKey(keys, 'lastname'),
  };
}

const CONSOLE_COLUMNS = ['email', 'name', 'role', 'password'] as const;

function recogniseConsole(keys: string[]): ColumnMapping | null {
  if (!keys.includes('email') || !keys.every((key) => (CONSOLE_COLUMNS as readonly string[]).includes(key)))
    return null;
  return {
    ...emptyMapping(),
    email: keys.indexOf('email'),
    name: indexOfKey(keys, 'name'),
    role: indexOfKey(keys, 'role'),
    password: indexOfKey(keys, 'password'),
  };
}

/** Guesses for a header no template explains: the mapping step starts from these. */
const GUESSES: Record<ImportField, string[]> = {
  email: [
    'email',
    'emailaddress',
    'mail',
    'workemail',
    'userprincipalname',
    'upn',
    'username',
    'login',
    'emailid',
    'courriel',
    'correo',
  ],
  name: ['name', 'fullname', 'displayname', 'membername', 'employeename', 'nom'],
  firstName: ['firstname', 'givenname', 'given', 'forename', 'first', 'prenom', 'vorname'],
  lastName: ['lastname', 'surname', 'familyname', 'family', 'last', 'nachname'],
  // English, then German, Spanish/Dutch, Italian, Portuguese, Polish ("Rôle" is "role" once accents go).
  role: [
    'role',
    'rolename',
    'access',
    'accesslevel',
    'permission',
    'group',
    'rolle',
    'funktion',
    'rol',
    'ruolo',
    'papel',
    'rola',
  ],
  password: ['password', 'initialpassword', 'temporarypassword', 'temppassword', 'pass', 'pwd'],
  changePasswordAtNextSignIn: ['changepasswordatnextsignin', 'mustchangepassword'],
  blockSignIn: ['blocksignin'],
};

export function guessMapping(header: string[], sample: string[][] = []): ColumnMapping {
  const keys = header.map(headerKey);
  const mapping = emptyMapping();
  const used = new Set<number>();
  for (const field of importFields) {
    const index = indexOfKey(keys, ...GUESSES[field]);
    if (index !== null && !used.has(index)) {
      mapping[field] = index;
      used.add(index);
    }
  }
  if (mapping.email === null) {
    // No header says email: a column whose values mostly look like addresses.
    for (let i = 0; i < header.length; i++) {
      if (used.has(i)) continue;
      const filled = sample.map((cells) => cells[i]?.trim() ?? '').filter(Boolean);
      if (
        filled.length > 0 &&
        filled.filter((value) => /^[^\s@]+@[^\s@]+$/.test(value)).length >= filled.length * 0.8
      ) {
        mapping.email = i;
        break;
      }
    }
  }
  return mapping;
}

export function recogniseFormat(
  header: string[],
  versionLine: string | null,
  sample: string[][] = [],
): RecognisedFormat {
  const keys = header.map(headerKey);
  const entra = recogniseEntra(header, versionLine);
  if (entra) return { format: 'entra', mapping: entra, header };
  const google = recogniseGoogle(keys);
  if (google) return { format: 'google', mapping: google, header };
  const m365 = recogniseM365(keys);
  if (m365) return { format: 'm365', mapping: m365, header };
  const own = recogniseConsole(keys);
  if (own) return { format: 'console', mapping: own, header };
  return { format: 'custom', mapping: guessMapping(header, sample), header };
}
