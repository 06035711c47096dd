import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import espree from 'espree';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ruleTesterRoot = path.resolve(here, '../fixtures/rule-tester');

/** Typed linting, as users run it: projectService rooted at fixtures/rule-tester (file.ts is the default file). */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.ts*', '*.js'],
          defaultProject: 'tsconfig.json',
        },
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
