import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * `<dataDir>/accounts.json`: the accounts this console keeps, each in its own folder (its own
 * cache.db, local.db and so outbox and activity log). The account that was here before several
 * accounts existed keeps the data folder itself (`dir: "."`) and its keychain names.
 */
const registrySchema = z.object({
  activeId: z.string(),
  accounts: z.array(z.object({ id: z.string(), dir: z.string() })).min(1),
});
export type AccountRegistry = z.infer<typeof registrySchema>;
export const LEGACY_ACCOUNT_ID = 'default';

export function readRegistry(dataDir: string): AccountRegistry {
  const path = join(dataDir, 'accounts.json');
  if (existsSync(path)) {
    try {
      const parsed = registrySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: rebuilt below, the folders themselves are untouched
    }
  }
  return { activeId: LEGACY_ACCOUNT_ID, accounts: [{ id: LEGACY_ACCOUNT_ID, dir: '.' }] };
}

export function writeRegistry(dataDir: string, registry: AccountRegistry): void {
  const path = join(dataDir, 'accounts.json');
  writeFileSync(`${path}.tmp`, JSON.stringify(registry, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function newAccountEntry(): { id: string; dir: string } {
  const id = `acct-${randomUUID().slice(0, 8)}`;
  return { id, dir: join('accounts', id) };
}
