import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import * as espree from 'espree';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ruleTesterRoot = path.resolve(here, '../fixtures/rule-tester');

/**
 * rule-tester 8.72 is the newest published and carries its own copy of @typescript-eslint/utils, whose
 * RuleModule type is nominally different from ours (8.74): same shape, so we narrow `run` to our type.
 */
export interface KmsRuleTester {
  run<MessageIds extends string, Options extends readonly unknown[]>(
    name: string,
    rule: TSESLint.RuleModule<MessageIds, Options, any, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
    tests: RunTests<MessageIds, Options>,
  ): void;
}

/** Typed linting, as users run it: projectService rooted at fixtures/rule-tester (file.ts is the default file). */
export function createTypedRuleTester(): KmsRuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        // Every case's filename must exist under fixtures/rule-tester (file.ts by default) and be in its tsconfig.
        projectService: true,
        tsconfigRootDir: ruleTesterRoot,
      },
    },
  }) as unknown as KmsRuleTester;
}

/** Plain JavaScript with no type information: exercises the import-tracking fallback. */
export function createUntypedRuleTester(): KmsRuleTester {
  return new RuleTester({
    languageOptions: {
      parser: espree as never,
      ecmaVersion: 'latest',
      sourceType: 'module',
    },
  }) as unknown as KmsRuleTester;
}
