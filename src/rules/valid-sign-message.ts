import type { TSESTree } from '@typescript-eslint/utils';
import {
  byteSize,
  constInitOf,
  evaluate,
  evaluateString,
  fieldOptions,
  onSdkCall,
  readObject,
  staticPropertyName,
  variableOf,
} from '../sdk/index.js';
import { createRule } from '../util/createRule.js';
import { unwrapAwait as unwrap } from '../sdk/ast.js';
import { hashChainOf } from '../sdk/nodeCrypto.js';

export type Options = [];
export type MessageId = 'notDigest' | 'digestAsText' | 'digestLengthMismatch' | 'rawTooLarge' | 'externalMuLength';

/** KMS Sign/Verify: a RAW message is at most 4,096 bytes (API_Sign, Message). */
const RAW_MESSAGE_MAX_BYTES = 4096;
/** EXTERNAL_MU messages are the 64-byte ML-DSA representative μ. */
const EXTERNAL_MU_BYTES = 64;

/** The digest length a signing algorithm expects with MessageType DIGEST (API_Sign, MessageType). */
export function digestBytesFor(algorithm: string): number | null {
  if (/SHA_256$/.test(algorithm) || algorithm === 'SM2DSA') return 32;
  if (/SHA_384$/.test(algorithm)) return 48;
  if (/SHA_512$/.test(algorithm)) return 64;
  return null;
}

const hashBytes: Record<string, number> = {
  sha256: 32,
  'sha-256': 32,
  sha384: 48,
  'sha-384': 48,
  sha512: 64,
  'sha-512': 64,
  sha224: 28,
  sha1: 20,
  'sha-1': 20,
  md5: 16,
  'sha3-256': 32,
  'sha3-384': 48,
  'sha3-512': 64,
  sm3: 32,
};

type Context = Parameters<Parameters<typeof createRule>[0]['create']>[0];

/** What we can tell of a message: a hash digest (of which algorithm), text encoded as bytes, or nothing. */
type MessageKind =
  | { kind: 'digest'; bytes: number | null; algorithm: string }
  /** `digest('hex')`: a digest written out as text; its bytes are the text's, not the digest's, until decoded. */
  | { kind: 'digestText'; bytes: number | null; algorithm: string; encoding: string }
  | { kind: 'text'; what: string }
  | { kind: 'unknown' };

/** Node's binary-to-text encodings and the length of n bytes written in each. */
const textLength: Record<string, (n: number) => number> = {
  hex: (n) => 2 * n,
  base64: (n) => 4 * Math.ceil(n / 3),
  base64url: (n) => Math.ceil((4 * n) / 3),
};

/** The same encoding under Node's aliases (`binary` is `latin1`). */
function canonicalEncoding(encoding: string): string {
  const e = encoding.toLowerCase();
  return e === 'binary' ? 'latin1' : e;
}

/** The digest a `digestText` kind turns into when read back with `encoding`, or what its text bytes are. */
function decodeDigestText(kind: Extract<MessageKind, { kind: 'digestText' }>, encoding: string): MessageKind {
  if (canonicalEncoding(encoding) === canonicalEncoding(kind.encoding)) return { kind: 'digest', bytes: kind.bytes, algorithm: kind.algorithm };
  return kind;
}

function classifyMessage(context: Context, node: TSESTree.Node, depth = 0): MessageKind {
  if (depth > 8) return { kind: 'unknown' };
  const n = unwrap(node);
  if (n.type === 'Identifier') {
    const init = constInitOf(variableOf(context, n));
    return init ? classifyMessage(context, init, depth + 1) : { kind: 'unknown' };
  }
  if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'Uint8Array' && n.arguments[0]) {
    return classifyMessage(context, n.arguments[0], depth + 1);
  }
  if (n.type === 'Literal' || n.type === 'TemplateLiteral') return { kind: 'text', what: 'a string' };
  if (n.type !== 'CallExpression') return { kind: 'unknown' };
  const callee = unwrap(n.callee);
  if (callee.type !== 'MemberExpression') {
    return { kind: 'unknown' };
  }
  const method = staticPropertyName(callee);
  // createHash('sha256').update(x).digest(), or .digest('hex') for its text
  if (method === 'digest' && n.arguments.length <= 1) {
    const encoding = n.arguments[0] ? evaluateString(context, n.arguments[0]) : undefined;
    if (n.arguments[0] && !encoding) return { kind: 'unknown' };
    const chain = hashChainOf(context, n);
    // An HMAC is not a digest of the message, whatever its length.
    if (chain?.fn !== 'createHash') return { kind: 'unknown' };
    const alg = evaluateString(context, chain.algorithm)?.toLowerCase();
    const bytes = alg ? (hashBytes[alg] ?? null) : null;
    if (encoding && canonicalEncoding(encoding) !== 'buffer') return { kind: 'digestText', bytes, algorithm: alg ?? 'unknown', encoding };
    return { kind: 'digest', bytes, algorithm: alg ?? 'unknown' };
  }
  // crypto.subtle.digest('SHA-256', data)
  if (method === 'digest' && n.arguments.length === 2 && callee.object.type === 'MemberExpression' && staticPropertyName(callee.object) === 'subtle') {
    const alg = evaluateString(context, n.arguments[0])?.toLowerCase();
    return { kind: 'digest', bytes: alg ? (hashBytes[alg] ?? null) : null, algorithm: alg ?? 'unknown' };
  }
  const object = unwrap(callee.object);
  if (method === 'from' && object.type === 'Identifier' && object.name === 'Buffer' && n.arguments[0]) {
    const encoding = n.arguments[1] ? evaluateString(context, n.arguments[1]) : 'utf8';
    const arg = unwrap(n.arguments[0]);
    if (!encoding) return { kind: 'unknown' };
    const inner = classifyMessage(context, arg, depth + 1);
    // Buffer.from(hexDigest, 'hex') is how digests often travel; Buffer.from(hexDigest) keeps the hex text.
    if (inner.kind === 'digestText') return decodeDigestText(inner, encoding);
    // Only text encodings mean "not a digest".
    if (/^(utf-?8|utf16le|ucs-?2|latin1|binary|ascii)$/i.test(encoding)) {
      const fromBytes = inner;
      if (fromBytes.kind === 'digest') return fromBytes;
      if (isStringy(context, arg)) return { kind: 'text', what: describeText(arg) };
    }
    return { kind: 'unknown' };
  }
  if (method === 'encode' && n.arguments[0]) return { kind: 'text', what: 'text encoded with TextEncoder' };
  return { kind: 'unknown' };
}

function isStringy(context: Context, node: TSESTree.Node): boolean {
  if (node.type === 'Literal' && typeof node.value === 'string') return true;
  if (node.type === 'TemplateLiteral') return true;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && staticPropertyName(node.callee) === 'stringify') return true;
  return evaluate(context, node)?.kind === 'string';
}

function describeText(node: TSESTree.Node): string {
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && staticPropertyName(node.callee) === 'stringify') {
    return 'a JSON payload';
  }
  return 'text';
}

export default createRule<Options, MessageId>({
  name: 'valid-sign-message',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require KMS Sign and Verify messages that match their MessageType',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    messages: {
      notDigest:
        "{{operation}} with MessageType 'DIGEST' signs {{what}} as if it were a hash: KMS skips hashing, so the signature does not cover a digest of the message (AWS warns this can compromise the signature) and its length must equal the algorithm's hash. Hash it first (createHash('{{hash}}').update(message).digest()) or use MessageType 'RAW'.",
      digestLengthMismatch:
        "{{operation}} with MessageType 'DIGEST' and {{algorithm}} needs a {{expected}}-byte digest, but this message is {{actual}} bytes ({{source}}): KMS answers ValidationException.",
      digestAsText:
        "{{operation}} with MessageType 'DIGEST' sends the {{encoding}} text of a {{algorithm}} digest{{size}}, not the digest's bytes: KMS answers ValidationException (or, for a length that happens to fit, signs the wrong bytes). Decode it (Buffer.from(text, '{{encoding}}')) or pass digest() without an encoding.",
      rawTooLarge:
        "{{operation}} with MessageType 'RAW' accepts at most 4,096 bytes, but this message is at least {{size}} bytes: KMS answers ValidationException. Hash it locally and send the digest with MessageType 'DIGEST'.",
      externalMuLength:
        "{{operation}} with MessageType 'EXTERNAL_MU' needs the 64-byte ML-DSA representative μ, but this message is {{actual}} bytes: KMS answers ValidationException.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return onSdkCall(context, (call) => {
      if (call.service !== 'kms' || (call.operation !== 'Sign' && call.operation !== 'Verify')) return;
      const view = readObject(context, call.input);
      const messageOptions = fieldOptions(view, 'Message');
      const message = messageOptions?.find((o) => o.present);
      if (!message || !message.present) return;
      const typeOptions = fieldOptions(view, 'MessageType');
      if (!typeOptions) return;
      const algorithms = (fieldOptions(view, 'SigningAlgorithm') ?? [])
        .map((o) => (o.present ? evaluateString(context, o.value) : null))
        .filter((a): a is string => !!a);
      const reported = new Set<MessageId>();
      const report = (messageId: MessageId, data: Record<string, string | number>) => {
        if (reported.has(messageId)) return;
        reported.add(messageId);
        context.report({ node: message.property ?? message.value, messageId, data: { operation: call.operation, ...data } });
      };
      for (const option of typeOptions) {
        const type = option.present ? evaluateString(context, option.value) : 'RAW';
        if (type === 'RAW') {
          const size = byteSize(context, message.value);
          if (size.min > RAW_MESSAGE_MAX_BYTES) report('rawTooLarge', { size: size.min });
          continue;
        }
        const size = byteSize(context, message.value);
        const exact = size.min === size.max ? size.min : null;
        if (type === 'EXTERNAL_MU') {
          if (exact !== null && exact !== EXTERNAL_MU_BYTES) report('externalMuLength', { actual: exact });
          continue;
        }
        if (type !== 'DIGEST') continue;
        const kind = classifyMessage(context, message.value);
        if (kind.kind === 'digestText') {
          // The bytes sent are the digest's text: 64 for a hex SHA-256, never a digest length that matches.
          const grow = textLength[canonicalEncoding(kind.encoding)];
          const textBytes = kind.bytes !== null && grow ? grow(kind.bytes) : null;
          report('digestAsText', {
            encoding: kind.encoding,
            algorithm: kind.algorithm,
            size: textBytes === null ? '' : ` (${textBytes} bytes, not ${kind.bytes})`,
          });
          continue;
        }
        const expected = algorithms.map(digestBytesFor).find((b): b is number => b !== null) ?? null;
        const algorithm = algorithms[0] ?? 'its signing algorithm';
        if (kind.kind === 'text') {
          report('notDigest', { what: kind.what, hash: expected === 48 ? 'sha384' : expected === 64 ? 'sha512' : 'sha256' });
          continue;
        }
        const actual = kind.kind === 'digest' ? kind.bytes : exact;
        if (expected !== null && actual !== null && actual !== expected) {
          report('digestLengthMismatch', {
            algorithm,
            expected,
            actual,
            source: kind.kind === 'digest' ? `a ${kind.algorithm} digest` : 'known length',
          });
        }
      }
    });
  },
});
