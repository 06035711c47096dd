// Mutation testing of the request-shape recognition (src/sdk/shape.ts) against its own tests:
//   npx stryker run stryker/shape.config.mjs   (.kms-stryker/shape.html and .json, git-ignored)
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.shape.config.ts' },
  mutate: ['src/sdk/shape.ts'],
  // Generated benchmark projects, scratch folders and other runs' sandboxes are not the project.
  ignorePatterns: ['bench/.work', '.kms-*', 'dist', 'coverage'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.kms-stryker/shape.html' },
  jsonReporter: { fileName: '.kms-stryker/shape.json' },
  tempDirName: '.kms-stryker/tmp-shape',
  cleanTempDir: true,
};
