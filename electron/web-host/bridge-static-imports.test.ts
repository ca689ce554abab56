import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './renderer-build';

/**
 * The page scripts that run before the renderer may not evaluate zod or the contract tables as
 * they start (100–250 ms of a cold page, issue 16): every module reached through their static,
 * non-type imports is listed here and none may import `zod`. Dynamic `import()` is allowed: in the
 * one-file bundles it is evaluated on first use only.
 */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm;

function staticGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (graph.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(STATIC_IMPORT)].map((match) => match[1]!);
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.')) continue;
      const base = resolve(dirname(file), specifier);
      const candidates = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`];
      const found = candidates.find((candidate) => {
        try {
          readFileSync(candidate);
          return true;
        } catch {
          return false;
        }
      });
      if (!found) throw new Error(`${file}: cannot resolve ${specifier}`);
      visit(found);
    }
  };
  visit(entry);
  return graph;
}

describe('what the bridges evaluate at start', () => {
  for (const entry of ['electron/web-host/browser-bridge.ts', 'electron/preload/preload-bridge.ts']) {
    it(`${entry} reaches no zod through static imports`, () => {
      const graph = staticGraph(resolve(REPO_ROOT, entry));
      const withZod = [...graph].filter(([, specifiers]) => specifiers.includes('zod')).map(([file]) => file);
      expect(withZod).toEqual([]);
      // The walk itself works: it reaches the shared bridge and the name lists.
      expect([...graph.keys()].some((file) => file.endsWith('shared/contract/contract-names.ts'))).toBe(true);
    });
  }
});
