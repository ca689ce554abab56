// ESLint rule enforcing the layering table of docs/architecture.md on relative imports. Plain
// no-restricted-imports patterns can't do this: they see '../x', whose target depends on where
// the importing file lives. This rule resolves each relative import against the importing file.
import path from 'node:path';

/** Longest prefix first, so electron/core wins over a bare electron/. */
const LAYERS = [
  'electron/core',
  'electron/main',
  'electron/preload',
  'electron/web-host',
  'shared',
  'renderer',
  'sandbox',
  'resources',
  'e2e',
  'scripts',
  'bench',
];

/** Which layers a layer may import, besides itself. Layers not listed may import anything. */
export const ALLOWED = {
  shared: [],
  'electron/core': ['shared'],
  'electron/main': ['electron/core', 'shared'],
  'electron/preload': ['shared'],
  'electron/web-host': ['electron/core', 'shared'],
  renderer: ['shared'],
  sandbox: ['shared'],
  resources: [],
};

function layerOf(relativePath) {
  const normalized = relativePath.split(path.sep).join('/');
  return LAYERS.find((layer) => normalized === layer || normalized.startsWith(`${layer}/`)) ?? null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports between top folders follow the layering table of docs/architecture.md' },
    schema: [],
    messages: {
      forbidden:
        "'{{from}}' may not import from '{{to}}' (allowed: {{allowed}}). See the layering table in docs/architecture.md.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = layerOf(path.relative(root, file));
    if (!from || !(from in ALLOWED)) return {};
    const allowed = [from, ...ALLOWED[from]];

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.relative(root, path.resolve(path.dirname(file), source));
      const to = layerOf(target) ?? target;
      if (allowed.includes(to)) return;
      context.report({ node, messageId: 'forbidden', data: { from, to, allowed: allowed.join(', ') } });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.argument;
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
      CallExpression: (node) => {
        const [arg] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg?.type === 'Literal') {
          check(arg, arg.value);
        }
      },
    };
  },
};

export default { rules: { 'allowed-imports': layeringRule } };
