// What code does to a key, read off syntax: is this expression a zeroization (`.fill(0)`, a zeroizer, a same-file
// helper that wipes its parameter), does this statement list zeroize on every path (a `finally`), and does this
// position hand the value out of its function (returned, stored, passed to a keeper)?
import type { TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, variableOf } from '../bindings.js';
import { frameRootOf } from '../flow.js';
import { isFunctionNode, unwrapTs as unwrapExpr } from '../ast.js';
import { byteArrayClasses, calleeName, continuationNames, isZeroLiteral, storingMethods, type DataKeyEnv, type Var } from './model.js';

export type Effect = 'escape' | 'zeroize' | 'use';
export type HandleTest = (e: TSESTree.Node) => boolean;

export interface Effects {
  /** A callee the `zeroizers` option names. */
  isZeroizerCallee(callee: TSESTree.Node): boolean;
  /** `k.fill(0)`, `zeroize(k)`, `k?.fill(0)`, `k && k.fill(0)`, or a same-file helper that zeroizes its parameter. */
  isZeroizeExpr(expr: TSESTree.Node, isHandle: HandleTest, depth: number): boolean;
  /** `if (k)`, `if (k != null)`: the branch runs only when there is a key. */
  isPresenceTest(test: TSESTree.Node, isHandle: HandleTest): boolean;
  /** Does this statement list overwrite the key on every path through it (used for `finally` blocks)? */
  mustZeroize(statements: readonly TSESTree.Node[], isHandle: HandleTest, depth?: number): boolean;
  /** What a function declared in this file does with its parameter `index`. */
  localFunctionEffect(callee: TSESTree.Node, index: number, depth: number): Effect;
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
    if (env.zeroizers.size === 0) return false;
    const text = calleeText(callee);
    if (env.zeroizers.has(text)) return true;
    const last = calleeName(callee);
    return !!last && env.zeroizers.has(last) && ![...env.zeroizers].some((z) => z.includes('.') && z.endsWith(`.${last}`) && z !== text);
  };

  /** `k.fill(0)`, `zeroize(k)`, `k?.fill(0)`, `k && k.fill(0)`, or a same-file helper that zeroizes its parameter. */
  const isZeroizeExpr = (expr: TSESTree.Node, isHandle: (e: TSESTree.Node) => boolean, depth: number): boolean => {
    const e = unwrapExpr(expr);
    if (e.type === 'LogicalExpression' && e.operator === '&&') return isZeroizeExpr(e.right, isHandle, depth);
    if (e.type === 'UnaryExpression' && e.operator === 'void') return isZeroizeExpr(e.argument, isHandle, depth);
    if (e.type === 'AwaitExpression') return isZeroizeExpr(e.argument, isHandle, depth);
    if (e.type !== 'CallExpression') return false;
    const callee = unwrapExpr(e.callee);
    if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'fill' && isZeroLiteral(e.arguments[0]) && isHandle(callee.object)) {
      return true;
    }
    const argIndex = e.arguments.findIndex((a) => a.type !== 'SpreadElement' && isHandle(a));
    if (argIndex < 0) return false;
    if (isZeroizerCallee(e.callee)) return true;
    return localFunctionEffect(e.callee, argIndex, depth) === 'zeroize';
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
  const mustZeroize = (statements: readonly TSESTree.Node[], isHandle: (e: TSESTree.Node) => boolean, depth = 0): boolean => {
    for (const statement of statements) {
      if (statement.type === 'ExpressionStatement' && isZeroizeExpr(statement.expression, isHandle, depth)) return true;
      if (statement.type === 'BlockStatement' && mustZeroize(statement.body, isHandle, depth)) return true;
      if (statement.type === 'IfStatement') {
        const consequent = mustZeroize([statement.consequent], isHandle, depth);
        const alternate = statement.alternate ? mustZeroize([statement.alternate], isHandle, depth) : false;
        if (consequent && (alternate || isPresenceTest(statement.test, isHandle))) return true;
      }
      if (statement.type === 'TryStatement' && statement.finalizer && mustZeroize(statement.finalizer.body, isHandle, depth)) return true;
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

  /** What a function declared in this file does with its parameter `index`: keeps it, zeroizes it, or only uses it. */
  function localFunctionEffect(callee: TSESTree.Node, index: number, depth: number): 'escape' | 'zeroize' | 'use' {
    const c = unwrapExpr(callee);
    if (c.type !== 'Identifier' || depth > 3) return 'use';
    const variable = variableOf(env.context, c);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || !def) return 'use';
    let fn: TSESTree.Node | null | undefined = null;
    if (def.type === 'FunctionName') fn = def.node;
    else if (def.type === 'Variable' && def.parent.kind === 'const') fn = def.node.init;
    if (!isFunctionNode(fn)) return 'use';
    const cacheKey = `${fn.range[0]}:${index}`;
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
    let effect: 'escape' | 'zeroize' | 'use' = 'use';
    for (const ref of paramVar.references) {
      if (ref.init) continue;
      if (positionEscapes(ref.identifier as TSESTree.Node, fn, depth + 1)) {
        effect = 'escape';
        break;
      }
    }
    if (effect === 'use' && fn.body.type === 'BlockStatement' && mustZeroize(fn.body.body, isParam, depth + 1)) effect = 'zeroize';
    localFnCache.set(cacheKey, effect);
    return effect;
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
          if (name && (storingMethods.has(name) || continuationNames.has(name))) return true;
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

  return { isZeroizerCallee, isZeroizeExpr, isPresenceTest, mustZeroize, localFunctionEffect, positionEscapes, isDeclaredIn, exportedVariable };
}
