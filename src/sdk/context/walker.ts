// Every encryption-context site of a file, read from the TypeScript AST syntactically (no type checker).
//
// Recognition mirrors src/sdk/recognize.ts, syntactically: v3 commands (`new EncryptCommand(...)`, renamed,
// namespace and require imports, re-exported by a project module), v3 aggregated clients and v2 clients
// (`kms.encrypt(...)` on a receiver built with `new KMS()` or annotated `KMS`), all names from the operations table.
import type * as ts from 'typescript';
import { clientClasses, operationByCommand, operationsByMethod, sdkPackages, type OperationSpec, type Service } from '../operations.js';
import { ContextReader } from './objects.js';
import { bindsName, ensureParents, findBindingIdentifier, MAX_DEPTH, memberOrigin, normalise, returnedExpressions, type Origin } from './syntax.js';
import type { ContextSide, ContextSite, ContextSource, KeyOccurrence } from './types.js';

const esdkPackage = /^@aws-crypto\/client-(?:node|browser)$/;

export class SiteWalker extends ContextReader {
  readonly sites: ContextSite[] = [];

  protected classify(origin: Origin | null): { kind: 'command'; spec: OperationSpec } | { kind: 'client'; service: Service } | { kind: 'upload' } | null {
    if (!origin) return null;
    const v2Client = /^aws-sdk\/clients\/(kms|s3)(?:\.js)?$/.exec(origin.module);
    // `require('aws-sdk/clients/kms')` (and `import * as` it) is the client class itself: the module is `export =`.
    if (v2Client) return origin.kind === 'module' || origin.name === 'default' || origin.name === v2Client[1].toUpperCase() ? { kind: 'client', service: v2Client[1] as Service } : null;
    if (origin.kind !== 'export') return null;
    const pkg = /^(@aws-sdk\/[^/]+|aws-sdk)(?:\/|$)/.exec(origin.module)?.[1];
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
  protected clientOf(expr: ts.Expression, file: ts.SourceFile, depth = 0): Service | null {
    if (depth > MAX_DEPTH) return null;
    const t = this.ts;
    const e = this.unwrap(expr);
    if (t.isNewExpression(e)) {
      const c = this.classify(this.originOf(e.expression, file));
      return c?.kind === 'client' ? c.service : null;
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

  protected clientOfType(type: ts.TypeNode, file: ts.SourceFile): Service | null {
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

  protected onNew(node: ts.NewExpression, file: ts.SourceFile): void {
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

  protected onCall(node: ts.CallExpression, file: ts.SourceFile): void {
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
        // A receiver nothing tells the type of (a client passed in as a parameter, held on `this`): the request's
        // shape decides, as in recognize.ts's third tier, from the shapes in the operations table.
        const byShape = this.receiverIsKnownNotAws(callee.expression, file) ? null : this.operationByShape(candidates, arg, file);
        if (byShape) {
          this.onRequest(byShape, arg, node, file);
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

  /** The operation whose request shape (every `fields` entry, one of `oneOf`) this argument has, if any. */
  protected operationByShape(candidates: readonly OperationSpec[], arg: ts.Expression, file: ts.SourceFile): OperationSpec | null {
    const present = (field: string) => {
      const v = this.fieldValue(arg, field, file);
      return v !== null && v !== 'absent';
    };
    for (const spec of candidates) {
      const shape = spec.shape;
      if (shape && shape.fields.every(present) && (!shape.oneOf || shape.oneOf.some(present))) return spec;
    }
    return null;
  }

  /**
   * Syntax says this receiver is something other than an SDK client: an object literal, an instance of a class
   * declared in the project, a function or class, or a value declared with a type that is not an SDK client.
   * Such a receiver is never recognised by its request shape.
   */
  protected receiverIsKnownNotAws(expr: ts.Expression, file: ts.SourceFile, depth = 0): boolean {
    if (depth > MAX_DEPTH) return false;
    const t = this.ts;
    const e = this.unwrap(expr);
    if (t.isObjectLiteralExpression(e)) return true;
    if (t.isNewExpression(e)) return t.isIdentifier(e.expression) && this.resolveIdentifier(e.expression, file, depth).kind === 'class';
    const knownType = (type: ts.TypeNode) => type.kind !== t.SyntaxKind.AnyKeyword && type.kind !== t.SyntaxKind.UnknownKeyword;
    if (t.isPropertyAccessExpression(e) && e.expression.kind === t.SyntaxKind.ThisKeyword) {
      // `this.kms`: the field's declared type or initialiser, or a constructor parameter property's type.
      const name = e.name.text;
      for (const m of t.findAncestor(e, t.isClassLike)?.members ?? []) {
        if (t.isPropertyDeclaration(m) && t.isIdentifier(m.name) && m.name.text === name) {
          if (m.type) return knownType(m.type);
          return !!m.initializer && this.receiverIsKnownNotAws(m.initializer, file, depth + 1);
        }
        if (t.isConstructorDeclaration(m)) {
          const param = m.parameters.find((p) => t.isIdentifier(p.name) && p.name.text === name && t.getModifiers(p)?.length);
          if (param) return !!param.type && knownType(param.type);
        }
      }
      return false;
    }
    if (!t.isIdentifier(e)) return false;
    const b = this.resolveIdentifier(e, file, depth);
    if (b.kind === 'function' || b.kind === 'class') return true;
    if (b.kind === 'init') return this.receiverIsKnownNotAws(b.node, b.file, depth + 1);
    // clientOf already ruled out an SDK client type: any other written type is known, except any and unknown.
    if (b.kind === 'typed') return knownType(b.type);
    return false;
  }

  /** `encrypt` from `buildClient(...)` (destructured or as a method) of an ESDK client package, or imported directly. */
  protected isEsdkEncrypt(callee: ts.Expression, file: ts.SourceFile): boolean {
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

  protected isBuildClientResult(expr: ts.Expression, file: ts.SourceFile): boolean {
    const t = this.ts;
    const e = this.unwrap(expr);
    if (this.isBuildClientCall(e, file)) return true;
    if (t.isIdentifier(e)) {
      const b = this.lookup(e, file);
      return b.kind === 'init' && this.isBuildClientCall(b.node, b.file);
    }
    return false;
  }

  protected isBuildClientCall(expr: ts.Expression, file: ts.SourceFile): boolean {
    const t = this.ts;
    const e = this.unwrap(expr);
    if (!t.isCallExpression(e)) return false;
    const origin = this.originOf(e.expression, file);
    return origin?.kind === 'export' && esdkPackage.test(origin.module) && origin.name === 'buildClient';
  }

  /** A KMS/S3 request: every context field the table names, plus grant constraints and S3's encoded context. */
  protected onRequest(spec: OperationSpec, input: ts.Expression, anchor: ts.Node, inputFile: ts.SourceFile, anchorFile = inputFile): void {
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

  protected addSite(s: { side: ContextSide; source: ContextSource; operation: string; field: string; anchor: ts.Node; file: ts.SourceFile; value: ts.Expression; valueFile: ts.SourceFile; keyRef: string | null }): void {
    const obj = this.objectKeys(s.value, s.valueFile, s.side);
    if (!obj) return;
    this.pushSite({ ...s, keys: obj.keys, complete: obj.complete, factory: obj.factory });
  }

  protected pushSite(s: { side: ContextSide; source: ContextSource; operation: string; field: string; anchor: ts.Node; file: ts.SourceFile; keys: KeyOccurrence[]; complete: boolean; factory: string | null; keyRef: string | null }): void {
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
  protected onHeaderContext(node: ts.PropertyAccessExpression, file: ts.SourceFile): void {
    if (!this.isMessageHeader(node.expression, file)) return;
    this.headerReads(node, file);
  }

  /** `const { encryptionContext } = messageHeader` or `const { messageHeader: { encryptionContext } } = await decrypt(...)`. */
  protected onHeaderDestructure(node: ts.VariableDeclaration, file: ts.SourceFile): void {
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

  protected isMessageHeader(expr: ts.Expression, file: ts.SourceFile): boolean {
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
  protected isEsdkDecryptResult(expr: ts.Expression, file: ts.SourceFile, depth = 0): boolean {
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
  protected identifierReads(id: ts.Identifier, file: ts.SourceFile): void {
    const t = this.ts;
    const scope = t.findAncestor(id.parent, (n) => t.isBlock(n) || t.isSourceFile(n) || t.isFunctionLike(n));
    if (!scope) return;
    const visit = (n: ts.Node): void => {
      if (t.isIdentifier(n) && n !== id && n.text === id.text && (t.isPropertyAccessExpression(n.parent) || t.isElementAccessExpression(n.parent)) && n.parent.expression === n) {
        this.headerReads(n, file, id);
      }
      t.forEachChild(n, visit);
    };
    visit(scope);
  }

  /** One read `<ctx>.K` / `<ctx>['K']` of the header's context. */
  protected headerReads(ctx: ts.Expression, file: ts.SourceFile, binding?: ts.Identifier): void {
    const t = this.ts;
    if (binding && t.isIdentifier(ctx) && this.lookupDeclaration(ctx, file) !== binding) return;
    const parent = ctx.parent;
    if (t.isPropertyAccessExpression(parent) && parent.expression === ctx) {
      this.headerKey(parent.name.text, parent.name, parent, file);
    } else if (t.isElementAccessExpression(parent) && parent.expression === ctx) {
      const arg = this.unwrap(parent.argumentExpression);
      if (t.isStringLiteralLike(arg)) this.headerKey(arg.text, arg, parent, file, { kind: 'string-key', start: arg.getStart(file), end: arg.getEnd() });
    }
  }

  protected lookupDeclaration(id: ts.Identifier, file: ts.SourceFile): ts.Identifier | null {
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

  protected headerKey(name: string, keyNode: ts.Node, anchor: ts.Node, file: ts.SourceFile, rename?: KeyOccurrence['rename']): void {
    if (name === 'encryptionContext') return;
    const occ = this.occurrence(name, keyNode, file, 'decrypt', rename ?? { kind: 'key', start: keyNode.getStart(file), end: keyNode.getEnd() });
    // Each check reads one key; the expected key set is not visible, so the site is incomplete.
    this.pushSite({ side: 'decrypt', source: 'esdk', operation: 'messageHeader', field: 'encryptionContext', anchor, file, keys: [occ], complete: false, factory: null, keyRef: null });
  }
}
