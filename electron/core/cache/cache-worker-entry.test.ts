import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../../electron.vite.config';
import { BUILT_WORKER, cacheWorkerEntry } from './cache-worker-entry';

/** Both shells find the cache worker: the electron-vite bundle and core run from source. */
describe('the cache worker entry', () => {
  it('is a main input of the electron-vite build, written where the bundle looks for it', () => {
    const config = viteConfig as { main: { build: { rollupOptions: { input: Record<string, string> } } } };
    const input = config.main.build.rollupOptions.input;
    const name = BUILT_WORKER.replace(/\.js$/, '');
    expect(input[name]).toBe(resolve(import.meta.dirname, 'cache-worker.ts'));
    // Beside index.js: the same folder as the main entry.
    expect(Object.keys(input)).toContain('index');
  });

  it('from source is the .ts file beside it, started with a TypeScript loader', () => {
    const entry = cacheWorkerEntry();
    expect(fileURLToPath(entry.url)).toBe(resolve(import.meta.dirname, 'cache-worker.ts'));
    expect(existsSync(fileURLToPath(entry.url))).toBe(true);
    expect(entry.execArgv.some((arg) => arg.includes('tsx'))).toBe(true);
  });
});
