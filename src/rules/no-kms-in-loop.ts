import type { TSESTree } from '@typescript-eslint/utils';
import { constInitOf, onSdkCall, staticPropertyName, variableOf, type KmsOperation } from '../sdk/index.js';
import { createRule } from '../util/createRule.js';
import { isFunctionNode, isLoopNode, unwrapTs, type FunctionNode, type LoopNode } from '../sdk/ast.js';

export type Options = [{ operations: KmsOperation[]; maxRetryIterations: number }];
export type MessageId = 'perItemRequest';

/** The request-per-item operations that drain the shared per-Region quota. */
const defaultOperations: KmsOperation[] = ['Encrypt', 'Decrypt', 'GenerateDataKey', 'ReEncrypt', 'Sign'];
const perItemMethods = new Set(['map', 'forEach', 'flatMap', 'reduce', 'filter', 'some', 'every', 'find']);

type Context = Parameters<Parameters<typeof createRule>[0]['create']>[0];

/** Does the loop body leave the loop (`return`, or `break` of this loop)? Then it is a retry or a search, not per-item work. */
function leavesLoop(loop: LoopNode): boolean {
  let found = false;
  const visit = (node: TSESTree.Node, depthInNestedLoop: number, inSwitch: boolean): void => {
    if (found) return;
    if (isFunctionNode(node)) return;
    if (node.type === 'ReturnStatement') {
      found = true;
      return;
    }
    if (node.type === 'BreakStatement') {
      if (node.label || (depthInNestedLoop === 0 && !inSwitch)) found = true;
      return;
    }
    const nested = node !== loop.body && isLoopNode(node) ? 1 : 0;
    const sw = node.type === 'SwitchStatement';
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === 'parent') continue;
      const child = node[key] as unknown;
      const children = Array.isArray(child) ? child : [child];
      for (const c of children) {
        if (c && typeof (c as TSESTree.Node).type === 'string') visit(c as TSESTree.Node, depthInNestedLoop + nested, inSwitch || sw);
      }
    }
  };
  visit(loop.body, 0, false);
  return found;
}

/** `[a, b]` (or a const bound to it): a short list written out in the code is a fixed fan-out, not per-item work. */
function isShortArrayLiteral(context: Context, node: TSESTree.Node, max: number): boolean {
  let n = node;
  if (n.type === 'Identifier') {
    const init = constInitOf(variableOf(context, n));
    if (!init) return false;
    n = init;
  }
  n = unwrapTs(n);
  return n.type === 'ArrayExpression' && n.elements.length <= max && n.elements.every((e) => e !== null && e.type !== 'SpreadElement');
}

/**
 * `for (let i = 0; i < 3; i++)` and `for (const x of [a, b])`: a constant, small iteration count is a
 * retry or a fixed fan-out, not per item.
 */
function smallConstantBound(context: Context, loop: LoopNode, max: number): boolean {
  if (loop.type === 'ForOfStatement') return isShortArrayLiteral(context, loop.right, max);
  if (loop.type !== 'ForStatement' || loop.test?.type !== 'BinaryExpression') return false;
  const right = loop.test.right;
  return right.type === 'Literal' && typeof right.value === 'number' && right.value <= max;
}

/** The loop or per-item callback that makes this call run once per item, if any, within the enclosing function. */
function perItemContext(context: Context, node: TSESTree.Node, maxRetry: number): { kind: string; node: TSESTree.Node } | null {
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current) {
    if (isLoopNode(current)) {
      // Only the body repeats; a call in a for-of's iterable expression runs once.
      const inBody = current.body === child;
      if (inBody && !leavesLoop(current) && !smallConstantBound(context, current, maxRetry)) {
        const kind = current.type === 'ForOfStatement' ? (current.await ? 'for await' : 'for…of') : current.type === 'ForInStatement' ? 'for…in' : current.type === 'ForStatement' ? 'for' : 'while';
        return { kind, node: current };
      }
    }
    if (isFunctionNode(current)) {
      // A per-item callback: items.map(async (item) => kms.send(...)).
      const call = current.parent;
      if (
        call?.type === 'CallExpression' &&
        call.arguments[0] === current &&
        call.callee.type === 'MemberExpression' &&
        perItemMethods.has(staticPropertyName(call.callee) ?? '') &&
        !isShortArrayLiteral(context, call.callee.object, maxRetry)
      ) {
        return { kind: `.${staticPropertyName(call.callee)}()`, node: call };
      }
      return null;
    }
    child = current;
    current = current.parent;
  }
  return null;
}

export default createRule<Options, MessageId>({
  name: 'no-kms-in-loop',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow one KMS request per item inside loops and per-item callbacks',
      recommended: 'strict',
      requiresTypeChecking: false,
    },
    messages: {
      perItemRequest:
        'KMS {{operation}} runs once per item of this {{loop}} loop: every item costs a request against the per-Region KMS quota (about 10,000 requests per second, shared by every service in the account), which throttles with ThrottlingException under load. Use one data key for the batch (GenerateDataKey once, encrypt the items locally) or the AWS Encryption SDK data key cache.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          operations: {
            type: 'array',
            items: { type: 'string', enum: ['Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'ReEncrypt', 'Sign', 'Verify', 'GenerateMac', 'VerifyMac'] },
            uniqueItems: true,
            description: 'KMS operations that count as one request per item.',
          },
          maxRetryIterations: {
            type: 'integer',
            minimum: 0,
            description: 'A `for` loop with a constant bound up to this number, or a loop or callback over an array literal of up to this many elements, is treated as a retry or fixed fan-out, not per-item work.',
          },
        },
      },
    ],
    defaultOptions: [{ operations: defaultOperations, maxRetryIterations: 5 }],
  },
  defaultOptions: [{ operations: defaultOperations, maxRetryIterations: 5 }],
  create(context, [options]) {
    const operations = new Set<string>(options.operations);
    return onSdkCall(context, (call) => {
      if (call.service !== 'kms' || !operations.has(call.operation)) return;
      const where = perItemContext(context, call.node, options.maxRetryIterations);
      if (!where) return;
      context.report({ node: call.node, messageId: 'perItemRequest', data: { operation: call.operation, loop: where.kind } });
    });
  },
});
