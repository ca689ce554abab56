import { z } from 'zod';

/** A setting's value on the wire: the table's types are boolean, integer, string, null, or a list. */
export const settingValueSchema = z.union([
  z.boolean(),
  z.number(),
  z.string().max(2000),
  z.null(),
  z.array(z.string().max(2000)).max(100),
]);

export const settingStateSchema = z.object({
  key: z.string(),
  value: settingValueSchema,
  source: z.enum(['policy', 'user', 'default']),
  /** Set by the organization: "Set by your organization", not editable. */
  locked: z.boolean(),
});
export type SettingState = z.infer<typeof settingStateSchema>;

export const settingsStateSchema = z.object({
  settings: z.array(settingStateSchema),
  /** Policy values ignored, a broken policy file, an invalid saved value: sentences for the admin. */
  notices: z.array(z.string()),
  /** Where organization policies are read on this machine. */
  policyOrigin: z.string().nullable(),
  /** The folder holding the console's log files. */
  logFolder: z.string(),
});
export type SettingsState = z.infer<typeof settingsStateSchema>;

export const settingsUpdateInputSchema = z.object({
  /** Setting name → new value; each is checked against the setting table in core. */
  set: z.record(z.string().max(100), settingValueSchema).default({}),
  /** Settings to put back to their default. */
  reset: z.array(z.string().max(100)).max(50).default([]),
});

export const diagnosticsExportInputSchema = z.object({
  /** Off by default: member email addresses are replaced by a placeholder in every file. */
  includeMemberEmails: z.boolean().default(false),
});

export const diagnosticsExportResultSchema = z.object({
  path: z.string(),
  sizeBytes: z.number().int(),
  files: z.array(z.string()),
});
export type DiagnosticsExportResult = z.infer<typeof diagnosticsExportResultSchema>;
