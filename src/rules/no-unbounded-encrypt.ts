import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { byteSize, constInitOf, onSdkCall, readObject, staticPropertyName, variableOf, type SdkCall } from '../sdk/index.js';
import { MAX_UTF8_BYTES_PER_UTF16_UNIT, encodingOf, sizeBoundAt, valueBranches } from '../sdk/guards.js';
import { SYMMETRIC_ENCRYPT_MAX_BYTES, encryptLimitOf } from '../sdk/encryptLimits.js';
import { createRule } from '../util/createRule.js';
import { unwrapAwait as unwrap } from '../sdk/ast.js';

export type Options = [{ maxBytes: number; reportKeyNamedValues?: boolean }];
export type MessageId = 'unbounded' | 'lengthCountsUnits' | 'addGuard' | 'useByteLength';

/** KMS Encrypt's plaintext limit with a symmetric key (API_Encrypt: Plaintext length 1..4096). */
const ENCRYPT_PLAINTEXT_MAX_BYTES = SYMMETRIC_ENCRYPT_MAX_BYTES;

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

function short(context: Context, node: TSESTree.Node): string {
  const text = context.sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Where the plaintext comes from, in words a reader recognises: a file read, a request body, … */
function describeSource(context: Context, node: TSESTree.Node, depth = 0): string {
  const n = unwrap(node);
  if (depth < 6) {
    const enc = encodingOf(context, n);
    if (enc) return describeSource(context, enc.source, depth + 1);
    if (n.type === 'Identifier') {
      const variable = variableOf(context, n);
      const init = constInitOf(variable);
      if (init) return describeSource(context, init, depth + 1);
      if (variable?.defs[0]?.type === 'Parameter') return `the parameter \`${n.name}\``;
    }
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : null;
      if (name && /^readFile(Sync)?$/.test(name)) return 'a file read';
      if (name === 'stringify' && callee.type === 'MemberExpression' && unwrap(callee.object).type === 'Identifier' && (unwrap(callee.object) as TSESTree.Identifier).name === 'JSON') {
        return `\`${short(context, n)}\` output`;
      }
      if (name === 'toString' && callee.type === 'MemberExpression') return describeSource(context, callee.object, depth + 1);
    }
    if (n.type === 'MemberExpression' && staticPropertyName(n) === 'body') return 'a request body';
  }
  return `\`${short(context, node)}\``;
}

/** The value a guard should measure: the plaintext itself, or what `Buffer.from`/`encode` encoded. */
function guardSubject(context: Context, leaf: TSESTree.Node): TSESTree.Node | null {
  const isPath = (n: TSESTree.Node): boolean =>
    n.type === 'Identifier' || (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && isPath(n.object));
  const n = unwrap(leaf);
  if (isPath(n)) return n;
  const enc = encodingOf(context, n);
  return enc && isPath(unwrap(enc.source)) ? unwrap(enc.source) : null;
}

/** The statement holding the call, when it sits directly in a block (so a guard can go before it). */
function statementInBlock(node: TSESTree.Node): TSESTree.Statement | null {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent) {
    if (parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'StaticBlock' || parent.type === 'SwitchCase') {
      return child as TSESTree.Statement;
    }
    if (parent.type.includes('Function') || parent.type.startsWith('Class')) return null;
    child = parent;
    parent = parent.parent;
  }
  return null;
}

/** `dataKey`, `plainTextDataKey`, `DATA_KEY`, `keyMaterial`, `keyBytes`, `dek`: names people give key material. */
const namedLikeKey = (name: string) => /(?:^|[a-z0-9_$])(?:Key|KEY)(?:Material|Bytes|Buffer|Buf)?$|_key$|_KEY$/.test(name) || /^(?:key(?:Material|Bytes|Buffer|Buf)?|dek|cek|kek|DEK|CEK|KEK)$/.test(name);

/** The name a plaintext is known by, through `Buffer.from(x)`, `x.toString(enc)` and casts: `x`, or `obj.x`'s `x`. */
function plaintextName(context: Context, node: TSESTree.Node, depth = 0): string | null {
  const n = unwrap(node);
  if (depth > 4) return null;
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression') return staticPropertyName(n);
  const enc = encodingOf(context, n);
  if (enc) return plaintextName(context, enc.source, depth + 1);
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && staticPropertyName(n.callee) === 'toString') {
    return plaintextName(context, n.callee.object, depth + 1);
  }
  return null;
}

function reportNode(call: SdkCall, value: TSESTree.Node): TSESTree.Node {
  const [start, end] = call.node.range;
  return value.range[0] >= start && value.range[1] <= end ? value : call.node;
}

export default createRule<Options, MessageId>({
  name: 'no-unbounded-encrypt',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a size check before KMS Encrypt on plaintexts that may exceed 4,096 bytes',
      recommended: 'recommended',
      severity: 'warn',
      requiresTypeChecking: false,
      strictOptions: [{ reportKeyNamedValues: true }],
    },
    hasSuggestions: true,
    messages: {
      unbounded:
        'Nothing proves this Encrypt plaintext ({{what}}) is at most {{max}} bytes: KMS Encrypt rejects plaintexts over 4,096 bytes with ValidationException. Check `Buffer.byteLength(…) > {{max}}` and reject before the call, or use envelope encryption (GenerateDataKey, then encrypt locally) for data that can grow.',
      lengthCountsUnits:
        '`{{length}}` counts UTF-16 code units, not bytes: one unit can take up to 3 UTF-8 bytes (`\'é\'.repeat(4096)` is 8,192 bytes), so this check lets through up to {{bytes}} bytes, over the {{max}}-byte limit of KMS Encrypt. Compare `Buffer.byteLength(…)` instead, or keep `.length` at most {{unitsMax}}.',
      addGuard: 'Reject `{{subject}}` when it is over {{max}} bytes, before the call.',
      useByteLength: 'Measure UTF-8 bytes with `Buffer.byteLength({{subject}})`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          reportKeyNamedValues: {
            type: 'boolean',
            description:
              'Report plaintexts whose size is only suggested by their name (`dataKey`, `plainTextDataKey: Buffer`, `keyMaterial`). Off: such values are taken to be key material, which is small; the strict and all presets turn it on.',
          },
          maxBytes: {
            type: 'integer',
            minimum: 1,
            maximum: ENCRYPT_PLAINTEXT_MAX_BYTES,
            description:
              'The plaintext size, in bytes, that must be proven. 4,096 is the KMS Encrypt limit for symmetric keys; set the RSA limit of your key (190 to 470) for asymmetric keys.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxBytes: ENCRYPT_PLAINTEXT_MAX_BYTES, reportKeyNamedValues: false }],
  },
  create(context, [{ maxBytes: configuredMax, reportKeyNamedValues }]) {
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
      // An asymmetric EncryptionAlgorithm lowers what must be proven (RSAES_OAEP_SHA_256: 446 bytes at most).
      const limit = encryptLimitOf(context, view);
      const maxBytes = Math.min(configuredMax, limit.maxBytes);
      for (const option of state.options) {
        if (!option.present) continue;
        if (sizeBoundAt(context, option.value, call.node).maxBytes <= maxBytes) continue;
        for (const branch of valueBranches(context, option.value)) {
          // Provably too big: no-oversized-encrypt reports it.
          if (byteSize(context, branch.node).min > limit.maxBytes) continue;
          const bound = sizeBoundAt(context, branch.node, call.node);
          if (bound.maxBytes <= maxBytes) continue;
          const name = reportKeyNamedValues ? null : plaintextName(context, branch.node);
          if (name && namedLikeKey(name)) continue;
          let node = reportNode(call, branch.node);
          if (node === call.node) node = reportNode(call, option.value);
          if (reported.has(node)) continue;
          reported.add(node);
          if (bound.viaUnits) {
            const { lengthNode, units } = bound.viaUnits;
            const subject = context.sourceCode.getText(lengthNode.object);
            context.report({
              node,
              messageId: 'lengthCountsUnits',
              data: {
                length: short(context, lengthNode),
                bytes: (units * MAX_UTF8_BYTES_PER_UTF16_UNIT).toLocaleString('en-US'),
                max: String(maxBytes),
                unitsMax: Math.floor(maxBytes / MAX_UTF8_BYTES_PER_UTF16_UNIT).toLocaleString('en-US'),
              },
              suggest: [
                {
                  messageId: 'useByteLength',
                  data: { subject },
                  fix: (fixer) => fixer.replaceText(lengthNode, `Buffer.byteLength(${subject})`),
                },
              ],
            });
            continue;
          }
          const subjectNode = guardSubject(context, branch.node);
          const statement = subjectNode && !branch.condition ? statementInBlock(call.node) : null;
          const suggest: TSESLint.ReportSuggestionArray<MessageId> = [];
          if (subjectNode && statement) {
            const subject = context.sourceCode.getText(subjectNode);
            const line = context.sourceCode.lines[statement.loc.start.line - 1];
            const indent = /^\s*/.exec(line)?.[0] ?? '';
            suggest.push({
              messageId: 'addGuard',
              data: { subject, max: String(maxBytes) },
              fix: (fixer) =>
                fixer.insertTextBefore(
                  statement,
                  `if (Buffer.byteLength(${subject}) > ${maxBytes}) {\n${indent}  throw new RangeError(\`${subject.replace(/`/g, '')} is over the ${maxBytes}-byte KMS Encrypt limit\`);\n${indent}}\n${indent}`,
                ),
            });
          }
          context.report({
            node,
            messageId: 'unbounded',
            data: { what: describeSource(context, branch.node), max: String(maxBytes) },
            suggest,
          });
        }
      }
    }
  },
});
