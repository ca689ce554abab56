import type { PolicyReading } from './resolve-settings';

/**
 * Pure parsers for what the OS policy adapters read (the adapters themselves live in the shells
 * and only run a file read or a command). Each returns a plain {@link PolicyReading}; a broken
 * source becomes a problem sentence, never an exception.
 */

/** The Linux policy file, or the JSON `plutil -convert json` prints for a macOS managed plist. */
export function parsePolicyJson(text: string, origin: string): PolicyReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'not JSON';
    return {
      origin,
      values: {},
      problems: [`The policy file ${origin} could not be read (${reason}); no organization policies apply.`],
    };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      origin,
      values: {},
      problems: [`The policy file ${origin} must hold a JSON object; no organization policies apply.`],
    };
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    // A configuration profile adds its own Payload* keys to the managed plist.
    if (key.startsWith('Payload') || key === '__proto__') continue;
    values[key] = value;
  }
  return { origin, values, problems: [] };
}

const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

/**
 * `reg query <root> /s` output → policy values. Values directly under `root` are policies; a
 * subkey named after a policy holds a list (values 1, 2, 3 … as Group Policy's list element
 * writes them). DWORDs become numbers, REG_MULTI_SZ a string array, other types are skipped.
 */
export function parseRegQuery(output: string, root: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const lists = new Map<string, Array<[number, string]>>();
  const rootLower = root.toLowerCase();
  let currentKey = '';
  for (const line of output.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (!line.startsWith(' ')) {
      currentKey = line.trim();
      continue;
    }
    const match = VALUE_LINE.exec(line);
    if (!match) continue;
    const [, name = '', type = '', data = ''] = match;
    let value: unknown;
    if (type === 'REG_DWORD' || type === 'REG_QWORD') value = Number.parseInt(data.trim(), 16);
    else if (type === 'REG_SZ' || type === 'REG_EXPAND_SZ') value = data.trim();
    else if (type === 'REG_MULTI_SZ')
      value = data
        .split('\\0')
        .map((item) => item.trim())
        .filter(Boolean);
    else continue;
    const keyLower = currentKey.toLowerCase();
    if (keyLower === rootLower) {
      values[name] = value;
    } else if (keyLower.startsWith(`${rootLower}\\`) && typeof value === 'string') {
      const listName = currentKey.slice(root.length + 1);
      if (listName.includes('\\')) continue;
      const index = Number(name);
      const items = lists.get(listName) ?? [];
      items.push([Number.isFinite(index) ? index : items.length + 1, value]);
      lists.set(listName, items);
    }
  }
  for (const [name, items] of lists) {
    values[name] = items.sort((a, b) => a[0] - b[0]).map(([, item]) => item);
  }
  return values;
}

/** Machine policy (HKLM) wins over user policy (HKCU), as in Chrome and Edge. */
export function mergePolicyReadings(origin: string, ...readings: PolicyReading[]): PolicyReading {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const reading of [...readings].reverse()) {
    Object.assign(values, reading.values);
    problems.push(...reading.problems);
  }
  return { origin, values, problems };
}
