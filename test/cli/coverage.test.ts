// In-process checks of how kms-lint finds the tsconfig.json files of a tree and settles ESLint's results into
// the per-file status and the summary line (the spawned runs in monorepo.test.ts check the same end to end).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBE_RULE_ID, type FileProbe } from '../../src/cli/coverage.js';
import { scanLayout, tsconfigAllowsJs } from '../../src/cli/project.js';
import { settleResults, summaryLine } from '../../src/cli/summary.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kms-lint-layout-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('scanLayout', () => {
  it('finds every tsconfig.json under the paths, not in skipped or git-ignored directories', () => {
    const dir = tree({
      'packages/a/tsconfig.json': '{}',
      'packages/a/src/x.ts': '',
      'packages/b/nested/tsconfig.json': '{}',
      'packages/c/lib/x.js': '',
      'packages/c/node_modules/dep/tsconfig.json': '{}',
      'packages/c/dist/tsconfig.json': '{}',
      'generated/tsconfig.json': '{}',
    });
    expect(scanLayout(dir, ['.'], ['generated/'])).toEqual({ tsconfigDirs: ['packages/a', 'packages/b/nested'], hasTypeScript: true });
    expect(scanLayout(dir, ['packages/c'], [])).toEqual({ tsconfigDirs: [], hasTypeScript: false });
  });

  it("stands for a tsconfig.json at or above cwd, or above a path, as ''", () => {
    const dir = tree({ 'tsconfig.json': '{}', 'src/x.ts': '', 'packages/a/tsconfig.json': '{}' });
    expect(scanLayout(dir, ['.'], [])).toEqual({ tsconfigDirs: ['', 'packages/a'], hasTypeScript: true });
    expect(scanLayout(path.join(dir, 'src'), ['.'], []).tsconfigDirs).toEqual(['']);
    const nested = tree({ 'packages/a/tsconfig.json': '{}', 'packages/a/src/x.ts': '' });
    expect(scanLayout(nested, ['packages/a/src/x.ts'], [])).toEqual({ tsconfigDirs: ['packages/a'], hasTypeScript: true });
  });

  it('notices TypeScript with no tsconfig.json anywhere (declaration files alone do not count)', () => {
    expect(scanLayout(tree({ 'tools/x.ts': '' }), ['.'], [])).toEqual({ tsconfigDirs: [], hasTypeScript: true });
    expect(scanLayout(tree({ 'types/x.d.ts': '', 'a.js': '' }), ['.'], [])).toEqual({ tsconfigDirs: [], hasTypeScript: false });
  });
});

describe('tsconfigAllowsJs', () => {
  const typescript = createRequire(import.meta.url).resolve('typescript');
  it('reads allowJs and checkJs through extends and through the references of a solution-style tsconfig', () => {
    const dir = tree({
      'base.json': JSON.stringify({ compilerOptions: { checkJs: true } }),
      'a/tsconfig.json': JSON.stringify({ extends: '../base.json', include: ['src'] }),
      'b/tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.lib.json' }, { path: './tsconfig.spec.json' }] }),
      'b/tsconfig.lib.json': JSON.stringify({ compilerOptions: { composite: true }, include: ['src'] }),
      'b/tsconfig.spec.json': JSON.stringify({ compilerOptions: { composite: true, allowJs: true }, include: ['test'] }),
      'c/tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.lib.json' }] }),
      'c/tsconfig.lib.json': JSON.stringify({ compilerOptions: { composite: true }, include: ['src'] }),
    });
    expect(tsconfigAllowsJs(typescript, path.join(dir, 'a/tsconfig.json'))).toBe(true);
    expect(tsconfigAllowsJs(typescript, path.join(dir, 'b/tsconfig.json'))).toBe(true);
    expect(tsconfigAllowsJs(typescript, path.join(dir, 'c/tsconfig.json'))).toBe(false);
  });
});

const message = (ruleId: string | null, severity: 1 | 2, extra: Partial<Linter.LintMessage> = {}): Linter.LintMessage => ({
  ruleId,
  severity,
  message: ruleId ?? 'core',
  line: 1,
  column: 1,
  ...extra,
});
const probe = (p: FileProbe) => message(PROBE_RULE_ID, 1, { message: JSON.stringify(p) });
function result(filePath: string, messages: Linter.LintMessage[], suppressed: Linter.LintMessage[] = []): ESLint.LintResult {
  return {
    filePath,
    messages,
    suppressedMessages: suppressed as ESLint.LintResult['suppressedMessages'],
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

describe('settleResults', () => {
  const kmsRules = new Set(['kms/require-decrypt-key-id']);
  const sample = () => [
    result('/typed.ts', [probe({ typed: true, unresolved: [] }), message('kms/require-decrypt-key-id', 2)]),
    result('/env.js', [message(null, 2, { fatal: true, message: '/* eslint-env */ comments are no longer supported.' }), probe({ typed: false, unresolved: [] }), message('mocha/no-exclusive-tests', 2)]),
    result('/sdk.ts', [probe({ typed: true, unresolved: ['@aws-sdk/client-kms'] })]),
    result('/broken.ts', [message(null, 2, { fatal: true, message: 'Parsing error: Expression expected.' })]),
    result('/disabled.ts', [], [probe({ typed: true, unresolved: [] })]),
    result('/ignored.js', [message(null, 1, { message: 'File ignored because of a matching ignore pattern.' })]),
  ];

  it('labels each file, drops what is not a KMS finding or a parse error, and recounts', () => {
    const { results, summary } = settleResults(sample(), { kmsRulesOnly: kmsRules, parseErrors: 'error' });
    expect(results.map((r) => [r.filePath, r.kmsLint])).toEqual([
      ['/typed.ts', { status: 'typed' }],
      ['/env.js', { status: 'no-tsconfig' }],
      ['/sdk.ts', { status: 'sdk-types-missing', unresolvedImports: ['@aws-sdk/client-kms'] }],
      ['/broken.ts', { status: 'parse-error' }],
      ['/disabled.ts', { status: 'typed' }],
      ['/ignored.js', { status: 'ignored' }],
    ]);
    expect(results.map((r) => r.messages.map((m) => m.message))).toEqual([
      ['kms/require-decrypt-key-id'],
      [],
      [],
      ['Parsing error: Expression expected.'],
      [],
      [],
    ]);
    expect(results.map((r) => [r.errorCount, r.warningCount, r.fatalErrorCount])).toEqual([[1, 0, 0], [0, 0, 0], [0, 0, 0], [1, 0, 1], [0, 0, 0], [0, 0, 0]]);
    expect(results[4].suppressedMessages).toEqual([]);
    expect(summary).toEqual({ files: 5, typed: 2, untyped: 2, noTsconfig: 1, sdkTypesMissing: 1, parseErrors: 1 });
    expect(summaryLine(summary)).toBe(
      'kms-lint: 5 files linted: 2 with types, 2 without (1 in no tsconfig.json project; 1 whose AWS SDK imports did not resolve to types: install dependencies (npm ci) for full precision), 1 could not be parsed.',
    );
  });

  it('keeps every message with the project config, and makes parse errors warnings when asked', () => {
    const { results } = settleResults(sample(), { kmsRulesOnly: null, parseErrors: 'warn' });
    expect(results[1].messages.map((m) => m.ruleId)).toEqual([null, 'mocha/no-exclusive-tests']);
    expect(results[1].errorCount).toBe(2);
    expect(results[3].messages.map((m) => m.severity)).toEqual([1]);
    expect([results[3].errorCount, results[3].warningCount, results[3].fatalErrorCount]).toEqual([0, 1, 0]);
  });

  it('says one file in the singular', () => {
    expect(summaryLine({ files: 1, typed: 1, untyped: 0, noTsconfig: 0, sdkTypesMissing: 0, parseErrors: 0 })).toBe(
      'kms-lint: 1 file linted: 1 with types, 0 without (0 in no tsconfig.json project), 0 could not be parsed.',
    );
  });
});
