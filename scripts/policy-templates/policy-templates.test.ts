import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { parsePolicyJson } from '../../shared/settings/policy-parsers';
import { resolveSettings } from '../../shared/settings/resolve-settings';
import { settingKeys, settingTable } from '../../shared/settings/setting-table';
import { ADMX_NAMESPACE, REGISTRY_KEY } from './admx';
import { DOC_PATH, withPolicyDocTable } from './doc-table';
import { policyTemplates } from './templates';

const root = join(import.meta.dirname, '..', '..');
const templates = policyTemplates();
const checkedIn = (path: string) => readFileSync(join(root, path), 'utf8');
const ADMX = 'resources/policies/windows/NexusAdmin.admx';
const ADML = 'resources/policies/windows/en-US/NexusAdmin.adml';
const MOBILECONFIG = 'resources/policies/macos/com.nexus-erp.admin.mobileconfig';
const LINUX = 'resources/policies/linux/policies.json';

/** Parses strictly: any well-formedness error or warning fails the test. */
function parseXml(text: string, name: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      problems.push(`${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
  expect(problems, name).toEqual([]);
  return doc;
}
const all = (node: Document | Element, tag: string) => Array.from(node.getElementsByTagName(tag)) as Element[];

describe('policy templates are generated from the setting table', () => {
  it('the checked-in files are exactly what the table generates (run `npm run policy-templates`)', async () => {
    for (const [path, text] of Object.entries(templates)) expect(checkedIn(path), path).toBe(text);
    expect(checkedIn(DOC_PATH)).toBe(await withPolicyDocTable(checkedIn(DOC_PATH), join(root, DOC_PATH)));
  });

  it('the ADMX follows the ADMX schema rules that can be checked here', () => {
    const admx = parseXml(checkedIn(ADMX), 'admx');
    const adml = parseXml(checkedIn(ADML), 'adml');
    const rootElement = admx.documentElement!;
    expect(rootElement.tagName).toBe('policyDefinitions');
    expect(rootElement.getAttribute('xmlns')).toBe(
      'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions',
    );
    expect(adml.documentElement!.tagName).toBe('policyDefinitionResources');
    // Top-level order of the schema's sequence.
    const order = Array.from(rootElement.childNodes)
      .filter((node) => node.nodeType === 1)
      .map((node) => (node as Element).tagName);
    expect(order).toEqual(['policyNamespaces', 'resources', 'supportedOn', 'categories', 'policies']);
    const target = all(admx, 'target');
    expect(target).toHaveLength(1);
    expect(target[0]!.getAttribute('namespace')).toBe(ADMX_NAMESPACE);
    expect(target[0]!.getAttribute('prefix')).toMatch(/^[a-z]+$/);

    const strings = new Set(all(adml, 'string').map((s) => s.getAttribute('id')));
    const presentations = new Map(all(adml, 'presentation').map((p) => [p.getAttribute('id'), p]));
    expect(strings.size).toBe(all(adml, 'string').length);
    const refs = checkedIn(ADMX).matchAll(/\$\((string|presentation)\.([^)]+)\)/g);
    for (const [, kind, id] of refs) {
      if (kind === 'string') expect(strings.has(id!), `string ${id}`).toBe(true);
      else expect(presentations.has(id!), `presentation ${id}`).toBe(true);
    }

    const categories = new Set(all(admx, 'category').map((c) => c.getAttribute('name')));
    const supported = new Set(all(admx, 'definition').map((d) => d.getAttribute('name')));
    const policies = all(admx, 'policy');
    const names = policies.map((p) => p.getAttribute('name'));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(settingKeys);
    for (const category of all(admx, 'parentCategory')) expect(categories.has(category.getAttribute('ref'))).toBe(true);
    for (const policy of policies) {
      const name = policy.getAttribute('name')!;
      expect(policy.getAttribute('key'), name).toBe(REGISTRY_KEY);
      expect(policy.getAttribute('class'), name).toBe('Both');
      expect(supported.has(all(policy, 'supportedOn')[0]!.getAttribute('ref'))).toBe(true);
      const elements = all(policy, 'elements')[0];
      if (!elements) {
        // A plain on/off policy carries its own value name.
        expect(policy.getAttribute('valueName'), name).toBe(name);
        expect(settingTable[name as keyof typeof settingTable].type).toBe('boolean');
        continue;
      }
      const presentation = presentations.get(name)!;
      expect(presentation, name).toBeTruthy();
      for (const element of Array.from(elements.childNodes).filter((n) => n.nodeType === 1) as Element[]) {
        const id = element.getAttribute('id');
        if (element.tagName === 'list') expect(element.getAttribute('key')).toBe(`${REGISTRY_KEY}\\${name}`);
        else expect(element.getAttribute('valueName'), name).toBe(name);
        // Every element is shown by a presentation control with its id.
        const controls = Array.from(presentation.childNodes).filter((n) => n.nodeType === 1) as Element[];
        expect(controls.map((c) => c.getAttribute('refId'))).toContain(id);
      }
    }
  });

  it('the ADMX bounds, the macOS profile and the Linux sample carry the table', () => {
    const admx = parseXml(checkedIn(ADMX), 'admx');
    for (const decimal of all(admx, 'decimal').filter((d) => d.getAttribute('id'))) {
      const definition = settingTable[decimal.getAttribute('id') as 'ClipboardClearSeconds'];
      expect(Number(decimal.getAttribute('minValue'))).toBe(definition.min);
      expect(Number(decimal.getAttribute('maxValue'))).toBe(definition.max);
    }
    const plist = parseXml(checkedIn(MOBILECONFIG), 'mobileconfig');
    const keys = all(plist, 'key').map((k) => k.textContent);
    for (const key of settingKeys) expect(keys, key).toContain(key);

    // The Linux sample is a valid policy file: every value is accepted, none ignored.
    const resolved = resolveSettings(parsePolicyJson(checkedIn(LINUX), 'sample'), {});
    expect(resolved.notices).toEqual([]);
    expect(resolved.settings.every((s) => s.locked)).toBe(true);
  });
});
