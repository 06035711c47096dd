// The crash corpus must be able to fail: planted findings, crashes and ignored files are caught, on files that
// live under node_modules exactly as installed packages do. Then a reduced run over the real installed packages
// (`npm run corpus` runs all of them; see bench/CORPUS.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { execFileSync } from 'node:child_process';
import { checkedOutMirrors, corpusFailures, corpusFilename, countLines, runCorpus } from '../scripts/corpus.js';

let root: string;
let installed: string;

const defectiveV2 = `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
exports.open = (blob, cb) => kms.decrypt({ CiphertextBlob: blob }, cb);
`;
const plainModule = `export function add(a, b) { return a + b; }\n`;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-corpus-'));
  installed = path.join(root, 'node_modules');
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(installed, rel)), { recursive: true });
    fs.writeFileSync(path.join(installed, rel), text);
  };
  write('vault/index.js', defectiveV2);
  // A package nested in another package's node_modules, as npm lays out conflicting versions.
  write('outer/node_modules/inner/lib/plain.mjs', plainModule);
  write('typed-src/src/open.ts', `import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export const open = (blob: Uint8Array) => kms.send(new DecryptCommand({ CiphertextBlob: blob }));
`);
  write('broken/index.js', 'function (\n');
  write('bundle/huge.js', `// ${'x'.repeat(1024 * 1024)}\n`);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const rel = (file: string) => file.replace(/^corpus\/[^/]+\//, '');

describe('planted failures', () => {
  it('lints files under node_modules: the planted v2 Decrypt is reported with its findings and line', async () => {
    const report = await runCorpus({ installed, typedFiles: 0 });
    expect(corpusFailures(report)).toEqual([]);
    const vault = report.findings.filter((f) => rel(f.file) === 'vault/index.js').map((f) => `${f.line} ${f.ruleId}`);
    expect(vault.sort()).toEqual(['3 kms/require-decrypt-key-id', '3 kms/require-encryption-context']);
    const typed = report.findings.filter((f) => rel(f.file) === 'typed-src/src/open.ts').map((f) => `${f.line} ${f.ruleId}`);
    expect(typed.sort()).toEqual(['3 kms/require-decrypt-key-id', '3 kms/require-encryption-context']);
    expect(report.files).toBe(4);
    expect(report.lines).toBe(3 + 1 + 3 + 1);
    expect(report.skippedOversize.map((f) => path.relative(installed, f))).toEqual(['bundle/huge.js']);
    expect(report.parseErrors.map((p) => rel(p.file))).toEqual(['broken/index.js']);
  });

  it('names every file outside node_modules, nested packages included', () => {
    const name = corpusFilename('installed JavaScript', installed, path.join(installed, 'outer', 'node_modules', 'inner', 'lib', 'plain.mjs'));
    expect(name).toBe('corpus/installed_JavaScript/outer/_node_modules/inner/lib/plain.mjs');
    expect(name.split('/')).not.toContain('node_modules');
  });

  it('counts a rule that throws as a crash, with the file it threw on', async () => {
    const boom = {
      meta: { type: 'problem' as const, schema: [] },
      create: (context: { filename: string }) => ({
        Program() {
          if (context.filename.endsWith('plain.mjs')) throw new Error('planted crash');
        },
      }),
    };
    const planted = { ...plugin, rules: { ...plugin.rules, boom } } as unknown as ESLint.Plugin;
    const report = await runCorpus({ installed, typedFiles: 0, plugin: planted, rules: { ...(plugin.configs.all.rules as Linter.RulesRecord), 'kms/boom': 'error' } });
    expect(report.crashes.map((c) => rel(c.file))).toEqual(['outer/_node_modules/inner/lib/plain.mjs']);
    expect(report.crashes[0].error).toContain('planted crash');
    expect(corpusFailures(report)).toEqual(['1 crash(es)']);
  });

  it('fails the run when a file is ignored by mistake, instead of counting it as clean', async () => {
    const report = await runCorpus({ installed, typedFiles: 0, extraConfig: [{ ignores: ['**/vault/**'] }] });
    expect(report.configProblems.map((c) => rel(c.file))).toEqual(['vault/index.js']);
    expect(report.configProblems[0].message).toMatch(/ignored|No matching configuration/);
    expect(report.findings.filter((f) => rel(f.file) === 'vault/index.js')).toEqual([]);
    expect(corpusFailures(report)).toEqual(['1 file(s) the linter did not lint as configured']);
  });

  it('fails the run when a message comes from a rule it did not configure', async () => {
    const report = await runCorpus({ installed, typedFiles: 0, extraConfig: [{ files: ['**/*.js'], rules: { 'no-restricted-syntax': ['error', 'Program'] } }] });
    expect(report.configProblems.map((c) => rel(c.file)).sort()).toEqual(['vault/index.js']);
    expect(report.configProblems[0].message).toMatch(/^no-restricted-syntax: /);
    expect(corpusFailures(report)).toEqual(['1 file(s) the linter did not lint as configured']);
  });

  it('fails a run that linted nothing', async () => {
    const report = await runCorpus({ installed: path.join(root, 'absent'), typedFiles: 0 });
    expect(corpusFailures(report)).toEqual(['no file was linted']);
  });
});

describe('fetched repositories', () => {
  it('checks out the sources of a bare snapshot (not its other files) and lints its TypeScript with its own tsconfig', async () => {
    const work = path.join(root, 'work');
    const git = (...args: string[]) => execFileSync('git', ['-C', work, ...args], { stdio: 'pipe' });
    fs.mkdirSync(path.join(work, 'src'), { recursive: true });
    fs.writeFileSync(path.join(work, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, include: ['src'] }));
    fs.writeFileSync(path.join(work, 'src', 'seal.ts'), `export const size = (b: Uint8Array): number => b.length;\n`);
    fs.writeFileSync(path.join(work, 'loose.ts'), `export const n = 1;\n`);
    fs.writeFileSync(path.join(work, 'tool.js'), defectiveV2);
    fs.writeFileSync(path.join(work, 'data.bin'), 'not source');
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'x');
    const mirrors = path.join(root, 'mirror');
    fs.mkdirSync(path.join(mirrors, 'someone+tool'), { recursive: true });
    execFileSync('git', ['clone', '-q', '--bare', work, path.join(mirrors, 'someone+tool', 'repo')]);
    const { dirs, problems } = checkedOutMirrors(mirrors, path.join(root, 'checkouts'));
    expect(problems).toEqual([]);
    expect(dirs).toEqual([path.join(root, 'checkouts', 'someone+tool')]);
    const files = fs.readdirSync(dirs[0], { recursive: true }).map(String).filter((f) => !f.startsWith('.')).sort();
    expect(files).toEqual(['loose.ts', 'src', path.join('src', 'seal.ts'), 'tool.js', 'tsconfig.json']);

    const report = await runCorpus({ installed: path.join(root, 'absent'), typedFiles: 0, repos: dirs });
    expect(corpusFailures(report)).toEqual([]);
    expect(report.bySource['repository someone+tool']).toEqual({ files: 3, lines: 5, typed: 1 });
    expect(report.findings.map((f) => `${rel(f.file)}:${f.line} ${f.ruleId}`).sort()).toEqual([
      'tool.js:3 kms/require-decrypt-key-id',
      'tool.js:3 kms/require-encryption-context',
    ]);
  });
});

it('counts lines as an editor numbers them', () => {
  expect([countLines(''), countLines('a'), countLines('a\n'), countLines('a\nb'), countLines('a\n\nb\n')]).toEqual([0, 1, 1, 2, 3]);
});

it('no rule throws on a sample of every installed package and on a generated typed project', async () => {
  const report = await runCorpus({ sample: 300, typedFiles: 120 });
  expect(report.crashes).toEqual([]);
  expect(report.configProblems).toEqual([]);
  expect(report.bySource['installed JavaScript'].files).toBe(300);
  expect(report.bySource['generated project (typed)']).toMatchObject({ files: 120, typed: 120 });
  // The generated project plants defects in every API style: a run that reports none of them linted nothing.
  expect(report.findings.filter((f) => f.file.includes('project-120')).length).toBeGreaterThan(0);
}, 600_000);
