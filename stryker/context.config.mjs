// Mutation testing of the context index (src/sdk/context/*.ts) against its fast tests, one file a run:
//   STRYKER_CONTEXT_FILE=compare npx stryker run stryker/context.config.mjs
//   (.kms-stryker/context-<file>.html and .json, git-ignored)
// The ESLint-level tests (test/sdk/contextIndex.test.ts, test/rules/consistent-encryption-context.test.ts) take minutes
// a run on a shared machine, so they are not in the loop; the fast files exercise the same code directly.
const file = process.env.STRYKER_CONTEXT_FILE ?? 'compare';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.context.config.ts' },
  mutate: [`src/sdk/context/${file}.ts`],
  // Generated benchmark projects, scratch folders and other runs' sandboxes are not the project.
  ignorePatterns: ['bench/.work', '.kms-*', 'dist', 'coverage'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `.kms-stryker/context-${file}.html` },
  jsonReporter: { fileName: `.kms-stryker/context-${file}.json` },
  tempDirName: `.kms-stryker/tmp-context-${file}`,
  cleanTempDir: true,
};
