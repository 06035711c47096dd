// Mutation testing of what issue 16's last steps added to recognition, against their own untyped tests: project
// modules that re-export SDK classes (src/sdk/localModules.ts), promisify/bind aliases (the alias part of
// src/sdk/recognize.ts) and Lambda projects (src/sdk/lambdaProject.ts). The typed alias cases
// (promisified-typed.test.ts) cost a project service a mutant and are left out.
import { strykerConfig } from './base.mjs';

export default strykerConfig('recognition', {
  mutate: ['src/sdk/localModules.ts', 'src/sdk/lambdaProject.ts', 'src/sdk/recognize.ts:98-108', 'src/sdk/recognize.ts:315-357'],
  tests: ['test/sdk/local-modules.test.ts', 'test/sdk/promisified.test.ts', 'test/sdk/lambda-project.test.ts', 'test/rules/require-lambda-env-context-projects.test.ts'],
});
