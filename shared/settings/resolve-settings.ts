import {
  defaultValues,
  isSettingKey,
  settingKeys,
  settingSchema,
  settingTable,
  type SettingDefinition,
  type SettingKey,
  type SettingValues,
} from './setting-table';

/**
 * What an OS policy adapter hands to core: a plain object of policy name → raw value, where it
 * came from, and what went wrong reading it (a broken file). Adapters never judge the values.
 */
export interface PolicyReading {
  /** Where the policies were read, for the Settings screen and diagnostics. */
  origin: string;
  values: Record<string, unknown>;
  /** Sentences for the admin: a file that could not be read or parsed. */
  problems: string[];
}

export type SettingSource = 'policy' | 'user' | 'default';

export interface ResolvedSetting {
  key: SettingKey;
  value: SettingValues[SettingKey];
  source: SettingSource;
  /** Set by policy: shown as "Set by your organization" and cannot be changed. */
  locked: boolean;
}

export interface ResolvedSettings {
  values: SettingValues;
  settings: ResolvedSetting[];
  /** Policy values ignored, unknown names, a broken policy file: shown as a notice and logged. */
  notices: string[];
}

/**
 * Registry DWORDs arrive as numbers and REG_SZ as strings whatever the policy's type; a plist or
 * JSON file has real types. Only these lossless readings are accepted, nothing is guessed.
 */
function coercePolicyValue(definition: SettingDefinition, raw: unknown): unknown {
  if (definition.type === 'boolean' && (raw === 0 || raw === 1)) return raw === 1;
  if (definition.type === 'integer' && typeof raw === 'string' && /^\d{1,9}$/.test(raw.trim())) return Number(raw);
  if (definition.type === 'urlList' && typeof raw === 'string') return raw.split(/[\s,;]+/).filter(Boolean);
  return raw;
}

function describe(raw: unknown): string {
  const text = JSON.stringify(raw) ?? String(raw);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Effective value of every setting: policy, then the user's own, then the default — with its source. */
export function resolveSettings(policy: PolicyReading | null, user: Record<string, unknown>): ResolvedSettings {
  const values = defaultValues() as Record<SettingKey, unknown>;
  const sources = Object.fromEntries(settingKeys.map((key) => [key, 'default'])) as Record<SettingKey, SettingSource>;
  const notices: string[] = [...(policy?.problems ?? [])];

  for (const [key, raw] of Object.entries(user)) {
    if (!isSettingKey(key) || !settingTable[key].userSettable) continue;
    const parsed = settingSchema(settingTable[key]).safeParse(raw);
    if (parsed.success) {
      values[key] = parsed.data;
      sources[key] = 'user';
    } else {
      notices.push(`Your saved ${settingTable[key].title} (${describe(raw)}) is not valid and was not used.`);
    }
  }

  for (const [name, raw] of Object.entries(policy?.values ?? {})) {
    if (!isSettingKey(name)) {
      notices.push(`The organization policy "${name.slice(0, 60)}" is not one this console knows; it was ignored.`);
      continue;
    }
    const definition: SettingDefinition = settingTable[name];
    const parsed = settingSchema(definition).safeParse(coercePolicyValue(definition, raw));
    if (parsed.success) {
      values[name] = parsed.data;
      sources[name] = 'policy';
    } else {
      const reason = parsed.error.issues[0]?.message ?? 'not valid';
      notices.push(
        `The organization policy ${name} has a value the console cannot use (${describe(raw)}: ${reason}); it was ignored.`,
      );
    }
  }

  const settings = settingKeys.map((key) => ({
    key,
    value: values[key] as SettingValues[SettingKey],
    source: sources[key],
    locked: sources[key] === 'policy',
  }));
  return { values: values as SettingValues, settings, notices };
}

/**
 * Whether signing in to `serverUrl` is allowed: a locked ServerUrl allows only itself, a
 * non-empty AllowedServers only its entries. Compared without a trailing slash, case-insensitive host.
 */
export function isServerAllowed(values: SettingValues, locked: ReadonlySet<SettingKey>, serverUrl: string): boolean {
  const normalize = (url: string) => {
    try {
      const parsed = new URL(url);
      return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
    } catch {
      return url.toLowerCase();
    }
  };
  const wanted = normalize(serverUrl);
  if (locked.has('ServerUrl') && values.ServerUrl) return normalize(values.ServerUrl) === wanted;
  if (values.AllowedServers.length > 0) return values.AllowedServers.some((url) => normalize(url) === wanted);
  return true;
}
