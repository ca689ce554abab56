import { appendFileSync } from 'node:fs';

/**
 * Prints a run's figures at the end of a test (vitest shows them with the file's output) and, when
 * NEXUS_FIGURES_FILE is set, appends them there as one JSON line, for docs/reliability.md.
 */
export function printFigures(title: string, figures: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(
    ([key, value]) => `  ${key.padEnd(width)}  ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
  );
  console.log(`\n── reliability: ${title} ──\n${lines.join('\n')}\n`);
  const file = process.env.NEXUS_FIGURES_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ title, at: new Date().toISOString(), ...figures })}\n`);
}

/**
 * Prints a seeded test's seed before it asserts anything, so a failure can be replayed with the
 * same seed (`<envName>=<seed>`), whatever the failure prints itself.
 */
export function printSeed(title: string, envName: string, seed: number): void {
  console.log(`── ${title}: seed ${seed} (replay with ${envName}=${seed}) ──`);
}
