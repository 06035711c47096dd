// The tests StrykerJS runs for src/engine/install (stryker/install.config.mjs).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/engine/install.test.ts', 'test/engine/install-discover.test.ts', 'test/engine/install-matchers.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
