import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds member names, emails, roles and the local audit trail: it is this user's
 * alone. Folders 0700, files 0600, whatever the umask; a folder an older version left at
 * 0755/0644 is tightened at start-up. On Windows and macOS the per-user app-data folder is
 * already private to the user; `chmod` there only touches the read-only bit, so this is a no-op.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const tooOpen = (mode: number, wanted: number) => (mode & 0o777 & ~wanted) !== 0;

/** Creates `dir` (and parents) private, or tightens it; then every folder and file inside. */
export function securePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return;
  tighten(dir);
}

function tighten(dir: string): void {
  if (tooOpen(statSync(dir).mode, PRIVATE_DIR_MODE)) chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tighten(path);
    else if (entry.isFile() && tooOpen(statSync(path).mode, PRIVATE_FILE_MODE)) chmodSync(path, PRIVATE_FILE_MODE);
  }
}

/**
 * Creates an empty private file before SQLite does (SQLite would use the umask, and gives the
 * -wal and -shm files the mode of the database file), or tightens an existing one.
 */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) {
    closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
    return;
  }
  if (process.platform !== 'win32' && tooOpen(statSync(path).mode, PRIVATE_FILE_MODE))
    chmodSync(path, PRIVATE_FILE_MODE);
}
