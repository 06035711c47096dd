// The path analysis: is a key overwritten on every path out of the function that holds it, exceptions included?
// A forward may-analysis over ESLint's code paths (flow.ts) with the key's events, plus the exceptions that calls,
// awaits and throws between a use and the zeroization can raise.
import type { TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, variableOf } from '../bindings.js';
import { solveForward, type FlowEvent, type PathFrame, type PathRecorder, type Segment } from '../flow.js';
import { isFunctionNode, isLoopNode, unwrapTs as unwrapExpr } from '../ast.js';
import type { ByteKind, Effects } from './effects.js';
import { calleeName, childrenOf, isByteHandle, type DataKeyEnv, type Key } from './model.js';

/** Does a `finally` block's statement list overwrite the key on every path through it? */
type FinallyTest = (statements: readonly TSESTree.Node[]) => boolean;

const LIVE = 1;
const USED = 2;

/** How a key is left behind: at a return or the function's end (`exit`), or by an exception (`throw`) at `line`. */
export interface Leak {
  kind: 'exit' | 'throw';
  /** For `exit`: which path keeps it (for the message). */
  path: string;
  /** For `throw`: what throws (`call to \`upload\``, `\`await\``). */
  what: string;
  line: number;
}

/** The leak finder of one file, once its code paths are recorded. */
export function createLeakFinder(env: DataKeyEnv, effects: Effects, rec: PathRecorder): (key: Key) => Leak | null {

  function findLeak(key: Key): Leak | null {
    const frame = rec.frameOf(key.root);
    if (!frame) return null;
    // Events in the segments where they ran.
    const bySegment = new Map<Segment, FlowEvent<number>[]>();
    const throwPoints: { node: TSESTree.Node; event: FlowEvent<number>; segment: Segment }[] = [];
    let reacquired = false;
    const addEvent = (segment: Segment, event: FlowEvent<number>): void => {
      const list = bySegment.get(segment) ?? [];
      list.push(event);
      bySegment.set(segment, list);
    };
    const excluded = new Set<TSESTree.Node>(key.quiet);
    // Zeroizing the original or another copy of the same bytes (`finally { copy.fill(0); dk.Plaintext.fill(0); }`)
    // is not a step that can throw between a use and this key's own zeroization.
    const zeroizations = familyOf(key).flatMap((member) => member.events.filter((ev) => ev.kind === 'zeroize' && (member === key || ev.node.type !== 'CallExpression' || !isPromiseFinally(ev.node))));
    for (const ev of zeroizations) {
      if (ev.node.type === 'IfStatement' || ev.node.type === 'ForStatement') {
        // A guarded fill (`if (k instanceof Uint8Array) k.fill(0)`) or a loop of zeros: the type test and the overwrite.
        markSubtree(ev.node, excluded);
        continue;
      }
      const call = unwrapExpr(ev.node.type === 'LogicalExpression' ? ev.node.right : ev.node);
      if (call.type !== 'CallExpression') continue;
      if (isPromiseFinally(call)) {
        // doWork(key).finally(() => key.fill(0)): promise chains report failures by rejecting, not by throwing here.
        markSubtree(call, excluded);
      } else {
        // The overwrite itself (`k.fill(0)`, `k?.fill(0)`, `zeroize(k)`) is not a step that leaves the key behind.
        markSubtree(ev.node, excluded);
      }
    }
    // The edges into the segment after an `if` that bypass its consequent (its test failed): no key on them.
    const absentEdges = new Map<Segment, Set<Segment>>();
    const addFalseEdges = (node: TSESTree.IfStatement, after: readonly Segment[]): void => {
      // Stryker disable next-line OptionalChaining: the recorder places every node of the frame, the consequent included
      const consequentEnd = new Set(rec.positionOf(node.consequent)?.exitSegments);
      for (const segment of after) {
        const from = segment.prevSegments.filter((prev) => !consequentEnd.has(prev));
        absentEdges.set(segment, new Set([...(absentEdges.get(segment) ?? []), ...from]));
      }
    };
    for (const ev of key.events) {
      const position = rec.positionOf(ev.node);
      if (ev.kind === 'absentIfFalse') {
        // Stryker disable next-line LogicalOperator: an `absentIfFalse` event is always on an `if`, which the recorder always places
        if (position && ev.node.type === 'IfStatement') addFalseEdges(ev.node, position.exitSegments);
        continue;
      }
      if (!position || position.frame !== frame) {
        if (ev.kind === 'acquire' && ev.node === key.root) {
          // A callback's parameter: held from the function's first step.
          addEvent(frame.codePath.initialSegment, { seq: -1, apply: () => LIVE });
        }
        continue;
      }
      const seq = ev.at === 'enter' ? position.enterSeq : position.exitSeq + 0.5;
      const segments = ev.at === 'enter' ? position.enterSegments : position.exitSegments;
      for (const segment of segments) {
        switch (ev.kind) {
          case 'acquire':
            addEvent(segment, {
              seq,
              apply: (s) => {
                if (s & LIVE) reacquired = true;
                return LIVE;
              },
            });
            break;
          case 'use':
            addEvent(segment, { seq, apply: (s) => (s & LIVE ? s | USED : s) });
            break;
          case 'zeroize':
          case 'escape':
          case 'absent':
            addEvent(segment, { seq: ev.kind === 'zeroize' ? seq - 0.25 : seq, apply: () => 0 });
            break;
          case 'zeroizeAfterThrow': {
            const event: FlowEvent<number> = { seq, apply: (s) => s };
            throwPoints.push({ node: ev.node, event, segment });
            addEvent(segment, event);
            addEvent(segment, { seq: seq + 0.1, apply: () => 0 });
            break;
          }
        }
      }
    }
    // Calls, awaits, `new` and `throw` in this frame can throw (a call after its arguments, a `throw` on entry).
    for (const node of throwablesIn(frame)) {
      if (excluded.has(node) || node.type === 'BreakStatement' || node.type === 'ContinueStatement') continue;
      const position = rec.positionOf(node);
      if (!position || position.frame !== frame) continue;
      const onEntry = node.type === 'ThrowStatement';
      for (const segment of onEntry ? position.enterSegments : position.exitSegments) {
        const event: FlowEvent<number> = { seq: onEntry ? position.enterSeq : position.exitSeq, apply: (s) => s };
        throwPoints.push({ node, event, segment });
        addEvent(segment, event);
      }
    }

    const isHandle = (e: TSESTree.Node): boolean => isByteHandle(env.context, e, key);
    const kind: ByteKind = key.buffer ? 'buffer' : 'bytes';
    const isHolder = (e: TSESTree.Node): boolean => {
      const u = unwrapExpr(e);
      const v = u.type === 'Identifier' ? variableOf(env.context, u) : null;
      return !!v && key.holderVars.has(v);
    };
    /** Does this `finally` overwrite the key on every path (`k.fill(0)`, `scrub(dk)`, …)? */
    const finallyWipes: FinallyTest = (statements) => effects.mustZeroize(statements, isHandle, 0, kind, { isHolder, field: key.field });
    // ESLint's code paths send `break`/`continue` straight to the loop, past any `finally` on the way; a
    // zeroizing `finally` they cross still runs, so it counts as a zeroization at the jump.
    for (const jump of jumpsIn(frame)) {
      if (!jumpCrossesZeroizingFinally(jump, finallyWipes)) continue;
      const position = rec.positionOf(jump);
      // Stryker disable next-line LogicalOperator: the recorder places every node; a jump of another frame (a class static block
      // inside this function) would only add events to segments this frame's solver never visits
      if (!position || position.frame !== frame) continue;
      // Stryker disable next-line ArrowFunction: an undefined state reads as 0 everywhere (`&`, `|`, `?? 0`); it only costs the solver a round
      for (const segment of position.enterSegments) addEvent(segment, { seq: position.enterSeq, apply: () => 0 });
    }
    const injected = new Map<Segment, number>();
    let escaping: TSESTree.Node | null = null;
    // The same problem each round; only `injected` (exception states reaching catch entries) grows between rounds.
    const solve = () =>
      solveForward<number>({
        frame,
        initial: 0,
        bottom: 0,
        join: (a, b) => a | b,
        // Stryker disable next-line ArrowFunction: states that never compare equal only keep the solver going to its budget; the fixed point is the same
        equal: (a, b) => a === b,
        eventsOf: (segment) => bySegment.get(segment) ?? [],
        injected: (segment) => injected.get(segment),
        edge: (from, to, state) => (absentEdges.get(to)?.has(from) ? 0 : state),
      });
    let solution = solve();
    for (let round = 0; round < 8; round++) {
      let changed = false;
      for (const point of throwPoints) {
        const state = solution.before(point.segment, point.event);
        if ((state & (LIVE | USED)) !== (LIVE | USED)) continue;
        const target = exceptionTarget(point.node, frame.root, finallyWipes);
        if (target === 'handled') continue;
        if (target === 'leaves') {
          if (!escaping || (point.node.range[0] < escaping.range[0])) escaping = point.node;
          continue;
        }
        for (const segment of target) {
          const before = injected.get(segment) ?? 0;
          if ((before | state) !== before) {
            injected.set(segment, before | state);
            changed = true;
          }
        }
      }
      if (!changed) break;
      escaping = null;
      solution = solve();
    }
    const reachable = new Set(frame.segments);
    const returnsLive = frame.codePath.returnedSegments.some((s) => reachable.has(s) && ((solution.out.get(s) ?? 0) & LIVE) !== 0);
    if (returnsLive || reacquired) {
      return { kind: 'exit', path: reacquired && !returnsLive ? 'the next loop iteration replaces it first' : 'a return or the end of the function is reached without zeroizing it', what: '', line: 0 };
    }
    const point = escaping as TSESTree.Node | null;
    return point ? { kind: 'throw', path: '', what: describeThrowable(point), line: point.loc.start.line } : null;
  }

  function jumpsIn(frame: PathFrame): (TSESTree.BreakStatement | TSESTree.ContinueStatement)[] {
    return throwablesIn(frame).filter(
      (n): n is TSESTree.BreakStatement | TSESTree.ContinueStatement => n.type === 'BreakStatement' || n.type === 'ContinueStatement',
    );
  }

  function jumpCrossesZeroizingFinally(jump: TSESTree.BreakStatement | TSESTree.ContinueStatement, finallyWipes: FinallyTest): boolean {
    let child: TSESTree.Node = jump;
    for (let p: TSESTree.Node | undefined = jump.parent; p && !isFunctionNode(p); child = p, p = p.parent) {
      if (jump.label) {
        if (p.type === 'LabeledStatement' && p.label.name === jump.label.name) return false;
      } else if (isLoopNode(p) || (jump.type === 'BreakStatement' && p.type === 'SwitchStatement')) {
        return false;
      }
      if (p.type === 'TryStatement' && p.finalizer && child !== p.finalizer && finallyWipes(p.finalizer.body)) return true;
    }
    return false;
  }

  const throwableCache = new Map<PathFrame, TSESTree.Node[]>();
  function throwablesIn(frame: PathFrame): TSESTree.Node[] {
    const cached = throwableCache.get(frame);
    if (cached) return cached;
    const found: TSESTree.Node[] = [];
    const walk = (node: TSESTree.Node): void => {
      if (node !== frame.root && isFunctionNode(node)) return;
      if (
        node.type === 'CallExpression' ||
        node.type === 'NewExpression' ||
        node.type === 'AwaitExpression' ||
        node.type === 'YieldExpression' ||
        node.type === 'TaggedTemplateExpression' ||
        node.type === 'ThrowStatement' ||
        node.type === 'BreakStatement' ||
        node.type === 'ContinueStatement'
      ) {
        found.push(node);
      }
      for (const child of childrenOf(node)) walk(child);
    };
    const body = isFunctionNode(frame.root) ? frame.root.body : frame.root;
    walk(body);
    throwableCache.set(frame, found);
    return found;
  }

  /** Where an exception thrown at `node` goes: a `catch` entry, absorbed by a zeroizing `finally`, or out of the function. */
  function exceptionTarget(node: TSESTree.Node, root: TSESTree.Node, finallyWipes: FinallyTest): readonly Segment[] | 'handled' | 'leaves' {
    let child: TSESTree.Node = node;
    for (let p = node.parent; p && p !== root; child = p, p = p.parent) {
      if (p.type !== 'TryStatement') continue;
      if (child === p.block && p.handler) {
        const position = rec.positionOf(p.handler);
        return position ? position.enterSegments : 'leaves';
      }
      if ((child === p.block || child === p.handler) && p.finalizer && finallyWipes(p.finalizer.body)) return 'handled';
    }
    return 'leaves';
  }

  const describeThrowable = (node: TSESTree.Node): string => {
    if (node.type === 'AwaitExpression') return '`await`';
    if (node.type === 'ThrowStatement') return '`throw` statement';
    if (node.type === 'NewExpression') return calleeName(node.callee) ? `\`new ${calleeName(node.callee)}\`` : '`new` expression';
    if (node.type === 'CallExpression') {
      const name = calleeName(node.callee);
      return name ? `call to \`${name}\`` : 'call';
    }
    return 'expression';
  };

  /** The key's original (through copies of copies) and every copy made from it. */
  function familyOf(key: Key): Key[] {
    let origin = key;
    while (origin.copyOf) origin = origin.copyOf;
    const out: Key[] = [];
    const visit = (k: Key): void => {
      out.push(k);
      for (const c of k.copies) visit(c);
    };
    visit(origin);
    return out;
  }

  function isPromiseFinally(call: TSESTree.Node): boolean {
    return call.type === 'CallExpression' && call.callee.type === 'MemberExpression' && staticPropertyName(call.callee) === 'finally';
  }

  function markSubtree(node: TSESTree.Node, into: Set<TSESTree.Node>): void {
    into.add(node);
    for (const child of childrenOf(node)) markSubtree(child, into);
  }


  return findLeak;
}
