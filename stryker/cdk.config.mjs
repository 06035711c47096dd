// Mutation testing of the CDK recognition (src/sdk/cdk.ts), key rotatability (src/sdk/keyRotation.ts) and
// require-key-rotation against their own rule tests, untyped cases only (testNamePattern 'untyped'), and the
// cdkSubmoduleOfFile unit tests. A typed case re-creates a TypeScript program and costs seconds, too slow to repeat
// per mutant on a shared machine: with test/rules/cdk-v1-typed.test.ts (small v1 declarations) a run went from about
// 22 to about 13 mutants a minute (progress log, machine shared with two other StrykerJS runs). The typed-only lines
// (symbolVerdict, isDefinitelyKey's type test) are therefore without coverage here; that file covers them in the
// ordinary test run.
//   npx stryker run stryker/cdk.config.mjs   (.kms-stryker/cdk.html and .json, git-ignored)
import { strykerConfig } from './base.mjs';

export default strykerConfig('cdk', {
  mutate: ['src/sdk/cdk.ts', 'src/sdk/keyRotation.ts', 'src/rules/require-key-rotation.ts:1-62', 'src/rules/require-key-rotation.ts:77-185'],
  tests: ['test/rules/require-key-rotation.test.ts', 'test/rules/require-bucket-key-cdk.test.ts', 'test/sdk/cdk-names.test.ts'],
  testNamePattern: 'untyped',
});
