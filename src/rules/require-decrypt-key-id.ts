import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { onSdkCall, readObject, variableOf, type FieldOption, type SdkCall } from '../sdk/index.js';
import { createRule } from '../util/createRule.js';
import { unwrapTs as unwrap } from '../sdk/ast.js';

export type Options = [];
export type MessageId = 'missingKeyId' | 'keyIdMissingOnPath' | 'addKeyId';

type Context = Parameters<Parameters<typeof createRule>[0]['create']>[0];

/**
 * Decrypt and ReEncrypt are the operations that read a ciphertext blob and take an optional key id: for a
 * symmetric ciphertext KMS finds the key in the blob's metadata, so without the key id any key the caller may use
 * decrypts it. The operations table says which ones these are (a `ciphertext` field beside a `keyId` field).
 */
function keyIdFieldOf(call: SdkCall): string | null {
  if (call.service !== 'kms') return null;
  const { ciphertext, keyId } = call.spec.fields;
  return ciphertext && keyId ? keyId : null;
}

/** `KeyId: null` sends no key id either: the SDK drops null members when it serialises the request. */
function isAbsent(option: FieldOption): boolean {
  if (!option.present) return true;
  const v = unwrap(option.value);
  return v.type === 'Literal' && v.value === null;
}

interface Finding {
  call: SdkCall;
  field: string;
  /** The property whose value is absent on some path (`KeyId: c ? k : undefined`), if one wrote it. */
  property: TSESTree.Property | null;
  /** Absent on every path, rather than on some. */
  always: boolean;
}

/**
 * The key id a suggestion may offer: every other KMS call in the file that names a key names the same one,
 * written as a string literal or a module-level constant (so it is in scope at the Decrypt). Anything less
 * certain gets no suggestion: a placeholder that does not compile is worse than none.
 */
function singleFileKey(context: Context, keyed: TSESTree.Node[]): string | null {
  const texts = new Set<string>();
  for (const node of keyed) {
    const n = unwrap(node);
    if (n.type === 'Literal' && typeof n.value === 'string') texts.add(context.sourceCode.getText(n));
    else if (n.type === 'Identifier') {
      const variable = variableOf(context, n);
      const scope = variable?.scope.type;
      const isConst = variable?.defs.length === 1 && variable.defs[0].type === 'Variable' && variable.defs[0].parent.kind === 'const';
      if (!isConst || (scope !== 'module' && scope !== 'global')) return null;
      texts.add(n.name);
    } else return null;
  }
  return texts.size === 1 ? [...texts][0] : null;
}

export default createRule<Options, MessageId>({
  name: 'require-decrypt-key-id',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require KeyId on KMS Decrypt (and SourceKeyId on ReEncrypt), so only the intended key can decrypt',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      missingKeyId:
        '{{operation}} without {{field}}: KMS takes the key from the ciphertext itself, so any KMS key this caller may use will decrypt it, including one an attacker chose. Pass the {{field}} you expect (AWS best practice).',
      keyIdMissingOnPath:
        '{{operation}} leaves {{field}} out on some paths: there KMS takes the key from the ciphertext itself, so any KMS key this caller may use will decrypt it. Pass the {{field}} you expect on every path (AWS best practice).',
      addKeyId: 'Add {{field}}: {{key}} (the key the other KMS calls in this file use).',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const findings: Finding[] = [];
    /** Key ids written by the file's other KMS calls (Encrypt, GenerateDataKey...), for the suggestion. */
    const keyed: TSESTree.Node[] = [];
    let keyedUnknown = false;
    const listeners = onSdkCall(context, (call) => {
      if (call.service !== 'kms') return;
      const field = keyIdFieldOf(call);
      if (!field) {
        const other = call.spec.fields.keyId;
        if (!other) return;
        const view = call.input ? readObject(context, call.input) : null;
        const state = view?.field(other);
        if (state?.kind !== 'known') {
          keyedUnknown = true;
          return;
        }
        for (const o of state.options) if (o.present) keyed.push(o.value);
        return;
      }
      // No argument at all: an empty request (KMS also needs a CiphertextBlob, but the key id is still missing).
      if (call.input === null) {
        findings.push({ call, field, property: null, always: true });
        return;
      }
      if (call.input === undefined) return;
      const view = readObject(context, call.input);
      const state = view?.field(field);
      if (!state || state.kind !== 'known') return;
      const absent = state.options.filter(isAbsent);
      if (absent.length === 0) return;
      const always = absent.length === state.options.length;
      const withProperty = absent.find((o) => o.present && o.property);
      // `KeyId: c ? k : undefined` splits into options that all carry the property; a conditional spread does not.
      const conditionalProperty = state.options.find((o) => o.present && o.property && unwrap(o.property.value).type === 'ConditionalExpression');
      const property =
        (withProperty?.present && withProperty.property) ||
        (!always && conditionalProperty?.present && conditionalProperty.property) ||
        null;
      findings.push({ call, field, property, always });
    });
    return {
      ...listeners,
      'Program:exit'() {
        const key = keyedUnknown || keyed.length === 0 ? null : singleFileKey(context, keyed);
        for (const finding of findings) {
          const { call, field, always } = finding;
          const data = { operation: call.operation, field };
          const input = call.input ? unwrap(call.input) : null;
          const suggest: TSESLint.ReportSuggestionArray<MessageId> = [];
          // Only Decrypt: ReEncrypt's source key is the old key, which the file's other calls need not use.
          if (key && always && call.spec.fields.keyId === 'KeyId' && input?.type === 'ObjectExpression') {
            suggest.push({
              messageId: 'addKeyId',
              data: { field, key },
              fix: (fixer) => {
                const first = input.properties[0];
                return first
                  ? fixer.insertTextBefore(first, `${field}: ${key}, `)
                  : fixer.replaceText(input, `{ ${field}: ${key} }`);
              },
            });
          }
          context.report({
            node: finding.property ?? call.node,
            messageId: always ? 'missingKeyId' : 'keyIdMissingOnPath',
            data,
            suggest,
          });
        }
      },
    };
  },
});
