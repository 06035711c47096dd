// Workspace packages of a repository (npm/yarn `workspaces` in the root package.json, pnpm-workspace.yaml): an import
// of `@acme/shared` from another package of the same repository is followed into the shared package's sources,
// as a relative import is, so that a context constant or factory shared by name ties the sites that use it.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { globSync } from 'tinyglobby';
import { normalise } from './syntax.js';

/** Folders a package's entry points into when it is built; its sources are under src/ or the package root. */
const outputDirs = new Set(['dist', 'build', 'out', 'lib', 'esm', 'cjs']);
const scriptExtension = /(?:\.d)?\.(?:[cm]?[jt]s|[jt]sx)$/;

function readJson(file: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The workspace globs the repository declares: package.json `workspaces` (array or `{ packages }`), pnpm's yaml. */
export function workspacePatterns(root: string): string[] {
  const patterns: string[] = [];
  // Whatever else a declaration holds, only arrays of strings are read (strings() drops the rest).
  const workspaces = readJson(path.join(root, 'package.json'))?.workspaces as { packages?: unknown } | null | undefined;
  patterns.push(...strings(workspaces), ...strings(workspaces?.packages));
  try {
    const pnpm = yaml.load(fs.readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages?: unknown } | null | undefined;
    patterns.push(...strings(pnpm?.packages));
  } catch {
    // No pnpm workspace, or a file yaml cannot read: the other declarations stand.
  }
  return patterns;
}

interface WorkspacePackage {
  dir: string;
  manifest: Record<string, unknown>;
}

/** Every value an `exports` entry can lead to, in its order (conditions, arrays, nested conditions). */
function exportTargets(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) exportTargets(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) exportTargets(v, out);
  return out;
}

/** The files a package's manifest names for `subpath` ('.' or './x'), relative to the package. */
function manifestTargets(manifest: Record<string, unknown>, subpath: string): string[] {
  const exp = manifest.exports;
  if (exp !== undefined && exp !== null) {
    const keyed = typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'));
    if (!keyed) return subpath === '.' ? exportTargets(exp, []) : [];
    const map = exp as Record<string, unknown>;
    if (subpath in map) return exportTargets(map[subpath], []);
    // A subpath pattern: "./*": "./src/*.ts".
    for (const [key, value] of Object.entries(map)) {
      const star = key.indexOf('*');
      if (star < 0 || key.indexOf('*', star + 1) >= 0) continue;
      const prefix = key.slice(0, star);
      const suffix = key.slice(star + 1);
      // The * stands for at least one character.
      if (subpath.length > key.length - 1 && subpath.startsWith(prefix) && subpath.endsWith(suffix)) {
        const match = subpath.slice(prefix.length, subpath.length - suffix.length);
        return exportTargets(value, []).map((t) => t.split('*').join(match));
      }
    }
    return [];
  }
  if (subpath !== '.') return [subpath];
  const fields = ['types', 'typings', 'module', 'main'].map((f) => manifest[f]).filter((v): v is string => typeof v === 'string');
  return [...fields, './index'];
}

/**
 * Where a target's source is, as module paths without an extension (the resolver tries .ts, .js, /index...):
 * `./dist/index.js` is first looked for as src/index and index (the build's sources), then as itself.
 */
function sourceStems(dir: string, target: string): string[] {
  const rel = path.posix.normalize(target.replace(/\\/g, '/')).replace(/^\.\//, '');
  if (rel.startsWith('../') || path.posix.isAbsolute(rel)) return [];
  const stem = rel.replace(scriptExtension, '');
  const [first, ...rest] = stem.split('/');
  const stems: string[] = [];
  if (rest.length > 0 && outputDirs.has(first)) stems.push(`src/${rest.join('/')}`, rest.join('/'));
  stems.push(stem);
  return stems.map((s) => normalise(path.posix.join(dir, s)));
}

/** The workspace packages of one repository root, by name; read once per index. */
export class Workspace {
  private readonly packages = new Map<string, WorkspacePackage>();
  private readonly resolved = new Map<string, string[] | null>();

  constructor(readonly root: string) {
    const patterns = workspacePatterns(root);
    const include = patterns.filter((p) => !p.startsWith('!')).map((p) => `${p.replace(/\/+$/, '')}/package.json`);
    if (include.length === 0) return;
    let manifests: string[];
    try {
      manifests = globSync(include, {
        cwd: root,
        absolute: true,
        ignore: ['**/node_modules/**', ...patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1))],
      });
    } catch {
      return;
    }
    // Shallower manifests first: with a `packages/**` glob, a package's own package.json wins over a copy of it
    // in its build output (packages/a/dist/package.json), whatever their order in the alphabet.
    const depth = (file: string) => file.split('/').length;
    for (const file of manifests.sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1))) {
      const manifest = readJson(file);
      const name = manifest?.name;
      if (typeof name !== 'string' || this.packages.has(name)) continue;
      this.packages.set(name, { dir: normalise(path.dirname(file)), manifest: manifest! });
    }
  }

  /** The package names this workspace holds. */
  names(): string[] {
    return [...this.packages.keys()].sort();
  }

  /**
   * Where a bare specifier of a workspace package leads, as module paths without an extension, most likely
   * first; null when it names no workspace package.
   */
  moduleStems(specifier: string): string[] | null {
    const cached = this.resolved.get(specifier);
    if (cached !== undefined) return cached;
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const pkg = this.packages.get(parts.slice(0, nameLength).join('/'));
    let stems: string[] | null = null;
    if (pkg) {
      const sub = parts.slice(nameLength).join('/');
      const subpath = sub ? `./${sub}` : '.';
      stems = [...new Set(manifestTargets(pkg.manifest, subpath).flatMap((t) => sourceStems(pkg.dir, t)))];
    }
    this.resolved.set(specifier, stems);
    return stems;
  }
}
