import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DOC_PATH, withPolicyDocTable } from './doc-table';
import { policyTemplates } from './templates';

/**
 * `npm run policy-templates`: rewrites resources/policies/ and the policy table of
 * docs/managed-deployment.md from shared/settings/setting-table.ts.
 */
const root = join(import.meta.dirname, '..', '..');
for (const [path, text] of Object.entries(policyTemplates())) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
const docPath = join(root, DOC_PATH);
writeFileSync(docPath, await withPolicyDocTable(readFileSync(docPath, 'utf8'), docPath));
console.log(`updated the policy table in ${DOC_PATH}`);
