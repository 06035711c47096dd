import type { ESLint, Linter } from 'eslint';
import { PROBE_RULE_ID, type FileProbe } from './coverage.js';

/** How kms-lint saw one file (carried on each result of `--format json`, as `kmsLint`). */
export type FileStatus = 'typed' | 'no-tsconfig' | 'sdk-types-missing' | 'parse-error' | 'ignored';

export interface FileCoverage {
  status: FileStatus;
  /** With sdk-types-missing: the AWS SDK module specifiers that did not resolve to declarations. */
  unresolvedImports?: string[];
}

export type KmsLintResult = ESLint.LintResult & { kmsLint: FileCoverage };

/** The counts of the summary line; the same numbers go into json-with-metadata and SARIF. */
export interface Summary {
  /** Files kms-lint tried to lint (explicitly named but ignored files are not counted). */
  files: number;
  typed: number;
  /** Linted without types: the sum of the two reasons below. */
  untyped: number;
  noTsconfig: number;
  sdkTypesMissing: number;
  parseErrors: number;
}

export type ParseErrorSeverity = 'error' | 'warn';

export interface SettleOptions {
  /**
   * Zero-config mode: keep only messages of the plugin's own rules (and parse errors). What ESLint core
   * says about the project's comments (`eslint-env`, inline config or disable directives naming rules of
   * plugins that are not loaded) is no KMS finding: kms-lint loads no other plugin, so it cannot judge it.
   */
  kmsRulesOnly: ReadonlySet<string> | null;
  parseErrors: ParseErrorSeverity;
}

function takeProbe(result: ESLint.LintResult): FileProbe | undefined {
  let probe: FileProbe | undefined;
  const keep = <T extends Linter.LintMessage>(messages: T[]): T[] =>
    messages.filter((m) => {
      if (m.ruleId !== PROBE_RULE_ID) return true;
      probe = JSON.parse(m.message) as FileProbe;
      return false;
    });
  result.messages = keep(result.messages);
  result.suppressedMessages = keep(result.suppressedMessages);
  return probe;
}

function coverageOf(result: ESLint.LintResult, probe: FileProbe | undefined): FileCoverage {
  if (probe === undefined) {
    // The rules never ran: a fatal message is the parser's; without one ESLint ignored a named file.
    return { status: result.messages.some((m) => m.fatal) ? 'parse-error' : 'ignored' };
  }
  if (!probe.typed) return { status: 'no-tsconfig' };
  if (probe.unresolved.length > 0) return { status: 'sdk-types-missing', unresolvedImports: probe.unresolved };
  return { status: 'typed' };
}

function recount(result: ESLint.LintResult): void {
  const errors = result.messages.filter((m) => m.severity === 2);
  const warnings = result.messages.filter((m) => m.severity === 1);
  result.errorCount = errors.length;
  result.warningCount = warnings.length;
  result.fatalErrorCount = errors.filter((m) => m.fatal).length;
  result.fixableErrorCount = errors.filter((m) => m.fix).length;
  result.fixableWarningCount = warnings.filter((m) => m.fix).length;
}

/**
 * Takes kms-lint's probe messages out of ESLint's results, labels each file with how it was linted,
 * applies the zero-config message filter and the parse-error severity, and recounts.
 */
export function settleResults(results: ESLint.LintResult[], options: SettleOptions): { results: KmsLintResult[]; summary: Summary } {
  const summary: Summary = { files: 0, typed: 0, untyped: 0, noTsconfig: 0, sdkTypesMissing: 0, parseErrors: 0 };
  const settled = results.map((result) => {
    const coverage = coverageOf(result, takeProbe(result));
    const unparsed = coverage.status === 'parse-error';
    if (options.kmsRulesOnly) {
      const known = options.kmsRulesOnly;
      result.messages = result.messages.filter((m) => (m.ruleId !== null && known.has(m.ruleId)) || (unparsed && m.fatal));
    }
    if (unparsed && options.parseErrors === 'warn') {
      result.messages = result.messages.map((m) => (m.fatal ? { ...m, severity: 1 as const } : m));
    }
    recount(result);
    switch (coverage.status) {
      case 'typed':
        summary.typed++;
        break;
      case 'no-tsconfig':
        summary.noTsconfig++;
        break;
      case 'sdk-types-missing':
        summary.sdkTypesMissing++;
        break;
      case 'parse-error':
        summary.parseErrors++;
        break;
      case 'ignored':
        return Object.assign(result, { kmsLint: coverage });
    }
    summary.files++;
    return Object.assign(result, { kmsLint: coverage });
  });
  summary.untyped = summary.noTsconfig + summary.sdkTypesMissing;
  return { results: settled, summary };
}

const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

/** The one line kms-lint prints on stderr when it finishes. */
export function summaryLine(s: Summary): string {
  const reasons = [`${s.noTsconfig} in no tsconfig.json project`];
  if (s.sdkTypesMissing > 0) {
    reasons.push(`${s.sdkTypesMissing} whose AWS SDK imports did not resolve to types: install dependencies (npm ci) for full precision`);
  }
  return `kms-lint: ${files(s.files)} linted: ${s.typed} with types, ${s.untyped} without (${reasons.join('; ')}), ${s.parseErrors} could not be parsed.`;
}
