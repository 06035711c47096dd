// Mutation testing of the CDK recognition (src/sdk/cdk.ts), key rotatability (src/sdk/keyRotation.ts) and
// require-key-rotation against their own rule tests: the untyped cases, and the typed ones on the small v1
// declarations of fixtures/rule-tester/node_modules/@aws-cdk. A typed case on aws-cdk-lib re-checks its declarations
// and costs seconds, too slow to repeat per mutant on a shared machine.
//   npx stryker run stryker/cdk.config.mjs   (.kms-stryker/cdk.html and .json, git-ignored)
import { strykerConfig } from './base.mjs';

const config = strykerConfig('cdk', {
  mutate: ['src/sdk/cdk.ts', 'src/sdk/keyRotation.ts', 'src/rules/require-key-rotation.ts:1-62', 'src/rules/require-key-rotation.ts:77-185'],
  tests: ['test/rules/require-key-rotation.test.ts', 'test/rules/require-bucket-key-cdk.test.ts', 'test/sdk/cdk-names.test.ts', 'test/rules/cdk-v1-typed.test.ts'],
  testNamePattern: 'untyped|v1 declarations',
});
// The v1 declarations live in a node_modules folder, which StrykerJS always leaves out of its sandbox unless told.
config.ignorePatterns.push('!fixtures/rule-tester/node_modules');
export default config;
