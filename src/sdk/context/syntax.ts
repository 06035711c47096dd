// Syntactic helpers the context walker shares: TypeScript AST only, no type checker.
import path from 'node:path';
import type * as ts from 'typescript';
import type { KeyOccurrence } from './types.js';

export type TsLib = typeof ts;

export const MAX_DEPTH = 10;

/** A value's origin, as imports and requires tell: a module object, or one of its exports. */
export type Origin = { kind: 'module'; module: string } | { kind: 'export'; module: string; name: string };

/** A declaration found by name: a const's initialiser, a function, an import, or something we cannot follow. */
export type Binding =
  | { kind: 'init'; node: ts.Expression; file: ts.SourceFile }
  | { kind: 'function'; node: ts.FunctionLikeDeclaration; file: ts.SourceFile }
  | { kind: 'class'; node: ts.ClassLikeDeclaration; file: ts.SourceFile }
  | { kind: 'origin'; origin: Origin; file: ts.SourceFile }
  | { kind: 'destructured'; from: ts.Expression; path: string[]; file: ts.SourceFile }
  | { kind: 'typed'; type: ts.TypeNode; file: ts.SourceFile }
  | { kind: 'unknown' };

/** Project files by normalised path, for following relative imports (read on demand); none in single-file mode. */
export interface SourceFileLookup {
  readonly crossFile: boolean;
  get(fileName: string): ts.SourceFile | undefined;
  /**
   * Where a bare specifier naming a package of the repository's workspace leads (module paths without an
   * extension, most likely first); null for any other package. Absent: only relative imports are followed.
   */
  packageModule?(specifier: string): string[] | null;
}

export const noOtherFiles: SourceFileLookup = { crossFile: false, get: () => undefined };


/**
 * Parent pointers are set by the binder, which runs only once a type checker exists; a Program nobody asked
 * for a checker yet has none. We set them as the binder would (same values), once per file.
 */
export function ensureParents(t: TsLib, file: ts.SourceFile): ts.SourceFile {
  const first = file.statements[0];
  if (!first || first.parent) return file;
  const visit = (parent: ts.Node) => (child: ts.Node): void => {
    (child as { parent: ts.Node }).parent = parent;
    t.forEachChild(child, visit(child));
  };
  t.forEachChild(file, visit(file));
  return file;
}

export function normalise(fileName: string): string {
  return path.posix.normalize(fileName.replace(/\\/g, '/'));
}

export function memberOrigin(base: Origin, name: string): Origin | null {
  if (base.kind === 'module') return { kind: 'export', module: base.module, name };
  // `import AWS from 'aws-sdk'`: the default export of a CommonJS module is its namespace.
  if (base.kind === 'export' && base.name === 'default') return { kind: 'export', module: base.module, name };
  return null;
}

export function bindsName(t: TsLib, name: ts.BindingName, wanted: string): boolean {
  return findBindingIdentifier(t, name, wanted) !== null;
}

export function findBindingIdentifier(t: TsLib, name: ts.BindingName, wanted: string): ts.Identifier | null {
  if (t.isIdentifier(name)) return name.text === wanted ? name : null;
  for (const el of name.elements) {
    if (t.isOmittedExpression(el)) continue;
    const found = findBindingIdentifier(t, el.name, wanted);
    if (found) return found;
  }
  return null;
}

/** The property path to `wanted` in an object pattern (`{ a: { b } }` → ['a', 'b']); null through arrays or computed keys. */
export function destructuringPath(t: TsLib, pattern: ts.BindingName, wanted: string, file: ts.SourceFile): string[] | null {
  if (t.isIdentifier(pattern)) return pattern.text === wanted ? [] : null;
  if (!t.isObjectBindingPattern(pattern)) return null;
  for (const el of pattern.elements) {
    if (el.dotDotDotToken) continue;
    const key = el.propertyName ? (t.isIdentifier(el.propertyName) || t.isStringLiteral(el.propertyName) ? el.propertyName.text : null) : t.isIdentifier(el.name) ? el.name.text : null;
    const rest = destructuringPath(t, el.name, wanted, file);
    if (rest && key !== null) return [key, ...rest];
  }
  return null;
}

export function isMember(t: TsLib, expr: ts.Expression, object: string, property: string): boolean {
  return t.isPropertyAccessExpression(expr) && t.isIdentifier(expr.expression) && expr.expression.text === object && expr.name.text === property;
}

export function sameNames(a: KeyOccurrence[], b: KeyOccurrence[]): boolean {
  const x = new Set(a.map((k) => k.name));
  const y = new Set(b.map((k) => k.name));
  return x.size === y.size && [...x].every((k) => y.has(k));
}

/** The expressions a function returns (concise arrow body or every `return` outside nested functions). */
export function returnedExpressions(t: TsLib, fn: ts.FunctionLikeDeclaration): ts.Expression[] | null {
  const body = fn.body;
  if (!body) return null;
  if (!t.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  let bare = false;
  const visit = (n: ts.Node): void => {
    if (t.isFunctionLike(n) || t.isClassLike(n)) return;
    if (t.isReturnStatement(n)) {
      if (n.expression) out.push(n.expression);
      else bare = true;
    }
    t.forEachChild(n, visit);
  };
  body.statements.forEach(visit);
  return bare ? null : out;
}

export function isProjectFile(program: ts.Program, file: ts.SourceFile): boolean {
  return !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !program.isSourceFileDefaultLibrary(file);
}
