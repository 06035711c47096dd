// Mutation testing of installKmsEngine and SDK copy discovery (src/engine/install) against their own tests:
//   npx stryker run stryker/install.config.mjs   (.kms-stryker/install.html and .json, git-ignored)
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.install.config.ts' },
  mutate: ['src/engine/install/*.ts'],
  // Generated benchmark projects, scratch folders and other runs' sandboxes are not the project.
  ignorePatterns: ['bench/.work', '.kms-*', 'dist', 'coverage'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.kms-stryker/install.html' },
  jsonReporter: { fileName: '.kms-stryker/install.json' },
  tempDirName: '.kms-stryker/tmp-install',
  cleanTempDir: true,
};
