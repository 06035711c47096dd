import type { TSESTree } from '@typescript-eslint/utils';
import { byteSize, onSdkCall, readObject, type SdkCall } from '../sdk/index.js';
import { valueBranches, type ValueBranch } from '../sdk/guards.js';
import { encryptLimitOf } from '../sdk/encryptLimits.js';
import { createRule } from '../util/createRule.js';

export type Options = [];
export type MessageId = 'oversized' | 'oversizedBranch' | 'oversizedForAlgorithm';


type Context = Parameters<Parameters<typeof createRule<Options, MessageId>>[0]['create']>[0];

/** `when \`isProd\` is truthy`: which side of which conditional, in the user's own words. */
export function describeBranch(context: Context, branch: ValueBranch): string {
  if (!branch.condition) return 'on one path';
  let text = context.sourceCode.getText(branch.condition.test).replace(/\s+/g, ' ');
  if (text.length > 40) text = `${text.slice(0, 37)}...`;
  return `when \`${text}\` is ${branch.condition.outcome ? 'truthy' : 'falsy'}`;
}

/** Report on the written value when it sits inside the call, else on the call itself. */
function reportNode(call: SdkCall, value: TSESTree.Node): TSESTree.Node {
  const [start, end] = call.node.range;
  return value.range[0] >= start && value.range[1] <= end ? value : call.node;
}

function sizeText(min: number, max: number): string {
  return min === max ? `${min.toLocaleString('en-US')} bytes` : `at least ${min.toLocaleString('en-US')} bytes`;
}

export default createRule<Options, MessageId>({
  name: 'no-oversized-encrypt',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow KMS Encrypt on plaintexts provably larger than its 4,096-byte limit',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    messages: {
      oversized:
        'This Encrypt plaintext is {{size}}, over the 4,096-byte limit of KMS Encrypt: KMS rejects it with ValidationException. Use envelope encryption: GenerateDataKey, encrypt the data locally with the data key (AES-256-GCM), and store the encrypted data key beside the ciphertext.',
      oversizedBranch:
        'This Encrypt plaintext is {{size}} {{branch}}, over the 4,096-byte limit of KMS Encrypt: KMS rejects it with ValidationException on that path. Use envelope encryption: GenerateDataKey, encrypt the data locally with the data key (AES-256-GCM), and store the encrypted data key beside the ciphertext.',
      oversizedForAlgorithm:
        'This Encrypt plaintext is {{size}}{{branch}}, over what KMS Encrypt accepts with {{algorithm}}: at most {{limit}} bytes even with the largest key that supports it. KMS rejects it with ValidationException. Use envelope encryption (GenerateDataKey, then encrypt locally) or encrypt only a small secret.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const reported = new Set<TSESTree.Node>();
    return onSdkCall(context, (call) => {
      try {
        check(call);
      } catch {
        // A rule that cannot decide stays silent rather than break the lint run.
      }
    });

    function check(call: SdkCall): void {
      const field = call.spec.fields.plaintext;
      if (call.service !== 'kms' || !field || !call.input) return;
      const view = readObject(context, call.input);
      const state = view?.field(field);
      if (!state || state.kind !== 'known') return;
      const present = state.options.filter((o) => o.present);
      const sized = present.flatMap((o) =>
        o.present ? valueBranches(context, o.value).map((b) => ({ branch: b, written: o.value, range: byteSize(context, b.node) })) : [],
      );
      // An asymmetric EncryptionAlgorithm lowers the limit (RSAES_OAEP_SHA_256: 446 bytes at most).
      const limit = encryptLimitOf(context, view);
      const over = sized.filter((s) => s.range.min > limit.maxBytes);
      if (over.length === 0) return;
      const report = (node: TSESTree.Node, size: string, branch: ValueBranch | null) => {
        if (reported.has(node)) return;
        reported.add(node);
        if (limit.algorithm) {
          const where = branch ? ` ${describeBranch(context, branch)}` : '';
          context.report({ node, messageId: 'oversizedForAlgorithm', data: { size, branch: where, algorithm: limit.algorithm, limit: limit.maxBytes } });
        } else if (branch) {
          context.report({ node, messageId: 'oversizedBranch', data: { size, branch: describeBranch(context, branch) } });
        } else {
          context.report({ node, messageId: 'oversized', data: { size } });
        }
      };
      if (over.length === sized.length) {
        // Every value it can take is too big: one finding, on the written value.
        const first = present[0];
        const written = first?.present ? (first.property?.value ?? first.value) : call.node;
        const min = Math.min(...over.map((s) => s.range.min));
        const max = Math.max(...over.map((s) => s.range.max));
        report(reportNode(call, written), sizeText(min, max), null);
        return;
      }
      for (const { branch, written, range } of over) {
        // The branch itself when the call holds it, else the value the call passes (`Plaintext: payload`).
        let node = reportNode(call, branch.node);
        if (node === call.node) node = reportNode(call, written);
        report(node, sizeText(range.min, range.max), branch);
      }
    }
  },
});
