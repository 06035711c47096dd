// Mutation testing of the CDK recognition (src/sdk/cdk.ts), key rotatability (src/sdk/keyRotation.ts) and
// require-key-rotation (but its message texts, lines 66-79) against their own rule tests: the untyped cases
// (testNamePattern 'untyped'), the typed cases on small in-memory declaration stubs ('stub-typed',
// test/rules/cdk-stub-typed.test.ts: a Program in milliseconds), the readers called directly
// (test/sdk/cdk-findings.test.ts), the rule's meta against its generated docs, and the cdkSubmoduleOfFile unit
// tests. Typed cases on the real aws-cdk-lib, or on the fixtures/rule-tester project (test/rules/cdk-v1-typed.test.ts),
// cost about a second each: with them a run went from about 22 to 13 mutants a minute, so they run in the ordinary
// test run only.
//   npx stryker run stryker/cdk.config.mjs   (.kms-stryker/cdk.html and .json, git-ignored)
import { strykerConfig } from './base.mjs';

export default strykerConfig('cdk', {
  mutate: ['src/sdk/cdk.ts', 'src/sdk/keyRotation.ts', 'src/rules/require-key-rotation.ts:1-65', 'src/rules/require-key-rotation.ts:80-190'],
  tests: [
    'test/rules/require-key-rotation.test.ts',
    'test/rules/require-bucket-key-cdk.test.ts',
    'test/sdk/cdk-names.test.ts',
    'test/sdk/cdk-findings.test.ts',
    'test/rules/require-key-rotation-meta.test.ts',
    'test/rules/cdk-stub-typed.test.ts',
  ],
  testNamePattern: 'untyped|stub-typed',
});
