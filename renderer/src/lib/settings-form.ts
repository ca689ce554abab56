import { z } from 'zod';
import {
  settingKeys,
  settingSchema,
  settingTable,
  type SettingKey,
  type SettingValues,
} from '../../../shared/settings/setting-table';

/** What the Settings form edits: every value as its input holds it (an empty address is ''). */
export type SettingsFormValues = Record<SettingKey, unknown>;

export function editableKeys(locked: ReadonlySet<SettingKey>): SettingKey[] {
  return settingKeys.filter((key) => settingTable[key].userSettable && !locked.has(key));
}

/** The table's own schemas (the ones core checks with), for the keys this admin may change. */
export function settingsFormSchema(locked: ReadonlySet<SettingKey>) {
  return z.object(
    Object.fromEntries(
      editableKeys(locked).map((key) => {
        const schema = settingSchema(settingTable[key]);
        // An empty address field means "no server of my own": saved as a reset to the default.
        return [key, settingTable[key].type === 'url' ? z.union([z.literal(''), schema]) : schema];
      }),
    ),
  );
}

export function toFormValues(values: SettingValues): SettingsFormValues {
  return Object.fromEntries(
    settingKeys.map((key) => [key, settingTable[key].type === 'url' ? (values[key] ?? '') : values[key]]),
  ) as SettingsFormValues;
}

/** The changes to send: what differs from the saved values, an emptied address as a reset. */
export function settingsChanges(form: SettingsFormValues, saved: SettingValues, locked: ReadonlySet<SettingKey>) {
  const set: Partial<Record<SettingKey, unknown>> = {};
  const reset: SettingKey[] = [];
  for (const key of editableKeys(locked)) {
    const value = form[key];
    const before = toFormValues(saved)[key];
    if (JSON.stringify(value) === JSON.stringify(before)) continue;
    if (settingTable[key].type === 'url' && value === '') reset.push(key);
    else set[key] = value;
  }
  return { set, reset };
}
