// Ownership hand-off inside a file: a function that acquires a data key and returns it (directly, in an object or
// array, as the whole response, through `new Promise((resolve) => … resolve(data))`, or to a v2-style callback
// `done(null, key)`) hands the responsibility to its callers. When those callers are in this file, the key is
// followed into them, so that it is reported once, where the last function that holds it drops it.
import type { TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, variableOf } from '../bindings.js';
import { frameRootOf } from '../flow.js';
import { isFunctionNode, unwrapTs, type FunctionNode } from '../ast.js';
import { continuationNames, isByteHandle, newKey, type Context, type Key, type Var } from './model.js';

/** A step from a handed-over value to the key's bytes: a property name or an array index. */
type Step = string | number;

/** How far keys are followed up the call chain (helper → caller → its caller). */
const MAX_HOPS = 3;
/** Nodes visited looking for a function's own `return`s and calls; larger functions are not followed. */
const MAX_WALK = 4000;

interface HandOff {
  /** The function whose callers receive the key. */
  from: FunctionNode;
  /** Where the bytes sit in what the callers receive. */
  path: Step[];
  /** Returned (callers await the call's value) or passed to parameter `param`'s callback. */
  channel: { kind: 'return' } | { kind: 'callback'; param: number; arg: number };
}

/** Keys that `keys` hand to callers in this file, followed up to MAX_HOPS calls away. */
export function followHandOffs(context: Context, keys: readonly Key[]): Key[] {
  const found: Key[] = [];
  let frontier = [...keys];
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const next: Key[] = [];
    for (const key of frontier) {
      for (const handOff of handOffsOf(context, key)) next.push(...receiversOf(context, key, handOff));
    }
    found.push(...next);
    frontier = next;
  }
  return found;
}

/** The function's own nodes (not those of nested functions), in source order. */
function ownNodes(fn: FunctionNode, visit: (node: TSESTree.Node) => void): void {
  let budget = MAX_WALK;
  const walk = (node: TSESTree.Node): void => {
    if (budget-- <= 0) return;
    visit(node);
    for (const [name, value] of Object.entries(node)) {
      if (name === 'parent') continue;
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (!child || typeof (child as TSESTree.Node).type !== 'string') continue;
        if (isFunctionNode(child as TSESTree.Node)) {
          visit(child as TSESTree.Node);
          continue;
        }
        walk(child as TSESTree.Node);
      }
    }
  };
  walk(fn.body);
}

/** Where the key's bytes are inside `expr`: [] for the bytes themselves, ['Plaintext'] for a response, … */
function pathOf(context: Context, key: Key, expr: TSESTree.Node, depth = 0): Step[] | null {
  if (depth > 4) return null;
  const e = unwrapTs(expr.type === 'AwaitExpression' ? expr.argument : expr);
  // return { key: Buffer.from(Plaintext) }: the copy's own expression.
  if (isByteHandle(context, e, key) || (key.copyOf && e === key.reportNode)) return [];
  if (e.type === 'Identifier') {
    const variable = variableOf(context, e);
    if (!variable) return null;
    if (key.holderVars.has(variable)) return [key.field];
    if (aliasesBytes(context, key, variable)) return [];
    // const pair = { key: Plaintext, wrapped }; … return pair. Also `const dataKey = Plaintext; … return dataKey`:
    // keys are followed before their aliases are tracked, so the alias is read off its initialiser too.
    const def = variable.defs[0];
    if (def?.type === 'Variable' && def.parent.kind === 'const' && def.node.id.type === 'Identifier' && def.node.init) {
      return pathOf(context, key, def.node.init, depth + 1);
    }
    return null;
  }
  if (e.type === 'ObjectExpression') {
    for (const prop of e.properties) {
      // A computed name is followed when it is a constant; a getter's or method's value is a function, never the key.
      if (prop.type !== 'Property') continue;
      const name = staticPropertyName(prop);
      if (name === null) continue;
      const inner = pathOf(context, key, prop.value, depth + 1);
      if (inner && inner.length < 2) return [name, ...inner];
    }
    return null;
  }
  if (e.type === 'ArrayExpression') {
    for (let i = 0; i < e.elements.length; i++) {
      const element = e.elements[i];
      // Stryker disable next-line StringLiteral: a spread element's path is null either way (no copy is reported at a spread element; a spread copy is its array)
      if (!element || element.type === 'SpreadElement') continue;
      const inner = pathOf(context, key, element, depth + 1);
      if (inner && inner.length < 2) return [i, ...inner];
    }
  }
  return null;
}

/** `const { Plaintext } = data` or `const key = data.Plaintext`, where `data` holds the response: the same bytes. */
function aliasesBytes(context: Context, key: Key, variable: Var): boolean {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || !def.node.init) return false;
  const init = unwrapTs(def.node.init);
  const holds = (n: TSESTree.Node): boolean => {
    const u = unwrapTs(n);
    const v = u.type === 'Identifier' ? variableOf(context, u) : null;
    return !!v && key.holderVars.has(v);
  };
  if (def.node.id.type === 'ObjectPattern') {
    if (!holds(init)) return false;
    return def.node.id.properties.some((p) => {
      if (p.type !== 'Property' || staticPropertyName(p) !== key.field) return false;
      const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      return value.type === 'Identifier' && value.name === variable.name;
    });
  }
  return init.type === 'MemberExpression' && staticPropertyName(init) === key.field && holds(init.object);
}

/** How the key leaves its function towards callers: by `return`, by a promise's `resolve`, or to a callback parameter. */
function handOffsOf(context: Context, key: Key): HandOff[] {
  const root = key.root;
  if (!isFunctionNode(root)) return [];
  const out: HandOff[] = [];
  // (A key is never held by an arrow whose body is an expression and which has callers by name: callbacks of SDK
  // calls and .then handlers are passed inline, so only `return` statements are looked for.)
  ownNodes(root, (node) => {
    if (node.type === 'ReturnStatement' && node.argument) {
      const path = pathOf(context, key, node.argument);
      // Stryker disable next-line StringLiteral: receiversOf tells the channels apart by 'callback' only
      if (path) out.push({ from: root, path, channel: { kind: 'return' } });
      return;
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return;
    const callee = variableOf(context, node.callee);
    const def = callee?.defs.length === 1 ? callee.defs[0] : undefined;
    if (def?.type !== 'Parameter' || !isFunctionNode(def.node)) return;
    const owner = def.node;
    const paramIndex = owner.params.findIndex((p) => p.type === 'Identifier' && p.name === callee!.name);
    if (paramIndex < 0) return;
    const promiseFrom = paramIndex === 0 ? promiseReturner(owner) : null;
    if (promiseFrom) {
      // new Promise((resolve) => kms.generateDataKey(p, (err, data) => resolve(data))), returned by `promiseFrom`
      const path = node.arguments[0] ? pathOf(context, key, node.arguments[0]) : null;
      // Stryker disable next-line StringLiteral: receiversOf tells the channels apart by 'callback' only
      if (path) out.push({ from: promiseFrom, path, channel: { kind: 'return' } });
      return;
    }
    // done(null, data.Plaintext): the callback a caller passed in; only the names that mean "continuation".
    if (!continuationNames.has(node.callee.name)) return;
    node.arguments.forEach((arg, index) => {
      // Stryker disable next-line StringLiteral: a spread element's path is null either way (no copy is reported at a spread element; a spread copy is its array)
      const path = arg.type === 'SpreadElement' ? null : pathOf(context, key, arg);
      if (path) out.push({ from: owner, path, channel: { kind: 'callback', param: paramIndex, arg: index } });
    });
  });
  return out;
}

/** The function that returns `new Promise(executor)`, when `executor` is that promise's executor. */
function promiseReturner(executor: FunctionNode): FunctionNode | null {
  const created = executor.parent;
  // Stryker disable next-line OptionalChaining: a function node always has a parent
  if (created?.type !== 'NewExpression' || created.arguments[0] !== executor) return null;
  if (created.callee.type !== 'Identifier' || created.callee.name !== 'Promise') return null;
  const parent = created.parent;
  // Stryker disable next-line OptionalChaining: a `new` expression always has a parent
  if (parent?.type === 'ReturnStatement') {
    const fn = frameRootOf(parent);
    return isFunctionNode(fn) ? fn : null;
  }
  // Stryker disable next-line OptionalChaining: a `new` expression always has a parent
  if (parent?.type === 'ArrowFunctionExpression' && parent.body === created) return parent;
  return null;
}

/** The calls of `fn` in this file and the name they call it by: a declaration's or a `const`'s, or `this.method()` inside its class. */
function callsOf(context: Context, fn: FunctionNode): { name: string; calls: TSESTree.CallExpression[] } {
  const calls: TSESTree.CallExpression[] = [];
  let name: TSESTree.Identifier | null = null;
  if (fn.type === 'FunctionDeclaration') name = fn.id;
  // Stryker disable next-line OptionalChaining: a function node always has a parent
  else if (fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier' && fn.parent.parent.kind === 'const') name = fn.parent.id;
  if (name) {
    // Stryker disable next-line OptionalChaining,ArrayDeclaration: the name is the function's own binding, which always resolves
    for (const ref of variableOf(context, name)?.references ?? []) {
      const id = ref.identifier as TSESTree.Node;
      // Stryker disable next-line OptionalChaining: a reference's identifier always has a parent
      if (id.parent?.type === 'CallExpression' && id.parent.callee === id) calls.push(id.parent);
    }
    return { name: name.name, calls };
  }
  const method = fn.parent;
  // Stryker disable next-line OptionalChaining: a function node always has a parent
  if (method?.type !== 'MethodDefinition' || method.computed || method.key.type !== 'Identifier' || method.kind !== 'method') return { name: '', calls };
  const methodName = method.key.name;
  ownClassNodes(method.parent, method.static, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
    const callee = node.callee;
    if (callee.object.type === 'ThisExpression' && !callee.computed && staticPropertyName(callee) === methodName) calls.push(node);
  });
  return { name: methodName, calls };
}

/**
 * Nodes of a class body where `this` is what it is in an instance method (the instance) or, for `isStatic`, in a
 * static one (the class): those members and the arrows inside them, not nested classes or functions.
 */
function ownClassNodes(body: TSESTree.ClassBody, isStatic: boolean, visit: (node: TSESTree.Node) => void): void {
  let budget = MAX_WALK * 4;
  const walk = (node: TSESTree.Node): void => {
    if (budget-- <= 0) return;
    visit(node);
    for (const [name, value] of Object.entries(node)) {
      if (name === 'parent') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (!child || typeof (child as TSESTree.Node).type !== 'string') continue;
        const c = child as TSESTree.Node;
        if (c.type === 'ClassBody' || c.type === 'FunctionDeclaration') continue;
        // A member on the other side (static blocks, fields and methods, or instance ones) has another `this`.
        if (c.parent === body && (c.type === 'StaticBlock' || ('static' in c && c.static)) !== isStatic) continue;
        // Stryker disable next-line OptionalChaining: a child node always has its parent
        if (c.type === 'FunctionExpression' && c.parent?.type !== 'MethodDefinition') continue;
        walk(c);
      }
    }
  };
  walk(body);
}

/** The keys the callers of `handOff.from` receive. */
function receiversOf(context: Context, key: Key, handOff: HandOff): Key[] {
  const out: Key[] = [];
  const { name: fromName, calls } = callsOf(context, handOff.from);
  const make = (holder: TSESTree.Identifier, path: Step[], acquire: TSESTree.Node, at: 'enter' | 'exit', root: TSESTree.Node): Key | null => {
    if (path.length > 1 || typeof path[0] === 'number') return null;
    const variable = variableOf(context, holder);
    if (!variable) return null;
    const field = path.length === 0 ? key.field : (path[0] as string);
    const received = newKey(key.spec, field, null, holder, { node: acquire, at, kind: 'acquire' }, root);
    received.buffer = key.buffer;
    received.via = { field: key.via?.field ?? key.field, from: fromName };
    if (path.length === 0) {
      received.byteVars.add(variable);
      received.keyText = holder.name;
    } else {
      received.holderVars.add(variable);
      received.keyText = `${holder.name}.${field}`;
    }
    return received;
  };
  /** A binding pattern that receives the value at `path`: the identifier that ends up holding the key, or its holder. */
  const bind = (pattern: TSESTree.Node, path: Step[], acquire: TSESTree.Node, at: 'enter' | 'exit', root: TSESTree.Node): void => {
    if (pattern.type === 'Identifier') {
      const k = make(pattern, path, acquire, at, root);
      if (k) out.push(k);
      return;
    }
    if (path.length === 0) return;
    const [step, ...rest] = path;
    if (pattern.type === 'ObjectPattern' && typeof step === 'string') {
      for (const prop of pattern.properties) {
        if (prop.type !== 'Property' || staticPropertyName(prop) !== step) continue;
        const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
        bind(value, rest, acquire, at, root);
      }
    } else if (pattern.type === 'ArrayPattern' && typeof step === 'number') {
      const element = pattern.elements[step];
      if (element) bind(element.type === 'AssignmentPattern' ? element.left : element, rest, acquire, at, root);
    }
  };

  for (const call of calls) {
    if (handOff.channel.kind === 'callback') {
      // makeKey(id, (err, key) => { … }): the callback's parameter holds the key from its first step.
      const callback = call.arguments[handOff.channel.param];
      if (!callback || (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression')) continue;
      const param = callback.params[handOff.channel.arg];
      if (!param) continue;
      const before = out.length;
      // Stryker disable next-line StringLiteral: a callback's key is live from its first step whatever the timing (leak.ts); only 'exit' is ever tested
      bind(param, handOff.path, callback, 'enter', callback);
      const first = callback.params[0];
      // Stryker disable next-line OptionalChaining: params[arg] exists for arg > 0, so params[0] does
      if (handOff.channel.arg > 0 && first?.type === 'Identifier') for (const k of out.slice(before)) k.errorVar = variableOf(context, first);
      continue;
    }
    let result: TSESTree.Node = call;
    // Stryker disable next-line OptionalChaining: a call and the casts around it always have a parent
    while (result.parent?.type === 'TSAsExpression' || result.parent?.type === 'TSNonNullExpression') result = result.parent;
    // The helper is async or returns a promise (a key is only ever acquired by awaiting, or in a callback): its value
    // is the key once awaited; `.then` chains are not followed.
    // Stryker disable next-line OptionalChaining: a call and the casts around it always have a parent
    if (result.parent?.type !== 'AwaitExpression') continue;
    result = result.parent;
    const parent = result.parent;
    // Stryker disable next-line OptionalChaining: an await expression always has a parent
    if (parent?.type === 'VariableDeclarator') {
      bind(parent.id, handOff.path, parent, 'exit', frameRootOf(parent));
    // Stryker disable next-line OptionalChaining: an await expression always has a parent
    } else if (parent?.type === 'AssignmentExpression' && parent.operator === '=' && parent.left.type === 'Identifier') {
      const variable = variableOf(context, parent.left);
      // Only a local of the caller: an outer variable keeps the key past the call (the module's to manage).
      const declaredHere = variable?.defs[0] && frameRootOf(variable.defs[0].name as TSESTree.Node) === frameRootOf(parent);
      if (declaredHere) bind(parent.left, handOff.path, parent, 'exit', frameRootOf(parent));
    }
  }
  return out;
}
