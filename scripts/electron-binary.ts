import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the Electron binary is, or why there is none. Reads what the electron package's installer
 * leaves behind instead of `require('electron')`, which would try to download the binary.
 */
export function findElectronBinary(): { path: string } | { path: null; reason: string } {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, reason: 'its binary was never downloaded' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
    : join(packageDir, 'dist', relative);
  return existsSync(binary) ? { path: binary } : { path: null, reason: `its binary is missing (${binary})` };
}
