import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import plugin from '../../src/index.js';
import { ensureBuilt, makeProject, removeProjects, repoRoot, runCli, TSCONFIG } from './helpers.js';

// One KMS request per loop item: kms/no-kms-in-loop (strict preset, so not in recommended).
const LOOP_TS = `import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function decryptAll(blobs: Uint8Array[]) {
  for (const blob of blobs) {
    await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/app', EncryptionContext: { app: 'a' } }));
  }
}
`;
const LOOP_JS = `const { KMSClient, DecryptCommand } = require('@aws-sdk/client-kms');
const kms = new KMSClient({});
async function decryptAll(blobs) {
  for (const blob of blobs) {
    await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/app', EncryptionContext: { app: 'a' } }));
  }
}
module.exports = { decryptAll };
`;
const CLEAN_TS = `export const answer: number = 42;\n`;
// 5,000 bytes to Encrypt: kms/no-oversized-encrypt, in the recommended preset.
const OVERSIZED_TS = `import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function seal() {
  return kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: 'x'.repeat(5000), EncryptionContext: { app: 'a' } }));
}
`;

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number; severity: number }>;
}
const findings = (stdout: string) =>
  (JSON.parse(stdout) as JsonResult[]).flatMap((r) =>
    r.messages.map((m) => `${path.basename(r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.severity}`),
  );

/** The summary line kms-lint ends with on stderr (no SDK-types clause: these projects have node_modules). */
const summary = (files: number, typed: number, noTsconfig: number) =>
  `kms-lint: ${files} file${files === 1 ? '' : 's'} linted: ${typed} with types, ${noTsconfig} without (${noTsconfig} in no tsconfig.json project), 0 could not be parsed.\n`;

// Typed linting spawns take seconds each, more on a loaded CI machine; several run per test.
vi.setConfig({ testTimeout: 300_000 });
beforeAll(ensureBuilt, 360_000);
afterAll(removeProjects);

describe('kms-lint on a typed project (tsconfig.json found)', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/loop.ts': LOOP_TS, 'src/clean.ts': CLEAN_TS });
  });

  it('reports findings in stylish format and exits 1 on errors', async () => {
    const r = await runCli(['--config', 'all'], dir);
    expect(r.stderr).toBe(summary(2, 2, 0));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(path.join(dir, 'src/loop.ts'));
    expect(r.stdout).toMatch(/5:20\s+error\s+.*kms\/no-kms-in-loop/);
    expect(r.stdout).not.toContain('clean.ts');
  });

  it('lints TypeScript with types through projectService', async () => {
    const r = await runCli(['--print-config', 'src/loop.ts'], dir);
    expect(r.status).toBe(0);
    const config = JSON.parse(r.stdout) as { languageOptions: { parser: string; parserOptions: Record<string, unknown> } };
    expect(config.languageOptions.parser).toMatch(/^typescript-eslint\/parser@/);
    expect(config.languageOptions.parserOptions).toEqual({ projectService: true, tsconfigRootDir: dir });
  });

  it('exits 0 with the recommended preset, which leaves out strict-only rules', async () => {
    const r = await runCli(['-f', 'json'], dir);
    expect(r.status).toBe(0);
    expect(findings(r.stdout)).toEqual([]);
  });

  it('--rule sets one rule; warnings alone exit 0, over --max-warnings exit 1', async () => {
    const warn = await runCli(['--rule', 'kms/no-kms-in-loop=warn', '-f', 'json'], dir);
    expect(warn.status).toBe(0);
    expect(findings(warn.stdout)).toEqual(['loop.ts:5:20 kms/no-kms-in-loop 1']);

    const over = await runCli(['--rule', 'kms/no-kms-in-loop=warn', '--max-warnings', '0'], dir);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe(`${summary(2, 2, 0)}kms-lint: 1 warnings, more than --max-warnings 0.\n`);

    const within = await runCli(['--rule', 'kms/no-kms-in-loop=warn', '--max-warnings', '1'], dir);
    expect(within.status).toBe(0);
  });

  it('--quiet drops warnings from the report', async () => {
    const r = await runCli(['--rule', 'kms/no-kms-in-loop=warn', '--quiet', '-f', 'json'], dir);
    expect(r.status).toBe(0);
    expect(findings(r.stdout)).toEqual([]);
  });

  it('--rule off silences a rule the preset enables', async () => {
    const r = await runCli(['--config', 'all', '--rule', 'kms/no-kms-in-loop=off', '-f', 'json'], dir);
    expect(r.status).toBe(0);
    expect(findings(r.stdout)).toEqual([]);
  });

  it('--concurrency 2 gives the same findings as one thread', async () => {
    const one = await runCli(['--config', 'all', '-f', 'json'], dir);
    const two = await runCli(['--config', 'all', '-f', 'json', '--concurrency', '2'], dir);
    expect(two.status).toBe(1);
    expect(findings(two.stdout)).toEqual(findings(one.stdout));
    expect(findings(two.stdout)).toEqual(['loop.ts:5:20 kms/no-kms-in-loop 2']);
  });

  it('--output-file writes the report there and nothing to stdout', async () => {
    const r = await runCli(['--config', 'all', '-f', 'json', '-o', 'reports/kms.json'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(findings(readFileSync(path.join(dir, 'reports/kms.json'), 'utf8'))).toEqual(['loop.ts:5:20 kms/no-kms-in-loop 2']);
  });

  it('lints only the paths given', async () => {
    const r = await runCli(['--config', 'all', '-f', 'json', 'src/clean.ts'], dir);
    expect(r.status).toBe(0);
    expect(findings(r.stdout)).toEqual([]);
  });
});

describe('kms-lint with no options', () => {
  it('lints the current directory with the recommended preset', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/seal.ts': OVERSIZED_TS, 'src/loop.ts': LOOP_TS });
    const r = await runCli([], dir);
    expect(r.stderr).toBe(summary(2, 2, 0));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/4:71\s+error\s+This Encrypt plaintext is 5,000 bytes.*kms\/no-oversized-encrypt/);
    expect(r.stdout).toContain('1 problem (1 error, 0 warnings)');
  });

  it('expands glob patterns itself rather than rejecting them as missing paths', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/seal.ts': OVERSIZED_TS, 'src/loop.ts': LOOP_TS });
    const r = await runCli(['--config', 'all', '-f', 'json', 'src/s*.ts'], dir);
    expect(r.status).toBe(1);
    expect(findings(r.stdout)).toEqual(['seal.ts:4:71 kms/no-oversized-encrypt 2']);
  });

  it('lints files outside every tsconfig.json project without types, and counts them', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/loop.ts': CLEAN_TS, 'scripts/seal.ts': OVERSIZED_TS });
    const r = await runCli(['-f', 'json'], dir);
    expect(r.status).toBe(1);
    expect(findings(r.stdout)).toEqual(['seal.ts:4:71 kms/no-oversized-encrypt 2']);
    expect(r.stderr).toBe(summary(2, 1, 1));
  });

  it('--quiet leaves the summary line out', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/seal.ts': OVERSIZED_TS });
    const r = await runCli(['--quiet'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('kms/no-oversized-encrypt');
  });
});

describe('kms-lint on plain JavaScript (no tsconfig.json)', () => {
  it('lints untyped with espree and still follows require() of the SDK', async () => {
    const dir = makeProject({ 'lib/loop.cjs': LOOP_JS, 'lib/loop.js': LOOP_JS.replace('module.exports = { decryptAll };', '') });
    const r = await runCli(['--config', 'all', '-f', 'json'], dir);
    expect(r.stderr).toBe(summary(2, 0, 2));
    expect(r.status).toBe(1);
    expect(findings(r.stdout).sort()).toEqual(['loop.cjs:5:20 kms/no-kms-in-loop 2', 'loop.js:5:20 kms/no-kms-in-loop 2']);
    const config = await runCli(['--print-config', 'lib/loop.js'], dir);
    expect((JSON.parse(config.stdout) as { languageOptions: { parser?: string } }).languageOptions.parser).toMatch(/^espree@/);
  });
});

describe('ignored paths', () => {
  it('skips node_modules, dist, build, coverage, cdk.out and git-ignored files', async () => {
    const files: Record<string, string> = { 'src/app.js': LOOP_JS, 'generated/out.js': LOOP_JS, '.gitignore': 'generated/\n*.local.js\n', 'src/x.local.js': LOOP_JS };
    for (const folder of ['dist', 'build', 'coverage', 'cdk.out', 'packages/a/node_modules/dep']) files[`${folder}/bad.js`] = LOOP_JS;
    const dir = makeProject(files, { nodeModules: false });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const r = await runCli(['--config', 'all', '-f', 'json'], dir);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as JsonResult[]).map((x) => path.relative(dir, x.filePath))).toEqual([path.join('src', 'app.js')]);
  });
});

describe('SARIF output', () => {
  it('validates against the SARIF 2.1.0 schema and carries rule ids, help URIs and regions', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/loop.ts': LOOP_TS });
    const r = await runCli(['--config', 'all', '--format', 'sarif'], dir);
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    // The official SARIF 2.1.0 (rtm.5) schema, as published by SchemaStore (copied from @microsoft/jest-sarif); draft-04.
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'test/cli/sarif-2.1.0-rtm.5.schema.json'), 'utf8'));
    // unicodeRegExp: false: the published schema's `language` pattern has a stray `]`, legal only without the u flag.
    const ajv = new ajvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    // The schema does reject what is not SARIF: a run without a tool driver, a result level that does not exist.
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);

    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'kms-lint', version: plugin.meta.version });
    expect(run.tool.driver.rules).toEqual([
      expect.objectContaining({ id: 'kms/no-kms-in-loop', helpUri: plugin.rules['no-kms-in-loop'].meta.docs?.url }),
    ]);
    expect(run.tool.driver.rules[0].helpUri).toMatch(/rules-docs\/no-kms-in-loop\.md$/);
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(dir).href + '/');
    // What was looked at travels with the log: the summary line as a notification, its counts as run properties.
    expect(run.properties.kmsLint).toEqual({ files: 1, typed: 1, untyped: 0, noTsconfig: 0, sdkTypesMissing: 0, parseErrors: 0 });
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      { descriptor: { id: 'kms-lint/summary' }, level: 'note', message: { text: summary(1, 1, 0).trimEnd() } },
    ]);
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({
      ruleId: 'kms/no-kms-in-loop',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/loop.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 20 } } }],
    });
  });

  it('is a valid log with no results on a clean project', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/clean.ts': CLEAN_TS });
    const r = await runCli(['--format', 'sarif'], dir);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].results).toEqual([]);
  });
});

describe('--use-eslint-config', () => {
  const pluginUrl = pathToFileURL(path.join(repoRoot, 'dist/index.js')).href;

  it("uses the project's eslint.config.mjs as is when it enables the plugin", async () => {
    const dir = makeProject({
      'lib/loop.js': LOOP_JS,
      'eslint.config.mjs': `import kms from '${pluginUrl}';\nexport default [{ plugins: { kms }, rules: { 'kms/no-kms-in-loop': 'warn' } }];\n`,
    });
    const r = await runCli(['--use-eslint-config', '-f', 'json'], dir);
    // The project's own config lints eslint.config.mjs too.
    expect(r.stderr).toBe(summary(2, 0, 2));
    expect(r.status).toBe(0);
    expect(findings(r.stdout)).toEqual(['loop.js:5:20 kms/no-kms-in-loop 1']);
  });

  it("adds the chosen preset when the project's config lacks the plugin", async () => {
    const dir = makeProject({ 'lib/loop.js': LOOP_JS, 'eslint.config.mjs': `export default [{ rules: { 'no-unused-vars': 'error' } }];\n` });
    const r = await runCli(['--use-eslint-config', '--config', 'all', '-f', 'json'], dir);
    expect(r.status).toBe(1);
    expect(findings(r.stdout)).toEqual(['loop.js:5:20 kms/no-kms-in-loop 2']);
  });
});

// Each case is a separate short process: run them side by side.
describe.concurrent('usage errors exit 2 with one line that says what to do', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/loop.ts': LOOP_TS, 'dist/out.js': LOOP_JS });
  });
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown flag', ['--fix'], /^kms-lint: Unknown option '--fix'\. Run 'kms-lint --help' for the options\.$/],
    ['unknown rule', ['--rule', 'kms/no-such-rule=error'], /^kms-lint: unknown rule 'kms\/no-such-rule' in --rule: known rules are kms\//],
    ['rule outside the plugin', ['--rule', 'no-console=error'], /^kms-lint: unknown rule 'no-console'/],
    ['bad severity', ['--rule', 'kms/no-kms-in-loop=2'], /severity '2' is not one of off, warn, error\.$/],
    ['malformed --rule', ['--rule', 'kms/no-kms-in-loop'], /is not of the form kms\/<name>=off\|warn\|error\.$/],
    ['unknown preset', ['--config', 'paranoid'], /^kms-lint: --config 'paranoid' is not a preset: use recommended, strict or all\.$/],
    ['bad --max-warnings', ['--max-warnings', '-1'], /^kms-lint: /],
    ['non-numeric --max-warnings', ['--max-warnings', 'lots'], /--max-warnings expects a whole number, got 'lots'\.$/],
    ['bad --parse-errors', ['--parse-errors', 'ignore'], /^kms-lint: --parse-errors 'ignore' is not one of error, warn\.$/],
    ['bad --concurrency', ['--concurrency', '0'], /--concurrency expects a whole number of at least 1, got '0'\.$/],
    ['missing value', ['--format'], /^kms-lint: Option '-f, --format <value>' argument missing/],
    ['unreadable path', ['no/such/dir'], /^kms-lint: cannot lint 'no\/such\/dir': it does not exist\./],
    ['unknown formatter', ['-f', 'no-such-formatter'], /^kms-lint: unknown format 'no-such-formatter'/],
    ['only ignored files', ['dist'], /^kms-lint: no files to lint in 'dist'/],
    ['an ignored file named', ['dist/out.js'], /^kms-lint: no files to lint in 'dist\/out\.js'/],
    ['no eslint config', ['--use-eslint-config'], /^kms-lint: --use-eslint-config: no eslint\.config\.\* found in /],
    ['--print-config of an ignored file', ['--print-config', 'dist/out.js'], /^kms-lint: --print-config: 'dist\/out\.js' is ignored/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await runCli(args, dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('a folder with no lintable files', async () => {
    const empty = makeProject({ 'README.md': '# nothing to lint\n', 'data.json': '{}' }, { nodeModules: false });
    const r = await runCli([], empty);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "kms-lint: no files to lint in '.': kms-lint lints .js, .mjs, .cjs, .jsx, .ts, .tsx, .mts, .cts files outside node_modules, dist, build, coverage, cdk.out and git-ignored paths.\n",
    );
  });
});

describe.concurrent('--help and --version', () => {
  it('--help lists every rule of the plugin', async () => {
    const r = await runCli(['--help'], repoRoot);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kms-lint \[options\] \[paths\.\.\.\]/);
    const names = Object.keys(plugin.rules);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(r.stdout).toContain(`kms/${name} — `);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version'], repoRoot);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^kms-lint ${plugin.meta.version.replace(/\./g, '\\.')} \\(eslint-plugin-kms, ESLint \\d+\\.`));
  });
});
