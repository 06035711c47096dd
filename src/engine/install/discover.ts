// Finds the SDK v3 client base classes of a process: every copy of `@aws-sdk/client-*` that Node would load from
// the given folders, however npm, yarn or pnpm laid them out. Each client package exports its base class as
// `__Client` (public since the first 3.x releases); copies that share one smithy core share one base class.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What installKmsEngine patches: a class whose prototype has the public `send` every v3 client call goes through. */
export interface SdkClientClass {
  prototype: { send: (...args: any[]) => unknown };
}

/** The packages of the services the engine answers; other `@aws-sdk/client-*` packages only when asked for. */
export const ENGINE_CLIENT_PACKAGES = ['client-kms', 'client-s3'];

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function list(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** `node_modules` folders Node searches from `start` upwards, as its resolution does. */
export function nodeModulesChain(start: string): string[] {
  const chain: string[] = [];
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'node_modules');
    if (isDirectory(candidate)) chain.push(candidate);
    const parent = dirname(dir);
    if (parent === dir) return chain;
    dir = parent;
  }
}

/**
 * `@aws-sdk/client-*` package folders in one node_modules folder: hoisted ones, copies nested one package deep
 * (npm keeps a second version there), and pnpm's virtual store (`.pnpm/<id>/node_modules`).
 */
export function clientPackagesIn(nodeModules: string, wanted: (name: string) => boolean): string[] {
  const scopes = [join(nodeModules, '@aws-sdk')];
  for (const entry of list(nodeModules)) {
    if (entry === '.pnpm') {
      for (const id of list(join(nodeModules, entry))) scopes.push(join(nodeModules, entry, id, 'node_modules', '@aws-sdk'));
    } else if (entry.startsWith('@')) {
      for (const name of list(join(nodeModules, entry))) scopes.push(join(nodeModules, entry, name, 'node_modules', '@aws-sdk'));
    } else if (!entry.startsWith('.')) {
      scopes.push(join(nodeModules, entry, 'node_modules', '@aws-sdk'));
    }
  }
  const found: string[] = [];
  for (const scope of scopes) {
    for (const name of list(scope)) {
      if (name.startsWith('client-') && wanted(name)) found.push(join(scope, name));
    }
  }
  return found;
}

function isClientClass(value: unknown): value is SdkClientClass {
  return typeof value === 'function' && typeof (value as SdkClientClass).prototype?.send === 'function';
}

export interface DiscoveredClients {
  /** Distinct base classes, in the order found. */
  baseClasses: SdkClientClass[];
  /** Package folders loaded (real paths), for the documentation of a run and for tests. */
  packages: string[];
  /** Package folders that could not be loaded, with the reason. */
  failures: Array<{ path: string; error: string }>;
}

/**
 * Loads every copy of the wanted client packages reachable from `roots` and returns their distinct base classes.
 * Loading goes through Node's own `require`, so a copy gets the same module instance the application gets.
 */
export function discoverClientClasses(roots: string[], wanted: (name: string) => boolean): DiscoveredClients {
  const seenPackages = new Set<string>();
  const baseClasses: SdkClientClass[] = [];
  const failures: DiscoveredClients['failures'] = [];
  for (const root of roots) {
    for (const nodeModules of nodeModulesChain(root)) {
      for (const folder of clientPackagesIn(nodeModules, wanted)) {
        let real: string;
        try {
          real = realpathSync(folder);
        } catch {
          continue;
        }
        if (seenPackages.has(real)) continue;
        seenPackages.add(real);
        try {
          const loaded = createRequire(join(real, 'package.json'))(real) as { __Client?: unknown };
          if (isClientClass(loaded.__Client) && !baseClasses.includes(loaded.__Client)) baseClasses.push(loaded.__Client);
        } catch (error) {
          failures.push({ path: real, error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
  }
  return { baseClasses, packages: [...seenPackages], failures };
}
