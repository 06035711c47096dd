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
  // Line ranges: effects.ts type guards and loops of zeros (95-171), the holder case of isZeroizeExpr (82-83), same-file
  // helper effects for bytes and for a response holder (214-316, ownMethodOf to 335); events.ts the renamed pending
  // response and helpers that wipe a holder (400-424, 455-478); leak.ts the finally test and the one solve() (117-145).
  // Re-check them when those files change.
  mutate: [
    'src/sdk/dataKeys/handoff.ts',
    'src/sdk/dataKeys/effects.ts:82-83',
    'src/sdk/dataKeys/effects.ts:95-171',
    'src/sdk/dataKeys/effects.ts:214-335',
    'src/sdk/dataKeys/events.ts:400-424',
    'src/sdk/dataKeys/events.ts:455-478',
    'src/sdk/dataKeys/leak.ts:117-145',
  ],
  coverageAnalysis: 'perTest',
  // The machine is shared (two cores, several sessions): one test runner.
  concurrency: 1,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.kms-stryker/data-keys.html' },
  jsonReporter: { fileName: '.kms-stryker/data-keys.json' },
  tempDirName: '.kms-stryker/tmp',
  // Work directories others write while a run copies the project into its sandbox (a vanished file aborts it).
  ignorePatterns: ['bench/.work', '.kms-*', 'dist', 'coverage'],
  cleanTempDir: true,
};
