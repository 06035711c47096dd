// Mutation testing of what issue 20 (lint cost) added to the hot paths, against the tests that pin it: the SDK calls
// recognised once per file before the traversal and the listeners only a file with a call registers (recognize.ts,
// sdkCallsOfFile and onSdkCall), and the options merged once per options value (util/createRule.ts). Untyped tests
// only: with recognize.test.ts's typed cases every mutant of onSdkCall costs minutes (each covers them all). The
// context rule's early exit is pinned by test/sdk/contextIndex.test.ts, whose typed repository cases fail in
// StrykerJS's sandbox before any mutant (they copy fixtures into git work trees):
//   npx stryker run stryker/lint-cost.config.mjs   (.kms-stryker/lint-cost.html and .json, git-ignored)
import { strykerConfig } from './base.mjs';

export default strykerConfig('lint-cost', {
  mutate: ['src/sdk/recognize.ts:443-521', 'src/util/createRule.ts:21-43'],
  tests: ['test/sdk/sdk-calls-of-file.test.ts', 'test/meta/create-rule.test.ts'],
});
