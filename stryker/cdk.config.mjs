// Mutation testing of the CDK recognition (src/sdk/cdk.ts), key rotatability (src/sdk/keyRotation.ts) and
// require-key-rotation against their own rule tests, untyped cases only (stryker/vitest.cdk.config.ts): a typed case
// re-checks aws-cdk-lib's declarations and costs seconds, too slow to repeat per mutant on a shared machine.
//   npx stryker run stryker/cdk.config.mjs   (.kms-stryker/cdk.html and .json, git-ignored)
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.cdk.config.ts' },
  // The rule's message texts (lines 60-73) are prose, not logic: left out.
  mutate: ['src/sdk/cdk.ts', 'src/sdk/keyRotation.ts', 'src/rules/require-key-rotation.ts:1-59', 'src/rules/require-key-rotation.ts:74-185'],
  ignorePatterns: ['bench/.work', '.kms-*', 'dist', 'coverage'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.kms-stryker/cdk.html' },
  jsonReporter: { fileName: '.kms-stryker/cdk.json' },
  tempDirName: '.kms-stryker/tmp-cdk',
  cleanTempDir: true,
};
