// Mutation testing of what issue 16 (sections 3-4) added to the data-key tracking: the hand-off to same-file
// callers (handoff.ts); the zeroizations read off syntax (type guards, loops of zeros, this.method helpers in
// effects.ts; events.ts lifting a guarded fill or a loop's write to the statement that zeroizes); the pending
// response renamed or destructured and holder helpers (events.ts); the absence of a key around an `if` without
// `else` and the finally test (leak.ts). Judged by the untyped real-code tests and the one-shape-a-case hand-off,
// helper, guard, absence, member, holder and bound tests (the typed ones cost seconds a mutant):
//   npx stryker run stryker/data-keys.config.mjs   (.kms-stryker/data-keys.html and .json, git-ignored)
// The whole of src/sdk/dataKeys and the rule (3,768 mutants) against both rule test files is estimated at 8 hours on
// two shared cores, mostly the typed cases' project service: run that with `--mutate` overridden when there is time.
import { strykerConfig } from './base.mjs';

export default strykerConfig('data-keys', {
  mutate: [
    'src/sdk/dataKeys/handoff.ts',
    'src/sdk/dataKeys/effects.ts:82-83',
    'src/sdk/dataKeys/effects.ts:95-171',
    'src/sdk/dataKeys/effects.ts:214-337',
    'src/sdk/dataKeys/events.ts:98-124',
    'src/sdk/dataKeys/events.ts:155-164',
    'src/sdk/dataKeys/events.ts:425-454',
    'src/sdk/dataKeys/events.ts:478-515',
    'src/sdk/dataKeys/events.ts:553-560',
    'src/sdk/dataKeys/leak.ts:62-78',
    'src/sdk/dataKeys/leak.ts:132-164',
  ],
  tests: [
    'test/rules/require-data-key-zeroization-real-code.test.ts',
    'test/rules/require-data-key-zeroization-handoff.test.ts',
    'test/rules/require-data-key-zeroization-helpers.test.ts',
    'test/rules/require-data-key-zeroization-guards.test.ts',
    'test/rules/require-data-key-zeroization-absence.test.ts',
    'test/rules/require-data-key-zeroization-members.test.ts',
    'test/rules/require-data-key-zeroization-holders.test.ts',
    'test/rules/require-data-key-zeroization-bounds.test.ts',
    'test/rules/require-data-key-zeroization-handoff-shapes.test.ts',
    'test/rules/require-data-key-zeroization-survivors.test.ts',
  ],
});
