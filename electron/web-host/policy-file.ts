import { existsSync, readFileSync } from 'node:fs';
import { parsePolicyJson } from '../../shared/settings/policy-parsers';
import type { PolicyReading } from '../../shared/settings/resolve-settings';

/**
 * The browser host reads organization policies from the Linux file (the Electron shell reads
 * the registry and macOS managed preferences too, `electron/main/policy/read-os-policies.ts`).
 * `NEXUS_POLICY_FILE` names another file (tests, unusual layouts).
 */
export const DEFAULT_POLICY_FILE = '/etc/nexus-admin/policies.json';

export function readHostPolicies(path = process.env.NEXUS_POLICY_FILE || DEFAULT_POLICY_FILE): PolicyReading {
  if (!existsSync(path)) return { origin: path, values: {}, problems: [] };
  try {
    return parsePolicyJson(readFileSync(path, 'utf8'), path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    return { origin: path, values: {}, problems: [`The policy file ${path} could not be read (${reason}).`] };
  }
}
