import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BRIDGE_SCRIPT_PATH } from './bridge-protocol';

/**
 * What the browser host serves: the renderer's browser build (out/web, the same build
 * `npm run build:web` and the e2e global setup make) and the bridge script (out/web-bridge).
 * Each is rebuilt here with Vite's API when missing or older than its sources, into a temp
 * folder that replaces the old one only once complete, under a lock so parallel hosts build once.
 */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const BRIDGE_FILE = BRIDGE_SCRIPT_PATH.slice(1);

export interface WebBuild {
  webDir: string;
  bridgeFile: string;
}

export interface WebBuildOptions {
  repoRoot?: string;
  log?: (line: string) => void;
}

export async function ensureWebBuild(options: WebBuildOptions = {}): Promise<WebBuild> {
  const root = options.repoRoot ?? REPO_ROOT;
  const webDir = join(root, 'out/web');
  const bridgeDir = join(root, 'out/web-bridge');
  await ensureFresh({
    outDir: webDir,
    marker: 'index.html',
    sources: ['renderer', 'shared'].map((dir) => join(root, dir)),
    build: (outDir) => buildRenderer(root, outDir),
    what: 'the console for the browser',
    ...(options.log ? { log: options.log } : {}),
  });
  await ensureFresh({
    outDir: bridgeDir,
    marker: BRIDGE_FILE,
    sources: ['shared', 'electron/web-host'].map((dir) => join(root, dir)),
    build: (outDir) => buildBridge(root, outDir),
    what: 'the browser bridge',
    ...(options.log ? { log: options.log } : {}),
  });
  return { webDir, bridgeFile: join(bridgeDir, BRIDGE_FILE) };
}

interface Target {
  outDir: string;
  /** The file whose mtime says when the build was made. */
  marker: string;
  sources: string[];
  build: (outDir: string) => Promise<void>;
  what: string;
  log?: (line: string) => void;
}

async function ensureFresh(target: Target): Promise<void> {
  if (await isFresh(target)) return;
  const lock = `${target.outDir}.lock`;
  await mkdir(join(target.outDir, '..'), { recursive: true });
  await acquire(lock);
  try {
    if (await isFresh(target)) return;
    target.log?.(`Building ${target.what} (first start, or its sources changed)...`);
    const temp = `${target.outDir}.tmp-${process.pid}`;
    await rm(temp, { recursive: true, force: true });
    await target.build(temp);
    await rm(target.outDir, { recursive: true, force: true });
    await rename(temp, target.outDir);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function buildRenderer(root: string, outDir: string): Promise<void> {
  const { build } = await import('vite');
  // Vite picks React's JSX runtime from NODE_ENV, and test runners set it to "test": a build made
  // from such a process pairs the development JSX runtime with production React and renders
  // nothing. The browser build is always a production build, whoever asks for it.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(root, 'renderer/vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

async function buildBridge(root: string, outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: {
        entry: join(root, 'electron/web-host/browser-bridge.ts'),
        formats: ['iife'],
        name: 'NexusBridgeHost',
        fileName: () => BRIDGE_FILE,
      },
    },
  });
}

async function isFresh(target: Target): Promise<boolean> {
  const built = await stat(join(target.outDir, target.marker)).then(
    (s) => s.mtimeMs,
    () => null,
  );
  return built !== null && (await newestSource(target.sources)) <= built;
}

const SKIP = new Set(['node_modules', 'test', '__tests__']);

async function newestSource(dirs: string[]): Promise<number> {
  let newest = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (SKIP.has(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else newest = Math.max(newest, (await stat(path)).mtimeMs);
    }
  };
  for (const dir of dirs) await walk(dir);
  return newest;
}

async function acquire(lock: string): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch {
      // A lock older than five minutes is a crashed build; take it over.
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 5 * 60_000) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
