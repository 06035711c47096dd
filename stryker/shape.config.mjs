// Mutation testing of the request-shape recognition (src/sdk/shape.ts) against its own tests:
//   npx stryker run stryker/shape.config.mjs   (.kms-stryker/shape.html and .json, git-ignored)
import { strykerConfig } from './base.mjs';

export default strykerConfig('shape', {
  mutate: ['src/sdk/shape.ts'],
  tests: ['test/sdk/shape.test.ts'],
});
