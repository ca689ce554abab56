import { mkdir, readdir, rename, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BRIDGE_SCRIPT_PATH } from './bridge-protocol';

/**
 * The browser host serves the renderer's browser build (out/web) plus the bridge script. When the
 * build is missing or older than its sources it is rebuilt here with Vite's API, into a temp
 * folder that replaces out/web only once complete, under a lock so parallel hosts (e2e workers)
 * build once.
 */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const STAMP = '.nexus-build-stamp';

export interface WebBuildOptions {
  repoRoot?: string;
  /** Where the build goes; default `<repo>/out/web`. */
  outDir?: string;
  log?: (line: string) => void;
}

export async function ensureWebBuild(options: WebBuildOptions = {}): Promise<string> {
  const root = options.repoRoot ?? REPO_ROOT;
  const outDir = options.outDir ?? join(root, 'out/web');
  if (await isFresh(root, outDir)) return outDir;
  const lock = `${outDir}.lock`;
  await mkdir(join(outDir, '..'), { recursive: true });
  await acquire(lock);
  try {
    if (await isFresh(root, outDir)) return outDir;
    options.log?.('Building the console for the browser (first start, or its sources changed)...');
    const temp = `${outDir}.tmp-${process.pid}`;
    await rm(temp, { recursive: true, force: true });
    await buildInto(root, temp);
    await writeFile(join(temp, STAMP), String(await newestSource(root)));
    await rm(outDir, { recursive: true, force: true });
    await rename(temp, outDir);
    return outDir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function buildInto(root: string, outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: join(root, 'renderer/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      minify: true,
      lib: {
        entry: join(root, 'electron/web-host/browser-bridge.ts'),
        formats: ['iife'],
        name: 'NexusBridgeHost',
        fileName: () => BRIDGE_SCRIPT_PATH.slice(1),
      },
    },
  });
}

async function isFresh(root: string, outDir: string): Promise<boolean> {
  let built: number;
  try {
    built = Number(await readFile(join(outDir, STAMP), 'utf8'));
    await stat(join(outDir, 'index.html'));
    await stat(join(outDir, BRIDGE_SCRIPT_PATH.slice(1)));
  } catch {
    return false;
  }
  return Number.isFinite(built) && (await newestSource(root)) <= built;
}

const SOURCE_DIRS = ['renderer', 'shared', 'electron/web-host'];
const SKIP = new Set(['node_modules', 'test', '__tests__']);

async function newestSource(root: string): Promise<number> {
  let newest = 0;
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (SKIP.has(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else newest = Math.max(newest, (await stat(path)).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) await walk(join(root, dir));
  return newest;
}

async function acquire(lock: string): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch {
      // A lock older than the deadline is a crashed build; take it over.
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 5 * 60_000) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the web build lock ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
