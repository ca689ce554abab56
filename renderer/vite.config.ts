import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Browser build of the renderer, served by the browser host (`electron/web-host`) from out/web. */
export default defineConfig(({ mode }) => ({
  root,
  base: './',
  plugins: [react()],
  // A build run from a process with NODE_ENV set otherwise (as in the e2e run: NODE_ENV=test) would
  // bundle React's development build: +60 KB gzip and a much slower start. The mode decides.
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'development' ? 'development' : 'production') },
  build: {
    outDir: fileURLToPath(new URL('../out/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
}));
