// The vitest config every StrykerJS run uses (stryker/base.mjs): only the test files the run names.
import { defineConfig } from 'vitest/config';

const tests = (process.env.KMS_STRYKER_TESTS ?? '').split(',').filter(Boolean);
if (tests.length === 0) throw new Error('stryker/vitest.config.ts: KMS_STRYKER_TESTS names no test file (run it through a stryker/*.config.mjs)');

export default defineConfig({
  test: {
    include: tests,
    ...(process.env.KMS_STRYKER_TEST_NAME ? { testNamePattern: process.env.KMS_STRYKER_TEST_NAME } : {}),
    // The RuleTester hooks (test/setup.ts); engine tests run without them.
    setupFiles: process.env.KMS_STRYKER_NO_SETUP ? [] : ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
