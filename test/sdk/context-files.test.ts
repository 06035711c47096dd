// What the repository-wide context index reads: excluded files (issue 23) and the listing, without ESLint (fast;
// StrykerJS runs this file for src/sdk/context/exclude.ts and files.ts, see stryker/context.config.mjs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_IGNORES } from '../../src/cli/project.js';
import { DEFAULT_CONTEXT_EXCLUDES, exclusionFor, FileExclusion } from '../../src/sdk/context/exclude.js';
import { isUnder, listContextFiles, listingStats, listSourceFiles, packageRootOf, repositoryRootOf } from '../../src/sdk/context/files.js';

function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

const rel = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f));

describe('FileExclusion', () => {
  const root = '/repo';
  // Built inside each test (not when the file loads), so that StrykerJS's per-test coverage sees the constructor.
  let defaults: FileExclusion;
  beforeEach(() => {
    defaults = new FileExclusion(root, root, DEFAULT_CONTEXT_EXCLUDES);
  });

  it('leaves out installed, built and generated code at any depth, and declaration files', () => {
    for (const file of [
      'node_modules/x/a.js',
      'packages/api/node_modules/x/a.js',
      'dist/a.js',
      'packages/api/dist/seal.js',
      'build/a.js',
      'packages/web/out/a.js',
      'coverage/lcov-report/a.js',
      'apps/site/.next/server/a.js',
      'infra/cdk.out/asset.1/a.js',
      'src/types.d.ts',
      'src/types.d.mts',
      'src/types.d.cts',
    ]) {
      expect(defaults.excludes(`${root}/${file}`), file).toBe(true);
    }
  });

  it('keeps sources, including names that only contain an excluded word', () => {
    for (const file of ['src/a.ts', 'src/dist.ts', 'src/build-info.ts', 'distribution/a.ts', 'outbox/a.js', 'src/a.d.tsx', 'src/d.ts', 'src/.hidden/a.ts']) {
      expect(defaults.excludes(`${root}/${file}`), file).toBe(false);
    }
  });

  it('a flat-config directory pattern (trailing slash) means everything under it', () => {
    const ex = new FileExclusion(root, root, ['src/generated/']);
    expect(ex.excludes('/repo/src/generated/keys.ts')).toBe(true);
    expect(ex.excludes('/repo/src/generated/deep/keys.ts')).toBe(true);
    expect(ex.excludes('/repo/src/generated.ts')).toBe(false);
    expect(ex.excludes('/repo/lib/src/generated/keys.ts')).toBe(false);
  });

  it('globs reach into dot-folders, for files and for whole directories', () => {
    const ex = new FileExclusion(root, root, ['**/gen/**']);
    expect(ex.excludes('/repo/.config/gen/a.ts')).toBe(true);
    expect(ex.excludesDirectory('/repo/.config/gen')).toBe(true);
    // A file pattern never skips a directory whose name happens to match its stem.
    expect(defaults.excludesDirectory('/repo/src/types.d')).toBe(false);
  });

  it('the last matching pattern decides: !glob brings files back', () => {
    const ex = new FileExclusion(root, root, ['**/dist/**', '!packages/keep/dist/**', 'packages/keep/dist/old/**']);
    expect(ex.excludes('/repo/packages/api/dist/a.js')).toBe(true);
    expect(ex.excludes('/repo/packages/keep/dist/a.js')).toBe(false);
    expect(ex.excludes('/repo/packages/keep/dist/old/a.js')).toBe(true);
  });

  it('patterns are relative to the lint cwd, and to the repository root for files outside it', () => {
    const ex = new FileExclusion('/repo', '/repo/apps/api', ['gen/**']);
    expect(ex.excludes('/repo/apps/api/gen/a.ts')).toBe(true);
    expect(ex.excludes('/repo/gen/a.ts')).toBe(true);
    expect(ex.excludes('/repo/apps/web/gen/a.ts')).toBe(false);
    expect(ex.excludes('/repo/apps/api-gen/a.ts')).toBe(false);
  });

  it('a directory is skipped whole only when a X/** pattern covers it and no negation could bring a file back', () => {
    expect(defaults.excludesDirectory('/repo/packages/api/dist')).toBe(true);
    expect(defaults.excludesDirectory('/repo/packages/api/src')).toBe(false);
    // *.d.ts names files, not directories.
    expect(defaults.excludesDirectory('/repo/types.d.ts')).toBe(false);
    const withNegation = new FileExclusion(root, root, ['**/dist/**', '!**/dist/keep.ts']);
    expect(withNegation.excludesDirectory('/repo/dist')).toBe(false);
    expect(withNegation.excludes('/repo/dist/a.ts')).toBe(true);
    expect(withNegation.excludes('/repo/dist/keep.ts')).toBe(false);
  });

  it('exclusionFor adds the user patterns after the defaults and shares one instance per root, cwd and patterns', () => {
    const a = exclusionFor('/r', '/r', ['gen/']);
    expect(exclusionFor('/r', '/r', ['gen/'])).toBe(a);
    expect(exclusionFor('/r', '/r', [])).not.toBe(a);
    expect(exclusionFor('/r', '/r/sub', ['gen/'])).not.toBe(a);
    expect(exclusionFor('/other', '/r', ['gen/'])).not.toBe(a);
    // Root, cwd and patterns are kept apart in the key: no two different triples share an exclusion.
    expect(exclusionFor('/a', '/b/c', []).key).not.toBe(exclusionFor('/a/b', '/c', []).key);
    expect(exclusionFor('/a', '/b', ['x', 'y']).key).not.toBe(exclusionFor('/a', '/b', ['xy']).key);
    expect(exclusionFor('/a', '/b', ['c']).key).not.toBe(exclusionFor('/a', '/bc', []).key);
    expect(a.excludes('/r/gen/x.ts')).toBe(true);
    expect(a.excludes('/r/dist/x.ts')).toBe(true);
    // A user pattern can bring a default back.
    expect(exclusionFor('/r', '/r', ['!build/**']).excludes('/r/build/x.ts')).toBe(false);
    expect(a.cwd).toBe('/r');
  });

  it("covers every directory kms-lint's built-in config ignores", () => {
    const ex = exclusionFor('/r', '/r', []);
    for (const pattern of DEFAULT_IGNORES) {
      const dir = pattern.replace(/^\*\*\//, '').replace(/\/$/, '');
      expect(ex.excludes(`/r/pkg/${dir}/x.ts`), pattern).toBe(true);
    }
  });
});

describe('the listing honours the exclusion', () => {
  const tree = {
    'a.ts': 'EncryptionContext',
    'src/b.mjs': 'EncryptionContext',
    'src/c.tsx': '',
    'src/types.d.ts': 'EncryptionContext',
    'node_modules/x/i.js': 'EncryptionContext',
    'dist/a.js': 'EncryptionContext',
    'packages/api/build/a.js': 'EncryptionContext',
    'src/generated/keys.ts': 'EncryptionContext',
    '.cache/d.ts': 'EncryptionContext',
    'vendor/.git/HEAD': '',
    'vendor/e.ts': 'EncryptionContext',
    'README.md': 'EncryptionContext',
  };

  it('outside a git work tree: walks sources, skipping dot-folders, installed and excluded code, and nested repositories', () => {
    const dir = tempDir('kms-list-');
    writeTree(dir, tree);
    const ex = exclusionFor(dir, dir, ['src/generated/']);
    expect(rel(dir, listSourceFiles(dir, ex))).toEqual(['a.ts', 'src/b.mjs', 'src/c.tsx']);
    const listing = listContextFiles(dir, ex);
    expect(listing.candidates).toBeNull();
    expect(rel(dir, listing.all ?? [])).toEqual(['a.ts', 'src/b.mjs', 'src/c.tsx']);
    // A negation reaches into an excluded directory (but never into node_modules).
    const back = exclusionFor(dir, dir, ['!dist/**', '!**/node_modules/**']);
    expect(rel(dir, listSourceFiles(dir, back))).toEqual(['a.ts', 'dist/a.js', 'src/b.mjs', 'src/c.tsx', 'src/generated/keys.ts']);
  });

  it('in a git work tree: git lists (tracked and untracked, not git-ignored) and the exclusion filters', () => {
    const dir = tempDir('kms-git-');
    writeTree(dir, { ...tree, '.gitignore': 'ignored/\n', 'ignored/z.ts': 'EncryptionContext', 'src/plain.ts': 'const x = 1;' });
    fs.rmSync(path.join(dir, 'vendor/.git'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', 'a.ts', 'dist/a.js'], { cwd: dir });
    const ex = exclusionFor(dir, dir, ['src/generated/']);
    const gitListings = listingStats.gitListings;
    const listing = listContextFiles(dir, ex);
    expect(listingStats.gitListings - gitListings).toBe(1);
    expect(listing.all).toBeNull();
    // git grep names the files that mention a context (plain.ts and c.tsx do not); a dot-folder git does not
    // ignore is the project's (the walk, without git's word, skips them).
    expect(rel(dir, listing.candidates ?? [])).toEqual(['.cache/d.ts', 'a.ts', 'src/b.mjs', 'vendor/e.ts']);
    expect(rel(dir, listSourceFiles(dir, ex))).toEqual(['.cache/d.ts', 'a.ts', 'src/b.mjs', 'src/c.tsx', 'src/plain.ts', 'vendor/e.ts']);
  });

  it('in a git work tree: every source extension is asked for, and nothing else', () => {
    const dir = tempDir('kms-git-ext-');
    const exts = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];
    writeTree(dir, Object.fromEntries([...exts.map((e) => [`src/a.${e}`, 'EncryptionContext']), ['src/a.json', '"EncryptionContext"'], ['src/a.md', 'EncryptionContext'], ['src/b.ts', 'encryptionContext']]));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const ex = exclusionFor(dir, dir, []);
    const sources = [...exts.map((e) => `src/a.${e}`), 'src/b.ts'].sort();
    expect(rel(dir, listContextFiles(dir, ex).candidates ?? [])).toEqual(sources);
    expect(rel(dir, listSourceFiles(dir, ex))).toEqual(sources);
    // The walk (outside git) agrees.
    fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    expect(rel(dir, listContextFiles(dir, ex).all ?? [])).toEqual(sources);
  });

  it('in a git work tree where nothing mentions a context: an empty listing, not a walk', () => {
    const dir = tempDir('kms-git-empty-');
    writeTree(dir, { 'a.ts': 'const x = 1;' });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const { listings, gitListings } = listingStats;
    expect(listContextFiles(dir, exclusionFor(dir, dir, []))).toEqual({ candidates: [], all: null });
    expect(listingStats.listings - listings).toBe(1);
    expect(listingStats.gitListings - gitListings).toBe(1);
  });

  it('the walk lists in path order (a folder is walked where its name sorts, not where its path does)', () => {
    const dir = tempDir('kms-walk-order-');
    writeTree(dir, { 'a/x.ts': '', 'a-b.ts': '', 'a.ts': '' });
    const ex = exclusionFor(dir, dir, []);
    expect(rel(dir, listContextFiles(dir, ex).all ?? [])).toEqual(['a-b.ts', 'a.ts', 'a/x.ts']);
    expect(rel(dir, listSourceFiles(dir, ex))).toEqual(['a-b.ts', 'a.ts', 'a/x.ts']);
  });
});

describe('roots', () => {
  it('the root is the nearest folder with .git, else the lint root; a package is the nearest package.json below it', () => {
    const dir = tempDir('kms-roots-');
    writeTree(dir, { 'repo/.git/HEAD': '', 'repo/packages/api/package.json': '{}', 'repo/packages/api/src/a.ts': '' });
    expect(repositoryRootOf(path.join(dir, 'repo/packages/api/src/a.ts'), '/elsewhere')).toBe(`${dir}/repo`);
    expect(packageRootOf(path.join(dir, 'repo/packages/api/src/a.ts'), `${dir}/repo`)).toBe(`${dir}/repo/packages/api`);
    expect(packageRootOf(path.join(dir, 'repo/scripts/b.js'), `${dir}/repo`)).toBe(`${dir}/repo`);
    // Never above the limit, even when a package.json is there.
    writeTree(dir, { 'package.json': '{}' });
    expect(packageRootOf(path.join(dir, 'repo/scripts/b.js'), `${dir}/repo`)).toBe(`${dir}/repo`);
    expect(packageRootOf('/elsewhere/x/y.js', `${dir}/repo`)).toBe(`${dir}/repo`);
    // A file outside the limit: the limit, though a package.json is above the file.
    expect(packageRootOf(path.join(dir, 'other/x/y.js'), `${dir}/repo`)).toBe(`${dir}/repo`);
    fs.mkdirSync(path.join(dir, 'loose'));
    expect(repositoryRootOf(path.join(dir, 'loose/c.js'), path.join(dir, 'loose'))).toBe(`${dir}/loose`);
  });

  it('isUnder: inside the root and outside installed packages', () => {
    expect(isUnder('/r', '/r/a.ts')).toBe(true);
    expect(isUnder('/r', '/ra/a.ts')).toBe(false);
    expect(isUnder('/r', '/r/node_modules/x/a.ts')).toBe(false);
    expect(isUnder('/', '/a.ts')).toBe(true);
    expect(isUnder('/r', '/other/a.ts')).toBe(false);
  });
});
