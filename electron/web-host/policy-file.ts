import type { PolicyReading } from '../../shared/settings/resolve-settings';
import { LINUX_POLICY_FILE, readPolicyFile } from '../core/settings/policy-file';

/**
 * The browser host reads organization policies from the Linux file (the Electron shell reads
 * the registry and macOS managed preferences too, `electron/main/policy/read-os-policies.ts`).
 * `NEXUS_POLICY_FILE` names another file (tests, unusual layouts).
 */
export const DEFAULT_POLICY_FILE = LINUX_POLICY_FILE;

export function readHostPolicies(path = process.env.NEXUS_POLICY_FILE || DEFAULT_POLICY_FILE): PolicyReading {
  return readPolicyFile(path);
}
