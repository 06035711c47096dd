// Which source files make up a repository or a package, as the file system and git say: the roots the
// repository-wide context index covers, and the listing it reads files from.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { normalise } from './syntax.js';

/** Source files the index reads: TypeScript and JavaScript, never declaration files. */
const sourceFile = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const declarationFile = /\.d\.[cm]?ts$/;

/** Directories that hold installed or generated code, never sources worth comparing. */
const skippedDirs = new Set(['node_modules', 'dist', 'build', 'coverage', 'cdk.out', 'out']);

/**
 * Beyond this many files the listing stops: a lint rule must not read a home directory that happens to have no
 * `.git` above it. The rule doc states the limit.
 */
export const MAX_REPOSITORY_FILES = 50_000;

export const listingStats = { listings: 0, gitListings: 0 };

const rootCache = new Map<string, string | null>();

/** The nearest folder at or above `dir` that holds a `.git` (a directory, or a worktree's `.git` file). */
function gitRootOf(dir: string): string | null {
  const cached = rootCache.get(dir);
  if (cached !== undefined) return cached;
  let found: string | null;
  if (fs.existsSync(path.join(dir, '.git'))) found = dir;
  else {
    const parent = path.dirname(dir);
    found = parent === dir ? null : gitRootOf(parent);
  }
  rootCache.set(dir, found);
  return found;
}

/** The repository a file belongs to: the nearest folder with a `.git`, or else the lint root (ESLint's cwd). */
export function repositoryRootOf(fileName: string, lintRoot: string): string {
  return normalise(gitRootOf(path.dirname(path.resolve(fileName))) ?? path.resolve(lintRoot));
}

/** The package a file belongs to: the nearest folder with a package.json, not above `limit`; else `limit`. */
export function packageRootOf(fileName: string, limit: string): string {
  let dir = normalise(path.dirname(path.resolve(fileName)));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (dir === limit || !dir.startsWith(`${limit}/`)) return limit;
    const parent = path.posix.dirname(dir);
    if (parent === dir) return limit;
    dir = parent;
  }
}

/** Whether `file` lies under `root` (both normalised) and outside installed packages. */
export function isUnder(root: string, file: string): boolean {
  return (file.startsWith(`${root}/`) || root === '/') && !file.includes('/node_modules/');
}

function isSource(name: string): boolean {
  return sourceFile.test(name) && !declarationFile.test(name);
}

/**
 * Source files under `root`, normalised and sorted. Git answers when `root` is in a work tree (tracked files and
 * untracked ones it does not ignore: .gitignore semantics stay git's); otherwise a walk that skips dot-folders,
 * installed and generated code, and nested repositories.
 */
export function listSourceFiles(root: string): string[] {
  listingStats.listings++;
  const fromGit = gitListing(root);
  const files = fromGit ?? walkListing(root);
  return files.slice(0, MAX_REPOSITORY_FILES).sort();
}

function gitListing(root: string): string[] | null {
  let out: string;
  try {
    out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return null; // not a work tree (or git is missing): walk instead
  }
  listingStats.gitListings++;
  const files: string[] = [];
  for (const rel of out.split('\0')) {
    if (!rel || !isSource(rel) || rel.split('/').some((part) => skippedDirs.has(part))) continue;
    files.push(normalise(path.posix.join(root, rel)));
  }
  return files;
}

function walkListing(root: string): string[] {
  const files: string[] = [];
  const visit = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (files.length >= MAX_REPOSITORY_FILES) return;
      const full = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name.startsWith('.') || skippedDirs.has(e.name)) continue;
        // A nested repository is its own repository.
        if (fs.existsSync(`${full}/.git`)) continue;
        visit(full);
      } else if (e.isFile() && isSource(e.name)) files.push(full);
    }
  };
  visit(root === '/' ? '' : root);
  return files;
}
