import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import plugin from '../index.js';
import { helpText, parseCliArgs, ruleNames, type CliOptions } from './args.js';
import { UsageError } from './errors.js';
import { eslintOptions, SPEC_ENV, type LintSpec } from './options.js';
import { startProgress } from './progress.js';
import { escapeGlob, findTsconfig, gitIgnoredPaths, resolveTypeScriptSupport, scanLayout, tsconfigAllowsJs } from './project.js';
import { toSarif } from './sarif.js';
import { settleResults, summaryLine, type KmsLintResult, type Summary } from './summary.js';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

const LINTED_EXTENSIONS = '.js, .mjs, .cjs, .jsx, .ts, .tsx, .mts, .cts';

function checkPaths(cwd: string, paths: readonly string[]): void {
  // Glob patterns are ESLint's to expand (and to report when they match nothing).
  for (const p of paths.filter((candidate) => !/[*?{}[\]]/.test(candidate))) {
    try {
      accessSync(path.resolve(cwd, p), constants.R_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'it does not exist' : `it cannot be read (${code ?? 'unknown error'})`;
      throw new UsageError(`cannot lint '${p}': ${why}. Check the path, relative to ${cwd}.`);
    }
  }
}

/** The TypeScript side of the spec: which directories have a tsconfig.json, and the parser (when any TS is linted). */
function typescriptSettings(cwd: string, paths: readonly string[], ignored: readonly string[]): LintSpec['typescript'] {
  const layout = scanLayout(cwd, paths, ignored);
  if (!layout.hasTypeScript) return null;
  // '' stands for a tsconfig.json at or above cwd.
  const tsconfigOf = (dir: string) => (dir === '' ? findTsconfig(cwd) : path.join(cwd, dir, 'tsconfig.json'));
  const first = layout.tsconfigDirs.length > 0 ? tsconfigOf(layout.tsconfigDirs[0]) : undefined;
  const support = resolveTypeScriptSupport(
    cwd,
    first === undefined ? `TypeScript files were found in '${paths.join(' ')}'` : `${first} asks for typed linting`,
  );
  return {
    parser: support.parser,
    tsconfigRootDir: cwd,
    projects: layout.tsconfigDirs.map((dir) => {
      const tsconfig = tsconfigOf(dir);
      return { dir, allowJs: tsconfig !== undefined && tsconfigAllowsJs(support.typescript, tsconfig) };
    }),
  };
}

async function createEslint(spec: LintSpec): Promise<ESLint> {
  if (spec.concurrency === 'off') return new ESLint(eslintOptions(spec));
  // Workers cannot receive parser or plugin objects; they rebuild the options from the spec.
  process.env[SPEC_ENV] = JSON.stringify(spec);
  return ESLint.fromOptionsModule(new URL('./options-module.js', import.meta.url));
}

/** Whether the project's own config already enables the plugin (any kms/ rule or the kms plugin). */
async function projectConfigHasPlugin(spec: LintSpec): Promise<boolean> {
  const probe = new ESLint({ cwd: spec.cwd });
  for (const file of ['index.ts', 'index.js']) {
    const config = (await probe.calculateConfigForFile(path.join(spec.cwd, file))) as
      | { plugins?: Record<string, unknown>; rules?: Record<string, unknown> }
      | undefined;
    if (config === undefined) continue;
    if (Object.hasOwn(config.plugins ?? {}, 'kms')) return true;
    if (Object.keys(config.rules ?? {}).some((id) => id.startsWith('kms/'))) return true;
  }
  return false;
}

function noFilesError(options: CliOptions): UsageError {
  return new UsageError(
    `no files to lint in '${options.paths.join(' ')}': kms-lint lints ${LINTED_EXTENSIONS} files outside node_modules, dist, build, coverage, cdk.out and git-ignored paths.`,
  );
}

function translateEslintError(error: unknown, options: CliOptions, cwd: string): Error {
  const err = error as Error & { messageTemplate?: string };
  switch (err.messageTemplate) {
    case 'file-not-found':
    case 'all-matched-files-ignored':
      return noFilesError(options);
    case 'config-file-missing':
      return new UsageError(
        `--use-eslint-config: no eslint.config.* found in ${cwd} or above; add one, or drop the flag to use kms-lint's built-in config.`,
      );
    default:
      return err;
  }
}

type Format = (results: KmsLintResult[], summary: Summary) => Promise<string> | string;

/** Loaded before linting, so a typo in --format fails in a second, not after a long typed run. */
async function loadFormat(eslint: ESLint, options: CliOptions, cwd: string): Promise<Format> {
  if (options.format === 'sarif') {
    return (results, summary) =>
      toSarif(results, eslint.getRulesMetaForResults(results), cwd, plugin.meta.version, { summary, text: summaryLine(summary) });
  }
  let formatter: ESLint.LoadedFormatter;
  try {
    formatter = await eslint.loadFormatter(options.format);
  } catch {
    throw new UsageError(
      `unknown format '${options.format}': use stylish, json, sarif, another ESLint built-in formatter, or an installed eslint-formatter-<name> package.`,
    );
  }
  if (options.format === 'json-with-metadata') {
    // The summary counts join ESLint's metadata; `json` carries them per file (each result's kmsLint.status).
    return async (results, summary) => {
      const log = JSON.parse(await formatter.format(results)) as { metadata: Record<string, unknown> };
      log.metadata.kmsLint = summary;
      return JSON.stringify(log);
    };
  }
  return (results) => formatter.format(results);
}

const NOT_IN_PROJECT = /was not found by the project service/;

/**
 * Files that no tsconfig.json includes (a root jest.config.ts, tests a tsconfig excludes, scripts/ outside
 * `include`) are refused by typescript-eslint's projectService. Lint those again without types, as the
 * rules support; the summary line counts them.
 */
async function lintOutsideProjects(spec: LintSpec, results: ESLint.LintResult[]): Promise<ESLint.LintResult[]> {
  if (spec.typescript === null) return results;
  const outside = results.filter((r) => r.messages.some((m) => m.fatal && NOT_IN_PROJECT.test(m.message)));
  if (outside.length === 0) return results;
  const untyped = await createEslint({ ...spec, concurrency: 'off', typescript: { ...spec.typescript, projects: [] } });
  const again = new Map((await untyped.lintFiles(outside.map((r) => r.filePath))).map((r) => [r.filePath, r]));
  return results.map((r) => again.get(r.filePath) ?? r);
}

/** Runs kms-lint and returns its exit code: 0 clean, 1 errors (or too many warnings), 2 usage or internal error. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await runUnsafe(argv, io);
  } catch (error) {
    const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' — ').trim();
    if (error instanceof UsageError) {
      io.stderr.write(`kms-lint: ${oneLine(error.message)}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(
        `kms-lint: internal error: ${oneLine(message)} (please report it with the command you ran at https://github.com/eslint-plugin-kms/eslint-plugin-kms/issues)\n`,
      );
      if (io.env.KMS_LINT_DEBUG) io.stderr.write(`${(error as Error).stack ?? ''}\n`);
    }
    return 2;
  }
}

async function runUnsafe(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseCliArgs(argv);
  if (options.help) {
    io.stdout.write(helpText());
    return 0;
  }
  if (options.version) {
    io.stdout.write(`kms-lint ${plugin.meta.version} (eslint-plugin-kms, ESLint ${ESLint.version})\n`);
    return 0;
  }
  const cwd = io.cwd;
  if (options.printConfig === undefined) checkPaths(cwd, options.paths);
  const ignored = options.useEslintConfig ? [] : gitIgnoredPaths(cwd);
  const spec: LintSpec = {
    cwd,
    preset: options.preset,
    rules: options.rules,
    useEslintConfig: options.useEslintConfig,
    addPreset: false,
    typescript: options.useEslintConfig
      ? null
      : typescriptSettings(cwd, options.printConfig === undefined ? options.paths : [options.printConfig], ignored),
    ignores: ignored.map(escapeGlob),
    concurrency: options.concurrency,
  };

  let eslint: ESLint;
  try {
    if (spec.useEslintConfig) spec.addPreset = !(await projectConfigHasPlugin(spec));
    eslint = await createEslint(spec);
  } catch (error) {
    throw translateEslintError(error, options, cwd);
  }

  if (options.printConfig !== undefined) {
    const file = path.resolve(cwd, options.printConfig);
    const config: unknown = await eslint.calculateConfigForFile(file);
    if (config === undefined) {
      throw new UsageError(`--print-config: '${options.printConfig}' is ignored or is not a ${LINTED_EXTENSIONS} file, so no configuration applies.`);
    }
    io.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    return 0;
  }

  const format = await loadFormat(eslint, options, cwd);
  const stopProgress = startProgress(io.stderr, io.env, 'linting');
  let linted: ESLint.LintResult[];
  try {
    linted = await lintOutsideProjects(spec, await eslint.lintFiles(options.paths));
  } catch (error) {
    throw translateEslintError(error, options, cwd);
  } finally {
    stopProgress();
  }
  const { results, summary } = settleResults(linted, {
    kmsRulesOnly: spec.useEslintConfig ? null : new Set(ruleNames().map((name) => `kms/${name}`)),
    parseErrors: options.parseErrors,
  });
  if (summary.files === 0) throw noFilesError(options);

  const errorCount = results.reduce((n, r) => n + r.errorCount, 0);
  const warningCount = results.reduce((n, r) => n + r.warningCount, 0);
  const reported = options.quiet ? (ESLint.getErrorResults(results) as KmsLintResult[]) : results;
  const output = await format(reported, summary);

  if (options.outputFile !== undefined) {
    const target = path.resolve(cwd, options.outputFile);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, output);
    } catch (error) {
      throw new UsageError(`cannot write --output-file '${options.outputFile}': ${(error as Error).message}.`);
    }
  } else if (output !== '') {
    io.stdout.write(output);
  }

  if (!options.quiet) io.stderr.write(`${summaryLine(summary)}\n`);
  if (errorCount > 0) return 1;
  if (options.maxWarnings !== undefined && warningCount > options.maxWarnings && !options.quiet) {
    io.stderr.write(`kms-lint: ${warningCount} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
