import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { byteSize, evaluate, readObject, staticPropertyName, variableOf } from '../sdk/index.js';
import { cryptoFunctionOf, gcmAlgorithmOf, unwrapTs } from '../sdk/nodeCrypto.js';
import { createRule } from '../util/createRule.js';

export type Options = [];
export type MessageId = 'missingAuthTag' | 'authTagNotOnEveryPath' | 'shortAuthTag';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Segment = TSESLint.CodePathSegment;

/** The full GCM tag is 16 bytes; Node accepts shorter ones only when authTagLength says so (DEP0182). */
const FULL_TAG_BYTES = 16;
const DECIPHER_FUNCTIONS: ReadonlySet<string> = new Set(['createDecipheriv']);
/** Methods a decipher may be used through without escaping our view. */
const DECIPHER_METHODS = new Set(['update', 'final', 'setAuthTag', 'setAAD', 'setAutoPadding']);

interface Site {
  node: TSESTree.CallExpression;
  segments: Segment[];
  codePath: string;
}

interface Decipher {
  create: Site;
  variable: TSESLint.Scope.Variable;
  options: TSESTree.Node | undefined;
}

/** Known exact byte length of a tag expression, including `buf.subarray(a, b)` and `buf.subarray(-n)`. */
function tagLength(context: Context, node: TSESTree.Node): number | null {
  const n = unwrapTs(node);
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const method = staticPropertyName(n.callee);
    if (method === 'subarray' || method === 'slice') {
      const a = evaluate(context, n.arguments[0]);
      const b = n.arguments[1] ? evaluate(context, n.arguments[1]) : null;
      if (a?.kind === 'number' && b?.kind === 'number' && a.value >= 0 && b.value >= a.value) return b.value - a.value;
      if (a?.kind === 'number' && a.value < 0 && !n.arguments[1]) return -a.value;
    }
  }
  const size = byteSize(context, n);
  return size.min === size.max && Number.isFinite(size.max) && !size.boundedBy ? size.max : null;
}

function hasAuthTagLength(context: Context, options: TSESTree.Node | undefined): boolean | null {
  if (!options) return false;
  const view = readObject(context, options);
  if (!view) return null;
  const field = view.field('authTagLength');
  if (field.kind === 'unknown') return null;
  return field.options.some((o) => o.present);
}

export default createRule<Options, MessageId>({
  name: 'require-gcm-auth-tag',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require setAuthTag with a full-length tag before final() on AES-GCM deciphers',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    messages: {
      missingAuthTag:
        'AES-GCM decipher never receives setAuthTag: final() cannot authenticate the message (Node throws "Unsupported state or unable to authenticate data"), and whatever update() already returned is unauthenticated, attacker-controllable plaintext. Call decipher.setAuthTag(tag) before update().',
      authTagNotOnEveryPath:
        'final() is reachable on a path where setAuthTag was not called on this AES-GCM decipher: that path releases unauthenticated plaintext from update() and then fails. Set the tag unconditionally, and reject messages without one.',
      shortAuthTag:
        'setAuthTag receives a {{bytes}}-byte tag but createDecipheriv has no authTagLength: a truncated tag makes forgeries far cheaper, and Node 23+ warns (DEP0182, runtime deprecation) and newer releases reject it (End-of-Life). Use the full 16-byte tag, or declare authTagLength if a peer really emits short tags.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    // A decipher is only ever recognised through a name containing "cipher" (createDecipheriv, or a project
    // re-export named like one): files without that text need none of the code-path listeners below.
    if (!/cipher/i.test(context.sourceCode.text)) return {};
    // The segments being traversed, one set per code path (function) on the stack.
    const pathStack: { id: string; current: Set<Segment> }[] = [];
    const calls = new Map<TSESTree.CallExpression, Site>();
    const deciphers: Decipher[] = [];

    const top = () => pathStack[pathStack.length - 1];
    const record = (node: TSESTree.CallExpression) => {
      const path = top();
      if (path) calls.set(node, { node, segments: [...path.current], codePath: path.id });
    };

    const listeners = {
      onCodePathStart(codePath: TSESLint.CodePath) {
        pathStack.push({ id: codePath.id, current: new Set() });
      },
      onCodePathEnd() {
        pathStack.pop();
      },
      onCodePathSegmentStart(segment: Segment) {
        top()?.current.add(segment);
      },
      onCodePathSegmentEnd(segment: Segment) {
        top()?.current.delete(segment);
      },
      onUnreachableCodePathSegmentStart(segment: Segment) {
        top()?.current.add(segment);
      },
      onUnreachableCodePathSegmentEnd(segment: Segment) {
        top()?.current.delete(segment);
      },
      CallExpression(node: TSESTree.CallExpression) {
        const callee = unwrapTs(node.callee);
        if (callee.type === 'MemberExpression') {
          const method = staticPropertyName(callee);
          if (method === 'final') {
            record(node);
            return;
          }
          if (method === 'setAuthTag') return;
          if (method !== 'createDecipheriv') return;
        } else if (callee.type !== 'Identifier') return;
        if (node.arguments.length < 3) return;
        try {
          if (cryptoFunctionOf(context, callee, DECIPHER_FUNCTIONS) !== 'createDecipheriv') return;
          if (!gcmAlgorithmOf(context, node.arguments[0])) return;
          let holder: TSESTree.Node = node;
          while (holder.parent && (holder.parent.type === 'TSAsExpression' || holder.parent.type === 'TSNonNullExpression' || holder.parent.type === 'TSSatisfiesExpression')) {
            holder = holder.parent;
          }
          const declarator = holder.parent;
          if (declarator?.type !== 'VariableDeclarator' || declarator.init !== holder || declarator.id.type !== 'Identifier') return;
          const variable = variableOf(context, declarator.id);
          if (!variable || variable.defs.length !== 1) return;
          record(node);
          const site = calls.get(node);
          const options = node.arguments[3];
          if (site) deciphers.push({ create: site, variable, options: options && options.type !== 'SpreadElement' ? options : undefined });
        } catch {
          // Silent when undecidable.
        }
      },
      // The tag counts as set once the call returns: inside try, ESLint forks the catch path at the first
      // throwable node, so the segment at exit is the one where setAuthTag has succeeded.
      'CallExpression:exit'(node: TSESTree.CallExpression) {
        const callee = unwrapTs(node.callee);
        if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'setAuthTag') record(node);
      },
      'Program:exit'() {
        for (const decipher of deciphers) {
          try {
            check(decipher);
          } catch {
            // Silent when undecidable.
          }
        }
      },
    };

    function check({ create, variable, options }: Decipher): void {
      const tags: Site[] = [];
      const finals: Site[] = [];
      for (const ref of variable.references) {
        if (ref.init) continue;
        const id = ref.identifier as TSESTree.Node;
        const member = id.parent;
        // The decipher escapes (piped, passed to a helper, returned, reassigned): its tag may be set elsewhere.
        if (ref.isWrite() || member?.type !== 'MemberExpression' || member.object !== id) return;
        const method = staticPropertyName(member);
        const call = member.parent;
        if (!method || !DECIPHER_METHODS.has(method) || call?.type !== 'CallExpression' || call.callee !== member) return;
        if (method === 'setAuthTag' || method === 'final') {
          const site = calls.get(call);
          if (!site) return;
          (method === 'setAuthTag' ? tags : finals).push(site);
        }
      }
      if (finals.length === 0 && tags.length === 0) return;
      if (tags.length === 0) {
        context.report({ node: create.node, messageId: 'missingAuthTag' });
        return;
      }
      const authTagLength = hasAuthTagLength(context, options);
      for (const tag of tags) {
        const arg = tag.node.arguments[0];
        if (!arg || arg.type === 'SpreadElement' || authTagLength !== false) continue;
        const bytes = tagLength(context, arg);
        if (bytes !== null && bytes < FULL_TAG_BYTES) context.report({ node: arg, messageId: 'shortAuthTag', data: { bytes: String(bytes) } });
      }
      for (const final of finals) {
        // Only paths inside one function are followed; a final() in a callback is not judged.
        if (final.codePath !== create.codePath || tags.some((t) => t.codePath !== create.codePath)) continue;
        if (reachableWithoutTag(create, tags, final)) {
          context.report({ node: final.node, messageId: 'authTagNotOnEveryPath' });
        }
      }
    }

    /** Walks the code path backwards from final(): does some path reach the creation without passing setAuthTag? */
    function reachableWithoutTag(create: Site, tags: Site[], final: Site): boolean {
      const inSegment = (site: Site, segment: Segment) => site.segments.includes(segment);
      const queue: Segment[] = [];
      const seen = new Set<Segment>();
      for (const segment of final.segments) {
        if (tags.some((t) => inSegment(t, segment) && t.node.range[0] < final.node.range[0])) continue;
        if (inSegment(create, segment) && create.node.range[0] < final.node.range[0]) return true;
        for (const prev of segment.prevSegments) queue.push(prev);
      }
      while (queue.length > 0) {
        const segment = queue.shift()!;
        if (seen.has(segment)) continue;
        seen.add(segment);
        if (inSegment(create, segment)) {
          // The creating segment: blocked only if a tag is set after the creation within it.
          if (!tags.some((t) => inSegment(t, segment) && t.node.range[0] > create.node.range[0])) return true;
          continue;
        }
        if (tags.some((t) => inSegment(t, segment))) continue;
        for (const prev of segment.prevSegments) queue.push(prev);
      }
      return false;
    }

    return listeners as unknown as TSESLint.RuleListener;
  },
});
