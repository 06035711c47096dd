// The tests StrykerJS runs for src/sdk/context/*.ts (stryker/context.config.mjs): the fast context test files.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/sdk/context-*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
