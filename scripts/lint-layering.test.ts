import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Lints source text as if it lived at a path of the project, with the project's real
// eslint.config.js, and reports which rules fired. Type-aware parsing is switched off for these
// virtual files (the TypeScript project service only knows files on disk); the layering rules
// need no types. One test lints a real file on disk with the untouched config.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      files: ['**/*.{ts,tsx}'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
});

async function rulesFiredFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`ESLint could not parse ${filePath}: ${fatal[0]?.message}`);
  return result.messages.map((m) => m.ruleId ?? 'unknown');
}

const use = (name: string) => `\nexport const used = ${name};\n`;

describe('layering lint rules (docs/architecture.md)', () => {
  // The first type-aware lint builds the whole TypeScript program: slow on two busy cores.
  it('fails a real renderer file on disk that imports electron/core', { timeout: 90_000 }, async () => {
    const probe = path.join(root, 'renderer', 'src', `layering-probe-${process.pid}.ts`);
    writeFileSync(probe, `import type { Core } from '../../electron/core/core-api';\nexport type Probe = Core;\n`);
    try {
      const [result] = await new ESLint({ cwd: root }).lintFiles([probe]);
      const messages = result?.messages ?? [];
      expect(messages.filter((m) => m.fatal)).toEqual([]);
      expect(messages.map((m) => m.ruleId)).toContain('layering/allowed-imports');
      expect(result?.errorCount).toBeGreaterThan(0);
    } finally {
      rmSync(probe, { force: true });
    }
  });

  it('fails a renderer file that imports electron/core', async () => {
    const rules = await rulesFiredFor(
      'renderer/src/layering-probe.ts',
      `import { createCore } from '../../electron/core/create-core';${use('createCore')}`,
    );
    expect(rules).toContain('layering/allowed-imports');
  });

  it('lets a renderer file import shared/', async () => {
    const rules = await rulesFiredFor(
      'renderer/src/layering-probe.ts',
      `import { PASSWORD_MIN_LENGTH } from '../../shared/password-policy';${use('PASSWORD_MIN_LENGTH')}`,
    );
    expect(rules).toEqual([]);
  });

  it.each([
    ['renderer/src/probe.ts', `import { ipcRenderer } from 'electron';`, 'no-restricted-imports'],
    ['renderer/src/probe.ts', `import { readFileSync } from 'node:fs';`, 'no-restricted-imports'],
    ['renderer/src/probe.ts', `import { readFileSync } from 'fs';`, 'no-restricted-imports'],
    ['renderer/src/probe.ts', `import { x } from '../../sandbox/server';`, 'layering/allowed-imports'],
    ['shared/probe.ts', `import { x } from '../renderer/src/main';`, 'layering/allowed-imports'],
    ['shared/probe.ts', `import { createHash } from 'node:crypto';`, 'no-restricted-imports'],
    ['electron/core/probe.ts', `import { app } from 'electron';`, 'no-restricted-imports'],
    ['electron/core/session/probe.ts', `import { x } from '../../main/index';`, 'layering/allowed-imports'],
    ['electron/core/probe.ts', `export { x } from '../../sandbox/server';`, 'layering/allowed-imports'],
    ['electron/preload/probe.ts', `import { readFileSync } from 'node:fs';`, 'no-restricted-imports'],
    ['electron/preload/probe.ts', `import { x } from '../core/core-api';`, 'layering/allowed-imports'],
    ['electron/web-host/probe.ts', `import { x } from '../main/index';`, 'layering/allowed-imports'],
    ['electron/web-host/probe.ts', `import { app } from 'electron';`, 'no-restricted-imports'],
    ['sandbox/probe.ts', `import { x } from '../electron/core/core-api';`, 'layering/allowed-imports'],
    ['sandbox/probe.ts', `const m = await import('../renderer/src/main');`, 'layering/allowed-imports'],
  ])('fails %s with %s', async (file, statement, rule) => {
    const name = statement.includes('const m') ? 'm' : (/[{]\s*(\w+)/.exec(statement)?.[1] ?? 'undefined');
    expect(await rulesFiredFor(file, `${statement}${use(name)}`)).toContain(rule);
  });

  it.each([
    ['electron/main/probe.ts', `import { app } from 'electron';\nimport { x } from '../core/core-api';`],
    [
      'electron/preload/probe.ts',
      `import { contextBridge } from 'electron';\nimport { x } from '../../shared/contract/api';`,
    ],
    ['electron/web-host/probe.ts', `import { createServer } from 'node:http';\nimport { x } from '../core/core-api';`],
    ['electron/core/probe.ts', `import { readFileSync } from 'node:fs';\nimport { x } from '../../shared/api/index';`],
    ['sandbox/probe.ts', `import { createServer } from 'node:http';\nimport { x } from '../shared/api/index';`],
    ['e2e/probe.spec.ts', `import { x } from '../sandbox/server';\nimport { y } from '../electron/core/core-api';`],
  ])('allows %s to use %s', async (file, statements) => {
    const names = [...statements.matchAll(/[{]\s*(\w+)/g)].map((m) => m[1]).join(', ');
    expect(await rulesFiredFor(file, `${statements}\nexport const used = [${names}];\n`)).toEqual([]);
  });
});
