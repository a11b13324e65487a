import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import arrows between layers (see docs/decisions/001-layout.md): a layer may import only those listed. */
const layers = {
  core: [],
  analytics: ['core'],
  matching: ['core'],
  db: ['core'],
  connectors: ['core'],
  services: ['core', 'analytics', 'matching', 'connectors'],
  server: ['core', 'analytics', 'matching', 'services', 'db', 'connectors'],
  cli: ['core', 'analytics', 'matching', 'services', 'db', 'server', 'connectors'],
};
const all = Object.keys(layers);
const pureLayers = ['core', 'analytics', 'matching', 'connectors'];

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
  ...Object.entries(layers).map(([layer, allowed]) => ({
    files: [`packages/${layer}/src/**/*.ts`],
    ignores: [`packages/${layer}/src/**/*.test.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...all
              .filter((other) => other !== layer && !allowed.includes(other))
              .map((other) => ({
                group: [`#${other}/*`],
                message: `${layer} may not import ${other}`,
              })),
            ...(pureLayers.includes(layer)
              ? [
                  {
                    group: ['node:fs', 'node:fs/*', 'fs', 'better-sqlite3', 'pg', 'hono', 'hono/*'],
                    message: 'pure layer: no I/O',
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
  {
    files: ['bin/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
