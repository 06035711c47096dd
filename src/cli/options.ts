import { createRequire } from 'node:module';
import type { ESLint, Linter } from 'eslint';
import type { PresetName } from '../configs.js';
import plugin from '../index.js';
import { probeConfig } from './coverage.js';
import { DEFAULT_IGNORES, escapeGlob } from './project.js';

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
  /** The TypeScript parser, when there are TypeScript files or tsconfig.json files to lint with. */
  typescript: TypeScriptSpec | null;
  /** Extra ignore patterns (git-ignored paths), relative to cwd. */
  ignores: string[];
  concurrency: 'off' | 'auto' | number;
}

export interface TypeScriptSpec {
  /** Path of @typescript-eslint/parser. */
  parser: string;
  tsconfigRootDir: string;
  /**
   * Directories (relative to cwd, '' for all of it) with a tsconfig.json at or above them: their files go to
   * the one projectService, which picks each file's own tsconfig. Empty: everything untyped (the second pass).
   */
  projects: Array<{ dir: string; allowJs: boolean }>;
}

export const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
export const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];

function presetConfig(spec: LintSpec): Linter.Config {
  const preset = plugin.configs[spec.preset] as unknown as Linter.Config;
  return { ...preset, name: `kms-lint/${spec.preset}`, rules: { ...preset.rules, ...spec.rules } };
}

const under = (dir: string, patterns: readonly string[]) => (dir === '' ? [...patterns] : patterns.map((p) => `${escapeGlob(dir)}/${p}`));

function typescriptConfig(spec: TypeScriptSpec): Linter.Config[] {
  const parser = createRequire(import.meta.url)(spec.parser) as Linter.Parser;
  // TypeScript outside every tsconfig.json is still linted, untyped: the rules fall back to import tracking.
  const config: Linter.Config[] = [{ name: 'kms-lint/typescript', files: TS_FILES, languageOptions: { parser, parserOptions: {} } }];
  const files = spec.projects.flatMap(({ dir, allowJs }) => under(dir, allowJs ? [...TS_FILES, ...JS_FILES] : TS_FILES));
  if (files.length > 0) {
    config.push({
      name: 'kms-lint/typescript-projects',
      files,
      // One projectService for the whole run; files it finds in no project are linted again untyped (run.ts).
      languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: spec.tsconfigRootDir } },
    });
  }
  return config;
}

/** The flat config kms-lint uses when the project brings none (zero-config mode). */
export function builtInConfig(spec: LintSpec): Linter.Config[] {
  const config: Linter.Config[] = [
    { name: 'kms-lint/ignores', ignores: [...DEFAULT_IGNORES, ...spec.ignores] },
    // Directives for the project's other linters' rules are neither used nor unused here: kms-lint does not load them.
    // (reportUnusedInlineConfigs is off by default, and ESLint before 9.19 rejects the key.)
    { name: 'kms-lint/linter-options', linterOptions: { reportUnusedDisableDirectives: 'off' } },
    {
      name: 'kms-lint/javascript',
      files: JS_FILES,
      languageOptions: { ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
  ];
  if (spec.typescript) config.push(...typescriptConfig(spec.typescript));
  config.push(presetConfig(spec), probeConfig);
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
    return { ...common, overrideConfig: [...extra, probeConfig] };
  }
  return { ...common, overrideConfigFile: true, overrideConfig: builtInConfig(spec) };
}
