// Mutation testing of what issue 16 (sections 3-4) added to the data-key tracking: the hand-off to same-file
// callers (handoff.ts) and the zeroizations read off syntax (type guards, loops of zeros, this.method helpers in
// effects.ts), against the untyped real-code tests (the typed ones cost seconds a mutant):
//   npx stryker run stryker/data-keys.config.mjs   (.kms-stryker/data-keys.html and .json, git-ignored)
// The whole of src/sdk/dataKeys and the rule (3,768 mutants) against both rule test files is estimated at 8 hours on
// two shared cores, mostly the typed cases' project service: run that with `--mutate` overridden when there is time.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.data-keys.config.ts' },
  mutate: ['src/sdk/dataKeys/handoff.ts', 'src/sdk/dataKeys/effects.ts:81-158', 'src/sdk/dataKeys/effects.ts:244-262'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.kms-stryker/data-keys.html' },
  jsonReporter: { fileName: '.kms-stryker/data-keys.json' },
  tempDirName: '.kms-stryker/tmp',
  // Work directories others write while a run copies the project into its sandbox (a vanished file aborts it).
  ignorePatterns: ['bench/.work', '.kms-*', 'dist', 'coverage'],
  cleanTempDir: true,
};
