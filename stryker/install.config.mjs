// Mutation testing of installKmsEngine and SDK copy discovery (src/engine/install) against their own tests:
//   npx stryker run stryker/install.config.mjs   (.kms-stryker/install.html and .json, git-ignored)
import { strykerConfig } from './base.mjs';

export default strykerConfig('install', {
  mutate: ['src/engine/install/*.ts'],
  tests: ['test/engine/install.test.ts', 'test/engine/install-discover.test.ts', 'test/engine/install-matchers.test.ts'],
  ruleTesterSetup: false,
});
