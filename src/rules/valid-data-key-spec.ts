import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { evaluate, evaluateString, onSdkCall, readObject, type FieldOption, type FieldState, type ObjectView } from '../sdk/index.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ strict?: boolean }];
export type MessageId =
  | 'bothKeySpecAndNumberOfBytes'
  | 'neitherKeySpecNorNumberOfBytes'
  | 'numberOfBytesOutOfRange'
  | 'unknownKeySpec'
  | 'unknownKeyPairSpec'
  | 'aes128'
  | 'addKeySpec'
  | 'removeNumberOfBytes';

// API_GenerateDataKey: "You must specify either the KeySpec or the NumberOfBytes parameter (but not both)";
// NumberOfBytes is 1..1024; KeySpec is AES_128 or AES_256. KMS answers ValidationException otherwise.
const NUMBER_OF_BYTES_MIN = 1;
const NUMBER_OF_BYTES_MAX = 1024;
const DATA_KEY_SPECS = new Set(['AES_256', 'AES_128']);
// API_GenerateDataKeyPair, KeyPairSpec (DataKeyPairSpec in @aws-sdk/client-kms).
const DATA_KEY_PAIR_SPECS = new Set([
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'ECC_NIST_EDWARDS25519',
  'SM2',
  'ML_KEM_512',
  'ML_KEM_768',
  'ML_KEM_1024',
]);

const present = (options: FieldOption[]) => options.filter((o): o is Extract<FieldOption, { present: true }> => o.present);

/** Removes a property and the comma that follows (or precedes) it. */
function removeProperty(sourceCode: Readonly<TSESLint.SourceCode>, fixer: TSESLint.RuleFixer, prop: TSESTree.Property): TSESLint.RuleFix {
  const after = sourceCode.getTokenAfter(prop);
  if (after && after.value === ',') {
    const next = sourceCode.getTokenAfter(after, { includeComments: true });
    return fixer.removeRange([prop.range[0], next && next.loc.start.line === after.loc.end.line ? next.range[0] : after.range[1]]);
  }
  const before = sourceCode.getTokenBefore(prop);
  if (before && before.value === ',') return fixer.removeRange([before.range[0], prop.range[1]]);
  return fixer.remove(prop);
}

export default createRule<Options, MessageId>({
  name: 'valid-data-key-spec',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require GenerateDataKey requests with exactly one of KeySpec and NumberOfBytes, in range',
      recommended: 'recommended',
      requiresTypeChecking: false,
      strictOptions: [{ strict: true }],
    },
    hasSuggestions: true,
    messages: {
      bothKeySpecAndNumberOfBytes:
        '{{operation}} sets both KeySpec and NumberOfBytes: KMS accepts exactly one of them and answers ValidationException. Keep KeySpec for AES keys.',
      neitherKeySpecNorNumberOfBytes:
        "{{operation}} sets neither KeySpec nor NumberOfBytes: KMS needs exactly one of them and answers ValidationException. Add KeySpec: 'AES_256'.",
      numberOfBytesOutOfRange:
        '{{operation}} asks for NumberOfBytes {{value}}: KMS accepts an integer from 1 to 1,024 and answers ValidationException.',
      unknownKeySpec: "{{operation}} KeySpec '{{value}}' is not a data key spec (AES_256 or AES_128): KMS answers ValidationException.",
      unknownKeyPairSpec: "{{operation}} KeyPairSpec '{{value}}' is not a data key pair spec: KMS answers ValidationException.",
      aes128:
        "{{operation}} asks for a 128-bit data key (AES_128): use AES_256, the spec AWS recommends and the Encryption SDK's default, unless a peer system requires 128-bit keys.",
      addKeySpec: "Add KeySpec: 'AES_256'.",
      removeNumberOfBytes: 'Remove NumberOfBytes and keep KeySpec.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          strict: {
            type: 'boolean',
            description: 'Also report AES_128 data keys (hygiene; on in the strict preset).',
          },
        },
      },
    ],
    defaultOptions: [{ strict: false }],
  },
  create(context, [options]) {
    const strict = options?.strict === true;
    const sourceCode = context.sourceCode;
    return onSdkCall(context, (call) => {
      if (call.service !== 'kms') return;
      const operation = call.operation;
      const pair = operation === 'GenerateDataKeyPair' || operation === 'GenerateDataKeyPairWithoutPlaintext';
      if (operation !== 'GenerateDataKey' && operation !== 'GenerateDataKeyWithoutPlaintext' && !pair) return;
      // A call with no argument sends an empty request: neither field.
      const view: ObjectView | null = call.input === null ? null : readObject(context, call.input);
      if (call.input !== null && !view) return;

      if (pair) {
        const specs = view?.field('KeyPairSpec');
        if (specs?.kind !== 'known') return;
        for (const option of present(specs.options)) {
          const value = evaluateString(context, option.value);
          if (value !== null && !DATA_KEY_PAIR_SPECS.has(value)) {
            context.report({ node: option.value, messageId: 'unknownKeyPairSpec', data: { operation, value } });
          }
        }
        return;
      }

      const absent: FieldState = { kind: 'known', options: [{ present: false }] };
      const keySpec = view ? view.field('KeySpec') : absent;
      const numberOfBytes = view ? view.field('NumberOfBytes') : absent;
      if (keySpec.kind === 'unknown' || numberOfBytes.kind === 'unknown') return;
      const specsPresent = present(keySpec.options);
      const bytesPresent = present(numberOfBytes.options);

      // Only certain combinations are reported: a conditional that sets one field or the other is fine.
      const alwaysSpec = specsPresent.length === keySpec.options.length;
      const alwaysBytes = bytesPresent.length === numberOfBytes.options.length;
      if (alwaysSpec && alwaysBytes) {
        const bytesProp = bytesPresent.length === 1 ? bytesPresent[0].property : undefined;
        const literal = call.input ? view?.literals : undefined;
        context.report({
          node: bytesProp ?? call.node,
          messageId: 'bothKeySpecAndNumberOfBytes',
          data: { operation },
          suggest:
            bytesProp && literal?.length === 1 && literal[0].properties.includes(bytesProp as TSESTree.ObjectLiteralElement)
              ? [{ messageId: 'removeNumberOfBytes', fix: (fixer) => removeProperty(sourceCode, fixer, bytesProp) }]
              : [],
        });
      } else if (specsPresent.length === 0 && bytesPresent.length === 0) {
        const input = call.input;
        const literal = input && input.type === 'ObjectExpression' ? input : null;
        context.report({
          node: call.node,
          messageId: 'neitherKeySpecNorNumberOfBytes',
          data: { operation },
          suggest: literal
            ? [
                {
                  messageId: 'addKeySpec',
                  fix: (fixer) => {
                    const last = literal.properties[literal.properties.length - 1];
                    if (!last) return fixer.replaceText(literal, "{ KeySpec: 'AES_256' }");
                    const after = sourceCode.getTokenAfter(last);
                    return after?.value === ','
                      ? fixer.insertTextAfter(after, " KeySpec: 'AES_256',")
                      : fixer.insertTextAfter(last, ", KeySpec: 'AES_256'");
                  },
                },
              ]
            : [],
        });
      }

      for (const option of bytesPresent) {
        const value = evaluate(context, option.value);
        if (value?.kind !== 'number') continue;
        const n = value.value;
        if (!Number.isInteger(n) || n < NUMBER_OF_BYTES_MIN || n > NUMBER_OF_BYTES_MAX) {
          context.report({ node: option.value, messageId: 'numberOfBytesOutOfRange', data: { operation, value: String(n) } });
        }
      }
      for (const option of specsPresent) {
        const value = evaluateString(context, option.value);
        if (value === null) continue;
        if (!DATA_KEY_SPECS.has(value)) {
          context.report({ node: option.value, messageId: 'unknownKeySpec', data: { operation, value } });
        } else if (value === 'AES_128' && strict) {
          context.report({ node: option.value, messageId: 'aes128', data: { operation } });
        }
      }
    });
  },
});
