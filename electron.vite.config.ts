import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { PluginOption } from 'vite';
import { contentSecurityPolicy } from './shared/shell/content-security-policy';

const root = import.meta.dirname;

/** The CSP as a `<meta>` too, so the policy holds even if a page is ever loaded without our headers. */
function cspMetaTag(): PluginOption {
  return {
    name: 'nexus-csp-meta',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ forMeta: true }) },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

// Native modules are loaded from node_modules at runtime (electron-builder unpacks them from asar).
const nativeModules = ['better-sqlite3', '@napi-rs/keyring'];

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: { include: nativeModules },
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // Issue 16: a worker thread's script, found beside index.js at runtime
          // (electron/core/cache/cache-worker-entry.ts).
          'cache-worker': resolve(root, 'electron/core/cache/cache-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot require anything but a few Electron modules: bundle everything.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), cspMetaTag()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      chunkSizeWarningLimit: 1200,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
