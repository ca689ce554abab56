import { settingKeys, settingTable, type SettingDefinition } from '../../shared/settings/setting-table';
import { xmlEscape } from './admx';

/** From electron-builder.yml `appId`: the preference domain macOS managed preferences use. */
export const MAC_BUNDLE_ID = 'com.nexus-erp.admin';
// Fixed so the checked-in sample does not change at every run; an MDM assigns its own.
const PROFILE_UUID = '6F1C2A57-3B7E-4E7A-9C1D-5A0E2B9D4C11';
const PAYLOAD_UUID = '0B8E4D2F-91A6-4C3B-8F7E-2D5C6A1B3E22';

function plistValue(value: unknown, indent: string): string[] {
  if (typeof value === 'boolean') return [`${indent}<${value}/>`];
  if (typeof value === 'number') return [`${indent}<integer>${value}</integer>`];
  if (Array.isArray(value))
    return [`${indent}<array>`, ...value.flatMap((item) => plistValue(item, indent + '\t')), `${indent}</array>`];
  return [`${indent}<string>${xmlEscape(String(value))}</string>`];
}

/**
 * A sample configuration profile: one payload for the app's preference domain with every policy
 * set to the table's example value. Admins delete the keys they do not want to manage.
 */
export function mobileconfig(): string {
  const settings = settingKeys.flatMap((key) => {
    const definition: SettingDefinition = settingTable[key];
    return [`\t\t\t<key>${key}</key>`, ...plistValue(definition.example, '\t\t\t')];
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<!-- Generated from shared/settings/setting-table.ts by `npm run policy-templates`. Sample values: edit before use. -->',
    '<plist version="1.0">',
    '<dict>',
    '\t<key>PayloadContent</key>',
    '\t<array>',
    '\t\t<dict>',
    '\t\t\t<key>PayloadType</key>',
    `\t\t\t<string>${MAC_BUNDLE_ID}</string>`,
    '\t\t\t<key>PayloadIdentifier</key>',
    `\t\t\t<string>${MAC_BUNDLE_ID}.policies</string>`,
    '\t\t\t<key>PayloadUUID</key>',
    `\t\t\t<string>${PAYLOAD_UUID}</string>`,
    '\t\t\t<key>PayloadVersion</key>',
    '\t\t\t<integer>1</integer>',
    '\t\t\t<key>PayloadDisplayName</key>',
    '\t\t\t<string>Nexus Admin settings</string>',
    ...settings,
    '\t\t</dict>',
    '\t</array>',
    '\t<key>PayloadDisplayName</key>',
    '\t<string>Nexus Admin</string>',
    '\t<key>PayloadDescription</key>',
    '\t<string>Settings your organization presets and locks for the Nexus Admin console.</string>',
    '\t<key>PayloadIdentifier</key>',
    `\t<string>${MAC_BUNDLE_ID}.profile</string>`,
    '\t<key>PayloadScope</key>',
    '\t<string>System</string>',
    '\t<key>PayloadType</key>',
    '\t<string>Configuration</string>',
    '\t<key>PayloadUUID</key>',
    `\t<string>${PROFILE_UUID}</string>`,
    '\t<key>PayloadVersion</key>',
    '\t<integer>1</integer>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

/** The Linux sample: /etc/nexus-admin/policies.json with every policy at its example value. */
export function linuxPolicyJson(): string {
  const sample = Object.fromEntries(settingKeys.map((key) => [key, settingTable[key].example]));
  return JSON.stringify(sample, null, 2) + '\n';
}
