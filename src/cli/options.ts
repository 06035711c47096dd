import { createRequire } from 'node:module';
import type { ESLint, Linter } from 'eslint';
import type { PresetName } from '../configs.js';
import plugin from '../index.js';
import { DEFAULT_IGNORES } from './project.js';

/** Environment variable carrying the LintSpec to options-module.ts. */
export const SPEC_ENV = 'KMS_LINT_SPEC';

export type Severity = 'off' | 'warn' | 'error';

/**
 * Everything needed to build the ESLint options. Plain JSON on purpose: with `--concurrency` each
 * ESLint worker thread rebuilds the same options from it (see options-module.ts), because parser and
 * plugin objects cannot be cloned into workers.
 */
export interface LintSpec {
  cwd: string;
  preset: PresetName;
  rules: Record<string, Severity>;
  /** Use the project's eslint.config.* instead of the built-in config. */
  useEslintConfig: boolean;
  /** With useEslintConfig: the project's config does not enable the plugin, so add the preset. */
  addPreset: boolean;
  /** Typed linting, when a tsconfig.json was found. */
  typed: { parser: string; allowJs: boolean; tsconfigRootDir: string; projectService: boolean } | null;
  /** Extra ignore patterns (git-ignored paths), relative to cwd. */
  ignores: string[];
  concurrency: 'off' | 'auto' | number;
}

export const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
export const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];

function presetConfig(spec: LintSpec): Linter.Config {
  const preset = plugin.configs[spec.preset] as unknown as Linter.Config;
  return { ...preset, name: `kms-lint/${spec.preset}`, rules: { ...preset.rules, ...spec.rules } };
}

/** The flat config kms-lint uses when the project brings none (zero-config mode). */
export function builtInConfig(spec: LintSpec): Linter.Config[] {
  const config: Linter.Config[] = [{ name: 'kms-lint/ignores', ignores: [...DEFAULT_IGNORES, ...spec.ignores] }];
  config.push({
    name: 'kms-lint/javascript',
    files: JS_FILES,
    languageOptions: { ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } },
  });
  if (spec.typed) {
    const parser = createRequire(import.meta.url)(spec.typed.parser) as Linter.Parser;
    config.push({
      name: 'kms-lint/typescript',
      files: spec.typed.allowJs ? [...TS_FILES, ...JS_FILES] : TS_FILES,
      languageOptions: {
        parser,
        // Without projectService: the second pass over files that no tsconfig.json includes (see run.ts).
        parserOptions: spec.typed.projectService ? { projectService: true, tsconfigRootDir: spec.typed.tsconfigRootDir } : {},
      },
    });
  }
  config.push(presetConfig(spec));
  return config;
}

export function eslintOptions(spec: LintSpec): ESLint.Options {
  const common: ESLint.Options = {
    cwd: spec.cwd,
    errorOnUnmatchedPattern: true,
    concurrency: spec.concurrency,
  };
  if (spec.useEslintConfig) {
    const extra: Linter.Config[] = [];
    if (spec.addPreset) extra.push(presetConfig(spec));
    else if (Object.keys(spec.rules).length > 0) extra.push({ name: 'kms-lint/rule-overrides', rules: spec.rules });
    return { ...common, overrideConfig: extra };
  }
  return { ...common, overrideConfigFile: true, overrideConfig: builtInConfig(spec) };
}
