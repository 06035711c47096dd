import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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
 * Paths git ignores under `cwd` (files and whole directories), as flat-config ignore patterns.
 * Asking git itself keeps its full semantics (nested .gitignore files, negations, .git/info/exclude,
 * the user's global excludes) instead of re-implementing them; outside a work tree git ignores nothing.
 */
export function gitIgnoredPatterns(cwd: string): string[] {
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
  return out
    .split('\0')
    .filter((p) => p !== '' && !p.startsWith('../'))
    // Paths are literal: escape glob syntax so a file named `a[1].ts` matches only itself.
    .map((p) => p.replace(/[*?[\]{}()!+@\\]/g, '\\$&'));
}

export interface TypeScriptSupport {
  parser: string;
  typescript: string;
}

/**
 * Resolves the TypeScript parser and the `typescript` package it will load, from this package first
 * and then from the project, so a missing install is reported before ESLint fails on every file.
 */
export function resolveTypeScriptSupport(
  projectDir: string,
  tsconfig: string,
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
        `${tsconfig} asks for TypeScript, but the 'typescript' package is not installed: run 'npm install --save-dev typescript' in ${projectDir}.`,
      );
    }
  }
  throw new UsageError(
    `${tsconfig} asks for typed linting, but '@typescript-eslint/parser' is not installed: run 'npm install --save-dev typescript-eslint typescript' in ${projectDir}.`,
  );
}

/** Whether the tsconfig lets TypeScript see JavaScript files (then .js is linted with types too). */
export function tsconfigAllowsJs(typescriptPath: string, tsconfig: string): boolean {
  const req = createRequire(import.meta.url);
  const ts = req(typescriptPath) as typeof import('typescript');
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new UsageError(`cannot read ${tsconfig}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    },
  });
  return Boolean(parsed?.options.allowJs || parsed?.options.checkJs);
}
