import { describe, expect, it } from 'vitest';

// The renderer's sources (as text) and the names of Mantine's per-component stylesheets.
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const stylesheets = new Set(
  Object.keys(import.meta.glob('../../../node_modules/@mantine/core/styles/*.css')).map((path) =>
    path.slice(path.lastIndexOf('/') + 1, -'.css'.length),
  ),
);

describe('mantine-styles.ts', () => {
  it('imports the stylesheet of every Mantine component the renderer uses', () => {
    const list = sources['./mantine-styles.ts'] ?? '';
    const imported = new Set([...list.matchAll(/styles\/([A-Za-z-]+)\.css/g)].map((match) => match[1]));
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const match of text.matchAll(/import \{([^}]+)\} from '@mantine\/core'/g)) {
        for (const name of match[1]!.split(',').map((part) => part.trim().replace(/^type /, ''))) {
          if (/^[A-Z]/.test(name)) used.add(name);
        }
      }
    }
    expect(used.size).toBeGreaterThan(10);
    expect(stylesheets.has('Button')).toBe(true);
    const missing = [...used].filter((name) => stylesheets.has(name) && !imported.has(name));
    expect(missing).toEqual([]);
  });
});
