import type { SettingsState } from '../../../shared/contract/settings';
import {
  isSettingKey,
  settingSchema,
  settingTable,
  type SettingKey,
  type SettingValues,
} from '../../../shared/settings/setting-table';
import { resolveSettings, type PolicyReading, type ResolvedSettings } from '../../../shared/settings/resolve-settings';
import { consoleError } from '../errors';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { UserSettingsFile } from './user-settings-file';

export interface SettingsServiceOptions {
  file: UserSettingsFile;
  /** What the shell's OS adapter read at start; null where none applies. */
  policy: PolicyReading | null;
  bus: EventBus;
  logFolder: string;
}

/**
 * Effective settings = organization policy > the admin's own > default. Policies are read once
 * at start (the shell passes them in); a change to the admin's own settings is validated against
 * the table, saved, and announced with `settings.changed`.
 */
export class SettingsService {
  private user: Record<string, unknown>;
  private resolved: ResolvedSettings;
  private readonly fileProblem: string | null;
  private logger: Logger | null = null;

  constructor(private readonly options: SettingsServiceOptions) {
    const { values, problem } = options.file.read();
    this.user = values;
    this.fileProblem = problem;
    this.resolved = this.resolve();
  }

  /** Settings come before the logger (its size limit is a setting); their notices are logged once it exists. */
  announce(logger: Logger): void {
    this.logger = logger;
    for (const notice of this.resolved.notices) logger.warn('settings: ' + notice);
    const locked = this.resolved.settings.filter((s) => s.locked).map((s) => s.key);
    logger.info('settings loaded', { policyOrigin: this.options.policy?.origin ?? null, locked });
  }

  private resolve(): ResolvedSettings {
    const resolved = resolveSettings(this.options.policy, this.user);
    if (this.fileProblem) resolved.notices.unshift(this.fileProblem);
    return resolved;
  }

  get values(): SettingValues {
    return this.resolved.values;
  }

  isLocked(key: SettingKey): boolean {
    return this.resolved.settings.some((s) => s.key === key && s.locked);
  }

  lockedKeys(): Set<SettingKey> {
    return new Set(this.resolved.settings.filter((s) => s.locked).map((s) => s.key));
  }

  state(): SettingsState {
    return {
      settings: this.resolved.settings.map((s) => ({ ...s })),
      notices: [...this.resolved.notices],
      policyOrigin: this.options.policy?.origin ?? null,
      logFolder: this.options.logFolder,
    };
  }

  /** All or nothing: one bad value changes nothing and names each field that is wrong. */
  update(input: { set: Record<string, unknown>; reset: string[] }): SettingsState {
    const fields: { path: string; message: string }[] = [];
    const next = { ...this.user };
    const check = (key: string): key is SettingKey => {
      if (!isSettingKey(key)) {
        fields.push({ path: key, message: 'There is no such setting.' });
        return false;
      }
      if (this.isLocked(key)) {
        fields.push({ path: key, message: 'Set by your organization; it cannot be changed here.' });
        return false;
      }
      if (!settingTable[key].userSettable) {
        fields.push({ path: key, message: 'Only your organization can set this.' });
        return false;
      }
      return true;
    };
    for (const key of input.reset) if (check(key)) delete next[key];
    for (const [key, value] of Object.entries(input.set)) {
      if (!check(key)) continue;
      const parsed = settingSchema(settingTable[key]).safeParse(value);
      if (parsed.success) next[key] = parsed.data;
      else fields.push({ path: key, message: parsed.error.issues[0]?.message ?? 'Not a valid value.' });
    }
    if (fields.length) throw consoleError('invalid_input', 'Some settings are not valid; nothing was changed.', fields);

    this.options.file.write(next);
    this.user = next;
    this.resolved = this.resolve();
    this.logger?.info('settings changed', { set: Object.keys(input.set), reset: input.reset });
    const state = this.state();
    this.options.bus.emit('settings.changed', state);
    return state;
  }
}
