// What code does to a key, read off syntax: is this expression a zeroization (`.fill(0)`, a zeroizer, a same-file
// helper that wipes its parameter), does this statement list zeroize on every path (a `finally`), and does this
// position hand the value out of its function (returned, stored, passed to a keeper)?
import type { TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, variableOf } from '../bindings.js';
import { frameRootOf } from '../flow.js';
import { isFunctionNode, unwrapTs as unwrapExpr, type FunctionNode } from '../ast.js';
import { byteArrayClasses, calleeName, continuationNames, isZeroLiteral, resolvesPromise, storingMethods, type DataKeyEnv, type Var } from './model.js';

export type Effect = 'escape' | 'zeroize' | 'use';
export type HandleTest = (e: TSESTree.Node) => boolean;
/**
 * What a key's bytes are at run time: a `Buffer` (v2, `Buffer.from` copies) or a plain `Uint8Array` (v3). Decides
 * type guards: `Buffer.isBuffer(k)` holds for the first only, `k instanceof Uint8Array` for both.
 */
export type ByteKind = 'buffer' | 'bytes';
/**
 * The response object that holds the key in `field` (`dk` of `dk.Plaintext`): handing it to a same-file helper that
 * wipes `param.Plaintext` zeroizes the key, as handing the bytes to one that wipes its parameter does.
 */
export interface HolderTest {
  isHolder: HandleTest;
  field: string;
}

/** Zeroizers known without configuration: libsodium's `memzero` (`sodium.memzero(k)`, `sodium_memzero(k)`). */
const builtinZeroizers = new Set(['memzero', 'sodium_memzero']);

export interface Effects {
  /** A callee the `zeroizers` option names. */
  isZeroizerCallee(callee: TSESTree.Node): boolean;
  /** `k.fill(0)`, `zeroize(k)`, `k?.fill(0)`, `k && k.fill(0)`, or a same-file helper that zeroizes its parameter. */
  isZeroizeExpr(expr: TSESTree.Node, isHandle: HandleTest, depth: number, kind?: ByteKind, holder?: HolderTest): boolean;
  /** Does a type test hold for a byte array of `kind` (true), fail (false), or say nothing we know (null)? */
  guardVerdict(test: TSESTree.Node, isHandle: HandleTest, kind: ByteKind): boolean | null;
  /** `if (k)`, `if (k != null)`: the branch runs only when there is a key. */
  isPresenceTest(test: TSESTree.Node, isHandle: HandleTest): boolean;
  /** Does this statement list overwrite the key on every path through it (used for `finally` blocks)? */
  mustZeroize(statements: readonly TSESTree.Node[], isHandle: HandleTest, depth?: number, kind?: ByteKind, holder?: HolderTest): boolean;
  /** `for (let i = 0; i < k.length; i++) k[i] = 0;`: the loop that writes a zero to every byte of the key. */
  isZeroLoop(statement: TSESTree.Node, isHandle: HandleTest): boolean;
  /**
   * What a function declared in this file does with its parameter `index`: a byte array of this kind, or (with
   * `field`) the response that holds the key in that field.
   */
  localFunctionEffect(callee: TSESTree.Node, index: number, depth: number, kind?: ByteKind, field?: string): Effect;
  /** Is this reference in a position that hands the value out of `root`? */
  positionEscapes(ref: TSESTree.Node, root: TSESTree.Node, depth: number): boolean;
  /** Is the variable local to `root`'s own frame (not an outer or module variable seen from a function)? */
  isDeclaredIn(variable: Var, root: TSESTree.Node): boolean;
  exportedVariable(variable: Var): boolean;
}

/** The effect oracle of one file (it caches what each same-file helper does with each parameter). */
export function createEffects(env: DataKeyEnv): Effects {
  const localFnCache = new Map<string, Effect>();

  const calleeText = (callee: TSESTree.Node): string => env.sourceCode.getText(unwrapExpr(callee)).replace(/\?\./g, '.').replace(/\s+/g, '');

  const isZeroizerCallee = (callee: TSESTree.Node): boolean => {
    const name = calleeName(callee);
    if (name && builtinZeroizers.has(name)) return true;
    if (env.zeroizers.size === 0) return false;
    const text = calleeText(callee);
    if (env.zeroizers.has(text)) return true;
    const last = calleeName(callee);
    return !!last && env.zeroizers.has(last) && ![...env.zeroizers].some((z) => z.includes('.') && z.endsWith(`.${last}`) && z !== text);
  };

  /** `k.fill(0)`, `zeroize(k)`, `k?.fill(0)`, `k && k.fill(0)`, or a same-file helper that zeroizes its parameter. */
  const isZeroizeExpr = (expr: TSESTree.Node, isHandle: (e: TSESTree.Node) => boolean, depth: number, kind: ByteKind = 'bytes', holder?: HolderTest): boolean => {
    const e = unwrapExpr(expr);
    if (e.type === 'LogicalExpression' && e.operator === '&&') return isZeroizeExpr(e.right, isHandle, depth, kind, holder);
    if (e.type === 'UnaryExpression' && e.operator === 'void') return isZeroizeExpr(e.argument, isHandle, depth, kind, holder);
    if (e.type === 'AwaitExpression') return isZeroizeExpr(e.argument, isHandle, depth, kind, holder);
    if (e.type !== 'CallExpression') return false;
    const callee = unwrapExpr(e.callee);
    if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'fill' && isZeroLiteral(e.arguments[0]) && isHandle(callee.object)) {
      return true;
    }
    // scrub(dk), where scrub wipes dk.Plaintext (itself or through a helper of its own).
    const holderIndex = holder ? e.arguments.findIndex((a) => holder.isHolder(a)) : -1;
    if (holderIndex >= 0 && localFunctionEffect(e.callee, holderIndex, depth, kind, holder!.field) === 'zeroize') return true;
    const argIndex = e.arguments.findIndex((a) => a.type !== 'SpreadElement' && isHandle(a));
    if (argIndex < 0) return false;
    if (isZeroizerCallee(e.callee)) return true;
    return localFunctionEffect(e.callee, argIndex, depth, kind) === 'zeroize';
  };

  /**
   * Does a type test hold for the key (true), fail for it (false), or say nothing we know (null)? The key is a byte
   * array of `kind`: `Buffer.isBuffer(k)` holds for a Buffer and fails for a plain Uint8Array, `k instanceof
   * Uint8Array` and `ArrayBuffer.isView(k)` hold for both, `typeof k === 'string'` and `Array.isArray(k)` fail.
   */
  const guardVerdict = (test: TSESTree.Node, isHandle: HandleTest, kind: ByteKind): boolean | null => {
    const t = unwrapExpr(test);
    if (t.type === 'UnaryExpression' && t.operator === '!') {
      const inner = guardVerdict(t.argument, isHandle, kind);
      return inner === null ? null : !inner;
    }
    if (t.type === 'LogicalExpression' && (t.operator === '&&' || t.operator === '||')) {
      const left = guardVerdict(t.left, isHandle, kind);
      const right = guardVerdict(t.right, isHandle, kind);
      if (t.operator === '&&') return left === false || right === false ? false : left === true && right === true ? true : null;
      return left === true || right === true ? true : left === false && right === false ? false : null;
    }
    if (t.type === 'CallExpression' && t.arguments.length === 1 && isHandle(t.arguments[0]) && t.callee.type === 'MemberExpression') {
      const owner = unwrapExpr(t.callee.object);
      const method = staticPropertyName(t.callee);
      if (owner.type !== 'Identifier') return null;
      if (owner.name === 'Buffer' && method === 'isBuffer') return kind === 'buffer';
      if (owner.name === 'ArrayBuffer' && method === 'isView') return true;
      if (owner.name === 'Array' && method === 'isArray') return false;
      return null;
    }
    if (t.type === 'BinaryExpression' && t.operator === 'instanceof' && isHandle(t.left) && t.right.type === 'Identifier') {
      const cls = t.right.name;
      if (cls === 'Uint8Array') return true;
      if (cls === 'Buffer') return kind === 'buffer';
      if (cls === 'ArrayBuffer' || cls === 'String' || cls === 'Array' || cls === 'DataView') return false;
      return null;
    }
    if (t.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(t.operator)) {
      const typeOf = [t.left, t.right].find((s) => s.type === 'UnaryExpression' && s.operator === 'typeof' && isHandle(s.argument));
      const other = typeOf === t.left ? t.right : t.left;
      if (!typeOf || other.type !== 'Literal' || typeof other.value !== 'string') return null;
      const holds = other.value === 'object';
      return t.operator.startsWith('!') ? !holds : holds;
    }
    return null;
  };

  /** The loop variable of `for (let i = 0; i < k.length; i++)` when the loop runs over every byte of the key. */
  const isZeroLoop = (statement: TSESTree.Node, isHandle: HandleTest): boolean => {
    if (statement.type !== 'ForStatement' || !statement.init || !statement.test || !statement.update) return false;
    let index: string | null = null;
    const init = statement.init;
    if (init.type === 'VariableDeclaration' && init.declarations.length === 1) {
      const d = init.declarations[0];
      if (d.id.type === 'Identifier' && isZeroLiteral(d.init ?? undefined)) index = d.id.name;
    } else if (init.type === 'AssignmentExpression' && init.left.type === 'Identifier' && isZeroLiteral(init.right)) {
      index = init.left.name;
    }
    if (!index) return false;
    const test = statement.test;
    const isIndex = (n: TSESTree.Node): boolean => n.type === 'Identifier' && n.name === index;
    const lengthOfHandle = (n: TSESTree.Node): boolean =>
      n.type === 'MemberExpression' && ['length', 'byteLength'].includes(staticPropertyName(n) ?? '') && isHandle(n.object);
    if (test.type !== 'BinaryExpression' || test.operator !== '<' || !isIndex(test.left) || !lengthOfHandle(test.right)) return false;
    const update = statement.update;
    const steps =
      (update.type === 'UpdateExpression' && update.operator === '++' && isIndex(update.argument)) ||
      (update.type === 'AssignmentExpression' && update.operator === '+=' && isIndex(update.left) && update.right.type === 'Literal' && update.right.value === 1);
    if (!steps) return false;
    let body: TSESTree.Node = statement.body;
    if (body.type === 'BlockStatement') {
      if (body.body.length !== 1) return false;
      body = body.body[0];
    }
    if (body.type !== 'ExpressionStatement') return false;
    const write = body.expression;
    return (
      write.type === 'AssignmentExpression' &&
      write.operator === '=' &&
      isZeroLiteral(write.right) &&
      write.left.type === 'MemberExpression' &&
      write.left.computed &&
      isIndex(write.left.property) &&
      isHandle(write.left.object)
    );
  };

  const isPresenceTest = (test: TSESTree.Node, isHandle: (e: TSESTree.Node) => boolean): boolean => {
    const t = unwrapExpr(test);
    if (isHandle(t)) return true;
    if (t.type === 'BinaryExpression' && (t.operator === '!==' || t.operator === '!=')) {
      const other = isHandle(t.left) ? t.right : isHandle(t.right) ? t.left : null;
      return !!other && ((other.type === 'Literal' && other.value === null) || (other.type === 'Identifier' && other.name === 'undefined'));
    }
    if (t.type === 'LogicalExpression' && t.operator === '&&') return isPresenceTest(t.left, isHandle) || isPresenceTest(t.right, isHandle);
    return false;
  };

  /** Does this statement list overwrite the key on every path through it (used for `finally` blocks)? */
  const mustZeroize = (statements: readonly TSESTree.Node[], isHandle: (e: TSESTree.Node) => boolean, depth = 0, kind: ByteKind = 'bytes', holder?: HolderTest): boolean => {
    for (const statement of statements) {
      if (statement.type === 'ExpressionStatement' && isZeroizeExpr(statement.expression, isHandle, depth, kind, holder)) return true;
      if (statement.type === 'BlockStatement' && mustZeroize(statement.body, isHandle, depth, kind, holder)) return true;
      if (isZeroLoop(statement, isHandle)) return true;
      if (statement.type === 'IfStatement') {
        // A type guard decides which branch a byte array takes: only that branch has to zeroize.
        const verdict = guardVerdict(statement.test, isHandle, kind);
        if (verdict === true && mustZeroize([statement.consequent], isHandle, depth, kind, holder)) return true;
        if (verdict === false && statement.alternate && mustZeroize([statement.alternate], isHandle, depth, kind, holder)) return true;
        if (verdict !== null) continue;
        const consequent = mustZeroize([statement.consequent], isHandle, depth, kind, holder);
        const alternate = statement.alternate ? mustZeroize([statement.alternate], isHandle, depth, kind, holder) : false;
        if (consequent && (alternate || isPresenceTest(statement.test, isHandle))) return true;
      }
      if (statement.type === 'TryStatement' && statement.finalizer && mustZeroize(statement.finalizer.body, isHandle, depth, kind, holder)) return true;
      if (
        statement.type === 'ReturnStatement' ||
        statement.type === 'ThrowStatement' ||
        statement.type === 'BreakStatement' ||
        statement.type === 'ContinueStatement'
      ) {
        return false;
      }
    }
    return false;
  };

  /**
   * What a function declared in this file does with its parameter `index`: keeps it, zeroizes it, or only uses it.
   * With `field`, the parameter is the response that holds the key there, and zeroizing means wiping `param.<field>`
   * (or a `const` that reads it). Helpers that hand the value on to helpers of their own are followed to a depth of
   * three; a helper already being asked about (recursion) answers 'use' meanwhile.
   */
  function localFunctionEffect(callee: TSESTree.Node, index: number, depth: number, kind: ByteKind = 'bytes', field?: string): Effect {
    const c = unwrapExpr(callee);
    if (depth > 3) return 'use';
    let fn: TSESTree.Node | null | undefined = null;
    if (c.type === 'MemberExpression') {
      // this.wipeKey(k): a method of the class the call is in.
      fn = ownMethodOf(c);
    } else if (c.type === 'Identifier') {
      const variable = variableOf(env.context, c);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || !def) return 'use';
      if (def.type === 'FunctionName') fn = def.node;
      else if (def.type === 'Variable' && def.parent.kind === 'const') fn = def.node.init;
    }
    if (!isFunctionNode(fn)) return 'use';
    const cacheKey = `${fn.range[0]}:${index}:${kind}:${field ?? ''}`;
    const cached = localFnCache.get(cacheKey);
    if (cached) return cached;
    localFnCache.set(cacheKey, 'use');
    const param = fn.params[index];
    if (param?.type !== 'Identifier') return 'use';
    const paramVar = variableOf(env.context, param);
    if (!paramVar) return 'use';
    const isParam = (e: TSESTree.Node): boolean => {
      const u = unwrapExpr(e);
      return u.type === 'Identifier' && variableOf(env.context, u) === paramVar;
    };
    const effect = field === undefined ? bytesParamEffect(fn, paramVar, isParam, depth, kind) : holderParamEffect(fn, paramVar, isParam, field, depth, kind);
    localFnCache.set(cacheKey, effect);
    return effect;
  }

  /** The parameter is the key's bytes: `function wipe(b) { b.fill(0) }`, `const wipe = (b) => b.fill(0)`. */
  function bytesParamEffect(fn: FunctionNode, paramVar: Var, isParam: HandleTest, depth: number, kind: ByteKind): Effect {
    for (const ref of paramVar.references) {
      if (ref.init) continue;
      if (positionEscapes(ref.identifier as TSESTree.Node, fn, depth + 1)) return 'escape';
    }
    return wipesOnEveryPath(fn, isParam, depth, kind) ? 'zeroize' : 'use';
  }

  /**
   * The parameter holds the response: `function scrub(dk) { dk.Plaintext.fill(0) }`, `const { Plaintext } = dk;
   * Plaintext.fill(0)`, or `finish(dk)` handing it to a helper that does. It escapes when the helper returns or stores
   * the field (or an alias of it).
   */
  function holderParamEffect(fn: FunctionNode, paramVar: Var, isParam: HandleTest, field: string, depth: number, kind: ByteKind): Effect {
    const fieldVars = new Set<Var>();
    const escapes = (node: TSESTree.Node): boolean => positionEscapes(node, fn, depth + 1);
    for (const ref of paramVar.references) {
      if (ref.init) continue;
      const id = ref.identifier as TSESTree.Node;
      const alias = fieldAliasOf(id, field);
      if (alias) {
        fieldVars.add(alias);
        if (alias.references.some((r) => !r.init && escapes(r.identifier as TSESTree.Node))) return 'escape';
        continue;
      }
      // return dk.Plaintext keeps the key. (The whole response kept is the caller's to see: its bytes-parameter
      // question about this helper answers 'escape'.)
      const parent = id.parent;
      if (parent?.type === 'MemberExpression' && parent.object === id && staticPropertyName(parent) === field && escapes(parent)) return 'escape';
    }
    const isFieldBytes = (e: TSESTree.Node): boolean => {
      const u = unwrapExpr(e);
      if (u.type === 'Identifier') {
        const v = variableOf(env.context, u);
        return !!v && fieldVars.has(v);
      }
      return u.type === 'MemberExpression' && staticPropertyName(u) === field && isParam(u.object);
    };
    return wipesOnEveryPath(fn, isFieldBytes, depth, kind, { isHolder: isParam, field }) ? 'zeroize' : 'use';
  }

  function wipesOnEveryPath(fn: FunctionNode, isHandle: HandleTest, depth: number, kind: ByteKind, holder?: HolderTest): boolean {
    return fn.body.type === 'BlockStatement' ? mustZeroize(fn.body.body, isHandle, depth + 1, kind, holder) : isZeroizeExpr(fn.body, isHandle, depth + 1, kind, holder);
  }

  /** `const { Plaintext } = dk` or `const key = dk.Plaintext`, where `id` is `dk`: the variable that holds the field. */
  function fieldAliasOf(id: TSESTree.Node, field: string): Var | null {
    const parent = id.parent;
    if (parent?.type === 'VariableDeclarator' && parent.init === id && parent.id.type === 'ObjectPattern') {
      for (const prop of parent.id.properties) {
        if (prop.type !== 'Property' || staticPropertyName(prop) !== field) continue;
        const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
        if (value.type === 'Identifier') return variableOf(env.context, value);
      }
      return null;
    }
    if (parent?.type === 'MemberExpression' && parent.object === id && staticPropertyName(parent) === field) {
      const decl = parent.parent;
      if (decl?.type === 'VariableDeclarator' && decl.init === parent && decl.id.type === 'Identifier') return variableOf(env.context, decl.id);
    }
    return null;
  }

  /**
   * `this.name` or `this.#name` inside a class's method (arrows included): that class's one instance member of that
   * name, a method or a field (`wipe = (b) => b.fill(0)`); the caller checks that it is a function with a body.
   */
  function ownMethodOf(member: TSESTree.MemberExpression): TSESTree.Node | null {
    const property = member.property;
    if (member.object.type !== 'ThisExpression' || member.computed) return null;
    let n: TSESTree.Node | undefined = member.parent;
    while (n && (n.type === 'ArrowFunctionExpression' || !isFunctionNode(n))) {
      if (n.type === 'ClassBody' || n.type === 'Program') return null;
      n = n.parent;
    }
    const method = n?.parent;
    if (method?.type !== 'MethodDefinition') return null;
    const named = (key: TSESTree.Node): boolean =>
      (key.type === 'Identifier' || key.type === 'PrivateIdentifier') && key.type === property.type && key.name === property.name;
    const candidates = method.parent.body.filter(
      (m): m is TSESTree.MethodDefinition | TSESTree.PropertyDefinition =>
        ((m.type === 'MethodDefinition' && m.kind === 'method') || m.type === 'PropertyDefinition') && !m.static && !m.computed && named(m.key),
    );
    return candidates.length === 1 ? candidates[0].value : null;
  }

  /** Is this reference in a position that hands the value out of `root` (returned, stored, passed to a keeper)? */
  function positionEscapes(ref: TSESTree.Node, root: TSESTree.Node, depth: number): boolean {
    let e: TSESTree.Node = ref;
    for (let guard = 0; guard < 20; guard++) {
      const p: TSESTree.Node | undefined = e.parent;
      if (!p) return false;
      switch (p.type) {
        case 'TSNonNullExpression':
        case 'TSAsExpression':
        case 'TSSatisfiesExpression':
        case 'ChainExpression':
        case 'ArrayExpression':
        case 'Property':
        case 'ObjectExpression':
        case 'SpreadElement':
        case 'AwaitExpression':
          e = p;
          continue;
        case 'ConditionalExpression':
          if (p.test === e) return false;
          e = p;
          continue;
        case 'LogicalExpression':
          e = p;
          continue;
        case 'ReturnStatement':
        case 'YieldExpression':
          return frameRootOf(p) === root;
        case 'ArrowFunctionExpression':
          return p.body === e && p === root;
        case 'AssignmentExpression': {
          if (p.right !== e) return false;
          if (p.left.type !== 'Identifier') return true;
          const v = variableOf(env.context, p.left);
          return !v || !isDeclaredIn(v, root);
        }
        case 'CallExpression': {
          if (p.callee === e) return false;
          const name = calleeName(p.callee);
          if ((name && (storingMethods.has(name) || continuationNames.has(name))) || resolvesPromise(env.context, p.callee)) return true;
          const index = p.arguments.indexOf(e as TSESTree.CallExpressionArgument);
          return index >= 0 && localFunctionEffect(p.callee, index, depth) === 'escape';
        }
        case 'NewExpression': {
          const name = calleeName(p.callee);
          return !name || !byteArrayClasses.has(name);
        }
        case 'ExportDefaultDeclaration':
        case 'ExportSpecifier':
          return true;
        default:
          return false;
      }
    }
    return false;
  }

  /** Is the variable local to `root`'s own frame (not an outer or module variable seen from a function)? */
  function isDeclaredIn(variable: Var, root: TSESTree.Node): boolean {
    const name = variable.defs[0]?.name as TSESTree.Node | undefined;
    return !!name && frameRootOf(name) === root;
  }

  const exportedVariable = (variable: Var): boolean => {
    const decl = variable.defs[0]?.parent;
    return decl?.parent?.type === 'ExportNamedDeclaration';
  };

  return { guardVerdict, isZeroizerCallee, isZeroizeExpr, isPresenceTest, mustZeroize, isZeroLoop, localFunctionEffect, positionEscapes, isDeclaredIn, exportedVariable };
}
