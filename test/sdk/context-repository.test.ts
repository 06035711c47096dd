// The repository-wide context index (src/sdk/context/repository.ts) without ESLint: which files it reads and
// parses, what it takes from Programs, and when a changed file rebuilds it (fast; StrykerJS runs this file, see
// stryker/context.config.mjs). Work is counted (repositoryStats), never timed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { exclusionFor } from '../../src/sdk/context/exclude.js';
import { RepositoryIndex, repositoryIndexOf, repositoryStats } from '../../src/sdk/context/repository.js';
import type { ContextIndex } from '../../src/sdk/context/types.js';

const sdk = "import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';\nconst kms = new KMSClient({});\n";
const seal = (ctx: string, imports = '\n') => `${sdk}${imports}await kms.send(new EncryptCommand({ KeyId: 'alias/k', Plaintext: p, EncryptionContext: ${ctx} }));\n`;

let clock = Date.now() / 1000 - 1000;

/** Writes files with distinct mtimes (a second apart), so that a rewrite is always seen as one. */
function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    clock += 1;
    fs.utimesSync(file, clock, clock);
  }
}

function repository(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kms-repo-index-')));
  write(dir, files);
  return dir;
}

function indexOf(dir: string, patterns: string[] = []): RepositoryIndex {
  return new RepositoryIndex(ts, dir, exclusionFor(dir, dir, patterns));
}

/** Each site as `file:line side keys` (keys as name@file), paths relative to the repository. */
function sites(dir: string, index: ContextIndex): string[] {
  const rel = (f: string) => path.relative(dir, f);
  return index.sites.map((s) => `${rel(s.file)}:${s.line} ${s.side} ${s.keys.map((k) => `${k.name}@${rel(k.file)}`).join(',')}${s.complete ? '' : ' partial'}`);
}

function delta<T extends Record<string, number>>(stats: T): () => Record<keyof T, number> {
  const before = { ...stats };
  return () => Object.fromEntries(Object.keys(stats).map((k) => [k, stats[k] - before[k]])) as Record<keyof T, number>;
}

function program(dir: string, files: string[], texts: Record<string, string> = {}): ts.Program {
  const options: ts.CompilerOptions = { noLib: true, noResolve: true, allowJs: true, noEmit: true };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => {
    const rel = path.relative(dir, name);
    return rel in texts ? ts.createSourceFile(name, texts[rel], version) : read(name, version, onError);
  };
  return ts.createProgram(files.map((f) => (path.isAbsolute(f) ? f : path.join(dir, f))), options, host);
}

describe('what the index reads', () => {
  it('reads every listed source once, walks those that mention a context, and parses the modules their sites import', () => {
    const dir = repository({
      'a.ts': seal("{ ...SHARED, Tenant: 't' }", "import { SHARED } from './shared';\n"),
      'shared.ts': "export const SHARED = { Purpose: 'p' };\n",
      'plain.js': 'module.exports = 1;\n',
      'dist/a.js': seal("{ Built: 'b' }"),
      'notes.md': 'EncryptionContext',
    });
    const index = indexOf(dir);
    const stats = delta(repositoryStats);
    const built = index.current(null, `${dir}/a.ts`);
    expect(sites(dir, built)).toEqual(['a.ts:4 encrypt Purpose@shared.ts,Tenant@a.ts']);
    expect(built.filesWalked).toBe(1);
    expect(stats()).toEqual({ builds: 1, programsMerged: 0, filesRead: 3, filesParsed: 2, freshnessChecks: 0 });
    expect(index.textOf(`${dir}/plain.js`)).toBe('module.exports = 1;\n');
    expect(index.textOf(`${dir}/dist/a.js`)).toBeUndefined();
    // Another file linted: the same index, nothing read again.
    expect(index.current(null, `${dir}/plain.js`)).toBe(built);
    expect(stats()).toEqual({ builds: 1, programsMerged: 0, filesRead: 3, filesParsed: 2, freshnessChecks: 0 });
  });

  it('an excluded module a site imports is read for its values, never walked, also when the index is rebuilt', () => {
    const dir = repository({
      'a.ts': seal('CTX', "import { CTX } from './gen/ctx';\n"),
      'gen/ctx.ts': `export const CTX = { Purpose: 'p' };\n${seal("{ Inner: 'i' }")}`,
    });
    const index = indexOf(dir, ['gen/']);
    expect(sites(dir, index.current(null, `${dir}/a.ts`))).toEqual(['a.ts:4 encrypt Purpose@gen/ctx.ts']);
    write(dir, { 'a.ts': seal('CTX', "import { CTX } from './gen/ctx';\n\n") });
    expect(sites(dir, index.current(null, `${dir}/a.ts`))).toEqual(['a.ts:5 encrypt Purpose@gen/ctx.ts']);
  });

  it('a module outside the root is never read', () => {
    const outer = repository({ 'outside.ts': "export const CTX = { Purpose: 'p' };\n" });
    const dir = path.join(outer, 'repo');
    write(dir, { 'a.ts': seal('{ ...CTX, Tenant: 1 }', "import { CTX } from '../outside';\n") });
    expect(sites(dir, indexOf(dir).current(null, `${dir}/a.ts`))).toEqual(['a.ts:4 encrypt Tenant@a.ts partial']);
  });

  it('parses each file by its extension: TypeScript angle-bracket assertions only in .ts, JSX in .tsx and JavaScript', () => {
    const body = seal("<Ctx>{ Purpose: 'p' }");
    const dir = repository({ 'a.ts': body, 'b.tsx': body, 'c.js': body, 'd.mjs': body, 'e.cjs': body, 'f.jsx': body, 'g.mts': body });
    expect(sites(dir, indexOf(dir).current(null, `${dir}/a.ts`))).toEqual(['a.ts:4 encrypt Purpose@a.ts', 'g.mts:4 encrypt Purpose@g.mts']);
  });

  it('workspace packages imported by name are followed', () => {
    const dir = repository({
      'package.json': JSON.stringify({ workspaces: ['packages/*'] }),
      'packages/shared/package.json': JSON.stringify({ name: '@acme/shared', main: 'dist/index.js' }),
      'packages/shared/src/index.ts': "export const CTX = { Purpose: 'p' };\n",
      'packages/api/a.ts': seal('CTX', "import { CTX } from '@acme/shared';\n"),
    });
    expect(sites(dir, indexOf(dir).current(null, `${dir}/packages/api/a.ts`))).toEqual(['packages/api/a.ts:4 encrypt Purpose@packages/shared/src/index.ts']);
  });

  it('one index per exclusion (root, cwd and patterns)', () => {
    const dir = repository({});
    const one = repositoryIndexOf(ts, dir, exclusionFor(dir, dir, []));
    expect(repositoryIndexOf(ts, dir, exclusionFor(dir, dir, []))).toBe(one);
    expect(one.root).toBe(dir);
    const other = repositoryIndexOf(ts, dir, exclusionFor(dir, dir, ['x/']));
    expect(other).not.toBe(one);
    expect(other.root).toBe(dir);
  });
});

describe('freshness: a file linted again', () => {
  it('re-reads only files whose size or mtime moved; a changed text rebuilds, the same text does not', () => {
    const dir = repository({ 'a.ts': seal("{ Tenant: 't' }"), 'b.ts': seal("{ Other: 'o' }") });
    const index = indexOf(dir);
    const first = index.current(null, `${dir}/a.ts`);
    let stats = delta(repositoryStats);
    // Nothing moved.
    expect(index.current(null, `${dir}/a.ts`)).toBe(first);
    expect(stats()).toMatchObject({ freshnessChecks: 1, filesRead: 0, builds: 0 });
    // A new mtime, the same text: read, no rebuild.
    write(dir, { 'a.ts': seal("{ Tenant: 't' }") });
    stats = delta(repositoryStats);
    expect(index.current(null, `${dir}/a.ts`)).toBe(first);
    expect(stats()).toMatchObject({ freshnessChecks: 1, filesRead: 1, builds: 0 });
    // The same size, another text (and mtime): rebuilt.
    write(dir, { 'a.ts': seal("{ Tenart: 't' }") });
    stats = delta(repositoryStats);
    const renamed = index.current(null, `${dir}/a.ts`);
    expect(renamed).not.toBe(first);
    expect(sites(dir, renamed)).toEqual(['a.ts:4 encrypt Tenart@a.ts', 'b.ts:4 encrypt Other@b.ts']);
    expect(stats()).toMatchObject({ filesRead: 1, builds: 1, filesParsed: 1 });
    // Another size with the mtime put back: read too (size alone tells).
    const mtime = fs.statSync(path.join(dir, 'a.ts')).mtime;
    fs.writeFileSync(path.join(dir, 'a.ts'), seal("{ TenantId: 't' }"));
    fs.utimesSync(path.join(dir, 'a.ts'), mtime, mtime);
    expect(sites(dir, index.current(null, `${dir}/a.ts`))).toEqual(['a.ts:4 encrypt TenantId@a.ts', 'b.ts:4 encrypt Other@b.ts']);
  });

  it('no freshness pass for a file linted the first time', () => {
    const dir = repository({ 'a.ts': seal("{ Tenant: 't' }"), 'b.ts': seal("{ Other: 'o' }") });
    const index = indexOf(dir);
    const first = index.current(null, `${dir}/a.ts`);
    write(dir, { 'a.ts': seal("{ Changed: 't' }") });
    const stats = delta(repositoryStats);
    expect(index.current(null, `${dir}/b.ts`)).toBe(first);
    expect(stats()).toMatchObject({ freshnessChecks: 0, filesRead: 0 });
    expect(sites(dir, index.current(null, `${dir}/a.ts`))[0]).toBe('a.ts:4 encrypt Changed@a.ts');
  });

  it('files added and deleted since', () => {
    const dir = repository({ 'a.ts': seal("{ Tenant: 't' }"), 'b.ts': seal("{ Other: 'o' }") });
    const index = indexOf(dir);
    index.current(null, `${dir}/a.ts`);
    write(dir, { 'c.ts': seal("{ Third: 3 }") });
    fs.rmSync(path.join(dir, 'b.ts'));
    const after = index.current(null, `${dir}/a.ts`);
    expect(sites(dir, after)).toEqual(['a.ts:4 encrypt Tenant@a.ts', 'c.ts:4 encrypt Third@c.ts']);
    expect(index.textOf(`${dir}/b.ts`)).toBeUndefined();
  });

  it('in a git work tree: a module a site imports (not listed: it mentions no context) is re-read, and dropped when deleted', () => {
    const dir = repository({ 'a.ts': seal('{ ...CTX, Tenant: 1 }', "import { CTX } from './ctx';\n"), 'ctx.ts': "export const CTX = { Purpose: 'p' };\n" });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const index = indexOf(dir);
    expect(sites(dir, index.current(null, `${dir}/a.ts`))).toEqual(['a.ts:4 encrypt Purpose@ctx.ts,Tenant@a.ts']);
    write(dir, { 'ctx.ts': "export const CTX = { Purpose: 'p', Stage: 's' };\n" });
    expect(sites(dir, index.current(null, `${dir}/a.ts`))).toEqual(['a.ts:4 encrypt Purpose@ctx.ts,Stage@ctx.ts,Tenant@a.ts']);
    fs.rmSync(path.join(dir, 'ctx.ts'));
    const gone = index.current(null, `${dir}/a.ts`);
    expect(sites(dir, gone)).toEqual(['a.ts:4 encrypt Tenant@a.ts partial']);
    expect(index.textOf(`${dir}/ctx.ts`)).toBeUndefined();
    // Back again: the import is looked for anew on the next pass.
    write(dir, { 'ctx.ts': "export const CTX = { Purpose: 'back' };\n" });
    expect(sites(dir, index.current(null, `${dir}/a.ts`))).toEqual(['a.ts:4 encrypt Purpose@ctx.ts,Tenant@a.ts']);
  });
});

describe('Programs', () => {
  it("a Program's files are taken as it holds them (not read, not parsed), once per Program", () => {
    const dir = repository({ 'a.ts': seal("{ Tenant: 't' }"), 'b.ts': seal("{ Other: 'o' }") });
    const index = indexOf(dir);
    const p = program(dir, ['a.ts']);
    const stats = delta(repositoryStats);
    const built = index.current(p, `${dir}/a.ts`);
    expect(sites(dir, built)).toEqual(['a.ts:4 encrypt Tenant@a.ts', 'b.ts:4 encrypt Other@b.ts']);
    expect(stats()).toEqual({ builds: 1, programsMerged: 1, filesRead: 1, filesParsed: 1, freshnessChecks: 0 });
    expect(index.current(p, `${dir}/b.ts`)).toBe(built);
    expect(stats()).toMatchObject({ programsMerged: 1 });
  });

  it("a Program's text wins over the disk's, and its files are left to it by the freshness pass", () => {
    const dir = repository({ 'a.ts': seal("{ Tenant: 't' }"), '.hidden/c.ts': seal("{ Hidden: 'h' }") });
    const index = indexOf(dir);
    const p = program(dir, ['a.ts', '.hidden/c.ts'], { 'a.ts': seal("{ Unsaved: 'u' }") });
    expect(sites(dir, index.current(p, `${dir}/a.ts`))).toEqual(['a.ts:4 encrypt Unsaved@a.ts', '.hidden/c.ts:4 encrypt Hidden@.hidden/c.ts']);
    write(dir, { 'a.ts': seal("{ OnDisk: 'd' }"), '.hidden/c.ts': seal("{ HiddenOnDisk: 'h' }") });
    expect(sites(dir, index.current(p, `${dir}/a.ts`))).toEqual(['a.ts:4 encrypt Unsaved@a.ts', '.hidden/c.ts:4 encrypt Hidden@.hidden/c.ts']);
  });

  it('files outside the root, excluded or declaration files in a Program are not taken', () => {
    const outer = repository({ 'outside.ts': seal("{ Outside: 'o' }") });
    const dir = path.join(outer, 'repo');
    write(dir, { 'a.ts': seal("{ Tenant: 't' }"), 'gen/g.ts': seal("{ Generated: 'g' }"), 'types.d.ts': 'declare const EncryptionContext: { Declared: string };\n' });
    const index = indexOf(dir, ['gen/']);
    const p = program(dir, ['a.ts', 'gen/g.ts', 'types.d.ts', path.join(outer, 'outside.ts')]);
    expect(sites(dir, index.current(p, `${dir}/a.ts`))).toEqual(['a.ts:4 encrypt Tenant@a.ts']);
    expect(index.textOf(`${dir}/gen/g.ts`)).toBeUndefined();
    expect(index.textOf(`${dir}/types.d.ts`)).toBeUndefined();
    expect(index.textOf(`${outer}/outside.ts`)).toBeUndefined();
  });

  it('a later Program rebuilds the index only when a text it brings changes the sites', () => {
    const dir = repository({
      'a.ts': seal('{ ...CTX, Tenant: 1 }', "import { CTX } from './ctx';\n"),
      'ctx.ts': "export const CTX = { Purpose: 'p' };\n",
      'plain.ts': 'export const x = 1;\n',
      'b.ts': seal("{ Other: 'o' }"),
    });
    const index = indexOf(dir);
    const first = index.current(program(dir, ['a.ts', 'ctx.ts', 'plain.ts', 'b.ts']), `${dir}/a.ts`);
    // The same texts, another Program: merged, not rebuilt.
    expect(index.current(program(dir, ['a.ts', 'ctx.ts', 'plain.ts']), `${dir}/b.ts`)).toBe(first);
    // A file no site reads and that mentions no context: not rebuilt.
    expect(index.current(program(dir, ['plain.ts'], { 'plain.ts': 'export const x = 2;\n' }), `${dir}/b.ts`)).toBe(first);
    // A module a site imports: rebuilt.
    const viaImport = index.current(program(dir, ['ctx.ts'], { 'ctx.ts': "export const CTX = { Stage: 's' };\n" }), `${dir}/b.ts`);
    expect(sites(dir, viaImport)).toEqual(['a.ts:4 encrypt Stage@ctx.ts,Tenant@a.ts', 'b.ts:4 encrypt Other@b.ts']);
    // A file that mentioned a context and no longer does: rebuilt.
    const dropped = index.current(program(dir, ['b.ts'], { 'b.ts': 'export const b = 1;\n' }), `${dir}/b.ts`);
    expect(dropped).not.toBe(viaImport);
    expect(sites(dir, dropped)).toEqual(['a.ts:4 encrypt Stage@ctx.ts,Tenant@a.ts']);
    // A file that now mentions one: rebuilt.
    const added = index.current(program(dir, ['plain.ts'], { 'plain.ts': seal("{ Now: 'n' }") }), `${dir}/b.ts`);
    expect(sites(dir, added)).toEqual(['a.ts:4 encrypt Stage@ctx.ts,Tenant@a.ts', 'plain.ts:4 encrypt Now@plain.ts']);
  });

  it('a module a site looked for and did not find rebuilds the index when a Program brings it', () => {
    const dir = repository({ 'a.ts': seal('{ ...CTX, Tenant: 1 }', "import { CTX } from './later';\n") });
    const index = indexOf(dir);
    const first = index.current(null, `${dir}/a.ts`);
    expect(sites(dir, first)).toEqual(['a.ts:4 encrypt Tenant@a.ts partial']);
    const later = index.current(program(dir, [], {}), `${dir}/a.ts`);
    expect(later).toBe(first);
    const p = program(dir, ['later.ts'], { 'later.ts': "export const CTX = { Purpose: 'p' };\n" });
    expect(sites(dir, index.current(p, `${dir}/other.ts`))).toEqual(['a.ts:4 encrypt Purpose@later.ts,Tenant@a.ts']);
  });
});
