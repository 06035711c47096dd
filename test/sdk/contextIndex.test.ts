import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import * as espree from 'espree';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { contextIndexOf, contextIndexStats, contextSitesOfFile, repositoryStats } from '../../src/sdk/contextIndex.js';
import { ruleTesterRoot } from '../RuleTester.js';

const driftDir = path.join(ruleTesterRoot, 'context-drift');

function lintWith(projectOptions: Record<string, unknown>) {
  return new ESLint({
    cwd: ruleTesterRoot,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { ...projectOptions, tsconfigRootDir: ruleTesterRoot } },
        plugins: { kms: plugin as never },
        // These tests pin the per-Program index; the repository index has its own tests below.
        rules: { 'kms/consistent-encryption-context': ['error', { scope: 'program' }] },
      },
    ],
  });
}

describe('context index: built once per Program', () => {
  const files = fs.readdirSync(driftDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(driftDir, f));

  it('linting N files with a project builds the index once and walks only files that mention a context', async () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    const before = contextIndexStats.builds;
    const results = await lintWith({ project: './tsconfig.json' }).lintFiles(files);
    expect(results.map((r) => r.messages.filter((m) => m.fatal))).toEqual(files.map(() => []));
    // The siblings agree with each other: no finding anywhere.
    expect(results.flatMap((r) => r.messages)).toEqual([]);
    expect(contextIndexStats.builds - before).toBe(1);
  });

  it('linting N files with projectService builds the index once', async () => {
    const before = contextIndexStats.builds;
    // In CI (CI=true) typescript-estree infers a single run and would serve these files from the Program
    // the previous test built, so the index would rightly be reused; opt out to see projectService's own Program.
    const results = await lintWith({ projectService: true, disallowAutomaticSingleRunInference: true }).lintFiles(files);
    expect(results.map((r) => r.messages.filter((m) => m.fatal))).toEqual(files.map(() => []));
    expect(results).toHaveLength(files.length);
    expect(contextIndexStats.builds - before).toBe(1);
  });

  it('caches by Program and skips files whose text never mentions a context', () => {
    const program = ts.createProgram({
      rootNames: files,
      options: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, skipLibCheck: true, types: ['node'] },
    });
    const before = contextIndexStats.builds;
    const index = contextIndexOf(ts, program);
    expect(contextIndexOf(ts, program)).toBe(index);
    expect(contextIndexStats.builds - before).toBe(1);
    // factory.ts holds keys but no context field: it is read only through ledger.ts's imports.
    expect(index.filesWalked).toBe(files.length - 1);
    const summary = index.sites
      .map((s) => `${path.basename(s.file)}:${s.line} ${s.side} ${s.source}/${s.operation}.${s.field} [${s.keys.map((k) => `${k.name}@${path.basename(k.file)}:${k.line}`).join(' ')}]${s.complete ? '' : ' partial'}`)
      .sort();
    expect(summary).toEqual([
      'esdk-writer.ts:7 encrypt esdk/encrypt.encryptionContext [ParcelId@esdk-writer.ts:7]',
      'ledger.ts:11 encrypt kms/GenerateDataKeyWithoutPlaintext.EncryptionContext [ArchiveShard@factory.ts:6]',
      'ledger.ts:7 encrypt kms/GenerateDataKey.EncryptionContext [LedgerBook@factory.ts:3]',
      's3-writer.ts:6 encrypt s3/PutObject.SSEKMSEncryptionContext [MediaOwner@s3-writer.ts:12]',
      'vault-writer.ts:6 encrypt kms/Encrypt.EncryptionContext [VaultName@vault-writer.ts:6]',
      'writer.ts:7 encrypt kms/Encrypt.EncryptionContext [ClinicNumber@writer.ts:10 RecordType@writer.ts:10]',
    ]);
    expect(index.sites.find((s) => s.operation === 'GenerateDataKey')?.factory).toMatch(/factory\.ts#ledgerContext$/);
  });
});

describe('context sites of one file (untyped mode)', () => {
  const sites = (code: string) =>
    contextSitesOfFile(ts, '/project/app.ts', code).map((s) => `${s.side} ${s.operation}.${s.field} ${s.keys.map((k) => k.name).join(',')}${s.complete ? '' : ' partial'} ${s.keyRef ?? '-'}`);

  it('skips text that never mentions a context without parsing it', () => {
    expect(contextSitesOfFile(ts, '/project/a.ts', 'this is not even ( valid')).toEqual([]);
  });

  it('reads ReEncrypt source and destination contexts on their sides', () => {
    expect(
      sites(`import { ReEncryptCommand } from '@aws-sdk/client-kms';
new ReEncryptCommand({ CiphertextBlob: b, SourceKeyId: 'alias/old', DestinationKeyId: 'alias/new', SourceEncryptionContext: { A: '1' }, DestinationEncryptionContext: { A: '1', B: '2' } });`),
    ).toEqual(['decrypt ReEncrypt.SourceEncryptionContext A alias/old', 'encrypt ReEncrypt.DestinationEncryptionContext A,B -']);
  });

  it('follows spreads, Object.freeze, conditionals and local helpers; computed keys make a site partial', () => {
    expect(
      sites(`import * as AWS from 'aws-sdk';
const kms = new AWS.KMS();
const base = Object.freeze({ App: 'x' });
function ctx(id: string) { return { ...base, Id: id }; }
declare const k: string; declare const c: boolean;
kms.encrypt({ KeyId: KEY, Plaintext: p, EncryptionContext: ctx('1') });
kms.decrypt({ CiphertextBlob: b, EncryptionContext: { ...base, [k]: 'v' } });
kms.decrypt({ CiphertextBlob: b, EncryptionContext: c ? { App: 'x' } : { App: 'x', Id: '1' } });`),
    ).toEqual(['encrypt Encrypt.EncryptionContext App,Id /project/app.ts#KEY', 'decrypt Decrypt.EncryptionContext App partial -', 'decrypt Decrypt.EncryptionContext App,App,Id partial -']);
  });

  it('ignores look-alikes: a client that is not the SDK, a shadowed import, an unrelated object', () => {
    expect(
      sites(`import { DecryptCommand } from './mine.js';
class KMS { decrypt(x: object) {} }
new DecryptCommand({ EncryptionContext: { A: '1' } });
new KMS().decrypt({ EncryptionContext: { A: '1' } });
const encryptionContext = { tenantId: 't' };`),
    ).toEqual([]);
    expect(
      sites(`import { EncryptCommand } from '@aws-sdk/client-kms';
function f(EncryptCommand: any) { return new EncryptCommand({ EncryptionContext: { A: '1' } }); }`),
    ).toEqual([]);
  });
});

describe('context sites of clients of unknown type, by request shape', () => {
  const sites = (code: string) => contextSitesOfFile(ts, '/project/app.ts', code).map((s) => `${s.side} ${s.operation} ${s.keys.map((k) => k.name).join(',')}`);

  it('recognises a client passed in as a parameter or held on this by the fields only that operation takes', () => {
    expect(
      sites(`function seal(kmsClient: any, p: Buffer, cb: () => void) { kmsClient.encrypt({ KeyId: 'k', Plaintext: p, EncryptionContext: { A: '1' } }, cb); }
function open(kmsClient, b) { return kmsClient.decrypt({ CiphertextBlob: b, EncryptionContext: { A: '1' } }).promise(); }
class Keys { constructor(opts) { this.kms = opts.kms; } key() { return this.kms.generateDataKey({ KeyId: 'k', KeySpec: 'AES_256', EncryptionContext: { B: '2' } }); } }`),
    ).toEqual(['encrypt Encrypt A', 'decrypt Decrypt A', 'encrypt GenerateDataKey B']);
  });

  it('never recognises a receiver syntax knows is something else, nor a request without the shape', () => {
    expect(
      sites(`interface KmsPort { decrypt(x: object): unknown }
const vault = { decrypt(x: object) { return x; } };
vault.decrypt({ CiphertextBlob: b, EncryptionContext: { A: '1' } });
class Local { decrypt(x: object) { return x; } }
new Local().decrypt({ CiphertextBlob: b, EncryptionContext: { A: '1' } });
function typed(port: KmsPort) { return port.decrypt({ CiphertextBlob: b, EncryptionContext: { A: '1' } }); }
class Service { constructor(private readonly port: KmsPort) {} run() { return this.port.decrypt({ CiphertextBlob: b, EncryptionContext: { A: '1' } }); } }
class Field { private port: KmsPort = make(); run() { return this.port.decrypt({ CiphertextBlob: b, EncryptionContext: { A: '1' } }); } }
function loose(kms) { return kms.encrypt({ EncryptionContext: { A: '1' } }); }`),
    ).toEqual([]);
  });
});

// ------------------------------------------------------------------ repository scope

const fixturesRoot = path.resolve(ruleTesterRoot, '..');

/** A fixture copied into a temporary folder that is its own repository (a `.git` folder; git cannot list it, so the walk does). */
function copyAsRepository(fixture: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kms-context-')));
  fs.cpSync(path.join(fixturesRoot, fixture), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

function typedLint(dir: string, options: Record<string, unknown> = {}) {
  return new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: dir } },
        plugins: { kms: plugin as never },
        rules: { 'kms/consistent-encryption-context': ['error', options] },
      },
    ],
  });
}

function untypedLint(dir: string, options: Record<string, unknown> = {}) {
  return new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.js'],
        languageOptions: { parser: espree as never, ecmaVersion: 'latest', sourceType: 'commonjs' },
        plugins: { kms: plugin as never },
        rules: { 'kms/consistent-encryption-context': ['error', options] },
      },
    ],
  });
}

function messagesOf(dir: string, results: ESLint.LintResult[]): string[] {
  return results
    .flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ${m.messageId ?? m.message}${m.fatal ? ' FATAL' : ''} ${m.message.match(/at (\S+:\d+)/)?.[1] ?? ''}`))
    .sort();
}

const monorepoFiles = ['packages/shared/src/context.ts', 'packages/exporter/src/seal.ts', 'packages/importer/src/open.ts', 'packages/auditor/src/verify.ts'];

/** The drift twin's findings: the auditor's inline key against the shared constant the exporter imports by package name. */
const monorepoDrift = ['packages/auditor/src/verify.ts:8:21 casingDrift packages/shared/src/context.ts:4', 'packages/importer/src/open.ts:9:110 casingDrift packages/exporter/src/seal.ts:9'];

describe('repository scope: one index across the Programs of a monorepo', () => {
  it('reports drift between packages with their own tsconfigs, building the index once for four Programs', async () => {
    const dir = copyAsRepository('context-monorepo/drift');
    const builds = repositoryStats.builds;
    const merged = repositoryStats.programsMerged;
    const results = await typedLint(dir).lintFiles(monorepoFiles);
    expect(messagesOf(dir, results)).toEqual(monorepoDrift);
    // Four tsconfigs, four Programs; each that a file with a site asks for is merged once into one index, built once.
    // The shared package's one file holds no site (the values sites import): its Program is never asked for.
    expect(repositoryStats.programsMerged - merged).toBe(3);
    expect(repositoryStats.builds - builds).toBe(1);
  });

  it('a file without a context site looks up no index: nothing is listed, read, merged or built for it', async () => {
    const dir = copyAsRepository('context-monorepo/drift');
    // Names a command and a context-like record, yet holds no site the walker would take.
    fs.writeFileSync(path.join(dir, 'packages/importer/src/labels.ts'), "export const labels = { EncryptCommand: 'seal', tenant: 'TenantId' };\n");
    const before = { ...repositoryStats };
    const results = await typedLint(dir).lintFiles(['packages/importer/src/labels.ts']);
    expect(results).toHaveLength(1);
    expect(messagesOf(dir, results)).toEqual([]);
    expect({ ...repositoryStats }).toEqual(before);
    // The same run shape with a file that holds a site builds the index once.
    const withSite = await typedLint(dir).lintFiles(['packages/importer/src/open.ts']);
    expect(messagesOf(dir, withSite)).toEqual(['packages/importer/src/open.ts:9:110 casingDrift packages/exporter/src/seal.ts:9']);
    expect(repositoryStats.builds - before.builds).toBe(1);
  });

  it('with scope program each Program has its own index and the drift between packages is not seen', async () => {
    const dir = copyAsRepository('context-monorepo/drift');
    const builds = contextIndexStats.builds;
    const results = await typedLint(dir, { scope: 'program' }).lintFiles(monorepoFiles);
    expect(messagesOf(dir, results)).toEqual([]);
    // One index per Program that a file with a site asks for (the shared package's file holds none).
    expect(contextIndexStats.builds - builds).toBe(3);
  });

  it('the safe twin (spellings agree across packages) has no finding', async () => {
    const dir = copyAsRepository('context-monorepo/safe');
    const builds = repositoryStats.builds;
    const results = await typedLint(dir).lintFiles(monorepoFiles);
    expect(results).toHaveLength(4);
    expect(messagesOf(dir, results)).toEqual([]);
    expect(repositoryStats.builds - builds).toBe(1);
  });

  it('an editor linting one file reads the others from disk, and sees an edit to them when it lints again', async () => {
    const dir = copyAsRepository('context-monorepo/drift');
    const read = repositoryStats.filesRead;
    const first = await typedLint(dir).lintFiles(['packages/importer/src/open.ts']);
    expect(messagesOf(dir, first)).toEqual(['packages/importer/src/open.ts:9:110 casingDrift packages/exporter/src/seal.ts:9']);
    // The exporter is in no Program this run opened: it came from disk.
    expect(repositoryStats.filesRead - read).toBeGreaterThanOrEqual(1);
    // The exporter is fixed on disk (a new size, and an mtime a minute later); the importer is linted again.
    const seal = path.join(dir, 'packages/exporter/src/seal.ts');
    fs.writeFileSync(seal, fs.readFileSync(seal, 'utf8').replace('LedgerTenant: tenant', 'ledgerTenant: tenant /* agreed */'));
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(seal, later, later);
    const checks = repositoryStats.freshnessChecks;
    const second = await typedLint(dir).lintFiles(['packages/importer/src/open.ts']);
    expect(repositoryStats.freshnessChecks - checks).toBe(1);
    expect(messagesOf(dir, second)).toEqual([]);
  });

  it('in a git work tree reads from disk only the files that mention a context and no open Program holds', async () => {
    const dir = copyAsRepository('context-monorepo/drift');
    fs.rmSync(path.join(dir, '.git'), { recursive: true });
    // A module of the exporter that mentions no context: never opened by the rule.
    fs.writeFileSync(path.join(dir, 'packages/exporter/src/format.ts'), 'export const toCsv = (rows: string[][]) => rows.map((r) => r.join(",")).join("\\n");\n');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const read = repositoryStats.filesRead;
    const results = await typedLint(dir).lintFiles(['packages/importer/src/open.ts']);
    expect(messagesOf(dir, results)).toEqual(['packages/importer/src/open.ts:9:110 casingDrift packages/exporter/src/seal.ts:9']);
    // The importer's Program holds open.ts and shared/src/context.ts (a relative import); git grep names seal.ts
    // and the auditor's verify.ts, the two files read (the exporter's import of @ledger/shared finds the Program's copy).
    expect(repositoryStats.filesRead - read).toBe(2);
  });

  it('in a git work tree, the Programs bring files the index never read, and it is still built once', async () => {
    const dir = copyAsRepository('context-monorepo/drift');
    fs.rmSync(path.join(dir, '.git'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'packages/importer/src/format.ts'), 'export const fromCsv = (text: string) => text.split(",");\n');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const builds = repositoryStats.builds;
    const merged = repositoryStats.programsMerged;
    const results = await typedLint(dir).lintFiles([...monorepoFiles, 'packages/importer/src/format.ts']);
    expect(messagesOf(dir, results)).toEqual(monorepoDrift);
    // format.ts and the shared package's file hold no site: the shared package's Program is never merged.
    expect(repositoryStats.programsMerged - merged).toBe(3);
    expect(repositoryStats.builds - builds).toBe(1);
  });

  it('compares the text being linted (an unsaved buffer) with the files on disk', async () => {
    const dir = copyAsRepository('context-monorepo/safe');
    const open = path.join(dir, 'packages/importer/src/open.ts');
    const buffer = fs.readFileSync(open, 'utf8').replace('PayrollTenant: tenant', 'payrollTenant: tenant');
    const results = await typedLint(dir).lintText(buffer, { filePath: open });
    expect(messagesOf(dir, results)).toEqual(['packages/importer/src/open.ts:9:110 casingDrift packages/exporter/src/seal.ts:9']);
  });
});

// A built copy of an older exporter, in JavaScript, spelling the tenant field the other way: four copies (dist/ twice,
// build/, out/) outnumber the three sources, so were they compared, the sources would be reported.
const staleBuild = `import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function sealExport(tenant, csv) {
  const out = await kms.send(new EncryptCommand({ KeyId: 'alias/payroll-exports', Plaintext: csv, EncryptionContext: { PayrollPurpose: 'ledger-export', Format: 'csv-v2', payrollTenant: tenant } }));
  return out.CiphertextBlob;
}
`;

function withStaleBuilds(dir: string): void {
  for (const copy of ['dist/seal.js', 'dist/seal.mjs', 'build/seal.js', 'out/seal.js']) {
    fs.mkdirSync(path.dirname(path.join(dir, 'packages/exporter', copy)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'packages/exporter', copy), staleBuild);
  }
}

describe('repository scope: files the lint run ignores are not compared', () => {
  it('built copies in dist/, build/ and out/ are left out (and, brought back by !patterns, would be reported)', async () => {
    const dir = copyAsRepository('context-monorepo/safe');
    withStaleBuilds(dir);
    expect(messagesOf(dir, await typedLint(dir).lintFiles(monorepoFiles))).toEqual([]);
    const back = await typedLint(dir, { exclude: ['!**/dist/**', '!**/build/**', '!**/out/**'] }).lintFiles(monorepoFiles);
    expect(messagesOf(dir, back)).toEqual([
      'packages/auditor/src/verify.ts:8:72 casingDrift packages/exporter/build/seal.js:4',
      'packages/exporter/src/seal.ts:9:104 casingDrift packages/exporter/build/seal.js:4',
      'packages/importer/src/open.ts:9:110 casingDrift packages/exporter/build/seal.js:4',
    ]);
  });

  it('in a git work tree, git-ignored and excluded files are left out, tracked or not', async () => {
    const dir = copyAsRepository('context-monorepo/safe');
    fs.rmSync(path.join(dir, '.git'), { recursive: true });
    withStaleBuilds(dir);
    // out/ is git-ignored; dist/ is committed (some repositories do); build/ is untracked.
    fs.writeFileSync(path.join(dir, '.gitignore'), 'out/\n');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', 'packages/exporter/dist/seal.js'], { cwd: dir });
    expect(messagesOf(dir, await typedLint(dir).lintFiles(monorepoFiles))).toEqual([]);
  });

  it("the exclude option leaves out what the project's config ignores (generated code)", async () => {
    const dir = copyAsRepository('context-monorepo/safe');
    for (const copy of ['a', 'b', 'c', 'd']) {
      fs.mkdirSync(path.join(dir, 'packages/exporter/generated'), { recursive: true });
      fs.writeFileSync(path.join(dir, `packages/exporter/generated/seal-${copy}.ts`), staleBuild);
    }
    const compared = await typedLint(dir).lintFiles(monorepoFiles);
    expect(messagesOf(dir, compared)).toHaveLength(3);
    const excluded = await typedLint(dir, { exclude: ['packages/*/generated/'] }).lintFiles(monorepoFiles);
    expect(messagesOf(dir, excluded)).toEqual([]);
  });

  it("a Program whose tsconfig takes in dist/ does not bring the built copies in, in either scope", async () => {
    const dir = copyAsRepository('context-monorepo/safe');
    withStaleBuilds(dir);
    const tsconfig = path.join(dir, 'packages/exporter/tsconfig.json');
    const config = JSON.parse(fs.readFileSync(tsconfig, 'utf8')) as { compilerOptions: Record<string, unknown>; include: string[] };
    config.compilerOptions.allowJs = true;
    config.include = ['src/**/*.ts', 'dist/**/*.js', 'dist/**/*.mjs', 'build/**/*.js', 'out/**/*.js'];
    fs.writeFileSync(tsconfig, JSON.stringify(config));
    // Only the exporter's Program and the shared constants: every site from the Program.
    fs.rmSync(path.join(dir, 'packages/importer'), { recursive: true });
    fs.rmSync(path.join(dir, 'packages/auditor'), { recursive: true });
    const files = ['packages/exporter/src/seal.ts'];
    expect(messagesOf(dir, await typedLint(dir).lintFiles(files))).toEqual([]);
    expect(messagesOf(dir, await typedLint(dir, { scope: 'program' }).lintFiles(files))).toEqual([]);
    const back = ['!**/dist/**', '!**/build/**', '!**/out/**'];
    expect(messagesOf(dir, await typedLint(dir, { scope: 'program', exclude: back }).lintFiles(files))).toEqual([
      'packages/exporter/src/seal.ts:9:104 casingDrift packages/exporter/build/seal.js:4',
    ]);
  });

  it('a linted file the exclusion leaves out gets no finding of its own', async () => {
    const dir = copyAsRepository('context-monorepo/safe');
    withStaleBuilds(dir);
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.js'], plugins: { kms: plugin as never }, rules: { 'kms/consistent-encryption-context': 'error' } }],
    });
    expect(messagesOf(dir, await eslint.lintFiles(['packages/exporter/dist/seal.js']))).toEqual([]);
  });
});

describe('untyped cross-file: a JavaScript package without a tsconfig', () => {
  it('reports drift between two files that each build their client', async () => {
    const dir = copyAsRepository('context-js');
    const results = await untypedLint(dir).lintFiles(['token-seal.js', 'token-open.js', 'report-seal.js', 'report-open.js']);
    expect(messagesOf(dir, results)).toEqual(['token-open.js:9:78 casingDrift token-seal.js:9']);
  });

  it('with scope program it reads the package, not the repository', async () => {
    const dir = copyAsRepository('context-js');
    // A second package in the same repository, spelling the key the other way: outside the package, not compared.
    fs.mkdirSync(path.join(dir, 'other'));
    fs.writeFileSync(path.join(dir, 'other/package.json'), '{ "name": "other" }');
    fs.copyFileSync(path.join(dir, 'token-open.js'), path.join(dir, 'other/token-open.js'));
    fs.rmSync(path.join(dir, 'token-open.js'));
    const inPackage = await untypedLint(dir, { scope: 'program' }).lintFiles(['other/token-open.js']);
    expect(messagesOf(dir, inPackage)).toEqual([]);
    const inRepository = await untypedLint(dir).lintFiles(['other/token-open.js']);
    expect(messagesOf(dir, inRepository)).toEqual(['other/token-open.js:9:78 casingDrift token-seal.js:9']);
  });

  it('reports drift between two files whose v2 clients are passed in as parameters (request-shape recognition)', async () => {
    const dir = copyAsRepository('context-js');
    const results = await untypedLint(dir).lintFiles(['vault-seal.js', 'vault-open.js', 'report-seal.js', 'report-open.js']);
    expect(messagesOf(dir, results)).toEqual(['vault-open.js:5:66 casingDrift vault-seal.js:7']);
  });
});

// What the repository is and what the listing reads: test/sdk/context-files.test.ts.
