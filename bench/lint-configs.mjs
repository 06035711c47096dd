// The ESLint configurations the lint benchmarks compare, for a project directory (one place, so that the main
// benchmark and the rule-context diagnostic measure the same A, E, B and C).
//   A: typescript-eslint parser + projectService, no rules (the baseline)
//   B: A + eslint-plugin-kms `all`
//   C: A + typescript-eslint recommendedTypeChecked (a reference point)
//   E: A + one rule that does nothing (create() returns no listener): what ESLint itself costs once any rule is on
import path from 'node:path';
import tseslint from 'typescript-eslint';
import kms from '../dist/index.js';

const nothing = { meta: { type: 'problem', schema: [] }, create: () => ({}) };

export function lintConfigs(dir) {
  const base = {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: path.resolve(dir) } },
  };
  return {
    A: [base],
    E: [base, { plugins: { bench: { rules: { nothing } } }, rules: { 'bench/nothing': 'error' } }],
    B: [base, kms.configs.all],
    C: [base, ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts'] }))],
  };
}
