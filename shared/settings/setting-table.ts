import { z } from 'zod';

/**
 * The one table of the console's settings: what an organisation may preset and lock by policy
 * (Windows registry, macOS managed preferences, a JSON file under /etc on Linux) and what an
 * admin may change on the **Settings** screen. The zod schemas, the Settings screen, the policy
 * readers and the Group Policy / configuration profile / JSON templates are all derived from it
 * (`npm run policy-templates` rewrites `resources/policies/`; a test fails when they disagree).
 *
 * Names are PascalCase because that is what policy tools show (registry value names, plist keys).
 */
export type SettingType = 'boolean' | 'integer' | 'string' | 'url' | 'urlList' | 'enum';

interface SettingBase {
  /** One line, shown on the Settings screen and as the policy's title in Group Policy. */
  title: string;
  /** What it does, for the admin guide and Group Policy's explain text. */
  description: string;
  /** False for settings only an organisation decides (shown, never editable by the user). */
  userSettable: boolean;
  /** Group for the Settings screen and the Group Policy category. */
  group: 'Server' | 'Security' | 'Appearance' | 'Sync';
}
export type SettingDefinition = SettingBase &
  (
    | { type: 'boolean'; default: boolean; example: boolean }
    | { type: 'integer'; default: number; min: number; max: number; unit: string; example: number }
    | { type: 'url'; default: string | null; example: string }
    | { type: 'urlList'; default: string[]; maxItems: number; example: string[] }
    | { type: 'enum'; default: string; options: readonly string[]; example: string }
  );

export const settingTable = {
  ServerUrl: {
    type: 'url',
    group: 'Server',
    title: 'Nexus server address',
    description:
      'The address of the Nexus server the sign-in screen offers, for example https://nexus.example.com. When set by policy, admins cannot sign in to any other server.',
    default: null,
    example: 'https://nexus.example.com',
    userSettable: true,
  },
  AllowedServers: {
    type: 'urlList',
    group: 'Server',
    title: 'Allowed Nexus servers',
    description:
      'The only Nexus servers admins may sign in to; the sign-in screen offers just these. Empty: any server.',
    default: [],
    maxItems: 50,
    example: ['https://nexus.example.com', 'https://nexus-eu.example.com'],
    userSettable: false,
  },
  AllowInsecureHttp: {
    type: 'boolean',
    group: 'Server',
    title: 'Allow plain http:// servers',
    description:
      'Allows signing in to a server over unencrypted http:// (a lab or test server). Off: only https:// and loopback addresses.',
    default: false,
    example: false,
    userSettable: true,
  },
  ClipboardClearSeconds: {
    type: 'integer',
    group: 'Security',
    title: 'Clear copied passwords after',
    description:
      'Seconds after which a copied temporary password is cleared from the clipboard (only if the clipboard still holds it).',
    default: 30,
    min: 5,
    max: 600,
    unit: 'seconds',
    example: 20,
    userSettable: true,
  },
  HandoverMaxHours: {
    type: 'integer',
    group: 'Security',
    title: 'Handover time limit',
    description:
      'Hours a temporary password held for a handover is kept before it is deleted, whether or not it was handed over.',
    default: 8,
    min: 1,
    max: 72,
    unit: 'hours',
    example: 4,
    userSettable: true,
  },
  HandoverFollowUpDays: {
    type: 'integer',
    group: 'Security',
    title: 'Flag people not signed in after',
    description:
      'Days after a handover at which a person who has not yet signed in and chosen their own password is flagged on the Handover screen, with Resend credentials at hand.',
    default: 3,
    min: 1,
    max: 90,
    unit: 'days',
    example: 5,
    userSettable: true,
  },
  AllowOfflineTemporaryPasswords: {
    type: 'boolean',
    group: 'Security',
    title: 'Queue temporary passwords offline',
    description:
      'Allows creating a user or changing a password while offline; the temporary password then waits in the OS keychain until it syncs. Off: these need a connection to the server.',
    default: true,
    example: false,
    userSettable: true,
  },
  AllowCsvImport: {
    type: 'boolean',
    group: 'Security',
    title: 'Allow CSV import',
    description: 'Shows Import CSV on the Members screen, to add many people from a file at once.',
    default: true,
    example: true,
    userSettable: false,
  },
  Theme: {
    type: 'enum',
    group: 'Appearance',
    title: 'Theme',
    description: 'Light, dark, or follow the operating system (auto).',
    default: 'auto',
    options: ['auto', 'light', 'dark'],
    example: 'auto',
    userSettable: true,
  },
  ListDensity: {
    type: 'enum',
    group: 'Appearance',
    title: 'Members list density',
    description: 'Comfortable rows, or compact rows that fit more members on a small screen.',
    default: 'comfortable',
    options: ['comfortable', 'compact'],
    example: 'compact',
    userSettable: true,
  },
  SyncIntervalSeconds: {
    type: 'integer',
    group: 'Sync',
    title: 'Sync every',
    description: 'Seconds between background syncs with the server. Takes effect at the next start.',
    default: 60,
    min: 15,
    max: 3600,
    unit: 'seconds',
    example: 120,
    userSettable: true,
  },
  RequestTimeoutSeconds: {
    type: 'integer',
    group: 'Sync',
    title: 'Server request timeout',
    description:
      'Seconds the console waits for the server before treating a request as failed. Takes effect at the next start.',
    default: 15,
    min: 5,
    max: 120,
    unit: 'seconds',
    example: 30,
    userSettable: true,
  },
  LogMaxMegabytes: {
    type: 'integer',
    group: 'Sync',
    title: 'Log file size',
    description:
      'Size in megabytes at which the log file is rotated (three older files are kept). Takes effect at the next start.',
    default: 5,
    min: 1,
    max: 100,
    unit: 'MB',
    example: 10,
    userSettable: true,
  },
} as const satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof settingTable;
export const settingKeys = Object.keys(settingTable) as SettingKey[];

export function isSettingKey(name: string): name is SettingKey {
  return Object.hasOwn(settingTable, name);
}

/** Addresses must be https:// unless http is allowed; the policy tools see them as plain strings. */
const urlSchema = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter an address such as https://nexus.example.com' }))
  .transform((url) => url.replace(/\/+$/, ''));

/** The zod schema of one setting's value, with its bounds and the sentence shown when it is wrong. */
export function settingSchema(definition: SettingDefinition): z.ZodType {
  switch (definition.type) {
    case 'boolean':
      return z.boolean({ message: 'Choose on or off' });
    case 'integer':
      return z
        .number({ message: `Enter a whole number of ${definition.unit}` })
        .int(`Enter a whole number of ${definition.unit}`)
        .min(definition.min, `At least ${definition.min} ${definition.unit}`)
        .max(definition.max, `At most ${definition.max} ${definition.unit}`);
    case 'url':
      return urlSchema.nullable();
    case 'urlList':
      return z.array(urlSchema).max(definition.maxItems, `At most ${definition.maxItems} addresses`);
    case 'enum':
      return z.enum(definition.options as [string, ...string[]], {
        message: `Choose one of ${definition.options.join(', ')}`,
      });
  }
}

export type SettingValues = {
  [K in SettingKey]: (typeof settingTable)[K] extends { type: 'boolean' }
    ? boolean
    : (typeof settingTable)[K] extends { type: 'integer' }
      ? number
      : (typeof settingTable)[K] extends { type: 'url' }
        ? string | null
        : (typeof settingTable)[K] extends { type: 'urlList' }
          ? string[]
          : string;
};

/** What a user may store: only user-settable keys, each valid or absent. */
export const userSettingsSchema = z
  .object(
    Object.fromEntries(
      settingKeys
        .filter((key) => settingTable[key].userSettable)
        .map((key) => [key, settingSchema(settingTable[key]).optional()]),
    ),
  )
  .strict();
export type UserSettings = Partial<SettingValues>;

export function defaultValues(): SettingValues {
  return Object.fromEntries(
    settingKeys.map((key) => [key, structuredClone(settingTable[key].default)]),
  ) as unknown as SettingValues;
}
