// Mutation testing of the context index (src/sdk/context/*.ts) against its fast tests, a few files a run:
//   STRYKER_CONTEXT_FILE=compare npx stryker run stryker/context.config.mjs
//   STRYKER_CONTEXT_FILE=files,exclude,workspaces npx stryker run stryker/context.config.mjs
//   (.kms-stryker/context-<files>.html and .json, git-ignored; the clear-text table gives each file's score)
// The ESLint-level tests (test/sdk/contextIndex.test.ts, test/rules/consistent-encryption-context.test.ts) take minutes
// a run on a shared machine, so they are not in the loop; the fast files exercise the same code directly.
const files = (process.env.STRYKER_CONTEXT_FILE ?? 'compare').split(',').map((f) => f.trim()).filter(Boolean);
// STRYKER_CONTEXT_LINES=19,42-47 re-runs only the mutants on those lines of the (one) file: the survivors of a run.
const lines = process.env.STRYKER_CONTEXT_LINES?.split(',').map((l) => l.trim()).filter(Boolean) ?? [];
const file = files.join('-') + (lines.length > 0 ? '-lines' : '');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.context.config.ts' },
  mutate: lines.length > 0 ? lines.map((l) => `src/sdk/context/${files[0]}.ts:${l.includes('-') ? l : `${l}-${l}`}`) : files.map((f) => `src/sdk/context/${f}.ts`),
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
