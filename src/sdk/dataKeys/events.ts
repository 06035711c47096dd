// Tracking: every reference to a data key's bytes or to the response that holds them, classified as an event on the
// key (use, zeroize, escape, absent) at the node where it happens; copies become keys of their own, aliases and
// views join the key. The path analysis (leak.ts) then asks whether the key is overwritten on every path.
import type { TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, variableOf } from '../bindings.js';
import { frameRootOf, nestedFunctionIn } from '../flow.js';
import { typeAt } from '../typeInfo.js';
import { unwrapTs as unwrapExpr } from '../ast.js';
import type { Effects } from './effects.js';
import {
  assertionNames,
  byteArrayClasses,
  calleeName,
  continuationNames,
  isByteHandle,
  isZeroLiteral,
  keyMaterialArgs,
  newKey,
  resolvesPromise,
  storingMethods,
  type DataKeyEnv,
  type EventKind,
  type Key,
  type KeyEvent,
  type Timing,
  type Var,
} from './model.js';

/** Classify every reference of every key (and of the copies found on the way), in place. */
export function trackDataKeys(env: DataKeyEnv, effects: Effects, keys: readonly Key[]): void {
  const typeIsBuffer = (expr: TSESTree.Node, key: Key): boolean => {
    const typeInfo = env.typeInfo;
    if (typeInfo) {
      const type = typeAt(typeInfo, expr);
      if (type) {
        const nonNull = typeInfo.checker.getNonNullableType(type);
        const parts = nonNull.isUnion() ? nonNull.types : [nonNull];
        const names = parts.map((t) => (t.aliasSymbol ?? t.getSymbol())?.getName());
        if (names.length > 0 && names.every((n) => n === 'Buffer')) return true;
        if (names.length > 0 && names.every((n) => n === 'Uint8Array')) return false;
      }
    }
    return key.buffer;
  };

  const push = (key: Key, node: TSESTree.Node, kind: EventKind, at: Timing = 'enter'): void => {
    // A copy's own expression (`return { key: Buffer.from(p) }`) is handed on after it is made, not before.
    if (node === key.acquire.node && key.acquire.at === 'exit') at = 'exit';
    if (kind === 'zeroize') node = liftThroughGuards(node, key);
    // A reference inside a nested function happens where that function is created, as far as `key.root` knows.
    const nested = nestedFunctionIn(key.root, node);
    if (nested && nested !== node) {
      if (kind === 'zeroize' || kind === 'zeroizeAfterThrow') {
        const call = promiseCallbackCall(nested);
        if (call) {
          key.events.push({ node: call.node, at: 'exit', kind: call.settles ? 'zeroize' : 'zeroizeAfterThrow' });
          return;
        }
        kind = 'use';
      }
      if (kind === 'absent') return;
      // A closure handed straight to a call (`items.map(…)`, `setImmediate(…)`) runs around this point; one that is
      // declared, stored or exported keeps the key reachable after the function ends, like an assignment would.
      const passedToCall = (nested.parent?.type === 'CallExpression' || nested.parent?.type === 'NewExpression') && nested.parent.arguments.includes(nested as TSESTree.CallExpressionArgument);
      key.events.push({ node: nested, at: 'enter', kind: kind === 'escape' || !passedToCall ? 'escape' : 'use' });
      return;
    }
    key.events.push({ node, at, kind });
  };

  /** `.finally(fn)` (runs on both outcomes) or `.then(fn)` (success only), where fn is this nested function. */
  const promiseCallbackCall = (fn: TSESTree.Node): { node: TSESTree.CallExpression; settles: boolean } | null => {
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return null;
    const method = staticPropertyName(call.callee);
    if (method === 'finally' && call.arguments[0] === fn) return { node: call, settles: true };
    if (method === 'then' && call.arguments[0] === fn) return { node: call, settles: false };
    return null;
  };

  /**
   * Where a zeroization is complete: `k?.fill(0)` and `k && k.fill(0)` fork on a missing key, and the path where
   * it is missing has nothing to overwrite, so the event belongs after the fork joins.
   */
  const zeroizeSite = (call: TSESTree.Node): TSESTree.Node => {
    let n = call;
    while (
      n.parent &&
      (n.parent.type === 'ChainExpression' ||
        n.parent.type === 'TSNonNullExpression' ||
        (n.parent.type === 'LogicalExpression' && n.parent.operator === '&&' && n.parent.right === n))
    ) {
      n = n.parent;
    }
    return n;
  };

  /**
   * `if (k instanceof Uint8Array) k.fill(0);`: the branch that skips the fill cannot hold a byte array (or holds no
   * key, `if (k)`), so the whole `if` is the zeroization.
   */
  const liftThroughGuards = (site: TSESTree.Node, key: Key): TSESTree.Node => {
    const isHandle = (e: TSESTree.Node): boolean => isByteHandle(env.context, e, key);
    const kind = key.buffer ? 'buffer' : 'bytes';
    let n = site;
    for (let guard = 0; guard < 8; guard++) {
      // Stryker disable next-line OptionalChaining: n (a call, a loop or an `if` inside a function) always has a parent
      let statement: TSESTree.Node = n.parent?.type === 'ExpressionStatement' ? n.parent : n;
      let holder = statement.parent;
      // Stryker disable next-line OptionalChaining: a statement inside a function always has a parent
      if (holder?.type === 'BlockStatement' && holder.body.length === 1) {
        statement = holder;
        holder = holder.parent;
      }
      // Stryker disable next-line OptionalChaining: a statement inside a function always has a parent
      if (holder?.type !== 'IfStatement') break;
      const verdict = effects.guardVerdict(holder.test, isHandle, kind);
      const onlyBranch =
        (holder.consequent === statement && !holder.alternate && (verdict === true || effects.isPresenceTest(holder.test, isHandle))) ||
        (holder.alternate === statement && verdict === false);
      if (!onlyBranch) break;
      n = holder;
    }
    return n;
  };

  const addCopy = (parent: Key, node: TSESTree.Node, how: string, buffer: boolean, depth: number): void => {
    const root = frameRootOf(node);
    const acquire: KeyEvent = { node, at: 'exit', kind: 'acquire' };
    // A copy is a key of its own, acquired where it is made, that remembers its original.
    const copy: Key = { ...newKey(parent.spec, parent.field, null, node, acquire, root), buffer, copyOf: parent };
    copy.how = how;
    parent.copies.push(copy);
    parent.quiet.add(node);
    classifyBytes(node, copy, depth + 1);
    // const copy = Buffer.from(key): the suggestion zeroizes `copy`.
    const decl = unwrapParent(node);
    if (decl?.type === 'VariableDeclarator' && decl.id.type === 'Identifier') copy.keyText = decl.id.name;
  };

  const unwrapParent = (node: TSESTree.Node): TSESTree.Node | undefined => {
    let p = node.parent;
    while (p && (p.type === 'TSNonNullExpression' || p.type === 'TSAsExpression' || p.type === 'AwaitExpression')) p = p.parent;
    return p;
  };

  const addAlias = (key: Key, variable: Var | null, depth: number): void => {
    if (!variable || key.byteVars.has(variable)) return;
    key.byteVars.add(variable);
    for (const ref of variable.references) {
      if (ref.init) continue;
      if (ref.isWrite()) continue;
      classifyBytes(ref.identifier as TSESTree.Node, key, depth + 1);
    }
  };

  /** The loop around `k[i] = 0` when it writes a zero to every byte of this key. */
  const zeroLoopWriting = (member: TSESTree.MemberExpression, key: Key): TSESTree.Node | null => {
    const write = member.parent;
    // Stryker disable LogicalOperator,OptionalChaining: isZeroLoop below accepts only a loop whose one statement is
    // `handle[i] = 0`, so this member is that assignment's left whenever it matters; and every node here has a parent.
    if (write?.type !== 'AssignmentExpression' || write.left !== member) return null;
    let loop: TSESTree.Node | undefined = write.parent?.parent;
    if (loop?.type === 'BlockStatement') loop = loop.parent;
    // Stryker restore LogicalOperator,OptionalChaining
    return loop && effects.isZeroLoop(loop, (e) => isByteHandle(env.context, e, key)) ? loop : null;
  };

  /** Record what happens to the bytes `expr` evaluates to. */
  function classifyBytes(expr: TSESTree.Node, key: Key, depth: number): void {
    if (depth > 12) return;
    let e: TSESTree.Node = expr;
    for (let guard = 0; guard < 30; guard++) {
      const p: TSESTree.Node | undefined = e.parent;
      if (!p) return;
      switch (p.type) {
        case 'TSNonNullExpression':
        case 'TSAsExpression':
        case 'TSSatisfiesExpression':
        case 'TSTypeAssertion':
        case 'ChainExpression':
          e = p;
          continue;
        case 'ConditionalExpression':
          if (p.test === e) return;
          e = p;
          continue;
        case 'LogicalExpression':
          if (p.left === e && p.operator === '&&') return;
          e = p;
          continue;
        case 'UnaryExpression':
          return;
        case 'IfStatement':
        case 'WhileStatement':
        case 'DoWhileStatement':
        case 'ExpressionStatement':
          return;
        case 'BinaryExpression':
          if (p.operator === '+') key.strings.push(p);
          push(key, expr, 'use');
          return;
        case 'TemplateLiteral':
          key.strings.push(p);
          push(key, expr, 'use');
          return;
        case 'MemberExpression': {
          if (p.object !== e) {
            push(key, expr, 'use');
            return;
          }
          const name = staticPropertyName(p);
          if (name === 'length' || name === 'byteLength' || name === 'byteOffset') return;
          const zeroLoop = p.computed ? zeroLoopWriting(p, key) : null;
          if (zeroLoop) {
            // for (let i = 0; i < k.length; i++) k[i] = 0: the key is overwritten once the loop is done.
            push(key, zeroLoop, 'zeroize', 'exit');
            return;
          }
          let callee: TSESTree.Node = p;
          while (callee.parent?.type === 'ChainExpression' || callee.parent?.type === 'TSNonNullExpression') callee = callee.parent;
          const call = callee.parent?.type === 'CallExpression' && callee.parent.callee === callee ? callee.parent : null;
          if (name === 'buffer') {
            // Buffer.from(k.buffer, k.byteOffset, k.byteLength) and new Uint8Array(k.buffer, …) share k's memory.
            const outer = callee.parent;
            if (
              (outer?.type === 'CallExpression' || outer?.type === 'NewExpression') &&
              outer.arguments[0] === callee &&
              ['from', ...byteArrayClasses].includes(calleeName(outer.callee) ?? '')
            ) {
              push(key, expr, 'use');
              key.quiet.add(outer);
              classifyBytes(outer, key, depth + 1);
              return;
            }
            push(key, expr, 'use');
            return;
          }
          if (!call) {
            push(key, expr, 'use');
            return;
          }
          if (name === 'fill' && isZeroLiteral(call.arguments[0])) {
            push(key, zeroizeSite(call), 'zeroize', 'exit');
            return;
          }
          if (name === 'subarray' || (name === 'slice' && typeIsBuffer(e, key))) {
            // A view: zeroizing it zeroizes the key's memory, and the key's zeroization covers it.
            push(key, expr, 'use');
            key.quiet.add(call);
            classifyBytes(call, key, depth + 1);
            return;
          }
          if (name === 'slice') {
            push(key, expr, 'use');
            addCopy(key, call, '`Uint8Array.prototype.slice`', false, depth);
            return;
          }
          if (name === 'toString' || name === 'toJSON' || name === 'toLocaleString') {
            push(key, expr, 'use');
            key.strings.push(call);
            return;
          }
          push(key, expr, 'use');
          return;
        }
        case 'SpreadElement': {
          push(key, expr, 'use');
          if (p.parent?.type === 'ArrayExpression') addCopy(key, p.parent, 'spread', false, depth);
          return;
        }
        case 'CallExpression': {
          if (p.callee === e) {
            push(key, expr, 'use');
            return;
          }
          const index = p.arguments.indexOf(e as TSESTree.CallExpressionArgument);
          const name = calleeName(p.callee);
          const callee = unwrapExpr(p.callee);
          const objectName = callee.type === 'MemberExpression' ? calleeName(callee.object) : null;
          if (effects.isZeroizerCallee(p.callee)) {
            push(key, zeroizeSite(p), 'zeroize', 'exit');
            return;
          }
          if (index === 0 && name && assertionNames.has(name)) {
            // assert(key): it throws only when there is no key, so it neither uses the key nor leaves one behind.
            key.quiet.add(p);
            return;
          }
          if (name === 'from' && index === 0 && (objectName === 'Buffer' || objectName === 'Uint8Array' || objectName === 'Array')) {
            push(key, expr, 'use');
            addCopy(key, p, `\`${objectName}.from\``, objectName === 'Buffer', depth);
            return;
          }
          if ((name === 'String' && callee.type === 'Identifier') || name === 'decode' || name === 'btoa' || name === 'fromCharCode') {
            push(key, expr, 'use');
            key.strings.push(p);
            return;
          }
          if (name && keyMaterialArgs.get(name) === index) key.keyMaterial = true;
          if ((name && (storingMethods.has(name) || continuationNames.has(name))) || resolvesPromise(env.context, p.callee)) {
            push(key, expr, 'escape');
            return;
          }
          const effect = effects.localFunctionEffect(p.callee, index, depth, key.buffer ? 'buffer' : 'bytes');
          push(key, effect === 'zeroize' ? zeroizeSite(p) : expr, effect, effect === 'zeroize' ? 'exit' : 'enter');
          return;
        }
        case 'NewExpression': {
          const name = calleeName(p.callee);
          if (name && byteArrayClasses.has(name) && name !== 'DataView') {
            push(key, expr, 'use');
            addCopy(key, p, `\`new ${name}\``, name === 'Buffer', depth);
            return;
          }
          push(key, expr, name === 'DataView' ? 'use' : 'escape');
          return;
        }
        case 'ArrayExpression':
        case 'Property':
        case 'ObjectExpression': {
          // Inside a literal: Buffer.concat([key, …]) copies; a returned or stored object hands the key out.
          const container = p.type === 'Property' ? p.parent : p;
          if (p.type === 'Property' && p.value !== e) {
            push(key, expr, 'use');
            return;
          }
          const outer = container?.parent;
          if (container?.type === 'ArrayExpression' && outer?.type === 'CallExpression' && calleeName(outer.callee) === 'concat') {
            push(key, expr, 'use');
            addCopy(key, outer, '`Buffer.concat`', true, depth);
            return;
          }
          push(key, expr, container && containerEscapes(container, key.root, depth) ? 'escape' : 'use');
          return;
        }
        case 'ReturnStatement':
        case 'YieldExpression':
          push(key, expr, frameRootOf(p) === key.root ? 'escape' : 'use');
          return;
        case 'ArrowFunctionExpression':
          push(key, expr, p.body === e && p === key.root ? 'escape' : 'use');
          return;
        case 'AwaitExpression':
          e = p;
          continue;
        case 'VariableDeclarator': {
          if (p.init !== e) return;
          push(key, expr, 'use');
          if (p.id.type === 'Identifier') {
            const v = variableOf(env.context, p.id);
            if (v && effects.exportedVariable(v)) push(key, expr, 'escape');
            else addAlias(key, v, depth);
          }
          return;
        }
        case 'AssignmentExpression': {
          if (p.right !== e) return;
          if (p.left.type === 'Identifier') {
            const v = variableOf(env.context, p.left);
            if (v && effects.isDeclaredIn(v, key.root) && !effects.exportedVariable(v)) {
              push(key, expr, 'use');
              addAlias(key, v, depth);
              return;
            }
          }
          push(key, expr, 'escape');
          return;
        }
        case 'ExportSpecifier':
        case 'ExportDefaultDeclaration':
          push(key, expr, 'escape');
          return;
        case 'SequenceExpression':
          if (p.expressions[p.expressions.length - 1] !== e) return;
          e = p;
          continue;
        default:
          push(key, expr, 'use');
          return;
      }
    }
  }

  function containerEscapes(container: TSESTree.Node, root: TSESTree.Node, depth: number, nesting = 0): boolean {
    if (effects.positionEscapes(container, root, depth)) return true;
    // const result = { key, wrapped }; … return result (or const bundle = { result }; … return bundle)
    const parent = unwrapParent(container);
    if (parent?.type === 'VariableDeclarator' && parent.init && parent.id.type === 'Identifier') {
      const v = variableOf(env.context, parent.id);
      if (!v) return false;
      if (effects.exportedVariable(v)) return true;
      return v.references.some((r) => {
        if (r.init) return false;
        const id = r.identifier as TSESTree.Node;
        if (effects.positionEscapes(id, root, depth + 1)) return true;
        const outer = outermostLiteral(id);
        // The hand-off (handoff.ts) follows two named containers: so does this.
        return outer !== id && nesting < 1 && containerEscapes(outer, root, depth + 1, nesting + 1);
      });
    }
    return false;
  }

  /** The outermost object or array literal that holds `node` as a property value or an element (`node` itself when none). */
  function outermostLiteral(node: TSESTree.Node): TSESTree.Node {
    let n = node;
    for (;;) {
      const p = n.parent;
      if (p?.type === 'Property' && p.value === n && p.parent.type === 'ObjectExpression') n = p.parent;
      else if (p?.type === 'ArrayExpression') n = p;
      else return n;
    }
  }

  /** References to the whole response object (`dk`): `dk.Plaintext` is the key, `return dk` hands it out. */
  function classifyHolder(variable: Var, key: Key, depth: number): void {
    for (const ref of variable.references) {
      if (ref.init || ref.isWrite()) continue;
      const id = ref.identifier as TSESTree.Node;
      let e: TSESTree.Node = id;
      while (e.parent && (e.parent.type === 'TSNonNullExpression' || e.parent.type === 'TSAsExpression')) e = e.parent;
      const p = e.parent;
      // const pending = 'promise' in res ? res.promise() : res; const dk = await pending: the same response, renamed
      // (or destructured: const { Plaintext } = await request.promise()).
      const renamedAt = pendingResponseDeclarator(e);
      if (renamedAt) {
        // The awaited name is declared after the acquisition: a `finally` there could not name it.
        key.keyText = null;
        const renamed = renamedAt.id.type === 'Identifier' ? variableOf(env.context, renamedAt.id) : null;
        if (renamedAt.id.type === 'ObjectPattern') destructureField(renamedAt.id, null, key, depth);
        else if (renamed && !key.holderVars.has(renamed)) {
          key.holderVars.add(renamed);
          classifyHolder(renamed, key, depth + 1);
        }
        continue;
      }
      // 'promise' in res: a test of what the SDK returned, not a use of the key.
      // Stryker disable next-line OptionalChaining: a reference inside a function always has a parent
      if (p?.type === 'BinaryExpression' && p.operator === 'in' && p.right === e) continue;
      // Stryker disable next-line OptionalChaining: a reference inside a function always has a parent
      if (p?.type === 'CallExpression' && p.callee !== e) {
        // scrub(dk) or finish(dk), where a same-file helper wipes dk.Plaintext (itself or through its own helpers).
        const index = p.arguments.indexOf(e as TSESTree.CallExpressionArgument);
        const effect = effects.localFunctionEffect(p.callee, index, depth, key.buffer ? 'buffer' : 'bytes', key.field);
        if (effect === 'zeroize') {
          push(key, zeroizeSite(p), 'zeroize', 'exit');
          continue;
        }
        if (effect === 'escape') {
          push(key, id, 'escape');
          continue;
        }
      }
      if (p?.type === 'MemberExpression' && p.object === e) {
        if (staticPropertyName(p) === key.field) classifyBytes(p, key, depth + 1);
        continue;
      }
      if (p?.type === 'VariableDeclarator' && p.init === e) {
        if (p.id.type === 'ObjectPattern') {
          destructureField(p.id, id, key, depth);
          continue;
        }
        if (p.id.type === 'Identifier') {
          const alias = variableOf(env.context, p.id);
          if (alias && !key.holderVars.has(alias)) {
            key.holderVars.add(alias);
            classifyHolder(alias, key, depth + 1);
          }
          continue;
        }
      }
      if (p?.type === 'IfStatement' || p?.type === 'UnaryExpression' || (p?.type === 'LogicalExpression' && p.left === e)) continue;
      push(key, id, effects.positionEscapes(id, key.root, depth) ? 'escape' : 'use');
    }
  }

  /**
   * `const { Plaintext } = dk`: the binding of the key's field holds the bytes, and reading it is a use of `dk` (`id`);
   * with no `id`, the pattern receives the response as it arrives (`= await request.promise()`), which is no use yet.
   */
  function destructureField(pattern: TSESTree.ObjectPattern, id: TSESTree.Node | null, key: Key, depth: number): void {
    for (const prop of pattern.properties) {
      if (prop.type !== 'Property' || staticPropertyName(prop) !== key.field) continue;
      const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
      if (value.type !== 'Identifier') continue;
      if (id) push(key, id, 'use');
      addAlias(key, variableOf(env.context, value), depth);
    }
  }

  /**
   * The declaration that receives the response `e` still in flight: through v2's `.promise()`, a conditional that
   * picks between that and the v3 promise, and `await` (`const dk = await pending`, `const { Plaintext } = await p`).
   */
  // Stryker disable OptionalChaining: every node this walks is an expression inside a function, so it has a parent
  const pendingResponseDeclarator = (e: TSESTree.Node): TSESTree.VariableDeclarator | null => {
    let n = e;
    const member = n.parent;
    if (member?.type === 'MemberExpression' && member.object === n && staticPropertyName(member) === 'promise') {
      const call = member.parent;
      if (call?.type !== 'CallExpression' || call.callee !== member || call.arguments.length > 0) return null;
      n = call;
    }
    let steps = n === e ? 0 : 1;
    for (;;) {
      const p = n.parent;
      if (p?.type === 'ConditionalExpression' && p.test !== n) n = p;
      else if (p?.type === 'AwaitExpression' || p?.type === 'TSAsExpression' || p?.type === 'TSNonNullExpression') n = p;
      else break;
      steps++;
    }
    const decl = n.parent;
    return steps > 0 && decl?.type === 'VariableDeclarator' && decl.init === n ? decl : null;
  };

  // Stryker restore OptionalChaining
  /** Branches that run only when KMS returned no key (`if (!Plaintext) throw …`, v2's `if (err) return cb(err)`). */
  const addAbsenceGuards = (key: Key): void => {
    const isHandle = (e: TSESTree.Node): boolean => {
      if (isByteHandle(env.context, e, key)) return true;
      const u = unwrapExpr(e);
      if (u.type === 'Identifier') {
        const v = variableOf(env.context, u);
        return !!v && (key.holderVars.has(v) || v === key.errorVar);
      }
      return false;
    };
    // Every term must be about this key: `if (!Plaintext || !note) return` runs with the key in hand when only `note`
    // is missing.
    const isAbsenceTerm = (t: TSESTree.Node): boolean => {
      const u = unwrapExpr(t);
      if (u.type === 'LogicalExpression' && u.operator === '||') return isAbsenceTerm(u.left) && isAbsenceTerm(u.right);
      // if (!err) …: v2's success branch, where the key is present.
      if (u.type === 'UnaryExpression' && u.operator === '!') return !isErrorVar(u.argument) && (isHandle(u.argument) || isHandle(unwrapLength(u.argument)));
      if (u.type === 'BinaryExpression' && (u.operator === '===' || u.operator === '==')) {
        const other = [u.left, u.right].find((s) => (s.type === 'Literal' && s.value === null) || (s.type === 'Identifier' && s.name === 'undefined'));
        if (!other) return false;
        return isHandle(other === u.left ? u.right : u.left);
      }
      // v2: if (err) …
      return isErrorVar(u);
    };
    const isErrorVar = (t: TSESTree.Node): boolean => {
      const u = unwrapExpr(t);
      return !!key.errorVar && u.type === 'Identifier' && variableOf(env.context, u) === key.errorVar;
    };
    const isNegatedError = (t: TSESTree.Node): boolean => {
      const u = unwrapExpr(t);
      return u.type === 'UnaryExpression' && u.operator === '!' && isErrorVar(u.argument);
    };
    const visit = (node: TSESTree.Node): void => {
      if (node.type === 'IfStatement') {
        const verdict = effects.guardVerdict(node.test, (e) => isByteHandle(env.context, e, key), key.buffer ? 'buffer' : 'bytes');
        if (isAbsenceTerm(node.test)) push(key, node.consequent, 'absent');
        else if (effects.isPresenceTest(node.test, isHandle) || isNegatedError(node.test)) push(key, node.alternate ?? node, node.alternate ? 'absent' : 'absentIfFalse');
        // A type test that a byte array fails (or passes): the other branch never runs with the key in hand.
        else if (verdict === false) push(key, node.consequent, 'absent');
        else if (verdict === true) push(key, node.alternate ?? node, node.alternate ? 'absent' : 'absentIfFalse');
      }
    };
    const ifs = new Set<TSESTree.Node>();
    const collect = (id: TSESTree.Node): void => {
      for (let n: TSESTree.Node | undefined = id.parent; n && n !== key.root; n = n.parent) {
        if (n.type === 'IfStatement') {
          ifs.add(n);
          break;
        }
        if (n.type.endsWith('Statement') || n.type === 'VariableDeclarator') break;
      }
    };
    for (const v of [...key.byteVars, ...key.holderVars, ...(key.errorVar ? [key.errorVar] : [])]) {
      for (const ref of v.references) collect(ref.identifier as TSESTree.Node);
    }
    for (const n of ifs) if (frameRootOf(n) === key.root) visit(n);
  };

  const unwrapLength = (e: TSESTree.Node): TSESTree.Node => {
    const u = unwrapExpr(e);
    if (u.type === 'MemberExpression' && (staticPropertyName(u) === 'length' || staticPropertyName(u) === 'byteLength')) return u.object;
    return u;
  };

  for (const key of keys) {
    for (const v of [...key.byteVars]) {
      key.byteVars.delete(v);
      addAlias(key, v, 0);
    }
    for (const v of key.holderVars) classifyHolder(v, key, 0);
    addAbsenceGuards(key);
  }
}
