import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Rooms (packages/<room>/src) and the rooms each may import: the arrows of
 * docs/architecture.md (decision in docs/decisions/001-layout-and-toolchain.md).
 * scripts/layer-rules.test.ts lints an import along every arrow of the table in
 * docs/architecture.md and expects exactly these to pass, so the two cannot drift apart.
 */
const layers = {
  core: [],
  analytics: ['core'],
  matching: ['core'],
  'matching-node': ['core', 'matching'],
  db: ['core'],
  connectors: ['core'],
  services: ['core', 'analytics', 'matching', 'matching-node', 'connectors'],
  // The HTTP contract: every route once (method, path, zod input and answers).
  contract: ['core'],
  server: ['core', 'analytics', 'matching', 'services', 'db', 'connectors', 'contract'],
  // The generated demo ecosystem: records, accounts and a workflow, written through the services.
  demo: ['core', 'analytics', 'services'],
  cli: ['core', 'analytics', 'matching', 'services', 'db', 'server', 'connectors', 'demo'],
  // The web calls the API through the contract: its paths, inputs and answers' types.
  web: ['core', 'contract'],
};
const rooms = Object.keys(layers);
/** Rooms whose rules test in milliseconds: no files, processes, threads, databases or HTTP. */
const pureLayers = ['core', 'analytics', 'matching', 'connectors', 'contract'];
const IO_MODULES =
  '^(?:(?:node:)?(?:fs|child_process|worker_threads)|better-sqlite3|pg|pg-copy-streams|hono|@hono/.+|kuromoji)(?:/|$)';
/** Deepest folder level with its own rule block; deeper files share the last one. */
const DEEPEST = 6;

/** A relative path that climbs out of packages/<room>/src from a file `depth` folders below it. */
function leavesRoom(depth) {
  return `^(?:\\./)?(?:\\.\\./){${depth + 1}}`;
}

/** The patterns of `@typescript-eslint/no-restricted-imports` for one room at one depth. */
function restrictions(layer, depth) {
  const allowed = layers[layer];
  const patterns = [
    ...rooms
      .filter((other) => other !== layer && other !== 'web' && !allowed.includes(other))
      .map((other) => ({
        regex: `^#${other}/`,
        message: `${layer} may not import ${other} (docs/architecture.md).`,
      })),
    {
      regex: leavesRoom(depth),
      message: `A relative import may not leave packages/${layer}/src: import another room through its #alias, which the layer rules check (docs/architecture.md).`,
    },
    {
      regex: '^#test/|^vitest(?:/|$)|-test-fixture\\.ts$',
      message:
        'Test helpers and vitest stay in tests (*.test.ts, *-test-fixture.ts, test-support/).',
    },
    ...(pureLayers.includes(layer)
      ? [
          {
            regex: IO_MODULES,
            message: `${layer} is pure: no files, processes, threads, databases or HTTP (adapters live in matching-node, db, server, cli).`,
          },
        ]
      : []),
  ];
  return patterns.map((pattern) => ({ ...pattern, caseSensitive: true }));
}

/** `import(...)` escapes no-restricted-imports: the same paths, as selectors of no-restricted-syntax. */
function dynamicRestrictions(patterns) {
  return patterns.map((pattern) => ({
    // esquery ends a regular expression at the first '/', so slashes are written as \x2F.
    selector: `ImportExpression[source.value=/${pattern.regex.replaceAll('/', '\\x2F')}/]`,
    message: pattern.message,
  }));
}

/** Test code: tests, and the server tests' shared world (other rooms' helpers are in test-support/). */
const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'packages/server/src/api-test-fixture.ts'];

function layerBlock(layer, depth) {
  const folders = '*/'.repeat(depth);
  const deeper = depth === DEEPEST ? '**/' : '';
  const patterns = restrictions(layer, depth);
  return {
    files: [`packages/${layer}/src/${folders}${deeper}*.{ts,tsx}`],
    // Tests may reach across rooms (a real database, a real tokenizer); test helpers are test
    // code too: api-test-fixture.ts is the server tests' shared world.
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': ['error', ...dynamicRestrictions(patterns)],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'data',
      'artifacts',
      'bench/tmp',
      'packages/web/dist',
      'packages/cli/dist',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: [
      'packages/**/*.ts',
      'packages/**/*.tsx',
      'test-support/**/*.ts',
      'scripts/**/*.ts',
      'bench/**/*.ts',
      'e2e/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
    },
  },
  ...rooms.flatMap((layer) =>
    Array.from({ length: DEEPEST + 1 }, (_, depth) => layerBlock(layer, depth)),
  ),
  {
    files: ['bin/**/*.mjs', 'packages/*/src/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
