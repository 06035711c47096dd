// Context objects: the keys an expression is known to hold (literals, consts, spreads, helper functions, S3's
// base64 JSON), the value of a request field, and the KMS key a request names.
import type * as ts from 'typescript';
import { NameResolver } from './names.js';
import { isMember, MAX_DEPTH, normalise, returnedExpressions, sameNames } from './syntax.js';
import type { ContextSide, KeyOccurrence } from './types.js';

/** The object keys a context expression is known to hold. */
export interface ObjectKeys {
  keys: KeyOccurrence[];
  complete: boolean;
  factory: string | null;
}

export class ContextReader extends NameResolver {
  private readonly occurrences = new Map<string, KeyOccurrence>();

  protected occurrence(name: string, node: ts.Node, file: ts.SourceFile, side: ContextSide, rename: KeyOccurrence['rename']): KeyOccurrence {
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

  /** Follows an expression to the object literal (or helper call) it is, in this or another project file. */
  protected objectKeys(expr: ts.Expression, file: ts.SourceFile, side: ContextSide, depth = 0): ObjectKeys | null {
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

  protected functionOf(callee: ts.Expression, file: ts.SourceFile, depth: number): { node: ts.FunctionLikeDeclaration; file: ts.SourceFile } | null {
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

  protected literalKeys(obj: ts.ObjectLiteralExpression, file: ts.SourceFile, side: ContextSide, depth: number): ObjectKeys {
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
  protected fieldValue(input: ts.Expression, field: string, file: ts.SourceFile, depth = 0): { value: ts.Expression; file: ts.SourceFile } | 'absent' | null {
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
  protected keyRef(input: ts.Expression, field: string | undefined, file: ts.SourceFile): string | null {
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

  /**
   * S3's `SSEKMSEncryptionContext` is base64 of a JSON object: `Buffer.from(JSON.stringify({...})).toString('base64')`,
   * or a constant base64 string (its keys are reported at the string).
   */
  protected encodedContext(expr: ts.Expression, file: ts.SourceFile, depth = 0): ObjectKeys | null {
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
}
