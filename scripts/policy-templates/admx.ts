import {
  settingKeys,
  settingTable,
  type SettingDefinition,
  type SettingKey,
} from '../../shared/settings/setting-table';

/**
 * Group Policy templates (ADMX + en-US ADML) generated from the setting table. Every policy is
 * `class="Both"` (machine and user), under `Software\Policies\NexusAdmin`, where the Electron
 * shell's `reg query` reads it (`electron/main/policy/read-os-policies.ts`). Lists follow the
 * list element's convention: a subkey named after the policy holding values 1, 2, 3 …
 */
export const ADMX_NAMESPACE = 'NexusERP.Policies.NexusAdmin';
export const REGISTRY_KEY = 'Software\\Policies\\NexusAdmin';
const GP_NS = 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions';
const SUPPORTED = 'SUPPORTED_NexusAdmin_0_1';

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const categoryId = (group: string) => `Category_${group}`;
const groups = () => [...new Set(settingKeys.map((key) => settingTable[key].group))];

function policyElements(key: SettingKey, definition: SettingDefinition): string[] {
  switch (definition.type) {
    case 'boolean':
      return [
        '      <enabledValue><decimal value="1" /></enabledValue>',
        '      <disabledValue><decimal value="0" /></disabledValue>',
      ];
    case 'integer':
      return [
        '      <elements>',
        `        <decimal id="${key}" valueName="${key}" minValue="${definition.min}" maxValue="${definition.max}" required="true" />`,
        '      </elements>',
      ];
    case 'url':
      return [
        '      <elements>',
        `        <text id="${key}" valueName="${key}" required="true" />`,
        '      </elements>',
      ];
    case 'urlList':
      return [
        '      <elements>',
        `        <list id="${key}" key="${REGISTRY_KEY}\\${key}" valuePrefix="" />`,
        '      </elements>',
      ];
    case 'enum':
      return [
        '      <elements>',
        `        <enum id="${key}" valueName="${key}" required="true">`,
        ...definition.options.map(
          (option) =>
            `          <item displayName="$(string.${key}_${option})"><value><string>${xmlEscape(option)}</string></value></item>`,
        ),
        '        </enum>',
        '      </elements>',
      ];
  }
}

export function admx(): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Generated from shared/settings/setting-table.ts by `npm run policy-templates`. Do not edit. -->',
    `<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="${GP_NS}">`,
    '  <policyNamespaces>',
    `    <target prefix="nexusadmin" namespace="${ADMX_NAMESPACE}" />`,
    '    <using prefix="windows" namespace="Microsoft.Policies.Windows" />',
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0" />',
    '  <supportedOn>',
    '    <definitions>',
    `      <definition name="${SUPPORTED}" displayName="$(string.${SUPPORTED})" />`,
    '    </definitions>',
    '  </supportedOn>',
    '  <categories>',
    '    <category name="NexusAdmin" displayName="$(string.NexusAdmin)" />',
    ...groups().map(
      (group) =>
        `    <category name="${categoryId(group)}" displayName="$(string.${categoryId(group)})"><parentCategory ref="NexusAdmin" /></category>`,
    ),
    '  </categories>',
    '  <policies>',
  ];
  for (const key of settingKeys) {
    const definition: SettingDefinition = settingTable[key];
    const presentation = definition.type === 'boolean' ? '' : ` presentation="$(presentation.${key})"`;
    const valueName = definition.type === 'boolean' ? ` valueName="${key}"` : '';
    lines.push(
      `    <policy name="${key}" class="Both" displayName="$(string.${key})" explainText="$(string.${key}_Explain)"${presentation} key="${REGISTRY_KEY}"${valueName}>`,
      `      <parentCategory ref="${categoryId(definition.group)}" />`,
      `      <supportedOn ref="${SUPPORTED}" />`,
      ...policyElements(key, definition),
      '    </policy>',
    );
  }
  lines.push('  </policies>', '</policyDefinitions>', '');
  return lines.join('\r\n');
}

function explain(definition: SettingDefinition): string {
  const bounds =
    definition.type === 'integer'
      ? ` From ${definition.min} to ${definition.max} ${definition.unit}; default ${definition.default}.`
      : definition.type === 'boolean'
        ? ` Not configured: ${definition.default ? 'on' : 'off'}.`
        : definition.type === 'enum'
          ? ` One of: ${definition.options.join(', ')}; default ${definition.default}.`
          : definition.type === 'urlList'
            ? ' One address per entry.'
            : '';
  return `${definition.description}${bounds} When configured, admins see it as "Set by your organization" and cannot change it.`;
}

export function adml(): string {
  const strings: Array<[string, string]> = [
    [SUPPORTED, 'Nexus Admin 0.1 and later'],
    ['NexusAdmin', 'Nexus Admin'],
    ...groups().map((group): [string, string] => [categoryId(group), group]),
  ];
  const presentations: string[] = [];
  for (const key of settingKeys) {
    const definition: SettingDefinition = settingTable[key];
    strings.push([key, definition.title], [`${key}_Explain`, explain(definition)]);
    const label = xmlEscape(definition.title);
    switch (definition.type) {
      case 'integer':
        presentations.push(
          `      <presentation id="${key}"><decimalTextBox refId="${key}" defaultValue="${definition.default}">${label}</decimalTextBox></presentation>`,
        );
        break;
      case 'url':
        presentations.push(
          `      <presentation id="${key}"><textBox refId="${key}"><label>${label}</label></textBox></presentation>`,
        );
        break;
      case 'urlList':
        presentations.push(`      <presentation id="${key}"><listBox refId="${key}">${label}</listBox></presentation>`);
        break;
      case 'enum':
        for (const option of definition.options)
          strings.push([`${key}_${option}`, option[0]!.toUpperCase() + option.slice(1)]);
        presentations.push(
          `      <presentation id="${key}"><dropdownList refId="${key}" noSort="true" defaultItem="${definition.options.indexOf(definition.default)}">${label}</dropdownList></presentation>`,
        );
        break;
      case 'boolean':
        break;
    }
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Generated from shared/settings/setting-table.ts by `npm run policy-templates`. Do not edit. -->',
    `<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="${GP_NS}">`,
    '  <displayName>Nexus Admin</displayName>',
    '  <description>Settings an organization presets and locks for the Nexus Admin console.</description>',
    '  <resources>',
    '    <stringTable>',
    ...strings.map(([id, text]) => `      <string id="${id}">${xmlEscape(text)}</string>`),
    '    </stringTable>',
    '    <presentationTable>',
    ...presentations,
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ].join('\r\n');
}
