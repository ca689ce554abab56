import { admx, adml } from './admx';
import { linuxPolicyJson, mobileconfig, MAC_BUNDLE_ID } from './mobileconfig';

/** Every checked-in template, by path under the repository root, as the table generates it now. */
export function policyTemplates(): Record<string, string> {
  return {
    'resources/policies/windows/NexusAdmin.admx': admx(),
    'resources/policies/windows/en-US/NexusAdmin.adml': adml(),
    [`resources/policies/macos/${MAC_BUNDLE_ID}.mobileconfig`]: mobileconfig(),
    'resources/policies/linux/policies.json': linuxPolicyJson(),
  };
}
