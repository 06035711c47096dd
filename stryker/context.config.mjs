// Mutation testing of the context index (src/sdk/context/*.ts) against its fast tests, a few files a run:
//   STRYKER_CONTEXT_FILE=compare npx stryker run stryker/context.config.mjs
//   STRYKER_CONTEXT_FILE=files,exclude,workspaces npx stryker run stryker/context.config.mjs
//   (.kms-stryker/context-<files>.html and .json, git-ignored; the clear-text table gives each file's score)
// The ESLint-level tests (test/sdk/contextIndex.test.ts, test/rules/consistent-encryption-context.test.ts) take minutes
// a run on a shared machine, so they are not in the loop; the fast files exercise the same code directly.
// STRYKER_CONTEXT_LINES=19,42-47 re-runs only the mutants on those lines of the (one) file: the survivors of a run.
import { strykerConfig } from './base.mjs';

const files = (process.env.STRYKER_CONTEXT_FILE ?? 'compare').split(',').map((f) => f.trim()).filter(Boolean);
const lines = process.env.STRYKER_CONTEXT_LINES?.split(',').map((l) => l.trim()).filter(Boolean) ?? [];

export default strykerConfig(`context-${files.join('-')}${lines.length > 0 ? '-lines' : ''}`, {
  mutate: lines.length > 0 ? lines.map((l) => `src/sdk/context/${files[0]}.ts:${l.includes('-') ? l : `${l}-${l}`}`) : files.map((f) => `src/sdk/context/${f}.ts`),
  tests: ['test/sdk/context-*.test.ts'],
});
