import { existsSync, readFileSync } from 'node:fs';
import { parsePolicyJson } from '../../../shared/settings/policy-parsers';
import type { PolicyReading } from '../../../shared/settings/resolve-settings';

/** Where an organization's policies live on Linux (both shells read it; `NEXUS_POLICY_FILE` overrides). */
export const LINUX_POLICY_FILE = '/etc/nexus-admin/policies.json';

/** A policy file: missing is no policies; broken is a problem to show, never a crash. */
export function readPolicyFile(path: string): PolicyReading {
  if (!existsSync(path)) return { origin: path, values: {}, problems: [] };
  try {
    return parsePolicyJson(readFileSync(path, 'utf8'), path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    return { origin: path, values: {}, problems: [`The policy file ${path} could not be read (${reason}).`] };
  }
}
