import type { TSESTree } from '@typescript-eslint/utils';
import { fieldOptions, onSdkCall, readObject } from '../sdk/index.js';
import { enclosingFunction, plaintextOrigin } from '../sdk/taint.js';
import { createRule } from '../util/createRule.js';

export type Options = [];
export type MessageId = 'useReEncrypt';

export default createRule<Options, MessageId>({
  name: 'prefer-reencrypt',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer ReEncrypt over Decrypt followed by Encrypt of the same plaintext',
      recommended: 'strict',
      requiresTypeChecking: false,
    },
    messages: {
      useReEncrypt:
        'This Encrypt takes the plaintext of the Decrypt on line {{line}} unchanged: use ReEncrypt (SourceKeyId, DestinationKeyId, Source/DestinationEncryptionContext), which re-wraps the ciphertext inside KMS so the plaintext never reaches this process, its memory or its logs, in one request instead of two.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return onSdkCall(context, (call) => {
      if (call.service !== 'kms' || call.operation !== 'Encrypt') return;
      const plaintext = fieldOptions(readObject(context, call.input), 'Plaintext');
      if (!plaintext) return;
      const fn = enclosingFunction(call.node);
      for (const option of plaintext) {
        if (!option.present) continue;
        const origin = plaintextOrigin(context, option.value);
        // Only the very bytes (or a byte copy): a transformed secret (parsed, re-serialised) is new data.
        if (!origin || origin.transformed || origin.spec.operation !== 'Decrypt' || !origin.call) continue;
        if (enclosingFunction(origin.call.node) !== fn) continue;
        context.report({
          node: option.property ?? (option.value as TSESTree.Node),
          messageId: 'useReEncrypt',
          data: { line: origin.call.node.loc.start.line },
        });
        return;
      }
    });
  },
});
