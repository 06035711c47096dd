import type { TSESTree } from '@typescript-eslint/utils';
import { onSdkCall, operations, readObject, type FieldOption, type KmsOperation } from '../sdk/index.js';
import { createRule } from '../util/createRule.js';
import { unwrapTs as unwrap } from '../sdk/ast.js';

/**
 * Operations that take an encryption context, from the operations table: the symmetric-key operations
 * (Encrypt, Decrypt, ReEncrypt, GenerateDataKey*, GenerateDataKeyPair*). Sign, Verify and the MAC operations
 * have no such field, and KMS rejects a context with asymmetric encryption keys, so they are never checked.
 */
export const contextOperations = operations
  .filter((op) => op.service === 'kms' && op.fields.context && op.fields.context.length > 0)
  .map((op) => op.operation as KmsOperation);

/**
 * Checked by default (and so by the recommended preset): the calls that encrypt, decrypt or make a data key
 * for use now. The rest are checked when `exemptOperations` leaves them in, as the strict and all presets do.
 */
const recommendedOperations = new Set<string>(['Encrypt', 'Decrypt', 'GenerateDataKey']);
const defaultExempt = contextOperations.filter((op) => !recommendedOperations.has(op));

export type Options = [{ exemptOperations?: KmsOperation[] }];
export type MessageId = 'missingContext' | 'contextMissingOnPath' | 'emptyContext';

/** `EncryptionContext: null` is dropped by the SDK's serialiser: no context is sent. */
function isAbsent(option: FieldOption): boolean {
  if (!option.present) return true;
  const v = unwrap(option.value);
  return v.type === 'Literal' && v.value === null;
}

/**
 * The property that drops the field, when one does: `EncryptionContext: undefined` or
 * `EncryptionContext: c ? ctx : undefined`. A conditional spread or a missing key has none: report the call.
 */
function droppingProperty(options: FieldOption[]): TSESTree.Property | null {
  for (const o of options) {
    if (!o.present || !o.property) continue;
    const v = unwrap(o.property.value);
    if (v.type === 'ConditionalExpression' || isAbsent(o)) return o.property;
  }
  return null;
}

type Context = Parameters<Parameters<typeof createRule>[0]['create']>[0];

/** Is this context value provably `{}` (no key on any path)? Unknown shapes are not. */
function isProvablyEmpty(context: Context, value: TSESTree.Node): boolean {
  // Only object literals the input view follows (with later writes): a constant evaluator would miss
  // `ctx[k] = v` filling a `const ctx = {}` afterwards.
  const view = readObject(context, value);
  if (!view || view.literals.length === 0) return false;
  const { entries, complete } = view.entries();
  return complete && entries.length === 0;
}

export default createRule<Options, MessageId>({
  name: 'require-encryption-context',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a non-empty encryption context on KMS symmetric encryption, decryption and data-key calls',
      recommended: 'recommended',
      requiresTypeChecking: false,
      strictOptions: [{ exemptOperations: [] }],
    },
    messages: {
      missingContext:
        '{{operation}} without {{field}}: the ciphertext is not bound to what it protects, so it can be swapped between records or tenants and decrypted out of place, and CloudTrail cannot say which data a call touched. Pass a non-secret context (e.g. tenant and purpose) and the same one when decrypting.',
      contextMissingOnPath:
        '{{operation}} leaves {{field}} out on some paths: there the ciphertext is not bound to what it protects (and a Decrypt with a context fails on a ciphertext made without one). Pass the same non-secret context on every path.',
      emptyContext:
        '{{operation}} passes an empty {{field}}: KMS treats {} as no context, so the ciphertext is bound to nothing. Put non-secret facts in it (e.g. tenant and purpose).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          exemptOperations: {
            type: 'array',
            items: { type: 'string', enum: contextOperations },
            uniqueItems: true,
            description: `KMS operations not to check. Default: ${JSON.stringify(defaultExempt)} (the recommended preset checks Encrypt, Decrypt and GenerateDataKey); the strict and all presets pass [] to check every operation that takes a context.`,
          },
        },
      },
    ],
    defaultOptions: [{ exemptOperations: defaultExempt }],
  },
  create(context, [options]) {
    const exempt = new Set<string>(options.exemptOperations ?? defaultExempt);
    return onSdkCall(context, (call) => {
      if (call.service !== 'kms' || exempt.has(call.operation)) return;
      const fields = call.spec.fields.context;
      if (!fields || fields.length === 0) return;
      if (call.input === undefined) return;
      const view = call.input === null ? null : readObject(context, call.input);
      if (call.input !== null && !view) return;
      for (const field of fields) {
        const data = { operation: call.operation, field };
        if (!view) {
          context.report({ node: call.node, messageId: 'missingContext', data });
          continue;
        }
        const state = view.field(field);
        if (state.kind !== 'known') continue;
        const absent = state.options.filter(isAbsent);
        const present = state.options.filter((o): o is Extract<FieldOption, { present: true }> => !isAbsent(o) && o.present);
        if (absent.length > 0) {
          const always = present.length === 0;
          context.report({ node: droppingProperty(state.options) ?? call.node, messageId: always ? 'missingContext' : 'contextMissingOnPath', data });
          continue;
        }
        const empty = present.find((o) => isProvablyEmpty(context, o.value));
        if (empty) context.report({ node: empty.value, messageId: 'emptyContext', data });
      }
    });
  },
});
