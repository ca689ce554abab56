import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the cache worker's script is, in both shells:
 * - bundled (electron-vite, `out/main`): its own entry `cache-worker.js`, beside the main
 *   bundle's entry (electron.vite.config.ts lists it as a second main input);
 * - from source (the browser host and the bench under tsx, vitest): `cache-worker.ts` beside
 *   this file, started with tsx's loader (inherited when core runs under tsx, added otherwise).
 * The names are variables on purpose: Vite rewrites `new URL('literal', import.meta.url)` into
 * an asset, which would copy the source file into the bundle.
 */
/** electron.vite.config.ts names the main input `cache-worker` (output `[name].js`); a test checks both agree. */
export const BUILT_WORKER = 'cache-worker.js';
const BUILT = [`./${BUILT_WORKER}`, `../${BUILT_WORKER}`];
const SOURCE = './cache-worker.ts';

export interface WorkerEntry {
  url: URL;
  execArgv: string[];
}

export function cacheWorkerEntry(): WorkerEntry {
  for (const name of BUILT) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return { url, execArgv: process.execArgv };
  }
  const url = new URL(SOURCE, import.meta.url);
  const hasLoader = process.execArgv.some((arg) => arg.includes('tsx'));
  if (hasLoader) return { url, execArgv: process.execArgv };
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { url, execArgv: [...process.execArgv, '--import', loader] };
}
