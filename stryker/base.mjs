// Shared StrykerJS 9 options: each stryker/<name>.config.mjs names the code it mutates and the test files that
// judge it. The test list reaches the one vitest config (stryker/vitest.config.ts) through KMS_STRYKER_TESTS, which
// Stryker's test-runner workers inherit (with KMS_STRYKER_TEST_NAME, a test-name filter, and KMS_STRYKER_NO_SETUP).
//   npx stryker run stryker/<name>.config.mjs   (.kms-stryker/<name>.html and .json, git-ignored)

/** @returns {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export function strykerConfig(name, { mutate, tests, testNamePattern, ruleTesterSetup = true, concurrency = 1 }) {
  process.env.KMS_STRYKER_TESTS = tests.join(',');
  if (testNamePattern) process.env.KMS_STRYKER_TEST_NAME = testNamePattern;
  if (!ruleTesterSetup) process.env.KMS_STRYKER_NO_SETUP = '1';
  return {
    testRunner: 'vitest',
    vitest: { configFile: 'stryker/vitest.config.ts' },
    mutate,
    // Generated benchmark projects, scratch folders and other runs' sandboxes are not the project.
    ignorePatterns: ['bench/.work', '.kms-*', 'dist', 'coverage'],
    coverageAnalysis: 'perTest',
    // The machines have two cores, usually shared: one worker unless the caller knows better.
    concurrency,
    timeoutMS: 60000,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: `.kms-stryker/${name}.html` },
    jsonReporter: { fileName: `.kms-stryker/${name}.json` },
    tempDirName: `.kms-stryker/tmp-${name}`,
    cleanTempDir: true,
  };
}
