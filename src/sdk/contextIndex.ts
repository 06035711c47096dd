// Every encryption-context site of a project, read from the TypeScript AST syntactically (no type checker).
//
// Typed linting hands each rule the parser's `ts.Program`; typescript-eslint reuses it across files, so the
// index is built once per Program (WeakMap) from `program.getSourceFiles()`, skipping declaration files, default
// libraries and external libraries, and walking only files whose text mentions an encryption context. Other
// files are read only on demand, when a site imports a context factory, a shared `const` or its request params
// from them. Nothing is re-parsed: the Program's SourceFiles are the ASTs. Untyped linting indexes the one file
// being linted (parsed once with TypeScript's parser when TypeScript is installed).
//
// Recognition mirrors src/sdk/recognize.ts, syntactically: v3 commands (`new EncryptCommand(...)`, renamed,
// namespace and require imports, re-exported by a project module), v3 aggregated clients and v2 clients
// (`kms.encrypt(...)` on a receiver built with `new KMS()` or annotated `KMS`), all names from the operations table.
import path from 'node:path';
import type * as ts from 'typescript';
import { clientClasses, operationByCommand, operationsByMethod, sdkPackages, type OperationSpec, type Service } from './operations.js';

/** Which way a context binds: written with a ciphertext, presented to open one, or both (a grant constraint). */
export type ContextSide = 'encrypt' | 'decrypt' | 'grant';
export type ContextSource = 'kms' | 's3' | 'esdk';

/** One spelling of a key, where it is written (a property key, a shorthand, a key read, or a base64 string). */
export interface KeyOccurrence {
  name: string;
  file: string;
  start: number;
  end: number;
  /** 1-based line, 0-based column (ESLint's `loc`). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Sides of every site this key reaches (a helper's literal may serve both encrypt and decrypt sites). */
  sides: Set<ContextSide>;
  /** How to respell the key in place: a plain key is replaced, a shorthand `{ k }` becomes `{ K: k }`. */
  rename: { kind: 'key' | 'shorthand' | 'string-key'; start: number; end: number } | null;
}

export interface ContextSite {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  side: ContextSide;
  source: ContextSource;
  /** `Encrypt`, `ReEncrypt`, `CreateGrant`, `PutObject`, `encrypt` (ESDK), `messageHeader` (ESDK check). */
  operation: string;
  field: string;
  keys: KeyOccurrence[];
  /** Every key is known: no computed keys, no spread or conditional whose keys are unknown. */
  complete: boolean;
  /** The KMS key the site uses, as written (`alias/x`, `KEY_ARN`, `process.env.KEY_ID`), when known. */
  keyRef: string | null;
  /** `file#function` when the context comes from a helper function call. */
  factory: string | null;
  /** Start offset of the enclosing function (-1 at module level), and of the site: for ordering within a function. */
  scope: number;
  start: number;
}

export interface ContextIndex {
  sites: ContextSite[];
  /** Files walked for sites (after the text prefilter). */
  filesWalked: number;
}

/** Counts index builds, so tests can assert "once per Program" without timing anything. */
export const contextIndexStats = { builds: 0, filesWalked: 0 };

/** Files that may hold a context site mention one of these spellings (KMS, S3 SSEKMS..., ESDK, grant constraints). */
const prefilter = /EncryptionContext|encryptionContext/;

const esdkPackage = /^@aws-crypto\/client-(?:node|browser)$/;

const MAX_DEPTH = 10;

type TsLib = typeof ts;

/** A value's origin, as imports and requires tell: a module object, or one of its exports. */
type Origin = { kind: 'module'; module: string } | { kind: 'export'; module: string; name: string };

/** A declaration found by name: a const's initialiser, a function, an import, or something we cannot follow. */
type Binding =
  | { kind: 'init'; node: ts.Expression; file: ts.SourceFile }
  | { kind: 'function'; node: ts.FunctionLikeDeclaration; file: ts.SourceFile }
  | { kind: 'class'; node: ts.ClassLikeDeclaration; file: ts.SourceFile }
  | { kind: 'origin'; origin: Origin; file: ts.SourceFile }
  | { kind: 'destructured'; from: ts.Expression; path: string[]; file: ts.SourceFile }
  | { kind: 'typed'; type: ts.TypeNode; file: ts.SourceFile }
  | { kind: 'unknown' };

/** The object keys a context expression is known to hold. */
interface ObjectKeys {
  keys: KeyOccurrence[];
  complete: boolean;
  factory: string | null;
}

class Walker {
  readonly sites: ContextSite[] = [];
  private readonly occurrences = new Map<string, KeyOccurrence>();
  private readonly exportCache = new Map<string, Binding>();

  constructor(
    private readonly ts: TsLib,
    /** Project files by normalised path, for following relative imports; empty in single-file mode. */
    private readonly files: ReadonlyMap<string, ts.SourceFile>,
  ) {}

  // ---------------------------------------------------------------- positions

  private occurrence(name: string, node: ts.Node, file: ts.SourceFile, side: ContextSide, rename: KeyOccurrence['rename']): KeyOccurrence {
    const start = node.getStart(file);
    const id = `${file.fileName}:${start}:${name}`;
    let occ = this.occurrences.get(id);
    if (!occ) {
      const s = file.getLineAndCharacterOfPosition(start);
      const e = file.getLineAndCharacterOfPosition(node.getEnd());
      occ = {
        name,
        file: normalise(file.fileName),
        start,
        end: node.getEnd(),
        line: s.line + 1,
        column: s.character,
        endLine: e.line + 1,
        endColumn: e.character,
        sides: new Set(),
        rename,
      };
      this.occurrences.set(id, occ);
    }
    occ.sides.add(side);
    return occ;
  }

  // ---------------------------------------------------------------- names and imports

  private unwrap(node: ts.Expression): ts.Expression {
    const t = this.ts;
    let n = node;
    for (;;) {
      if (t.isParenthesizedExpression(n) || t.isAsExpression(n) || t.isNonNullExpression(n) || t.isSatisfiesExpression(n) || t.isTypeAssertionExpression(n) || t.isAwaitExpression(n)) {
        n = n.expression;
      } else return n;
    }
  }

  private propertyName(name: ts.PropertyName | ts.MemberName | ts.Expression, file: ts.SourceFile): string | null {
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
        if ((t.isFunctionExpression(node) || t.isClassExpression(node)) && node.name?.text === name && child !== node.name) {
          return { kind: 'unknown' };
        }
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

  private bindingInStatements(statements: ts.NodeArray<ts.Statement>, name: string, file: ts.SourceFile): Binding | null {
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

  private isReassigned(name: string, statements: ts.NodeArray<ts.Statement>): boolean {
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
  private requireOrigin(expr: ts.Expression): Origin | null {
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

  /** `import { EncryptCommand } from './aws'` where ./aws re-exports it from the SDK. */
  private followReexport(origin: Origin | null, file: ts.SourceFile, depth: number): Origin | null {
    if (!origin || origin.kind !== 'export' || !origin.module.startsWith('.') || depth > MAX_DEPTH) return origin;
    const target = this.resolveModule(origin.module, file);
    if (!target) return origin;
    const b = this.exportedBinding(target, origin.name, depth + 1);
    if (b.kind === 'origin') return this.followReexport(b.origin, b.file, depth + 1);
    if (b.kind === 'init') return this.originOf(b.node, b.file, depth + 1) ?? origin;
    return origin;
  }

  private resolveModule(specifier: string, from: ts.SourceFile): ts.SourceFile | null {
    if (!specifier.startsWith('.') || this.files.size === 0) return null;
    const base = path.posix.join(path.posix.dirname(normalise(from.fileName)), specifier);
    const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
    for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, `${stem}.js`, `${stem}.mjs`, `${stem}.cjs`, `${base}/index.ts`, `${base}/index.js`]) {
      const sf = this.files.get(candidate);
      if (sf) return ensureParents(this.ts, sf);
    }
    return null;
  }

  /** What a module exports under `name`: `export const`, `export function`, `export { a as name }`, re-exports. */
  private exportedBinding(file: ts.SourceFile, name: string, depth: number): Binding {
    const key = `${file.fileName}#${name}`;
    const cached = this.exportCache.get(key);
    if (cached) return cached;
    this.exportCache.set(key, { kind: 'unknown' }); // cycles
    const result = this.findExport(file, name, depth);
    this.exportCache.set(key, result);
    return result;
  }

  private findExport(file: ts.SourceFile, name: string, depth: number): Binding {
    const t = this.ts;
    if (depth > MAX_DEPTH) return { kind: 'unknown' };
    const isExported = (s: ts.Statement) => t.canHaveModifiers(s) && !!t.getModifiers(s)?.some((m) => m.kind === t.SyntaxKind.ExportKeyword);
    const isDefault = (s: ts.Statement) => t.canHaveModifiers(s) && !!t.getModifiers(s)?.some((m) => m.kind === t.SyntaxKind.DefaultKeyword);
    for (const s of file.statements) {
      if (t.isVariableStatement(s) && isExported(s)) {
        for (const d of s.declarationList.declarations) {
          if (bindsName(t, d.name, name)) return this.bindingInStatements(file.statements, name, file) ?? { kind: 'unknown' };
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
          if (module.startsWith('.')) {
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

  private isAwsModule(module: string): boolean {
    return /^(?:@aws-sdk\/|aws-sdk(?:\/|$)|@aws-crypto\/)/.test(module);
  }

  /** A binding from another module, by following an import origin into the project. */
  private bindingOfOrigin(origin: Origin, file: ts.SourceFile, depth: number): Binding {
    if (origin.kind !== 'export' || !origin.module.startsWith('.')) return { kind: 'unknown' };
    const target = this.resolveModule(origin.module, file);
    if (!target) return { kind: 'unknown' };
    const b = this.exportedBinding(target, origin.name, depth + 1);
    if (b.kind === 'origin' && origin.module.startsWith('.')) return depth > MAX_DEPTH ? { kind: 'unknown' } : this.bindingOfOrigin(b.origin, b.file, depth + 1);
    return b;
  }

  /** The binding an identifier ultimately names, following imports of project modules. */
  private resolveIdentifier(id: ts.Identifier, file: ts.SourceFile, depth: number): Binding {
    const b = this.lookup(id, file);
    if (b.kind === 'origin' && b.origin.kind === 'export' && b.origin.module.startsWith('.')) return this.bindingOfOrigin(b.origin, b.file, depth + 1);
    return b;
  }

  // ---------------------------------------------------------------- AWS classes

  private classify(origin: Origin | null): { kind: 'command'; spec: OperationSpec } | { kind: 'client'; service: Service } | { kind: 'upload' } | null {
    if (!origin || origin.kind !== 'export') return null;
    const v2Client = /^aws-sdk\/clients\/(kms|s3)(?:\.js)?$/.exec(origin.module);
    if (v2Client) return origin.name === 'default' || origin.name === v2Client[1].toUpperCase() ? { kind: 'client', service: v2Client[1] as Service } : null;
    const pkg = /^(@aws-sdk\/[^/]+|aws-sdk)/.exec(origin.module)?.[1];
    if (!pkg) return null;
    for (const service of ['kms', 's3'] as const) {
      if ((sdkPackages[service] as readonly string[]).includes(pkg) && pkg !== '@aws-sdk/lib-storage') {
        const spec = operationByCommand.get(origin.name);
        if (spec && spec.service === service && spec.command !== 'Upload') return { kind: 'command', spec };
        // The aggregated client (`KMS`) has a method per operation; the bare `KMSClient` only `send`.
        if (origin.name === clientClasses[service][0]) return { kind: 'client', service };
      }
    }
    if (pkg === '@aws-sdk/lib-storage' && origin.name === 'Upload') return { kind: 'upload' };
    if ((sdkPackages.v2 as readonly string[]).includes(pkg)) {
      if (origin.name === 'KMS') return { kind: 'client', service: 'kms' };
      if (origin.name === 'S3') return { kind: 'client', service: 's3' };
    }
    return null;
  }

  /** Is this receiver an SDK client instance (v3 aggregated or v2)? Follows consts, fields and annotations. */
  private clientOf(expr: ts.Expression, file: ts.SourceFile, depth = 0): Service | null {
    if (depth > MAX_DEPTH) return null;
    const t = this.ts;
    const e = this.unwrap(expr);
    if (t.isNewExpression(e)) {
      const c = this.classify(this.originOf(e.expression, file));
      if (c?.kind === 'client') return c.service;
      if (!c && t.isIdentifier(e.expression) && this.files.size === 0) {
        // Single-file mode cannot follow `v2Client` helper modules; a bare `new KMS()` import is still classified above.
        return null;
      }
      return null;
    }
    if (t.isIdentifier(e)) {
      const b = this.resolveIdentifier(e, file, depth);
      if (b.kind === 'init') return this.clientOf(b.node, b.file, depth + 1);
      if (b.kind === 'typed') return this.clientOfType(b.type, b.file);
      return null;
    }
    if (t.isPropertyAccessExpression(e) && e.expression.kind === t.SyntaxKind.ThisKeyword) {
      const cls = t.findAncestor(e, t.isClassLike);
      if (!cls) return null;
      const name = e.name.text;
      for (const m of cls.members) {
        if (t.isPropertyDeclaration(m) && m.name && t.isIdentifier(m.name) && m.name.text === name) {
          if (m.initializer) return this.clientOf(m.initializer, file, depth + 1);
          if (m.type) return this.clientOfType(m.type, file);
        }
        if (t.isConstructorDeclaration(m)) {
          for (const p of m.parameters) {
            if (t.isIdentifier(p.name) && p.name.text === name && p.type && t.getModifiers(p)?.length) return this.clientOfType(p.type, file);
          }
          for (const s of m.body?.statements ?? []) {
            if (t.isExpressionStatement(s) && t.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === t.SyntaxKind.EqualsToken) {
              const left = s.expression.left;
              if (t.isPropertyAccessExpression(left) && left.expression.kind === t.SyntaxKind.ThisKeyword && left.name.text === name) {
                return this.clientOf(s.expression.right, file, depth + 1);
              }
            }
          }
        }
      }
    }
    return null;
  }

  private clientOfType(type: ts.TypeNode, file: ts.SourceFile): Service | null {
    const t = this.ts;
    if (!t.isTypeReferenceNode(type)) return null;
    const toExpr = (n: ts.EntityName): ts.Expression | null => (t.isIdentifier(n) ? n : null);
    let origin: Origin | null = null;
    if (t.isIdentifier(type.typeName)) origin = this.originOf(type.typeName, file);
    else {
      const left = toExpr(type.typeName.left);
      const base = left ? this.originOf(left, file) : null;
      origin = base ? memberOrigin(base, type.typeName.right.text) : null;
    }
    const c = this.classify(origin);
    return c?.kind === 'client' ? c.service : null;
  }

  // ---------------------------------------------------------------- objects

  /** Follows an expression to the object literal (or helper call) it is, in this or another project file. */
  private objectKeys(expr: ts.Expression, file: ts.SourceFile, side: ContextSide, depth = 0): ObjectKeys | null {
    if (depth > MAX_DEPTH) return null;
    const t = this.ts;
    const e = this.unwrap(expr);
    if (t.isObjectLiteralExpression(e)) return this.literalKeys(e, file, side, depth);
    if (t.isIdentifier(e)) {
      const b = this.resolveIdentifier(e, file, depth);
      if (b.kind === 'init') return this.objectKeys(b.node, b.file, side, depth + 1);
      return null;
    }
    if (t.isConditionalExpression(e)) {
      const a = this.objectKeys(e.whenTrue, file, side, depth + 1);
      const b = this.objectKeys(e.whenFalse, file, side, depth + 1);
      if (!a || !b) return null;
      const same = sameNames(a.keys, b.keys);
      return { keys: [...a.keys, ...b.keys], complete: a.complete && b.complete && same, factory: null };
    }
    if (t.isCallExpression(e)) {
      // Object.freeze({ ... }) and helper functions returning an object literal.
      const callee = this.unwrap(e.expression);
      if (t.isPropertyAccessExpression(callee) && t.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'freeze' && e.arguments[0]) {
        return this.objectKeys(e.arguments[0], file, side, depth + 1);
      }
      const fn = this.functionOf(callee, file, depth);
      if (!fn) return null;
      const returned = returnedExpressions(t, fn.node);
      if (!returned || returned.length === 0) return null;
      const parts = returned.map((r) => this.objectKeys(r, fn.file, side, depth + 1));
      if (parts.some((p) => !p)) return null;
      const all = parts as ObjectKeys[];
      const keys = all.flatMap((p) => p.keys);
      const complete = all.every((p) => p.complete) && all.every((p) => sameNames(p.keys, all[0].keys));
      const name = fn.node.name && t.isIdentifier(fn.node.name) ? fn.node.name.text : t.isIdentifier(callee) ? callee.text : 'factory';
      return { keys, complete, factory: `${normalise(fn.file.fileName)}#${name}` };
    }
    return null;
  }

  private functionOf(callee: ts.Expression, file: ts.SourceFile, depth: number): { node: ts.FunctionLikeDeclaration; file: ts.SourceFile } | null {
    const t = this.ts;
    if (!t.isIdentifier(callee)) return null;
    const b = this.resolveIdentifier(callee, file, depth);
    if (b.kind === 'function') return b;
    if (b.kind === 'init') {
      const init = this.unwrap(b.node);
      if (t.isArrowFunction(init) || t.isFunctionExpression(init)) return { node: init, file: b.file };
    }
    return null;
  }

  private literalKeys(obj: ts.ObjectLiteralExpression, file: ts.SourceFile, side: ContextSide, depth: number): ObjectKeys {
    const t = this.ts;
    const keys: KeyOccurrence[] = [];
    let complete = true;
    for (const p of obj.properties) {
      if (t.isPropertyAssignment(p)) {
        const name = this.propertyName(p.name, file);
        if (name === null) {
          complete = false;
          continue;
        }
        const rename = t.isIdentifier(p.name) || t.isStringLiteral(p.name) ? { kind: (t.isIdentifier(p.name) ? 'key' : 'string-key') as 'key' | 'string-key', start: p.name.getStart(file), end: p.name.getEnd() } : null;
        keys.push(this.occurrence(name, p.name, file, side, rename));
      } else if (t.isShorthandPropertyAssignment(p)) {
        keys.push(this.occurrence(p.name.text, p.name, file, side, { kind: 'shorthand', start: p.name.getStart(file), end: p.name.getEnd() }));
      } else if (t.isSpreadAssignment(p)) {
        const inner = this.unwrap(p.expression);
        // `...(flag && { Extra: x })` / `...(flag ? { A } : {})`: keys known, presence not.
        if (t.isBinaryExpression(inner) && (inner.operatorToken.kind === t.SyntaxKind.AmpersandAmpersandToken || inner.operatorToken.kind === t.SyntaxKind.BarBarToken || inner.operatorToken.kind === t.SyntaxKind.QuestionQuestionToken)) {
          const right = this.objectKeys(inner.right, file, side, depth + 1);
          if (right) keys.push(...right.keys);
          complete = false;
          continue;
        }
        const sub = this.objectKeys(p.expression, file, side, depth + 1);
        if (!sub) {
          complete = false;
          continue;
        }
        keys.push(...sub.keys);
        complete &&= sub.complete;
      } else {
        complete = false;
      }
    }
    return { keys, complete, factory: null };
  }

  /** The value expression of a request field, following the request object to its literal. */
  private fieldValue(input: ts.Expression, field: string, file: ts.SourceFile, depth = 0): { value: ts.Expression; file: ts.SourceFile } | 'absent' | null {
    if (depth > MAX_DEPTH) return null;
    const t = this.ts;
    const e = this.unwrap(input);
    if (t.isIdentifier(e)) {
      const b = this.resolveIdentifier(e, file, depth);
      return b.kind === 'init' ? this.fieldValue(b.node, field, b.file, depth + 1) : null;
    }
    if (t.isCallExpression(e)) {
      const fn = this.functionOf(this.unwrap(e.expression), file, depth);
      const returned = fn ? returnedExpressions(t, fn.node) : null;
      if (!fn || !returned || returned.length !== 1) return null;
      return this.fieldValue(returned[0], field, fn.file, depth + 1);
    }
    if (!t.isObjectLiteralExpression(e)) return null;
    let result: { value: ts.Expression; file: ts.SourceFile } | 'absent' | null = 'absent';
    for (const p of e.properties) {
      if (t.isPropertyAssignment(p) && this.propertyName(p.name, file) === field) result = { value: p.initializer, file };
      else if (t.isShorthandPropertyAssignment(p) && p.name.text === field) result = { value: p.name, file };
      else if (t.isSpreadAssignment(p)) {
        const sub = this.fieldValue(p.expression, field, file, depth + 1);
        if (sub === null) result = result === 'absent' ? null : result;
        else if (sub !== 'absent') result = sub;
      }
    }
    return result;
  }

  /** The KMS key a request names, as written: a constant's value, or the expression's text. */
  private keyRef(input: ts.Expression, field: string | undefined, file: ts.SourceFile): string | null {
    if (!field) return null;
    const t = this.ts;
    const v = this.fieldValue(input, field, file);
    if (!v || v === 'absent') return null;
    let e = this.unwrap(v.value);
    if (t.isIdentifier(e)) {
      const b = this.resolveIdentifier(e, v.file, 0);
      if (b.kind === 'init' && t.isStringLiteralLike(this.unwrap(b.node))) e = this.unwrap(b.node);
      else return `${normalise(b.kind === 'init' ? b.file.fileName : v.file.fileName)}#${e.text}`;
    }
    if (t.isStringLiteralLike(e)) return e.text;
    return e.getText(v.file).replace(/\s+/g, '');
  }

  // ---------------------------------------------------------------- sites

  walkFile(file: ts.SourceFile): void {
    const t = this.ts;
    ensureParents(t, file);
    const esdk = /@aws-crypto\//.test(file.text);
    const visit = (node: ts.Node): void => {
      try {
        if (t.isNewExpression(node)) this.onNew(node, file);
        else if (t.isCallExpression(node)) this.onCall(node, file);
        else if (esdk && t.isPropertyAccessExpression(node) && node.name.text === 'encryptionContext') this.onHeaderContext(node, file);
        else if (esdk && t.isVariableDeclaration(node) && t.isObjectBindingPattern(node.name) && node.initializer) this.onHeaderDestructure(node, file);
      } catch {
        // A site we cannot read is skipped: a rule that cannot decide stays silent.
      }
      t.forEachChild(node, visit);
    };
    visit(file);
  }

  private onNew(node: ts.NewExpression, file: ts.SourceFile): void {
    const t = this.ts;
    const calleeName = t.isIdentifier(node.expression) ? node.expression.text : t.isPropertyAccessExpression(node.expression) ? node.expression.name.text : null;
    if (!calleeName) return;
    // Cheap gate before following imports: a command name, `Upload`, or a project re-export (checked by origin).
    const c = this.classify(this.originOf(node.expression, file));
    if (!c || c.kind === 'client') return;
    const arg = node.arguments?.[0];
    if (!arg) return;
    if (c.kind === 'command') {
      this.onRequest(c.spec, arg, node, file);
      return;
    }
    // new Upload({ client, params })
    const params = this.fieldValue(arg, 'params', file);
    if (params && params !== 'absent') this.onRequest(operationByCommand.get('Upload')!, params.value, node, params.file, file);
  }

  private onCall(node: ts.CallExpression, file: ts.SourceFile): void {
    const t = this.ts;
    const callee = this.unwrap(node.expression);
    const arg = node.arguments[0];
    if (t.isPropertyAccessExpression(callee)) {
      const candidates = operationsByMethod.get(callee.name.text);
      if (candidates && arg && !t.isSpreadElement(arg)) {
        const service = this.clientOf(callee.expression, file);
        if (service) {
          const spec = candidates.find((s) => s.service === service);
          if (spec) this.onRequest(spec, arg, node, file);
          return;
        }
      }
    }
    if (node.arguments.length >= 3 && this.isEsdkEncrypt(callee, file)) {
      const options = node.arguments[2];
      const v = this.fieldValue(options, 'encryptionContext', file);
      if (v && v !== 'absent') this.addSite({ side: 'encrypt', source: 'esdk', operation: 'encrypt', field: 'encryptionContext', anchor: node, file, value: v.value, valueFile: v.file, keyRef: null });
    }
  }

  /** `encrypt` from `buildClient(...)` (destructured or as a method) of an ESDK client package, or imported directly. */
  private isEsdkEncrypt(callee: ts.Expression, file: ts.SourceFile): boolean {
    const t = this.ts;
    if (t.isPropertyAccessExpression(callee)) {
      if (callee.name.text !== 'encrypt') return false;
      return this.isBuildClientResult(callee.expression, file);
    }
    if (!t.isIdentifier(callee)) return false;
    const b = this.lookup(callee, file);
    if (b.kind === 'origin') return b.origin.kind === 'export' && esdkPackage.test(b.origin.module) && b.origin.name === 'encrypt';
    if (b.kind === 'destructured') return b.path.length === 1 && b.path[0] === 'encrypt' && this.isBuildClientCall(b.from, b.file);
    return false;
  }

  private isBuildClientResult(expr: ts.Expression, file: ts.SourceFile): boolean {
    const t = this.ts;
    const e = this.unwrap(expr);
    if (this.isBuildClientCall(e, file)) return true;
    if (t.isIdentifier(e)) {
      const b = this.lookup(e, file);
      return b.kind === 'init' && this.isBuildClientCall(b.node, b.file);
    }
    return false;
  }

  private isBuildClientCall(expr: ts.Expression, file: ts.SourceFile): boolean {
    const t = this.ts;
    const e = this.unwrap(expr);
    if (!t.isCallExpression(e)) return false;
    const origin = this.originOf(e.expression, file);
    return origin?.kind === 'export' && esdkPackage.test(origin.module) && origin.name === 'buildClient';
  }

  /** A KMS/S3 request: every context field the table names, plus grant constraints and S3's encoded context. */
  private onRequest(spec: OperationSpec, input: ts.Expression, anchor: ts.Node, inputFile: ts.SourceFile, anchorFile = inputFile): void {
    const fields = spec.fields;
    (fields.context ?? []).forEach((field, i) => {
      const v = this.fieldValue(input, field, inputFile);
      if (!v || v === 'absent') return;
      // Operations that open a ciphertext present their first context to decrypt it (Decrypt, ReEncrypt's
      // SourceEncryptionContext); every other context field binds a new ciphertext.
      const side: ContextSide = fields.ciphertext && i === 0 ? 'decrypt' : 'encrypt';
      const keyRef = side === 'decrypt' || i === 0 ? this.keyRef(input, fields.keyId, inputFile) : null;
      this.addSite({ side, source: 'kms', operation: spec.operation, field, anchor, file: anchorFile, value: v.value, valueFile: v.file, keyRef });
    });
    if (fields.grantConstraints) {
      const constraints = this.fieldValue(input, fields.grantConstraints.field, inputFile);
      if (constraints && constraints !== 'absent') {
        for (const field of fields.grantConstraints.contexts) {
          const v = this.fieldValue(constraints.value, field, constraints.file);
          if (!v || v === 'absent') continue;
          const keyRef = this.keyRef(input, fields.keyId, inputFile);
          this.addSite({ side: 'grant', source: 'kms', operation: spec.operation, field, anchor, file: anchorFile, value: v.value, valueFile: v.file, keyRef });
        }
      }
    }
    if (fields.encodedContext) {
      const v = this.fieldValue(input, fields.encodedContext, inputFile);
      if (!v || v === 'absent') return;
      const keyRef = fields.encodedKeyId ? this.keyRef(input, fields.encodedKeyId, inputFile) : null;
      const decoded = this.encodedContext(v.value, v.file);
      if (decoded) this.pushSite({ side: 'encrypt', source: 's3', operation: spec.operation, field: fields.encodedContext, anchor, file: anchorFile, keys: decoded.keys, complete: decoded.complete, factory: decoded.factory, keyRef });
    }
  }

  /**
   * S3's `SSEKMSEncryptionContext` is base64 of a JSON object: `Buffer.from(JSON.stringify({...})).toString('base64')`,
   * or a constant base64 string (its keys are reported at the string).
   */
  private encodedContext(expr: ts.Expression, file: ts.SourceFile, depth = 0): ObjectKeys | null {
    if (depth > MAX_DEPTH) return null;
    const t = this.ts;
    const e = this.unwrap(expr);
    if (t.isIdentifier(e)) {
      const b = this.resolveIdentifier(e, file, depth);
      return b.kind === 'init' ? this.encodedContext(b.node, b.file, depth + 1) : null;
    }
    if (t.isStringLiteralLike(e)) {
      const text = e.text;
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
      } catch {
        return null;
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
      const keys = Object.keys(parsed).map((name) => this.occurrence(name, e, file, 'encrypt', null));
      return { keys, complete: true, factory: null };
    }
    if (t.isCallExpression(e)) {
      const callee = this.unwrap(e.expression);
      // <bytes>.toString('base64')
      if (t.isPropertyAccessExpression(callee) && callee.name.text === 'toString' && e.arguments.length === 1 && t.isStringLiteralLike(e.arguments[0]) && e.arguments[0].text === 'base64') {
        const bytes = this.unwrap(callee.expression);
        // Buffer.from(JSON.stringify(obj)[, 'utf8'])
        if (t.isCallExpression(bytes) && isMember(t, bytes.expression, 'Buffer', 'from') && bytes.arguments[0]) {
          const json = this.unwrap(bytes.arguments[0]);
          if (t.isCallExpression(json) && isMember(t, json.expression, 'JSON', 'stringify') && json.arguments[0]) {
            return this.objectKeys(json.arguments[0], file, 'encrypt', depth + 1);
          }
        }
        return null;
      }
      const fn = this.functionOf(callee, file, depth);
      const returned = fn ? returnedExpressions(t, fn.node) : null;
      if (fn && returned?.length === 1) return this.encodedContext(returned[0], fn.file, depth + 1);
    }
    return null;
  }

  private addSite(s: { side: ContextSide; source: ContextSource; operation: string; field: string; anchor: ts.Node; file: ts.SourceFile; value: ts.Expression; valueFile: ts.SourceFile; keyRef: string | null }): void {
    const obj = this.objectKeys(s.value, s.valueFile, s.side);
    if (!obj) return;
    this.pushSite({ ...s, keys: obj.keys, complete: obj.complete, factory: obj.factory });
  }

  private pushSite(s: { side: ContextSide; source: ContextSource; operation: string; field: string; anchor: ts.Node; file: ts.SourceFile; keys: KeyOccurrence[]; complete: boolean; factory: string | null; keyRef: string | null }): void {
    const start = s.file.getLineAndCharacterOfPosition(s.anchor.getStart(s.file));
    const end = s.file.getLineAndCharacterOfPosition(s.anchor.getEnd());
    this.sites.push({
      file: normalise(s.file.fileName),
      line: start.line + 1,
      column: start.character,
      endLine: end.line + 1,
      endColumn: end.character,
      side: s.side,
      source: s.source,
      operation: s.operation,
      field: s.field,
      keys: s.keys,
      complete: s.complete,
      keyRef: s.keyRef,
      factory: s.factory,
      scope: this.ts.findAncestor(s.anchor.parent, this.ts.isFunctionLike)?.getStart(s.file) ?? -1,
      start: s.anchor.getStart(s.file),
    });
  }

  // ---------------------------------------------------------------- ESDK: messageHeader.encryptionContext checks

  /** `messageHeader.encryptionContext.K` / `['K']`: a key the decrypting code expects. */
  private onHeaderContext(node: ts.PropertyAccessExpression, file: ts.SourceFile): void {
    if (!this.isMessageHeader(node.expression, file)) return;
    this.headerReads(node, file);
  }

  /** `const { encryptionContext } = messageHeader` or `const { messageHeader: { encryptionContext } } = await decrypt(...)`. */
  private onHeaderDestructure(node: ts.VariableDeclaration, file: ts.SourceFile): void {
    const t = this.ts;
    const pattern = node.name as ts.ObjectBindingPattern;
    for (const el of pattern.elements) {
      const key = el.propertyName ? this.propertyName(el.propertyName, file) : t.isIdentifier(el.name) ? el.name.text : null;
      if (key === 'encryptionContext' && t.isIdentifier(el.name) && this.isMessageHeader(node.initializer!, file)) {
        this.identifierReads(el.name, file);
      }
      if (key === 'messageHeader' && t.isObjectBindingPattern(el.name) && this.isEsdkDecryptResult(node.initializer!, file)) {
        for (const inner of el.name.elements) {
          const innerKey = inner.propertyName ? this.propertyName(inner.propertyName, file) : t.isIdentifier(inner.name) ? inner.name.text : null;
          if (innerKey === 'encryptionContext' && t.isIdentifier(inner.name)) this.identifierReads(inner.name, file);
        }
      }
    }
  }

  private isMessageHeader(expr: ts.Expression, file: ts.SourceFile): boolean {
    const t = this.ts;
    const e = this.unwrap(expr);
    if (t.isPropertyAccessExpression(e)) return e.name.text === 'messageHeader' && this.isEsdkDecryptResult(e.expression, file);
    if (t.isIdentifier(e)) {
      const b = this.lookup(e, file);
      if (b.kind === 'destructured') return b.path.length === 1 && b.path[0] === 'messageHeader' && this.isEsdkDecryptResult(b.from, b.file);
      if (b.kind === 'init') return this.isMessageHeader(b.node, b.file);
    }
    return false;
  }

  /** The result of `decrypt(...)` from `buildClient(...)` (or a variable holding it). */
  private isEsdkDecryptResult(expr: ts.Expression, file: ts.SourceFile, depth = 0): boolean {
    if (depth > 4) return false;
    const t = this.ts;
    const e = this.unwrap(expr);
    if (t.isIdentifier(e)) {
      const b = this.lookup(e, file);
      return b.kind === 'init' && this.isEsdkDecryptResult(b.node, b.file, depth + 1);
    }
    if (!t.isCallExpression(e)) return false;
    const callee = this.unwrap(e.expression);
    if (t.isPropertyAccessExpression(callee)) return callee.name.text === 'decrypt' && this.isBuildClientResult(callee.expression, file);
    if (!t.isIdentifier(callee)) return false;
    const b = this.lookup(callee, file);
    if (b.kind === 'origin') return b.origin.kind === 'export' && esdkPackage.test(b.origin.module) && b.origin.name === 'decrypt';
    return b.kind === 'destructured' && b.path.length === 1 && b.path[0] === 'decrypt' && this.isBuildClientCall(b.from, b.file);
  }

  /** Reads of every reference to `id` in its scope. */
  private identifierReads(id: ts.Identifier, file: ts.SourceFile): void {
    const t = this.ts;
    const scope = t.findAncestor(id.parent, (n) => t.isBlock(n) || t.isSourceFile(n) || t.isFunctionLike(n));
    if (!scope) return;
    const visit = (n: ts.Node): void => {
      if (t.isIdentifier(n) && n !== id && n.text === id.text && t.isPropertyAccessExpression(n.parent) && n.parent.expression === n) {
        this.headerReads(n.parent, file, id);
      } else if (t.isIdentifier(n) && n !== id && n.text === id.text && t.isElementAccessExpression(n.parent) && n.parent.expression === n) {
        this.headerReads(n, file, id);
      }
      t.forEachChild(n, visit);
    };
    visit(scope);
  }

  /** One read `<ctx>.K` / `<ctx>['K']` of the header's context. */
  private headerReads(ctx: ts.Expression, file: ts.SourceFile, binding?: ts.Identifier): void {
    const t = this.ts;
    if (binding && t.isIdentifier(ctx) && this.lookupDeclaration(ctx, file) !== binding) return;
    const parent = ctx.parent;
    if (t.isPropertyAccessExpression(parent) && parent.expression === ctx && parent !== ctx) {
      if (binding || ctx !== parent) this.headerKey(parent.name.text, parent.name, parent, file);
    } else if (t.isElementAccessExpression(parent) && parent.expression === ctx) {
      const arg = this.unwrap(parent.argumentExpression);
      if (t.isStringLiteralLike(arg)) this.headerKey(arg.text, arg, parent, file, { kind: 'string-key', start: arg.getStart(file), end: arg.getEnd() });
    }
  }

  private lookupDeclaration(id: ts.Identifier, file: ts.SourceFile): ts.Identifier | null {
    // The binding identifier a reference resolves to, for destructured header contexts (same-scope lookup).
    const t = this.ts;
    let node: ts.Node | undefined = id.parent;
    while (node) {
      if (t.isBlock(node) || t.isSourceFile(node)) {
        for (const s of node.statements) {
          if (!t.isVariableStatement(s)) continue;
          for (const d of s.declarationList.declarations) {
            const found = findBindingIdentifier(t, d.name, id.text);
            if (found) return found;
          }
        }
      }
      if (t.isFunctionLike(node) && node.parameters.some((p) => bindsName(t, p.name, id.text))) return null;
      node = node.parent;
    }
    void file;
    return null;
  }

  private headerKey(name: string, keyNode: ts.Node, anchor: ts.Node, file: ts.SourceFile, rename?: KeyOccurrence['rename']): void {
    if (name === 'encryptionContext') return;
    const occ = this.occurrence(name, keyNode, file, 'decrypt', rename ?? { kind: 'key', start: keyNode.getStart(file), end: keyNode.getEnd() });
    // Each check reads one key; the expected key set is not visible, so the site is incomplete.
    this.pushSite({ side: 'decrypt', source: 'esdk', operation: 'messageHeader', field: 'encryptionContext', anchor, file, keys: [occ], complete: false, factory: null, keyRef: null });
  }
}

// ------------------------------------------------------------------ helpers

/**
 * Parent pointers are set by the binder, which runs only once a type checker exists; a Program nobody asked
 * for a checker yet has none. We set them as the binder would (same values), once per file.
 */
function ensureParents(t: TsLib, file: ts.SourceFile): ts.SourceFile {
  const first = file.statements[0];
  if (!first || first.parent) return file;
  const visit = (parent: ts.Node) => (child: ts.Node): void => {
    (child as { parent: ts.Node }).parent = parent;
    t.forEachChild(child, visit(child));
  };
  t.forEachChild(file, visit(file));
  return file;
}

function normalise(fileName: string): string {
  return path.posix.normalize(fileName.replace(/\\/g, '/'));
}

function memberOrigin(base: Origin, name: string): Origin | null {
  if (base.kind === 'module') return { kind: 'export', module: base.module, name };
  // `import AWS from 'aws-sdk'`: the default export of a CommonJS module is its namespace.
  if (base.kind === 'export' && base.name === 'default') return { kind: 'export', module: base.module, name };
  return null;
}

function bindsName(t: TsLib, name: ts.BindingName, wanted: string): boolean {
  return findBindingIdentifier(t, name, wanted) !== null;
}

function findBindingIdentifier(t: TsLib, name: ts.BindingName, wanted: string): ts.Identifier | null {
  if (t.isIdentifier(name)) return name.text === wanted ? name : null;
  for (const el of name.elements) {
    if (t.isOmittedExpression(el)) continue;
    const found = findBindingIdentifier(t, el.name, wanted);
    if (found) return found;
  }
  return null;
}

/** The property path to `wanted` in an object pattern (`{ a: { b } }` → ['a', 'b']); null through arrays or computed keys. */
function destructuringPath(t: TsLib, pattern: ts.BindingName, wanted: string, file: ts.SourceFile): string[] | null {
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

function isMember(t: TsLib, expr: ts.Expression, object: string, property: string): boolean {
  return t.isPropertyAccessExpression(expr) && t.isIdentifier(expr.expression) && expr.expression.text === object && expr.name.text === property;
}

function sameNames(a: KeyOccurrence[], b: KeyOccurrence[]): boolean {
  const x = new Set(a.map((k) => k.name));
  const y = new Set(b.map((k) => k.name));
  return x.size === y.size && [...x].every((k) => y.has(k));
}

/** The expressions a function returns (concise arrow body or every `return` outside nested functions). */
function returnedExpressions(t: TsLib, fn: ts.FunctionLikeDeclaration): ts.Expression[] | null {
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

function isProjectFile(program: ts.Program, file: ts.SourceFile): boolean {
  return !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !program.isSourceFileDefaultLibrary(file);
}

// ------------------------------------------------------------------ entry points

const cache = new WeakMap<ts.Program, ContextIndex>();

/** The project's context sites, built once per Program: linear in the number of files. */
export function contextIndexOf(tsLib: TsLib, program: ts.Program): ContextIndex {
  const cached = cache.get(program);
  if (cached) return cached;
  contextIndexStats.builds++;
  const files = new Map<string, ts.SourceFile>();
  const candidates: ts.SourceFile[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!isProjectFile(program, sf)) continue;
    files.set(normalise(sf.fileName), sf);
    if (prefilter.test(sf.text)) candidates.push(sf);
  }
  const walker = new Walker(tsLib, files);
  for (const sf of candidates) walker.walkFile(sf);
  contextIndexStats.filesWalked += candidates.length;
  const index: ContextIndex = { sites: walker.sites, filesWalked: candidates.length };
  cache.set(program, index);
  return index;
}

/** The context sites of one file on its own (untyped linting): imports of project modules are not followed. */
export function contextSitesOfFile(tsLib: TsLib, fileName: string, text: string): ContextSite[] {
  if (!prefilter.test(text)) return [];
  const kind = /\.[cm]?jsx?$/.test(fileName) ? tsLib.ScriptKind.JSX : /\.tsx$/.test(fileName) ? tsLib.ScriptKind.TSX : tsLib.ScriptKind.TS;
  const sf = tsLib.createSourceFile(fileName, text, tsLib.ScriptTarget.Latest, true, kind);
  const walker = new Walker(tsLib, new Map());
  walker.walkFile(sf);
  return walker.sites;
}

export { normalise as normaliseFileName };
