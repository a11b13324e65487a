import { defineConfig } from 'vitest/config';

/** Browser tests: `vitest run --config e2e/vitest.config.ts` (needs /usr/bin/chromium). */
export const config = defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

// eslint-disable-next-line no-restricted-exports -- vitest loads the config's default export
export default config;
