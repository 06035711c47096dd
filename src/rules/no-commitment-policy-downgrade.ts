import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, variableOf } from '../sdk/index.js';
import { buildClientPolicies, fileMayBuildEsdkClient, isEsdkBuildClient, type PolicyOption } from '../sdk/esdk.js';
import { unwrapTs } from '../sdk/nodeCrypto.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ allowDecryptOnly?: boolean; strict?: boolean }];
export type MessageId = 'forbidEncrypt' | 'forbidDecryptOnly' | 'allowDecrypt' | 'useRequireEncryptAllowDecrypt';

/** The ESDK client members that only decrypt. */
const DECRYPT_MEMBERS = new Set(['decrypt', 'decryptStream', 'decryptUnsignedMessageStream']);

type Usage = 'decrypt-only' | 'other';

/** What the built client is used for: decrypt-only when every use names a decrypt member; otherwise `other`. */
function usageOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, call: TSESTree.CallExpression): Usage {
  let node: TSESTree.Node = call;
  while (node.parent && (node.parent.type === 'TSAsExpression' || node.parent.type === 'TSNonNullExpression' || node.parent.type === 'TSSatisfiesExpression')) {
    node = node.parent;
  }
  const parent = node.parent;
  // buildClient(p).decrypt
  if (parent?.type === 'MemberExpression' && parent.object === node) {
    const name = staticPropertyName(parent);
    return name && DECRYPT_MEMBERS.has(name) ? 'decrypt-only' : 'other';
  }
  if (parent?.type !== 'VariableDeclarator' || parent.init !== node) return 'other';
  const id = parent.id;
  if (id.type === 'ObjectPattern') {
    // const { decrypt, decryptStream } = buildClient(...)
    if (id.properties.length === 0) return 'other';
    for (const prop of id.properties) {
      if (prop.type !== 'Property') return 'other';
      const name = staticPropertyName(prop);
      if (!name || !DECRYPT_MEMBERS.has(name)) return 'other';
    }
    return 'decrypt-only';
  }
  if (id.type !== 'Identifier') return 'other';
  const variable = variableOf(context, id);
  if (!variable) return 'other';
  let uses = 0;
  for (const ref of variable.references) {
    if (ref.init) continue;
    const refNode = ref.identifier as TSESTree.Node;
    const member = refNode.parent;
    // client.decrypt(...) only; anything else (passing the client on, exporting it) may encrypt.
    if (member?.type !== 'MemberExpression' || member.object !== refNode) return 'other';
    const name = staticPropertyName(member);
    if (!name || !DECRYPT_MEMBERS.has(name)) return 'other';
    uses++;
  }
  return uses > 0 ? 'decrypt-only' : 'other';
}

/** Where a buildClient call names its policy: `buildClient(POLICY)` or `buildClient({ commitmentPolicy: POLICY })`. */
function policyArgumentOf(call: TSESTree.CallExpression): TSESTree.Node {
  const arg = call.arguments[0];
  if (!arg) return call;
  const options = unwrapTs(arg);
  if (options.type === 'ObjectExpression') {
    for (const prop of options.properties) {
      if (prop.type === 'Property' && staticPropertyName(prop) === 'commitmentPolicy') return prop.value;
    }
  }
  return arg;
}

export default createRule<Options, MessageId>({
  name: 'no-commitment-policy-downgrade',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow AWS Encryption SDK clients that encrypt without key commitment',
      recommended: 'recommended',
      requiresTypeChecking: false,
      strictOptions: [{ strict: true }],
    },
    hasSuggestions: true,
    messages: {
      forbidEncrypt:
        'buildClient with FORBID_ENCRYPT_ALLOW_DECRYPT encrypts without key commitment, so a crafted message can decrypt to different plaintexts under different data keys. It exists only to migrate from ESDK 1.x: use REQUIRE_ENCRYPT_ALLOW_DECRYPT once every reader runs 1.7 or later, then REQUIRE_ENCRYPT_REQUIRE_DECRYPT (the default).',
      forbidDecryptOnly:
        'This client only decrypts, so FORBID_ENCRYPT_ALLOW_DECRYPT behaves like REQUIRE_ENCRYPT_ALLOW_DECRYPT today, but it turns into a committing-less encryptor the day someone adds encrypt. Migrate: REQUIRE_ENCRYPT_ALLOW_DECRYPT now (same decrypt behaviour), then REQUIRE_ENCRYPT_REQUIRE_DECRYPT once messages written without commitment are re-encrypted or expired.',
      allowDecrypt:
        'REQUIRE_ENCRYPT_ALLOW_DECRYPT still decrypts messages without key commitment. Once every message in circulation was written with commitment (ESDK 2.x defaults), use REQUIRE_ENCRYPT_REQUIRE_DECRYPT, the default.',
      useRequireEncryptAllowDecrypt: 'Use CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowDecryptOnly: {
            type: 'boolean',
            description: 'Do not report clients that only decrypt (while legacy messages are drained).',
          },
          strict: {
            type: 'boolean',
            description: 'Also report REQUIRE_ENCRYPT_ALLOW_DECRYPT, which still accepts messages without key commitment (on in the strict preset).',
          },
        },
      },
    ],
    defaultOptions: [{ allowDecryptOnly: false, strict: false }],
  },
  create(context, [options]) {
    const allowDecryptOnly = options?.allowDecryptOnly === true;
    const strict = options?.strict === true;
    if (!fileMayBuildEsdkClient(context)) return {};
    const sourceCode = context.sourceCode;
    const suggestion = (option: PolicyOption): TSESLint.ReportSuggestionArray<MessageId> => {
      const n = unwrapTs(option.node);
      if (n.type === 'MemberExpression' && !n.computed) {
        return [{ messageId: 'useRequireEncryptAllowDecrypt', fix: (fixer) => fixer.replaceText(n.property, 'REQUIRE_ENCRYPT_ALLOW_DECRYPT') }];
      }
      if (n.type === 'Literal' && typeof n.value === 'string') {
        const quote = sourceCode.getText(n)[0];
        return [{ messageId: 'useRequireEncryptAllowDecrypt', fix: (fixer) => fixer.replaceText(n, `${quote}REQUIRE_ENCRYPT_ALLOW_DECRYPT${quote}`) }];
      }
      return [];
    };
    return {
      CallExpression(node) {
        const callee = unwrapTs(node.callee);
        // Cheap gate before any lookup.
        const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : null;
        if (name === null) return;
        if (name !== 'buildClient' && callee.type === 'MemberExpression') return;
        try {
          if (!isEsdkBuildClient(context, node)) return;
          const policies = buildClientPolicies(context, node);
          if (!policies || policies.length === 0) return;
          const usage = usageOf(context, node);
          const seen = new Set<TSESTree.Node>();
          for (const option of policies) {
            if (seen.has(option.node)) continue;
            seen.add(option.node);
            if (usage === 'decrypt-only' && allowDecryptOnly) continue;
            // Report on this buildClient call (a policy const may serve several clients); the suggestion edits the const.
            const inCall = option.node.range[0] >= node.range[0] && option.node.range[1] <= node.range[1];
            const at = inCall ? option.node : policyArgumentOf(node);
            if (option.policy === 'FORBID_ENCRYPT_ALLOW_DECRYPT') {
              context.report({
                node: at,
                messageId: usage === 'decrypt-only' ? 'forbidDecryptOnly' : 'forbidEncrypt',
                suggest: suggestion(option),
              });
            } else if (option.policy === 'REQUIRE_ENCRYPT_ALLOW_DECRYPT' && strict) {
              context.report({ node: at, messageId: 'allowDecrypt' });
            }
          }
        } catch {
          // A rule that cannot decide stays silent.
        }
      },
    };
  },
});
