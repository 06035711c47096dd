import { parseArgs } from 'node:util';
import type { PresetName } from '../configs.js';
import plugin from '../index.js';
import { UsageError } from './errors.js';
import type { Severity } from './options.js';
import type { ParseErrorSeverity } from './summary.js';

export interface CliOptions {
  paths: string[];
  preset: PresetName;
  rules: Record<string, Severity>;
  format: string;
  outputFile: string | undefined;
  maxWarnings: number | undefined;
  quiet: boolean;
  /** Severity of a file that could not be parsed: error fails the gate (default), warn reports it only. */
  parseErrors: ParseErrorSeverity;
  concurrency: 'off' | 'auto' | number;
  useEslintConfig: boolean;
  printConfig: string | undefined;
  version: boolean;
  help: boolean;
}

const PRESETS: readonly PresetName[] = ['recommended', 'strict', 'all'];
const SEVERITIES: readonly Severity[] = ['off', 'warn', 'error'];

const options = {
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  'parse-errors': { type: 'string' },
  concurrency: { type: 'string' },
  'use-eslint-config': { type: 'boolean' },
  'print-config': { type: 'string' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function ruleNames(): string[] {
  return Object.keys(plugin.rules).sort();
}

export function helpText(): string {
  const rules = ruleNames().map((name) => {
    const docs = (plugin.rules[name].meta.docs ?? {}) as { description?: string };
    return `  kms/${name}${docs.description ? ` — ${docs.description}` : ''}`;
  });
  return `Usage: kms-lint [options] [paths...]

Lints JavaScript and TypeScript for AWS KMS misuse with eslint-plugin-kms, no ESLint set-up needed.
Every JavaScript and TypeScript file under the paths is linted; each TypeScript file with the types of the
tsconfig.json that owns it (nested, solution-style and workspace tsconfigs alike), files that none owns untyped.
Default path: the current directory. Ignored: node_modules, dist, build, coverage, cdk.out and git-ignored files.
Only the plugin's rules are run: what ESLint says about other tools' comments (eslint-env, inline config or
disable directives for rules that are not loaded) is not reported.

Options:
  -c, --config <preset>         recommended (default), strict or all
      --rule kms/<name>=<sev>   set one rule to off, warn or error (repeatable)
  -f, --format <name>           stylish (default), json, sarif, or any ESLint formatter
  -o, --output-file <file>      write the report to a file instead of stdout
      --max-warnings <n>        exit 1 when there are more than n warnings
      --quiet                   report errors only, and no summary line
      --parse-errors error|warn a file that cannot be parsed is an error (default: fails the run) or a warning
      --concurrency <n|auto|off> lint in n worker threads (default off)
      --use-eslint-config       use the project's eslint.config.* (the preset is added if it lacks the plugin)
      --print-config <file>     print the configuration used for a file and exit
  -v, --version                 print the version and exit
  -h, --help                    print this help and exit

When it finishes, one line on stderr says how many files were linted, with and without types (and why), and
how many could not be parsed.

Exit codes: 0 no errors, 1 errors found (findings, or files that could not be parsed unless --parse-errors warn)
or too many warnings, 2 usage or internal error, or no file to lint.

Rules:
${rules.length > 0 ? rules.join('\n') : '  (none)'}
`;
}

function parseRule(value: string): [string, Severity] {
  const match = /^(?<id>[^=]+)=(?<sev>[^=]*)$/.exec(value);
  if (!match?.groups) throw new UsageError(`--rule '${value}' is not of the form kms/<name>=off|warn|error.`);
  const id = match.groups.id.trim();
  const severity = match.groups.sev.trim();
  const name = id.startsWith('kms/') ? id.slice(4) : undefined;
  if (name === undefined || !Object.hasOwn(plugin.rules, name)) {
    throw new UsageError(
      `unknown rule '${id}' in --rule: known rules are ${ruleNames().map((n) => `kms/${n}`).join(', ') || '(none)'}.`,
    );
  }
  if (!(SEVERITIES as readonly string[]).includes(severity)) {
    throw new UsageError(`--rule ${id}: severity '${severity}' is not one of off, warn, error.`);
  }
  return [id, severity as Severity];
}

function parseCount(flag: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`${flag} expects a whole number${min > 0 ? ` of at least ${min}` : ''}, got '${value}'.`);
  }
  return Number(value);
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    // Node's messages run over several sentences; keep the first and point at --help.
    const first = err.message.split(/\.\s/)[0].replace(/\.$/, '');
    throw new UsageError(`${first}. Run 'kms-lint --help' for the options.`);
  }
  const { values, positionals } = parsed;
  const preset = values.config ?? 'recommended';
  if (!(PRESETS as readonly string[]).includes(preset)) {
    throw new UsageError(`--config '${preset}' is not a preset: use recommended, strict or all.`);
  }
  const parseErrors = values['parse-errors'] ?? 'error';
  if (parseErrors !== 'error' && parseErrors !== 'warn') {
    throw new UsageError(`--parse-errors '${parseErrors}' is not one of error, warn.`);
  }
  const concurrencyRaw = values.concurrency ?? 'off';
  const concurrency =
    concurrencyRaw === 'off' || concurrencyRaw === 'auto' ? concurrencyRaw : parseCount('--concurrency', concurrencyRaw, 1);
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    preset: preset as PresetName,
    rules: Object.fromEntries((values.rule ?? []).map(parseRule)),
    format: values.format ?? 'stylish',
    outputFile: values['output-file'],
    maxWarnings: values['max-warnings'] === undefined ? undefined : parseCount('--max-warnings', values['max-warnings'], 0),
    quiet: values.quiet ?? false,
    parseErrors,
    concurrency,
    useEslintConfig: values['use-eslint-config'] ?? false,
    printConfig: values['print-config'],
    version: values.version ?? false,
    help: values.help ?? false,
  };
}
