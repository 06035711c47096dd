// Without types, import tracking stops at the project's own modules: `import { kmsClient, EncryptCommand } from
// './aws.js'` names no AWS package. Projects commonly gather their SDK imports in one such module and re-export them,
// so for a class name the SDK exports, the module is read (once per file version) and its re-exports followed to the
// package they come from. Only syntax is read: top-level `export … from`, `export { local }` of an import or
// require binding, `export const X = require('pkg').X`, and CommonJS `module.exports = { … }` / `exports.X = …`.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Origin } from './bindings.js';

const MAX_HOPS = 4;
const extensions = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js', '/index.mjs', '/index.cjs'];

/** What a module exports by name, as far as syntax says: the origin of each export, and the `export *` sources. */
interface ModuleExports {
  named: Map<string, Origin>;
  star: string[];
  /** Names the module declares itself (`export class EncryptCommand {}`). */
  declared: Set<string>;
  /** `module.exports = require('pkg')`: every name is that module's. */
  whole: string | null;
}

const cache = new Map<string, { mtimeMs: number; size: number; exports: ModuleExports | null }>();

const resolved = new Map<string, { file: string | null; at: number }>();
// A specifier that named no file is tried again after this long (an editor session creates modules).
const MISSING_RETRY_MS = 5000;

/** The file a relative specifier names (cached: every `new X()` of a file may ask; a found file is re-checked). */
function resolveFile(fromFile: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const hit = resolved.get(base);
  if (hit && (hit.file ? fs.existsSync(hit.file) : Date.now() - hit.at < MISSING_RETRY_MS)) return hit.file;
  const file = findFile(base);
  resolved.set(base, { file, at: Date.now() });
  return file;
}

/** Tries the extensions TypeScript and Node resolve (`./a.js` may be `a.ts`). */
function findFile(base: string): string | null {
  const candidates = [...extensions.map((e) => base + e)];
  const js = /\.(m|c)?jsx?$/.exec(base);
  if (js) candidates.push(base.slice(0, -js[0].length) + `.${js[1] ?? ''}ts`, base.slice(0, -js[0].length) + '.tsx');
  for (const file of candidates) {
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not this one
    }
  }
  return null;
}

function requiredModule(node: TSESTree.Node | null | undefined): string | null {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return null;
  const arg = node.arguments[0];
  return arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : null;
}

const nameOf = (node: TSESTree.Node): string | null =>
  node.type === 'Identifier' ? node.name : node.type === 'Literal' && typeof node.value === 'string' ? node.value : null;

/** `require('pkg')`, `require('pkg').X`, or a top-level binding: where a value expression comes from. */
function originOfValue(node: TSESTree.Node | null | undefined, locals: Map<string, Origin>): Origin | null {
  if (!node) return null;
  const module = requiredModule(node);
  if (module) return { kind: 'module', module };
  if (node.type === 'Identifier') return locals.get(node.name) ?? null;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const base = originOfValue(node.object, locals);
    return base?.kind === 'module' ? { kind: 'export', module: base.module, name: node.property.name } : null;
  }
  return null;
}

function readExports(program: TSESTree.Program): ModuleExports {
  const locals = new Map<string, Origin>();
  const result: ModuleExports = { named: new Map(), star: [], whole: null, declared: new Set() };
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration') {
      const module = String(stmt.source.value);
      for (const spec of stmt.specifiers) {
        if (spec.type === 'ImportNamespaceSpecifier') locals.set(spec.local.name, { kind: 'module', module });
        else if (spec.type === 'ImportDefaultSpecifier') locals.set(spec.local.name, { kind: 'export', module, name: 'default' });
        else locals.set(spec.local.name, { kind: 'export', module, name: nameOf(spec.imported) ?? spec.local.name });
      }
    }
    const declaration = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if ((declaration?.type === 'ClassDeclaration' || declaration?.type === 'FunctionDeclaration') && declaration.id) result.declared.add(declaration.id.name);
    if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) {
        const base = originOfValue(d.init, locals);
        if (d.id.type === 'Identifier' && base) locals.set(d.id.name, base);
        if (d.id.type === 'ObjectPattern' && base?.kind === 'module') {
          for (const p of d.id.properties) {
            const key = p.type === 'Property' && !p.computed ? nameOf(p.key) : null;
            const value = p.type === 'Property' ? (p.value.type === 'AssignmentPattern' ? p.value.left : p.value) : null;
            if (key && value?.type === 'Identifier') locals.set(value.name, { kind: 'export', module: base.module, name: key });
          }
        }
      }
      if (stmt.type === 'ExportNamedDeclaration') {
        for (const d of declaration.declarations) {
          if (d.id.type !== 'Identifier') continue;
          const origin = locals.get(d.id.name);
          if (origin) result.named.set(d.id.name, origin);
          else result.declared.add(d.id.name);
        }
      }
    }
    if (stmt.type === 'ExportNamedDeclaration' && !stmt.declaration) {
      const source = stmt.source ? String(stmt.source.value) : null;
      for (const spec of stmt.specifiers) {
        const local = nameOf(spec.local);
        const exported = nameOf(spec.exported);
        if (!local || !exported) continue;
        const origin: Origin | null = source ? { kind: 'export', module: source, name: local } : (locals.get(local) ?? null);
        if (origin) result.named.set(exported, origin);
      }
    }
    if (stmt.type === 'ExportAllDeclaration' && !stmt.exported) result.star.push(String(stmt.source.value));
    if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression' && stmt.expression.operator === '=') {
      readCommonJsExport(stmt.expression, locals, result);
    }
  }
  return result;
}

/** `module.exports = { A, B: b }`, `module.exports = require('pkg')`, `module.exports.A = …`, `exports.A = …`. */
function readCommonJsExport(assignment: TSESTree.AssignmentExpression, locals: Map<string, Origin>, result: ModuleExports): void {
  const left = assignment.left;
  if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return;
  const isModuleExports = (n: TSESTree.Node) =>
    n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && n.object.name === 'module' && n.property.type === 'Identifier' && n.property.name === 'exports';
  if (isModuleExports(left)) {
    const whole = requiredModule(assignment.right);
    if (whole) {
      result.whole = whole;
      return;
    }
    if (assignment.right.type !== 'ObjectExpression') return;
    for (const p of assignment.right.properties) {
      if (p.type !== 'Property' || p.computed) continue;
      const key = nameOf(p.key);
      const origin = originOfValue(p.value, locals);
      if (key && origin) result.named.set(key, origin);
    }
    return;
  }
  if ((left.object.type === 'Identifier' && left.object.name === 'exports') || isModuleExports(left.object)) {
    const origin = originOfValue(assignment.right, locals);
    if (origin) result.named.set(left.property.name, origin);
  }
}

function exportsOf(file: string): ModuleExports | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.exports;
  let exports: ModuleExports | null = null;
  // A generated bundle is not where a project gathers its SDK imports; reading it would cost more than it finds.
  if (stat.size <= 256 * 1024) {
    try {
      const program = parse(fs.readFileSync(file, 'utf8'), { jsx: /\.[jt]sx$/.test(file), range: false, loc: false, comment: false }) as TSESTree.Program;
      exports = readExports(program);
    } catch {
      exports = null;
    }
  }
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, exports });
  return exports;
}

const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/**
 * Where a name imported from a project module really comes from: `{ export, './aws.js', 'EncryptCommand' }` seen from
 * `fromFile` becomes `{ export, '@aws-sdk/client-kms', 'EncryptCommand' }` when ./aws.js re-exports it from there.
 * Null when the module is not relative, cannot be read, or does not re-export the name from a package.
 */
export function followLocalReexport(fromFile: string, origin: Origin, hops = 0): Origin | null {
  if (hops >= MAX_HOPS || origin.kind !== 'export' || !isRelative(origin.module) || !path.isAbsolute(fromFile)) return null;
  const file = resolveFile(fromFile, origin.module);
  const exports = file ? exportsOf(file) : null;
  if (!file || !exports) return null;
  const candidates: Origin[] = [];
  const named = exports.named.get(origin.name);
  if (named) candidates.push(named);
  // A class or function the module declares itself is the project's own, whatever `export *` also brings.
  else if (exports.declared.has(origin.name)) return null;
  if (exports.whole) candidates.push({ kind: 'export', module: exports.whole, name: origin.name });
  for (const star of exports.star) candidates.push({ kind: 'export', module: star, name: origin.name });
  for (const next of candidates) {
    if (next.kind !== 'export') continue;
    if (!isRelative(next.module)) return next;
    const further = followLocalReexport(file, next, hops + 1);
    if (further) return further;
  }
  return null;
}
