// Mutation testing of the CDK recognition (src/sdk/cdk.ts), key rotatability (src/sdk/keyRotation.ts) and
// require-key-rotation against their own rule tests, untyped cases only (testNamePattern 'untyped'): a typed case
// re-checks aws-cdk-lib's declarations and costs seconds, too slow to repeat per mutant on a shared machine.
//   npx stryker run stryker/cdk.config.mjs   (.kms-stryker/cdk.html and .json, git-ignored)
import { strykerConfig } from './base.mjs';

export default strykerConfig('cdk', {
  mutate: ['src/sdk/cdk.ts', 'src/sdk/keyRotation.ts', 'src/rules/require-key-rotation.ts:1-62', 'src/rules/require-key-rotation.ts:77-188'],
  tests: ['test/rules/require-key-rotation.test.ts', 'test/rules/require-bucket-key-cdk.test.ts', 'test/sdk/cdk-names.test.ts'],
  testNamePattern: 'untyped',
});
