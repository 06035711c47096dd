import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UsageError } from './errors.js';

/** Directories no project wants linted; flat-config globs so they hold at any depth. */
export const DEFAULT_IGNORES = ['**/node_modules/', '**/dist/', '**/build/', '**/coverage/', '**/cdk.out/'];

/** The nearest tsconfig.json at or above `start`, or undefined. */
export function findTsconfig(start: string): string | undefined {
  let dir = path.resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Paths git ignores under `cwd` (files, and whole directories with a trailing slash), relative to cwd.
 * Asking git itself keeps its full semantics (nested .gitignore files, negations, .git/info/exclude,
 * the user's global excludes) instead of re-implementing them; outside a work tree git ignores nothing.
 */
export function gitIgnoredPaths(cwd: string): string[] {
  let out: string;
  try {
    out = execFileSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return []; // not a git work tree, or git is not installed
  }
  return out.split('\0').filter((p) => p !== '' && !p.startsWith('../'));
}

/** A literal path as a glob: a file named `a[1].ts` matches only itself. */
export const escapeGlob = (p: string): string => p.replace(/[*?[\]{}()!+@\\]/g, '\\$&');

/** git-ignored paths as flat-config ignore patterns. */
export function gitIgnoredPatterns(cwd: string): string[] {
  return gitIgnoredPaths(cwd).map(escapeGlob);
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', 'cdk.out', '.git']);
const TS_FILE = /\.(?:ts|tsx|mts|cts)$/;

export interface ProjectLayout {
  /** Directories holding a tsconfig.json, relative to cwd with '/' separators; '' when one is at or above cwd. */
  tsconfigDirs: string[];
  /** Whether any TypeScript file lies under the paths (then the TypeScript parser is needed even untyped). */
  hasTypeScript: boolean;
}

/**
 * Where the tsconfig.json files are under the paths to lint (and the nearest one above each path),
 * skipping the directories kms-lint never lints. typescript-eslint's projectService picks each file's
 * own tsconfig; this only tells kms-lint which files are worth handing to it at all.
 */
export function scanLayout(cwd: string, paths: readonly string[], ignored: readonly string[]): ProjectLayout {
  const ignoredSet = new Set(ignored.map((p) => p.replace(/\/$/, '')));
  const dirs = new Set<string>();
  let hasTypeScript = false;
  const relative = (abs: string) => path.relative(cwd, abs).split(path.sep).join('/');
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (ignoredSet.has(childRel)) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path.join(dir, entry.name), childRel);
      } else if (entry.name === 'tsconfig.json') {
        dirs.add(rel);
      } else if (!hasTypeScript && TS_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        hasTypeScript = true;
      }
    }
  };
  for (const p of paths) {
    // A glob is ESLint's to expand: look at the whole working directory for it.
    const target = /[*?{}[\]]/.test(p) ? cwd : path.resolve(cwd, p);
    const above = findTsconfig(target);
    if (above !== undefined) {
      const rel = relative(path.dirname(above));
      if (rel === '' || rel.startsWith('..')) dirs.add('');
      else dirs.add(rel);
    }
    if (existsSync(target) && statSync(target).isDirectory()) {
      const rel = relative(target);
      if (!rel.startsWith('..')) walk(target, rel);
    } else if (TS_FILE.test(target)) {
      hasTypeScript = true;
    }
  }
  return { tsconfigDirs: [...dirs].sort(), hasTypeScript: hasTypeScript || dirs.size > 0 };
}

export interface TypeScriptSupport {
  parser: string;
  typescript: string;
}

/**
 * Resolves the TypeScript parser and the `typescript` package it will load, from this package first
 * and then from the project, so a missing install is reported before ESLint fails on every file.
 * `need` says why TypeScript is needed ("tsconfig.json asks for typed linting", "src/a.ts is TypeScript").
 */
export function resolveTypeScriptSupport(
  projectDir: string,
  need: string,
  bases: readonly string[] = [import.meta.url, path.join(projectDir, 'package.json')],
): TypeScriptSupport {
  for (const base of bases) {
    const req = createRequire(base);
    let parser: string;
    try {
      parser = req.resolve('@typescript-eslint/parser');
    } catch {
      continue;
    }
    try {
      const typescript = createRequire(parser).resolve('typescript');
      return { parser, typescript };
    } catch {
      throw new UsageError(
        `${need}, but the 'typescript' package is not installed: run 'npm install --save-dev typescript' in ${projectDir}.`,
      );
    }
  }
  throw new UsageError(
    `${need}, but '@typescript-eslint/parser' is not installed: run 'npm install --save-dev typescript-eslint typescript' in ${projectDir}.`,
  );
}

/**
 * Whether the tsconfig, or a project it references (a solution-style tsconfig with `files: []`), lets
 * TypeScript see JavaScript files: then its .js files are linted with types too.
 */
export function tsconfigAllowsJs(typescriptPath: string, tsconfig: string): boolean {
  const req = createRequire(import.meta.url);
  const ts = req(typescriptPath) as typeof import('typescript');
  const seen = new Set<string>();
  const allows = (config: string): boolean => {
    if (seen.has(config)) return false;
    seen.add(config);
    const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, {
      ...ts.sys,
      // Only the options matter here: skip expanding `include` over the file system.
      readDirectory: () => [],
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new UsageError(`cannot read ${config}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      },
    });
    if (parsed === undefined) return false;
    if (parsed.options.allowJs || parsed.options.checkJs) return true;
    return (parsed.projectReferences ?? []).some((ref) => {
      const target = ts.resolveProjectReferencePath(ref);
      return existsSync(target) && allows(target);
    });
  };
  return allows(tsconfig);
}
