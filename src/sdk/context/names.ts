// Names and modules, syntactically: what an identifier is bound to, where an import comes from, what a project
// module exports (through re-exports), walking scopes of the TypeScript AST without a type checker.
import path from 'node:path';
import type * as ts from 'typescript';
import { bindsName, destructuringPath, ensureParents, MAX_DEPTH, memberOrigin, normalise, type Binding, type Origin, type SourceFileLookup, type TsLib } from './syntax.js';

export class NameResolver {
  private readonly exportCache = new Map<string, Binding>();

  constructor(
    protected readonly ts: TsLib,
    /** Project files, for following relative imports; none in single-file mode. */
    protected readonly files: SourceFileLookup,
  ) {}

  protected unwrap(node: ts.Expression): ts.Expression {
    const t = this.ts;
    let n = node;
    for (;;) {
      if (t.isParenthesizedExpression(n) || t.isAsExpression(n) || t.isNonNullExpression(n) || t.isSatisfiesExpression(n) || t.isTypeAssertionExpression(n) || t.isAwaitExpression(n)) {
        n = n.expression;
      } else return n;
    }
  }

  protected propertyName(name: ts.PropertyName | ts.MemberName | ts.Expression, file: ts.SourceFile): string | null {
    const t = this.ts;
    if (t.isIdentifier(name) || t.isPrivateIdentifier(name)) return name.text;
    if (t.isStringLiteralLike(name) || t.isNumericLiteral(name)) return name.text;
    if (t.isComputedPropertyName(name)) {
      const e = this.unwrap(name.expression);
      if (t.isStringLiteralLike(e)) return e.text;
      // A computed key through a `const` string: `[TENANT]: id`.
      if (t.isIdentifier(e)) {
        const b = this.lookup(e, file);
        if (b.kind === 'init') {
          const v = this.unwrap(b.node);
          if (t.isStringLiteralLike(v)) return v.text;
        }
      }
    }
    return null;
  }

  /** Finds what an identifier names by walking enclosing scopes syntactically (shadowing respected). */
  lookup(id: ts.Identifier, file: ts.SourceFile): Binding {
    const t = this.ts;
    const name = id.text;
    let node: ts.Node | undefined = id.parent;
    let child: ts.Node = id;
    while (node) {
      if (t.isFunctionLike(node)) {
        for (const p of node.parameters) {
          if (bindsName(t, p.name, name)) {
            if (t.isIdentifier(p.name) && p.type) return { kind: 'typed', type: p.type, file };
            return { kind: 'unknown' };
          }
        }
      }
      // Inside a function or class expression, its own name is that function or class (not an outer binding).
      if ((t.isFunctionExpression(node) || t.isClassExpression(node)) && node.name?.text === name && child !== node.name) {
        return { kind: 'unknown' };
      }
      if (t.isCatchClause(node) && node.variableDeclaration && bindsName(t, node.variableDeclaration.name, name)) return { kind: 'unknown' };
      if ((t.isForOfStatement(node) || t.isForInStatement(node) || t.isForStatement(node)) && node.initializer && t.isVariableDeclarationList(node.initializer)) {
        for (const d of node.initializer.declarations) {
          if (bindsName(t, d.name, name)) {
            if (t.isForStatement(node) && t.isIdentifier(d.name) && d.initializer && node.initializer.flags & t.NodeFlags.Const) {
              return { kind: 'init', node: d.initializer, file };
            }
            return { kind: 'unknown' };
          }
        }
      }
      const statements = t.isSourceFile(node) || t.isBlock(node) || t.isModuleBlock(node) || t.isCaseClause(node) || t.isDefaultClause(node) ? node.statements : null;
      if (statements) {
        const found = this.bindingInStatements(statements, name, file);
        if (found) return found;
      }
      child = node;
      node = node.parent;
    }
    return { kind: 'unknown' };
  }

  protected bindingInStatements(statements: ts.NodeArray<ts.Statement>, name: string, file: ts.SourceFile): Binding | null {
    const t = this.ts;
    for (const s of statements) {
      if (t.isVariableStatement(s)) {
        const isConst = !!(s.declarationList.flags & t.NodeFlags.Const);
        for (const d of s.declarationList.declarations) {
          if (t.isIdentifier(d.name) && d.name.text === name) {
            if (!d.initializer) return d.type ? { kind: 'typed', type: d.type, file } : { kind: 'unknown' };
            const origin = this.requireOrigin(d.initializer);
            if (origin) return { kind: 'origin', origin, file };
            if (!isConst && this.isReassigned(name, statements)) return { kind: 'unknown' };
            return { kind: 'init', node: d.initializer, file };
          }
          if (!t.isIdentifier(d.name) && bindsName(t, d.name, name)) {
            if (!d.initializer) return { kind: 'unknown' };
            const pathTo = destructuringPath(t, d.name, name, file);
            if (!pathTo) return { kind: 'unknown' };
            const base = this.requireOrigin(d.initializer);
            if (base && pathTo.length === 1) {
              return { kind: 'origin', origin: memberOrigin(base, pathTo[0]) ?? base, file };
            }
            return { kind: 'destructured', from: d.initializer, path: pathTo, file };
          }
        }
      } else if (t.isFunctionDeclaration(s) && s.name?.text === name) {
        return { kind: 'function', node: s, file };
      } else if (t.isClassDeclaration(s) && s.name?.text === name) {
        return { kind: 'class', node: s, file };
      } else if (t.isImportDeclaration(s) && s.importClause && t.isStringLiteral(s.moduleSpecifier)) {
        const module = s.moduleSpecifier.text;
        const clause = s.importClause;
        if (clause.name?.text === name) return { kind: 'origin', origin: { kind: 'export', module, name: 'default' }, file };
        const bindings = clause.namedBindings;
        if (bindings && t.isNamespaceImport(bindings) && bindings.name.text === name) return { kind: 'origin', origin: { kind: 'module', module }, file };
        if (bindings && t.isNamedImports(bindings)) {
          for (const el of bindings.elements) {
            if (el.name.text === name) return { kind: 'origin', origin: { kind: 'export', module, name: (el.propertyName ?? el.name).text }, file };
          }
        }
      } else if (t.isImportEqualsDeclaration(s) && s.name.text === name) {
        const ref = s.moduleReference;
        if (t.isExternalModuleReference(ref) && t.isStringLiteral(ref.expression)) return { kind: 'origin', origin: { kind: 'module', module: ref.expression.text }, file };
        return { kind: 'unknown' };
      } else if ((t.isEnumDeclaration(s) || t.isModuleDeclaration(s)) && t.isIdentifier(s.name) && s.name.text === name) {
        return { kind: 'unknown' };
      }
    }
    return null;
  }

  protected isReassigned(name: string, statements: ts.NodeArray<ts.Statement>): boolean {
    const t = this.ts;
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (t.isBinaryExpression(n) && n.operatorToken.kind >= t.SyntaxKind.FirstAssignment && n.operatorToken.kind <= t.SyntaxKind.LastAssignment && t.isIdentifier(n.left) && n.left.text === name) {
        found = true;
        return;
      }
      t.forEachChild(n, visit);
    };
    for (const s of statements) visit(s);
    return found;
  }

  /** `require('m')`, `require('m').X`, `await import('m')`. */
  protected requireOrigin(expr: ts.Expression): Origin | null {
    const t = this.ts;
    const e = this.unwrap(expr);
    if (t.isCallExpression(e) && e.arguments.length === 1 && t.isStringLiteralLike(e.arguments[0])) {
      if ((t.isIdentifier(e.expression) && e.expression.text === 'require') || e.expression.kind === t.SyntaxKind.ImportKeyword) {
        return { kind: 'module', module: e.arguments[0].text };
      }
    }
    if (t.isPropertyAccessExpression(e)) {
      const base = this.requireOrigin(e.expression);
      return base ? memberOrigin(base, e.name.text) : null;
    }
    return null;
  }

  /** Where an expression's value comes from, following consts, imports and re-exports in project modules. */
  originOf(expr: ts.Expression, file: ts.SourceFile, depth = 0): Origin | null {
    if (depth > MAX_DEPTH) return null;
    const t = this.ts;
    const e = this.unwrap(expr);
    const req = this.requireOrigin(e);
    if (req) return req;
    if (t.isIdentifier(e)) {
      const b = this.lookup(e, file);
      if (b.kind === 'origin') return this.followReexport(b.origin, b.file, depth + 1);
      if (b.kind === 'init') return this.originOf(b.node, b.file, depth + 1);
      return null;
    }
    if (t.isPropertyAccessExpression(e)) {
      const base = this.originOf(e.expression, file, depth + 1);
      return base ? this.followReexport(memberOrigin(base, e.name.text), file, depth + 1) : null;
    }
    return null;
  }

  /** A module of this repository: a relative path, or a package of its workspace (`@acme/shared`). */
  protected isProjectModule(specifier: string): boolean {
    return specifier.startsWith('.') || (this.files.crossFile && !!this.files.packageModule?.(specifier));
  }

  /** `import { EncryptCommand } from './aws'` where ./aws re-exports it from the SDK. */
  protected followReexport(origin: Origin | null, file: ts.SourceFile, depth: number): Origin | null {
    if (!origin || origin.kind !== 'export' || !this.isProjectModule(origin.module) || depth > MAX_DEPTH) return origin;
    const target = this.resolveModule(origin.module, file);
    if (!target) return origin;
    const b = this.exportedBinding(target, origin.name, depth + 1);
    if (b.kind === 'origin') return this.followReexport(b.origin, b.file, depth + 1);
    if (b.kind === 'init') return this.originOf(b.node, b.file, depth + 1) ?? origin;
    return origin;
  }

  protected resolveModule(specifier: string, from: ts.SourceFile): ts.SourceFile | null {
    if (!this.files.crossFile) return null;
    const bases = specifier.startsWith('.') ? [path.posix.join(path.posix.dirname(normalise(from.fileName)), specifier)] : (this.files.packageModule?.(specifier) ?? []);
    for (const base of bases) {
      const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
      for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, `${stem}.js`, `${stem}.mjs`, `${stem}.cjs`, `${base}/index.ts`, `${base}/index.js`]) {
        const sf = this.files.get(candidate);
        if (sf) return ensureParents(this.ts, sf);
      }
    }
    return null;
  }

  /** What a module exports under `name`: `export const`, `export function`, `export { a as name }`, re-exports. */
  protected exportedBinding(file: ts.SourceFile, name: string, depth: number): Binding {
    const key = `${file.fileName}#${name}`;
    const cached = this.exportCache.get(key);
    if (cached) return cached;
    this.exportCache.set(key, { kind: 'unknown' }); // cycles
    const result = this.findExport(file, name, depth);
    this.exportCache.set(key, result);
    return result;
  }

  protected findExport(file: ts.SourceFile, name: string, depth: number): Binding {
    const t = this.ts;
    if (depth > MAX_DEPTH) return { kind: 'unknown' };
    const isExported = (s: ts.Statement) => t.canHaveModifiers(s) && !!t.getModifiers(s)?.some((m) => m.kind === t.SyntaxKind.ExportKeyword);
    const isDefault = (s: ts.Statement) => t.canHaveModifiers(s) && !!t.getModifiers(s)?.some((m) => m.kind === t.SyntaxKind.DefaultKeyword);
    for (const s of file.statements) {
      if (t.isVariableStatement(s) && isExported(s)) {
        for (const d of s.declarationList.declarations) {
          // The declaration is among these statements, so the lookup finds it (or an earlier one of the name).
          if (bindsName(t, d.name, name)) return this.bindingInStatements(file.statements, name, file)!;
        }
      } else if ((t.isFunctionDeclaration(s) || t.isClassDeclaration(s)) && isExported(s)) {
        const exportedAs = isDefault(s) ? 'default' : s.name?.text;
        if (exportedAs === name) return t.isFunctionDeclaration(s) ? { kind: 'function', node: s, file } : { kind: 'class', node: s, file };
      } else if (t.isExportAssignment(s) && !s.isExportEquals && name === 'default') {
        const e = this.unwrap(s.expression);
        if (t.isIdentifier(e)) return this.lookup(e, file);
        if (t.isArrowFunction(e) || t.isFunctionExpression(e)) return { kind: 'function', node: e, file };
        return { kind: 'init', node: s.expression, file };
      } else if (t.isExportDeclaration(s) && !s.isTypeOnly) {
        const module = s.moduleSpecifier && t.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : null;
        if (s.exportClause && t.isNamedExports(s.exportClause)) {
          for (const el of s.exportClause.elements) {
            if (el.name.text !== name) continue;
            const local = (el.propertyName ?? el.name).text;
            if (module) {
              const origin: Origin = { kind: 'export', module, name: local };
              return { kind: 'origin', origin, file };
            }
            return this.bindingInStatements(file.statements, local, file) ?? { kind: 'unknown' };
          }
        } else if (!s.exportClause && module) {
          // export * from './m'
          if (this.isProjectModule(module)) {
            const target = this.resolveModule(module, file);
            if (target) {
              const b = this.exportedBinding(target, name, depth + 1);
              if (b.kind !== 'unknown') return b;
            }
          } else if (this.isAwsModule(module)) {
            return { kind: 'origin', origin: { kind: 'export', module, name }, file };
          }
        }
      }
    }
    return { kind: 'unknown' };
  }

  protected isAwsModule(module: string): boolean {
    return /^(?:@aws-sdk\/|aws-sdk(?:\/|$)|@aws-crypto\/)/.test(module);
  }

  /** A binding from another module, by following an import origin into the project. */
  protected bindingOfOrigin(origin: Origin, file: ts.SourceFile, depth: number): Binding {
    if (origin.kind !== 'export' || !this.isProjectModule(origin.module)) return { kind: 'unknown' };
    const target = this.resolveModule(origin.module, file);
    if (!target) return { kind: 'unknown' };
    const b = this.exportedBinding(target, origin.name, depth + 1);
    if (b.kind === 'origin') return depth > MAX_DEPTH ? { kind: 'unknown' } : this.bindingOfOrigin(b.origin, b.file, depth + 1);
    return b;
  }

  /** The binding an identifier ultimately names, following imports of project modules. */
  protected resolveIdentifier(id: ts.Identifier, file: ts.SourceFile, depth: number): Binding {
    const b = this.lookup(id, file);
    if (b.kind === 'origin' && b.origin.kind === 'export' && this.isProjectModule(b.origin.module)) return this.bindingOfOrigin(b.origin, b.file, depth + 1);
    return b;
  }
}
