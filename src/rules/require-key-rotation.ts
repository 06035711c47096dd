import type { TSESTree } from '@typescript-eslint/utils';
import { functionOf, isSyntheticValue, onSdkCall, type SdkCall } from '../sdk/index.js';
import { fileImportsCdk, recognizeCdkConstruct } from '../sdk/cdk.js';
import {
  cdkKeyRotationFindings,
  createKeyRotatability,
  enableKeyRotationFindings,
  ROTATION_PERIOD_DAYS,
  type RotationFinding,
} from '../sdk/keyRotation.js';
import { isFunctionNode, unwrapTs as unwrap, type FunctionNode } from '../sdk/ast.js';
import { createRule } from '../util/createRule.js';
import { appendProperty } from '../util/insertProperty.js';

export type Options = [];
export type MessageId =
  | 'missingRotation'
  | 'rotationDisabled'
  | 'rotationUnsupported'
  | 'rotationPeriodOutOfRange'
  | 'createKeyWithoutRotation'
  | 'addRotation'
  | 'enableRotation';

type Context = Parameters<Parameters<typeof createRule<Options, MessageId>>[0]['create']>[0];

/** The function a node runs in (null at module level). */
function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return null;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * `this.enable(id)` or `this.#enable(id)` inside a class: the method (or function-valued field) of that class it
 * calls, matched by the name as written (`#enable` is another member than `enable`).
 */
function methodOfThis(callee: TSESTree.MemberExpression, text: (node: TSESTree.Node) => string): TSESTree.Node | null {
  if (callee.object.type !== 'ThisExpression' || callee.computed) return null;
  let n: TSESTree.Node | undefined = callee.parent;
  while (n && n.type !== 'ClassBody') n = n.parent;
  if (!n) return null;
  for (const member of n.body) {
    // Methods and fields; static blocks and computed keys are not followed.
    if (member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') continue;
    if (member.computed || text(member.key) !== text(callee.property)) continue;
    const value = member.value && unwrap(member.value);
    if (isFunctionNode(value)) return value;
  }
  return null;
}

export default createRule<Options, MessageId>({
  name: 'require-key-rotation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require automatic rotation for symmetric encryption KMS keys, and only for keys that can rotate',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      missingRotation:
        'This {{construct}} creates a symmetric encryption KMS key without automatic key rotation (enableKeyRotation defaults to false): AWS recommends rotating such keys, and compliance scanners flag the deployed key, when the fix is a change request instead of a one-line edit. Set enableKeyRotation: true (KMS then rotates the key material every 365 days, or every rotationPeriod).',
      rotationDisabled:
        'This {{construct}} creates a symmetric encryption KMS key with automatic key rotation turned off: AWS recommends rotating such keys, and compliance scanners flag the deployed key. Set enableKeyRotation: true.',
      rotationUnsupported:
        'This {{construct}} turns on automatic rotation for a key that cannot rotate: KMS rotates only symmetric encryption keys whose material it made, not asymmetric, HMAC or imported-material keys, and CloudFormation rejects the key. Remove enableKeyRotation (rotate such keys manually, with a new key and an alias).',
      rotationPeriodOutOfRange:
        'The rotation period is {{days}} days: KMS accepts {{min}} to {{max}} days (RotationPeriodInDays), so deploying or calling with it fails.',
      createKeyWithoutRotation:
        'CreateKey creates a symmetric encryption KMS key here, and this function never calls EnableKeyRotation: the key is created without automatic rotation (off by default). Call EnableKeyRotation for the new key, as AWS recommends for symmetric encryption keys.',
      addRotation: 'Add enableKeyRotation: true.',
      enableRotation: 'Set enableKeyRotation to true.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const range = { min: String(ROTATION_PERIOD_DAYS.min), max: String(ROTATION_PERIOD_DAYS.max) };

    const reportCdk = (finding: RotationFinding, construct: string, node: TSESTree.NewExpression) => {
      const data = { construct };
      switch (finding.kind) {
        case 'missing': {
          const literal = finding.literal;
          const args = node.arguments;
          const suggest =
            literal !== null
              ? [{ messageId: 'addRotation' as const, fix: (fixer: Parameters<typeof appendProperty>[0]) => appendProperty(fixer, sourceCode, literal, 'enableKeyRotation: true') }]
              : args.length === 2
                ? [{ messageId: 'addRotation' as const, fix: (fixer: Parameters<typeof appendProperty>[0]) => fixer.insertTextAfter(args[1], ', { enableKeyRotation: true }') }]
                : [];
          context.report({ node: finding.node, messageId: 'missingRotation', data, suggest });
          return;
        }
        case 'disabled': {
          const v = unwrap(finding.option.value);
          context.report({
            node: finding.option.value,
            messageId: 'rotationDisabled',
            data,
            suggest:
              // A disabled finding's value evaluates to false: as a literal, it is `false` itself.
              v.type === 'Literal' && !isSyntheticValue(v)
                ? [{ messageId: 'enableRotation', fix: (fixer) => fixer.replaceText(v, 'true') }]
                : [],
          });
          return;
        }
        case 'unsupported':
          context.report({ node: finding.option.property ?? finding.option.value, messageId: 'rotationUnsupported', data });
          return;
        case 'period':
          context.report({ node: finding.node, messageId: 'rotationPeriodOutOfRange', data: { days: String(finding.days), ...range } });
      }
    };

    // SDK: CreateKey calls of rotatable keys, and where EnableKeyRotation is called.
    const created: SdkCall[] = [];
    const enables: TSESTree.Node[] = [];
    const localCalls: TSESTree.CallExpression[] = [];
    // CreateKey and EnableKeyRotation are KMS operations only (operations.ts): the names say the service.
    const sdk = onSdkCall(context, (call) => {
      try {
        if (call.operation === 'CreateKey') {
          if (createKeyRotatability(context, call.input) === 'rotatable') created.push(call);
        } else if (call.operation === 'EnableKeyRotation') {
          enables.push(call.node);
          for (const f of enableKeyRotationFindings(context, call.input)) {
            context.report({ node: f.node, messageId: 'rotationPeriodOutOfRange', data: { days: String(f.days), ...range } });
          }
        }
      } catch {
        // A rule that cannot decide stays silent.
      }
    });

    /** Does `fn` call EnableKeyRotation itself, or through a function of this file it calls (one hop)? */
    const enablesRotation = (fn: FunctionNode | null): boolean => {
      // Inside the function (callbacks included); at module level, only module-level code, not every function of the file.
      const within = (node: TSESTree.Node) => (fn ? contains(fn, node) : enclosingFunction(node) === null);
      if (enables.some(within)) return true;
      for (const call of localCalls) {
        if (!within(call)) continue;
        const callee = call.callee;
        const target = callee.type === 'Identifier' ? functionOf(context, callee) : callee.type === 'MemberExpression' ? methodOfThis(callee, (n) => sourceCode.getText(n)) : null;
        if (target && enables.some((e) => contains(target, e))) return true;
      }
      return false;
    };

    const cdk = fileImportsCdk(context);
    const listeners: Record<string, (node: never) => void> = {};
    if (sdk.CallExpression) {
      const onCall = sdk.CallExpression;
      listeners.CallExpression = (node: TSESTree.CallExpression) => {
        onCall(node);
        localCalls.push(node);
      };
      listeners['Program:exit'] = () => {
        for (const call of created) {
          try {
            if (!enablesRotation(enclosingFunction(call.node))) context.report({ node: call.node, messageId: 'createKeyWithoutRotation' });
          } catch {
            // Silent when undecidable.
          }
        }
      };
    }
    if (sdk.NewExpression || cdk) {
      listeners.NewExpression = (node: TSESTree.NewExpression) => {
        sdk.NewExpression?.(node);
        try {
          const use = recognizeCdkConstruct(context, node);
          if (use) for (const finding of cdkKeyRotationFindings(context, use)) reportCdk(finding, use.construct, node);
        } catch {
          // A rule that cannot decide stays silent.
        }
      };
    }
    return listeners;
  },
});
