import { existsSync, renameSync, rmSync } from 'node:fs';

/** Older log files kept beside the current one: core.1.log (newest) … core.3.log. */
export const ROTATED_LOGS_KEPT = 3;
export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;

export function rotatedName(path: string, index: number): string {
  return path.replace(/(\.log)?$/, `.${index}$1`);
}

/**
 * Shifts `core.log` → `core.1.log` → … and drops the oldest, so the log folder never holds more
 * than (kept + 1) × the size limit. Best effort: a file in use elsewhere stays where it is.
 */
export function rotateLogFiles(path: string, kept = ROTATED_LOGS_KEPT): void {
  try {
    rmSync(rotatedName(path, kept), { force: true });
    for (let index = kept - 1; index >= 1; index--) {
      const from = rotatedName(path, index);
      if (existsSync(from)) renameSync(from, rotatedName(path, index + 1));
    }
    if (existsSync(path)) renameSync(path, rotatedName(path, 1));
  } catch {
    // the next line is written to the same file; rotation tries again at the next limit
  }
}
