import { ensureWebBuild } from '../electron/web-host/renderer-build';

/**
 * Builds what the browser host serves (out/web and the bridge script) once, before the specs,
 * so no spec pays for it and none drives a stale build: the same build path the host itself uses,
 * rebuilt whenever renderer/, shared/ or the host are newer than the last build.
 * NEXUS_E2E_SKIP_BUILD=1 reuses whatever is in out/ (quick reruns while writing a spec).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEXUS_E2E_SKIP_BUILD === '1') return;
  const started = performance.now();
  await ensureWebBuild({ log: (line) => console.log(`e2e: ${line}`) });
  console.log(`e2e: browser build ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
