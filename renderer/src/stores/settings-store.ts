import { create } from 'zustand';
import type { SettingState, SettingsState } from '../../../shared/contract/settings';
import { defaultValues, type SettingKey, type SettingValues } from '../../../shared/settings/setting-table';
import { call } from '../lib/nexus';

interface SettingsStore {
  /** As core last answered; null until the first answer. */
  state: SettingsState | null;
  /** Effective values (policy > user > default); the table's defaults until core answers. */
  values: SettingValues;
  locked: ReadonlySet<SettingKey>;
  load(): Promise<void>;
  apply(state: SettingsState): void;
  /** Saves the admin's own values; rejects with field errors keyed by setting name. */
  update(set: Partial<Record<SettingKey, unknown>>, reset?: SettingKey[]): Promise<void>;
}

function derive(state: SettingsState) {
  const values = defaultValues() as Record<string, unknown>;
  const locked = new Set<SettingKey>();
  for (const setting of state.settings) {
    values[setting.key] = setting.value;
    if (setting.locked) locked.add(setting.key as SettingKey);
  }
  return { state, values: values as SettingValues, locked };
}

/**
 * The console's settings in the renderer: what the Settings screen shows and what the screens
 * they govern read (sign-in servers, clipboard delay, theme, whether Import CSV shows). Core is
 * the authority; this is its last answer, refreshed on `settings.changed`.
 */
export const useSettingsStore = create<SettingsStore>()((set) => ({
  state: null,
  values: defaultValues(),
  locked: new Set(),
  async load() {
    try {
      set(derive(await call('settings.get')));
    } catch {
      // An older or unreachable core: the defaults stand; the Settings screen says so when opened.
    }
  },
  apply(state) {
    set(derive(state));
  },
  async update(values, reset = []) {
    set(derive(await call('settings.update', { set: values as Record<string, SettingState['value']>, reset })));
  },
}));

/** One setting's effective value. */
export function useSetting<K extends SettingKey>(key: K): SettingValues[K] {
  return useSettingsStore((s) => s.values[key]);
}

export function useSettingLocked(key: SettingKey): boolean {
  return useSettingsStore((s) => s.locked.has(key));
}
