// Which files the repository-wide context index leaves out: the files a lint run ignores (built copies in dist/,
// installed packages, generated declarations). ESLint gives a rule no way to ask what its run ignores, so the rule
// takes the same kind of globs (its `exclude` option) on top of defaults that cover kms-lint's own ignores; git's
// ignore rules are git's (the listing asks `git grep`/`git ls-files` for untracked files it does not ignore).
import path from 'node:path';
import { Minimatch } from 'minimatch';

/**
 * Always left out unless a later `!pattern` brings them back: installed and built code, framework and CDK
 * output, coverage reports, and declaration files (generated from sources, never a context site of their own).
 */
export const DEFAULT_CONTEXT_EXCLUDES: readonly string[] = [
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/coverage/**',
  '**/.next/**',
  '**/cdk.out/**',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
];

/** A flat-config directory pattern (`dist/`, `src/gen/`) means everything under it, as in ESLint's `ignores`. */
function expand(pattern: string): string {
  return pattern.endsWith('/') ? `${pattern}**` : pattern;
}

interface Rule {
  negated: boolean;
  /** Compiled once: `minimatch(path, glob)` parses the glob again on every call, and every file of the run is asked. */
  glob: Minimatch;
  /** For `X/**`: X, so that a directory matching it can be skipped whole. */
  dir: Minimatch | null;
}

/**
 * Globs over paths relative to ESLint's cwd (as flat-config `ignores` are), or relative to the repository root
 * for files outside the cwd. The last pattern that matches decides, so `!pattern` re-includes.
 */
export class FileExclusion {
  private readonly rules: Rule[];
  private readonly negations: boolean;
  /** Per file: the run asks about each file once per Program that holds it and once when it is linted. */
  private readonly decided = new Map<string, boolean>();
  readonly key: string;

  constructor(
    private readonly root: string,
    readonly cwd: string,
    patterns: readonly string[],
  ) {
    this.rules = patterns.map((raw) => {
      const negated = raw.startsWith('!');
      const glob = expand(negated ? raw.slice(1) : raw);
      return { negated, glob: new Minimatch(glob, { dot: true }), dir: glob.endsWith('/**') ? new Minimatch(glob.slice(0, -3), { dot: true }) : null };
    });
    this.negations = this.rules.some((r) => r.negated);
    this.key = exclusionKey(root, cwd, patterns);
  }

  private relative(file: string): string {
    const base = file.startsWith(`${this.cwd}/`) ? this.cwd : this.root;
    return path.posix.relative(base, file);
  }

  /** Whether the index must not take sites from `file` (absolute, normalised). */
  excludes(file: string): boolean {
    const known = this.decided.get(file);
    if (known !== undefined) return known;
    const rel = this.relative(file);
    let excluded = false;
    for (const rule of this.rules) {
      if (rule.glob.match(rel)) excluded = !rule.negated;
    }
    this.decided.set(file, excluded);
    return excluded;
  }

  /** Whether everything under directory `dir` is excluded (no negation could bring a file back): the walk skips it. */
  excludesDirectory(dir: string): boolean {
    if (this.negations) return false;
    const rel = this.relative(dir);
    return this.rules.some((rule) => rule.dir !== null && rule.dir.match(rel));
  }
}

const exclusions = new Map<string, FileExclusion>();

/** The exclusion for a root, a lint cwd and the user's patterns (after the defaults), shared by the run. */
export function exclusionFor(root: string, cwd: string, userPatterns: readonly string[]): FileExclusion {
  // Asked once a linted file: look the key up before compiling any glob.
  const patterns = [...DEFAULT_CONTEXT_EXCLUDES, ...userPatterns];
  const known = exclusions.get(exclusionKey(root, cwd, patterns));
  if (known) return known;
  const created = new FileExclusion(root, cwd, patterns);
  exclusions.set(created.key, created);
  return created;
}

function exclusionKey(root: string, cwd: string, patterns: readonly string[]): string {
  return `${root}\u0000${cwd}\u0000${patterns.join('\u0000')}`;
}
