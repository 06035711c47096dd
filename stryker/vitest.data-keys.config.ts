// The tests StrykerJS runs for require-data-key-zeroization and src/sdk/dataKeys (stryker/data-keys.config.mjs).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/rules/require-data-key-zeroization-real-code.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
