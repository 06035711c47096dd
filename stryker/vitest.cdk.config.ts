// The tests StrykerJS runs for src/sdk/cdk.ts, src/sdk/keyRotation.ts and require-key-rotation (stryker/cdk.config.mjs):
// the untyped cases of their rule tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/rules/require-key-rotation.test.ts', 'test/rules/require-bucket-key-cdk.test.ts'],
    testNamePattern: 'untyped',
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One worker kept between runs: mutants are switched at run time, so re-importing the parser per run is waste.
    pool: 'threads',
    isolate: false,
    fileParallelism: false,
  },
});
