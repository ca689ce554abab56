// Flat config. Correctness rules only: formatting is Prettier's job (npm run format).
// The layering of docs/architecture.md is enforced twice: `layering/allowed-imports` for imports
// between our folders (resolved against the importing file), no-restricted-imports for
// packages a layer may not use (electron, Node built-ins).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layering from './scripts/eslint/layering-rule.js';

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

const noElectron = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron (docs/architecture.md).',
};
const builtinsExcept = (allowed, message) => [
  ...NODE_BUILTINS.filter((name) => !allowed.includes(name)).map((name) => ({ name, message })),
  ...NODE_BUILTINS.filter((name) => !allowed.includes(name)).map((name) => ({ name: `node:${name}`, message })),
];
const restrict = (...paths) => ({ 'no-restricted-imports': ['error', { paths: paths.flat() }] });

// Tests wire real parts together (a core test starts the real sandbox), so they may import
// across layers; production files may not.
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test/**'];

export default defineConfig(
  globalIgnores([
    'node_modules/',
    'out/',
    'dist/',
    'release/',
    'coverage/',
    'test-results/',
    'playwright-report/',
    '.data/',
    '.tools/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { layering },
    rules: {
      'layering/allowed-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // Packages each layer may not use.
  {
    files: ['shared/**'],
    ignores: TESTS,
    rules: restrict(
      noElectron,
      builtinsExcept([], 'shared/ runs in the renderer too: no Node built-ins (docs/architecture.md).'),
    ),
  },
  {
    files: ['renderer/**'],
    ignores: [...TESTS, 'renderer/vite.config.ts'],
    rules: restrict(
      noElectron,
      builtinsExcept([], 'The renderer knows only shared/ and window.nexus: no Node built-ins (docs/architecture.md).'),
    ),
  },
  {
    files: ['electron/preload/**'],
    ignores: TESTS,
    rules: restrict(
      builtinsExcept(
        ['events', 'timers', 'url'],
        'A sandboxed preload only has the events, timers and url built-ins; pass anything else over IPC.',
      ),
    ),
  },
  { files: ['electron/core/**', 'electron/web-host/**', 'sandbox/**'], ignores: TESTS, rules: restrict(noElectron) },
  // Inside core, imports go one way: sync/ may use members/ and the stores, never the reverse.
  {
    files: ['electron/core/members/**', 'electron/core/cache/**', 'electron/core/local-store/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['../sync/*', '../members/*'],
              message: 'Core imports go one way: sync/ → members/ → the stores (electron/core/README.md).',
            },
          ],
        },
      ],
    },
  },
  // SQL stays inside the stores: other core modules use the stores' methods, never their `db`.
  {
    files: ['electron/**'],
    ignores: [...TESTS, 'electron/core/cache/**', 'electron/core/local-store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='db'][object.property.name=/^(cache|local)$/]",
          message: 'Keep SQL inside the stores: add a method to CacheStore/LocalStore (docs/architecture.md).',
        },
        {
          selector: "MemberExpression[property.name='db'][object.name=/^(cache|local)$/]",
          message: 'Keep SQL inside the stores: add a method to CacheStore/LocalStore (docs/architecture.md).',
        },
      ],
    },
  },
  { files: TESTS, rules: { 'layering/allowed-imports': 'off' } },
  // Type-aware checks for the async bugs that matter here (a lost promise in IPC or sync).
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
);
