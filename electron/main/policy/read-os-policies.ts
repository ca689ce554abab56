import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { mergePolicyReadings, parsePolicyJson, parseRegQuery } from '../../../shared/settings/policy-parsers';
import { LINUX_POLICY_FILE, readPolicyFile } from '../../core/settings/policy-file';
import type { PolicyReading } from '../../../shared/settings/resolve-settings';

/**
 * The OS policy adapters of the Electron shell: read where each OS keeps an organization's
 * settings and hand core a plain object. They only run a command or read a file; every
 * judgement (types, bounds, unknown names) is core's (`shared/settings/resolve-settings.ts`).
 *
 * Why not `@vscode/policy-watcher`: it is a native module (a node-gyp build per Electron
 * version), reads only `Software\Policies\<vendor>\<product>` string/number values (no lists),
 * and has no Linux support; `reg query` and `plutil` ship with the OS and need no build.
 */
export { LINUX_POLICY_FILE, readPolicyFile };
export const REGISTRY_KEY = 'SOFTWARE\\Policies\\NexusAdmin';
/** From electron-builder.yml `appId`: the preference domain a configuration profile writes. */
export const MAC_BUNDLE_ID = 'com.nexus-erp.admin';

function run(command: string, args: string[]): Promise<{ ok: boolean; stdout: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 5000, windowsHide: true, maxBuffer: 1024 * 1024 }, (error, stdout) =>
      resolve({ ok: !error, stdout: String(stdout) }),
    );
  });
}

async function readRegistry(hive: 'HKLM' | 'HKCU'): Promise<PolicyReading> {
  const root = `${hive === 'HKLM' ? 'HKEY_LOCAL_MACHINE' : 'HKEY_CURRENT_USER'}\\${REGISTRY_KEY}`;
  // Exit code 1 means "no such key": no policies in this hive, not a problem.
  const result = await run('reg', ['query', `${hive}\\${REGISTRY_KEY}`, '/s']);
  return { origin: root, values: result.ok ? parseRegQuery(result.stdout, root) : {}, problems: [] };
}

async function readManagedPlist(path: string): Promise<PolicyReading> {
  if (!existsSync(path)) return { origin: path, values: {}, problems: [] };
  const result = await run('plutil', ['-convert', 'json', '-o', '-', path]);
  if (!result.ok) return { origin: path, values: {}, problems: [`The managed preferences ${path} could not be read.`] };
  return parsePolicyJson(result.stdout, path);
}

export async function readOsPolicies(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PolicyReading> {
  if (env.NEXUS_POLICY_FILE) return readPolicyFile(env.NEXUS_POLICY_FILE);
  if (platform === 'win32') {
    const [machine, user] = await Promise.all([readRegistry('HKLM'), readRegistry('HKCU')]);
    return mergePolicyReadings(`HKLM / HKCU\\${REGISTRY_KEY}`, machine, user);
  }
  if (platform === 'darwin') {
    const base = '/Library/Managed Preferences';
    const [machine, user] = await Promise.all([
      readManagedPlist(join(base, `${MAC_BUNDLE_ID}.plist`)),
      readManagedPlist(join(base, userInfo().username, `${MAC_BUNDLE_ID}.plist`)),
    ]);
    return mergePolicyReadings(`${base}/${MAC_BUNDLE_ID}`, machine, user);
  }
  return readPolicyFile(LINUX_POLICY_FILE);
}
