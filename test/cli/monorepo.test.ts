// kms-lint at the root of repositories laid out as real ones are: a workspace with no root tsconfig.json,
// a project whose dependencies are not installed, test files carrying other tools' comments, a file that
// does not parse. The bar: every file present is linted, and the findings equal those of linting each
// package from its own directory.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt, makeProject, removeProjects, runCli, TSCONFIG } from './helpers.js';

const compilerOptions = (JSON.parse(TSCONFIG) as { compilerOptions: Record<string, unknown> }).compilerOptions;
const tsconfig = (extra: Record<string, unknown>) => JSON.stringify({ compilerOptions, ...extra }, null, 2);

// Findings of the recommended preset, one kind a file (line:column rule).
const OVERSIZED_TS = `import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export const seal = () => kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: 'x'.repeat(5000), EncryptionContext: { app: 'a' } }));
`;
const OVERSIZED_AT = '3:88 kms/no-oversized-encrypt';
const DECRYPT_TS = `import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function open(blob: Uint8Array) {
  return kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { app: 'a' } }));
}
`;
const DECRYPT_AT = '4:19 kms/require-decrypt-key-id';
const OVERSIZED_JS = `const { KMSClient, EncryptCommand } = require('@aws-sdk/client-kms');
const kms = new KMSClient({});
exports.seal = () => kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: 'x'.repeat(5000), EncryptionContext: { app: 'a' } }));
`;
const OVERSIZED_JS_AT = '3:83 kms/no-oversized-encrypt';
const CLEAN_TS = `export const answer: number = 42;\n`;
// Comments for other tools: ESLint 10 reports eslint-env as a fatal error and unknown rules as errors.
const OTHER_TOOLS_COMMENTS = `/* eslint-env mocha */
/* eslint mocha/no-exclusive-tests: "error" */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fixture: any = { answer: 42 };
`;

/** The monorepo the issue describes, in miniature; `status` is how each file must be linted. */
const MONOREPO: Record<string, { text: string; status: string; findings: string[] }> = {
  // A package with its own tsconfig (allowJs: its .js is linted with types too).
  'packages/keys/src/seal.ts': { text: OVERSIZED_TS, status: 'typed', findings: [OVERSIZED_AT] },
  'packages/keys/src/clean.ts': { text: CLEAN_TS, status: 'typed', findings: [] },
  'packages/keys/src/legacy.js': { text: OVERSIZED_JS, status: 'typed', findings: [OVERSIZED_JS_AT] },
  // Solution style: files: [] and references to the projects that own src/ and test/.
  'packages/solution/src/open.ts': { text: DECRYPT_TS, status: 'typed', findings: [DECRYPT_AT] },
  'packages/solution/test/open.test.ts': { text: OTHER_TOOLS_COMMENTS, status: 'typed', findings: [] },
  // Its tsconfig excludes its tests: they are linted untyped.
  'packages/excludes-tests/src/index.ts': { text: CLEAN_TS, status: 'typed', findings: [] },
  'packages/excludes-tests/test/open.test.ts': { text: DECRYPT_TS, status: 'no-tsconfig', findings: [DECRYPT_AT] },
  'packages/excludes-tests/test/comments.test.ts': { text: OTHER_TOOLS_COMMENTS, status: 'no-tsconfig', findings: [] },
  // Plain JavaScript, no tsconfig.
  'packages/plain-js/lib/seal.js': { text: OVERSIZED_JS, status: 'no-tsconfig', findings: [OVERSIZED_JS_AT] },
  'packages/plain-js/lib/seal.test.cjs': { text: `/* eslint-env jest */\n${OVERSIZED_JS}`, status: 'no-tsconfig', findings: ['4:83 kms/no-oversized-encrypt'] },
  // TypeScript in no project at all (the root has no tsconfig.json).
  'tools/rotate.ts': { text: OVERSIZED_TS, status: 'no-tsconfig', findings: [OVERSIZED_AT] },
};

const MONOREPO_CONFIG: Record<string, string> = {
  'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }),
  'packages/keys/tsconfig.json': tsconfig({ compilerOptions: { ...compilerOptions, allowJs: true }, include: ['src'] }),
  'packages/solution/tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.lib.json' }, { path: './tsconfig.spec.json' }] }),
  'packages/solution/tsconfig.lib.json': tsconfig({ compilerOptions: { ...compilerOptions, composite: true }, include: ['src'] }),
  'packages/solution/tsconfig.spec.json': tsconfig({ compilerOptions: { ...compilerOptions, composite: true }, include: ['test'] }),
  'packages/excludes-tests/tsconfig.json': tsconfig({ include: ['src', 'test'], exclude: ['test'] }),
  'packages/plain-js/package.json': JSON.stringify({ name: 'plain-js', type: 'commonjs' }),
  'dist/bundle.js': OVERSIZED_JS,
};

interface JsonResult {
  filePath: string;
  kmsLint: { status: string; unresolvedImports?: string[] };
  messages: Array<{ ruleId: string | null; line: number; column: number; severity: number; message: string }>;
}
const parse = (stdout: string) => JSON.parse(stdout) as JsonResult[];
const byFile = (dir: string, results: JsonResult[], key: (r: JsonResult) => unknown) =>
  Object.fromEntries(results.map((r) => [path.relative(dir, r.filePath).split(path.sep).join('/'), key(r)]));
const findingsOf = (r: JsonResult) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

/** Every JS/TS file on disk outside node_modules and dist: what "files present" means. */
function presentFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : presentFiles(dir, child);
    return /\.(?:[cm]?[jt]s|[jt]sx)$/.test(entry.name) ? [child] : [];
  });
}

vi.setConfig({ testTimeout: 300_000 });
beforeAll(ensureBuilt, 360_000);
afterAll(removeProjects);

describe('kms-lint at the root of a workspace with no root tsconfig.json', () => {
  let dir: string;
  let root: { status: number | null; stderr: string; results: JsonResult[]; metadata: { kmsLint: unknown } };
  const expected = (key: 'status' | 'findings') => Object.fromEntries(Object.entries(MONOREPO).map(([f, x]) => [f, x[key]]));
  beforeAll(async () => {
    dir = makeProject({ ...MONOREPO_CONFIG, ...Object.fromEntries(Object.entries(MONOREPO).map(([f, { text }]) => [f, text])) });
    // json-with-metadata: ESLint's json results plus its metadata, where kms-lint puts the summary counts.
    const r = await runCli(['-f', 'json-with-metadata'], dir);
    root = { status: r.status, stderr: r.stderr, ...(JSON.parse(r.stdout) as { results: JsonResult[]; metadata: { kmsLint: unknown } }) };
  }, 300_000);

  it('lints every file present, each with the tsconfig that owns it, and reports what is in each', () => {
    expect(root.status).toBe(1);
    const present = presentFiles(dir).sort();
    expect(present).toEqual(Object.keys(MONOREPO).sort());
    expect(Object.keys(byFile(dir, root.results, () => 0)).sort()).toEqual(present);
    expect(byFile(dir, root.results, (x) => x.kmsLint.status)).toEqual(expected('status'));
    expect(byFile(dir, root.results, findingsOf)).toEqual(expected('findings'));
    expect(root.stderr).toBe('kms-lint: 11 files linted: 6 with types, 5 without (5 in no tsconfig.json project), 0 could not be parsed.\n');
    expect(root.metadata.kmsLint).toEqual({ files: 11, typed: 6, untyped: 5, noTsconfig: 5, sdkTypesMissing: 0, parseErrors: 0 });
  });

  it('finds what linting each package from its own directory finds', async () => {
    const perPackage: JsonResult[] = [];
    for (const pkg of ['packages/keys', 'packages/solution', 'packages/excludes-tests', 'packages/plain-js', 'tools']) {
      perPackage.push(...parse((await runCli(['-f', 'json'], path.join(dir, pkg))).stdout));
    }
    expect(byFile(dir, perPackage, findingsOf)).toEqual(byFile(dir, root.results, findingsOf));
    expect(byFile(dir, perPackage, (x) => x.kmsLint.status)).toEqual(byFile(dir, root.results, (x) => x.kmsLint.status));
  });

  it('gives the same files, types and findings in worker threads (--concurrency 2)', async () => {
    const r = await runCli(['-f', 'json', '--concurrency', '2'], dir);
    expect(r.status).toBe(1);
    const results = parse(r.stdout);
    expect(byFile(dir, results, (x) => x.kmsLint.status)).toEqual(expected('status'));
    expect(byFile(dir, results, findingsOf)).toEqual(expected('findings'));
  });
});

describe('a TypeScript project whose dependencies are not installed', () => {
  // The AWS SDK v3 client and the v2 client in a class field, as in a fresh clone before npm ci.
  const SOURCE = `import { KMSClient, DecryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import AWS from 'aws-sdk';
const client = new KMSClient({});
export const open = (blob: Uint8Array) => client.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { app: 'a' } }));
export class Vault {
  private kms = new AWS.KMS();
  dataKey() {
    return this.kms.generateDataKey({ KeyId: 'alias/app', KeySpec: 'AES_256' }).promise();
  }
}
`;

  it('still reports findings, and says the SDK types were missing and how to get them', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/vault.ts': SOURCE, 'src/clean.ts': CLEAN_TS }, { nodeModules: false });
    const r = await runCli(['-f', 'json'], dir);
    expect(r.status).toBe(1);
    const results = parse(r.stdout);
    expect(byFile(dir, results, (x) => x.kmsLint)).toEqual({
      'src/clean.ts': { status: 'typed' },
      'src/vault.ts': { status: 'sdk-types-missing', unresolvedImports: ['@aws-sdk/client-kms', 'aws-sdk'] },
    });
    expect(byFile(dir, results, findingsOf)['src/vault.ts']).toEqual([
      '4:55 kms/require-decrypt-key-id',
      '8:12 kms/require-encryption-context',
    ]);
    expect(r.stderr).toBe(
      'kms-lint: 2 files linted: 1 with types, 1 without (0 in no tsconfig.json project; 1 whose AWS SDK imports did not resolve to types: install dependencies (npm ci) for full precision), 0 could not be parsed.\n',
    );
  });

  it('counts the same file as typed once the SDK resolves', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/vault.ts': SOURCE });
    const r = await runCli(['-f', 'json'], dir);
    expect(parse(r.stdout).map((x) => x.kmsLint)).toEqual([{ status: 'typed' }]);
    expect(findingsOf(parse(r.stdout)[0])).toEqual(['4:55 kms/require-decrypt-key-id', '8:12 kms/require-encryption-context']);
  });
});

describe('the gate fails only for KMS reasons', () => {
  it("exits 0 on other tools' comments (eslint-env, unknown rules in inline config and disable directives)", async () => {
    const dir = makeProject({
      'tsconfig.json': TSCONFIG,
      'src/spec.ts': OTHER_TOOLS_COMMENTS,
      'lib/spec.js': `/* eslint-env node, mocha */\n/* eslint no-console: "off", import/no-unresolved: "error" */\n// eslint-disable-next-line unicorn/no-null\nmodule.exports = null;\n`,
    });
    const r = await runCli([], dir);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('kms-lint: 2 files linted: 1 with types, 1 without (1 in no tsconfig.json project), 0 could not be parsed.\n');
    expect(r.status).toBe(0);
  });

  it('still applies inline configuration of the plugin’s own rules', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/open.ts': `/* eslint kms/require-decrypt-key-id: "off" */\n${DECRYPT_TS}` });
    const r = await runCli(['-f', 'json'], dir);
    expect(r.status).toBe(0);
    expect(parse(r.stdout).flatMap(findingsOf)).toEqual([]);
  });

  it('a file that cannot be parsed is reported and fails the gate; --parse-errors warn reports it only', async () => {
    const dir = makeProject({ 'tsconfig.json': TSCONFIG, 'src/broken.ts': 'export const = ;\n', 'src/clean.ts': CLEAN_TS });
    const strict = await runCli(['-f', 'json'], dir);
    expect(strict.status).toBe(1);
    const broken = parse(strict.stdout).find((x) => x.filePath.endsWith('broken.ts'))!;
    expect(broken.kmsLint).toEqual({ status: 'parse-error' });
    expect(broken.messages).toEqual([expect.objectContaining({ ruleId: null, severity: 2, line: 1, message: expect.stringMatching(/^Parsing error: /) })]);
    expect(strict.stderr).toBe('kms-lint: 2 files linted: 1 with types, 0 without (0 in no tsconfig.json project), 1 could not be parsed.\n');

    const lenient = await runCli(['-f', 'json', '--parse-errors', 'warn'], dir);
    expect(lenient.status).toBe(0);
    expect(byFile(dir, parse(lenient.stdout), (x) => x.messages.map((m) => m.severity))['src/broken.ts']).toEqual([1]);
    const capped = await runCli(['--parse-errors', 'warn', '--max-warnings', '0'], dir);
    expect(capped.status).toBe(1);
  });
});
