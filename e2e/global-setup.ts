import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Builds the renderer once per run into out/web, which the browser host serves, so the specs
 * always drive the UI as it is in the work tree, never a stale build.
 * NEXUS_E2E_SKIP_BUILD=1 reuses the existing out/web (quick reruns while writing a spec).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEXUS_E2E_SKIP_BUILD === '1') return;
  const started = performance.now();
  await build({
    configFile: fileURLToPath(new URL('../renderer/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
  console.log(`e2e: renderer built into out/web in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
