import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ruleTesterRoot = path.resolve(here, '../fixtures/rule-tester');

/** Typed linting, as users run it: projectService rooted at fixtures/rule-tester (file.ts is the default file). */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        // Every case's filename must exist under fixtures/rule-tester (file.ts by default) and be in its tsconfig.
        projectService: true,
        tsconfigRootDir: ruleTesterRoot,
      },
    },
  });
}

/** Plain JavaScript with no type information: exercises the import-tracking fallback. */
export function createUntypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parser: espree as never,
      ecmaVersion: 'latest',
      sourceType: 'module',
    },
  });
}
