import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The admin's own settings: `<dataDir>/settings.json`, owner-only (0600), written to a temporary
 * file and renamed so a crash never leaves half a file. Values are checked by the caller against
 * the setting table; this file only keeps the bytes.
 */
export interface UserSettingsFile {
  read(): { values: Record<string, unknown>; problem: string | null };
  write(values: Record<string, unknown>): void;
  path: string;
}

export function userSettingsFile(dataDir: string, now: () => Date = () => new Date()): UserSettingsFile {
  const path = join(dataDir, 'settings.json');
  return {
    path,
    read() {
      if (!existsSync(path)) return { values: {}, problem: null };
      try {
        const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          return { values: { ...(parsed as Record<string, unknown>) }, problem: null };
        }
      } catch {
        // fall through: moved aside below
      }
      // Kept, not dropped: the admin (or support) can still read what was there.
      const aside = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
      try {
        renameSync(path, aside);
      } catch {
        // read-only folder: the defaults apply this time anyway
      }
      return {
        values: {},
        problem: `Your settings file could not be read and was moved aside (${aside}); defaults apply.`,
      };
    },
    write(values) {
      const temporary = `${path}.tmp`;
      writeFileSync(temporary, JSON.stringify(values, null, 2) + '\n', { mode: 0o600 });
      renameSync(temporary, path);
    },
  };
}
