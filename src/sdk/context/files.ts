// Which source files make up a repository or a package, as the file system and git say: the roots the
// repository-wide context index covers, and the listing it reads files from.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FileExclusion } from './exclude.js';
import { normalise } from './syntax.js';

/** Source files the index reads: TypeScript and JavaScript (declaration files are in the default exclusion). */
const sourceFile = /\.(?:[cm]?[jt]s|[jt]sx)$/;

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
  return sourceFile.test(name);
}

/** What the index reads under a root: the files that may hold a context site, or every source file. */
export interface Listing {
  /**
   * Git answered: the source files whose text mentions a context field (`git grep`, tracked files and untracked
   * ones it does not ignore, .gitignore semantics staying git's). Other files are read only when a site imports them.
   */
  candidates: string[] | null;
  /** Outside a git work tree: every source file (the caller reads them and applies the text filter itself). */
  all: string[] | null;
}

/**
 * The files under `root` the context index must read, normalised and sorted, without those `exclusion` leaves
 * out. Git greps the work tree in one process, so files that never mention a context are not even opened here;
 * otherwise a walk that skips dot-folders, installed packages, excluded directories and nested repositories.
 */
export function listContextFiles(root: string, exclusion: FileExclusion): Listing {
  listingStats.listings++;
  const candidates = gitCandidates(root, exclusion);
  if (candidates) return { candidates: candidates.slice(0, MAX_REPOSITORY_FILES).sort(), all: null };
  return { candidates: null, all: walkListing(root, exclusion).sort() };
}

/** Every source file under `root` that git lists, or the walk's, without the excluded ones; for tests and tools. */
export function listSourceFiles(root: string, exclusion: FileExclusion): string[] {
  return gitListing(root, exclusion) ?? walkListing(root, exclusion).sort();
}

const sourcePathspecs = ['*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs'];

function fromGit(root: string, out: string, exclusion: FileExclusion): string[] {
  const files: string[] = [];
  for (const rel of out.split('\0')) {
    if (!rel || !isSource(rel)) continue;
    const file = normalise(path.posix.join(root, rel));
    if (!exclusion.excludes(file)) files.push(file);
  }
  return files;
}

function gitCandidates(root: string, exclusion: FileExclusion): string[] | null {
  try {
    const out = execFileSync('git', ['grep', '--untracked', '-I', '-l', '-z', '-E', 'EncryptionContext|encryptionContext', '--', ...sourcePathspecs], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    listingStats.gitListings++;
    return fromGit(root, out, exclusion);
  } catch (error) {
    // Exit status 1: nothing matched. Anything else: not a work tree (or no git), so walk instead.
    if ((error as { status?: number }).status === 1) {
      listingStats.gitListings++;
      return [];
    }
    return null;
  }
}

function gitListing(root: string, exclusion: FileExclusion): string[] | null {
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    return fromGit(root, out, exclusion).sort();
  } catch {
    return null;
  }
}

function walkListing(root: string, exclusion: FileExclusion): string[] {
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
        // Installed packages are never walked, even where a `!pattern` re-includes something under them.
        if (e.name.startsWith('.') || e.name === 'node_modules' || exclusion.excludesDirectory(full)) continue;
        // A nested repository is its own repository.
        if (fs.existsSync(`${full}/.git`)) continue;
        visit(full);
      } else if (e.isFile() && isSource(e.name) && !exclusion.excludes(full)) files.push(full);
    }
  };
  visit(root === '/' ? '' : root);
  return files;
}
