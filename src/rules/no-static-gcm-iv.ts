import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constInitOf, evaluate, functionOf, returnedExpressions, staticPropertyName, variableOf } from '../sdk/index.js';
import { cryptoFunctionOf, gcmAlgorithmOf, hashChainOf, unwrapTs } from '../sdk/nodeCrypto.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ checkIvLength?: boolean }];
export type MessageId = 'constantIv' | 'moduleIv' | 'ivReusedInLoop' | 'ivFromKey' | 'ivLength';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** NIST SP 800-38D: 96-bit IVs are the recommended (and most efficient) GCM IV length. */
const GCM_IV_BYTES = 12;
const CIPHER_FUNCTIONS: ReadonlySet<string> = new Set(['createCipheriv']);
const RANDOM_FUNCTIONS: ReadonlySet<string> = new Set(['randomBytes']);
const ITERATION_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'reduce', 'some', 'every']);
/** Calls that read an IV without changing it. */
const READ_ONLY_METHODS = new Set(['toString', 'toJSON', 'equals', 'compare', 'subarray', 'slice', 'readUInt32BE', 'at']);

type Finding =
  | { kind: 'constant'; what: string }
  | { kind: 'module'; name: string }
  | { kind: 'fromKey'; what: string }
  | { kind: 'random'; bytes: number | null };

const MAX_DEPTH = 8;

/** Could the bytes behind this variable change after it is bound (counter IVs, randomFillSync, copy into it)? */
function mayBeWritten(variable: TSESLint.Scope.Variable): boolean {
  for (const ref of variable.references) {
    if (ref.init) continue;
    if (ref.isWrite()) return true;
    const id = ref.identifier as TSESTree.Node;
    const parent = id.parent;
    if (!parent) continue;
    if (parent.type === 'MemberExpression' && parent.object === id) {
      const grand = parent.parent;
      if (grand?.type === 'AssignmentExpression' && grand.left === parent) return true;
      if (grand?.type === 'UpdateExpression') return true;
      const name = staticPropertyName(parent);
      if (grand?.type === 'CallExpression' && grand.callee === parent && (!name || (!READ_ONLY_METHODS.has(name) && name !== 'length'))) return true;
      continue;
    }
    if (parent.type === 'CallExpression' && parent.arguments.includes(id as TSESTree.Expression)) {
      // Passed to createCipheriv/Buffer.from/Buffer.concat is a read; passed anywhere else may write into it.
      const callee = unwrapTs(parent.callee);
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : null;
      if (name && ['createCipheriv', 'createDecipheriv', 'from', 'concat', 'log', 'info', 'debug'].includes(name)) continue;
      return true;
    }
  }
  return false;
}

function isModuleScope(variable: TSESLint.Scope.Variable): boolean {
  return variable.scope.type === 'module' || variable.scope.type === 'global';
}

function describe(context: Context, node: TSESTree.Node): string {
  const text = context.sourceCode.getText(node);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Same value as the key argument: the same variable, or the same source text. */
function isKey(context: Context, node: TSESTree.Node, keyTexts: ReadonlySet<string>): boolean {
  return keyTexts.has(context.sourceCode.getText(unwrapTs(node)));
}

function keyTextsOf(context: Context, key: TSESTree.Node): Set<string> {
  const out = new Set<string>();
  let n: TSESTree.Node | null = unwrapTs(key);
  for (let i = 0; n && i < 4; i++) {
    out.add(context.sourceCode.getText(n));
    n = n.type === 'Identifier' ? constInitOf(variableOf(context, n)) : null;
    if (n) n = unwrapTs(n);
  }
  return out;
}

interface Site {
  keyTexts: ReadonlySet<string>;
  /** The cipher is created inside a function, so it may run many times per process. */
  inFunction: boolean;
}

function analyze(context: Context, node: TSESTree.Node, site: Site, depth: number): Finding | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrapTs(node);
  if (n.type === 'Identifier') {
    const variable = variableOf(context, n);
    if (!variable) return null;
    const init = constInitOf(variable);
    if (!init || mayBeWritten(variable)) return null;
    const inner = analyze(context, init, site, depth + 1);
    if (inner && inner.kind !== 'random') return inner;
    // A random IV drawn once at module load is shared by every encryption in the process.
    if (isModuleScope(variable) && site.inFunction) return { kind: 'module', name: n.name };
    return inner;
  }
  if (n.type === 'CallExpression') {
    const callee = unwrapTs(n.callee);
    // A same-file helper that returns the IV.
    if (callee.type === 'Identifier') {
      const fn = functionOf(context, callee);
      if (fn) {
        const returns = returnedExpressions(fn);
        if (!returns || returns.length === 0) return null;
        let random: Finding | null = null;
        for (const r of returns) {
          const inner = analyze(context, r, site, depth + 1);
          if (inner && inner.kind !== 'random') return inner;
          if (inner) random = inner;
        }
        return random;
      }
      const crypto = cryptoFunctionOf(context, callee, RANDOM_FUNCTIONS);
      if (crypto === 'randomBytes') return randomOf(context, n);
    }
    if (callee.type === 'MemberExpression') {
      const method = staticPropertyName(callee);
      if (method === 'randomBytes' && cryptoFunctionOf(context, callee, RANDOM_FUNCTIONS)) return randomOf(context, n);
      // key.subarray(0, 12), key.slice(-12), Buffer.from(key), Buffer.from(key.subarray(...)), hash(key).subarray(0, 12)
      if (method === 'subarray' || method === 'slice') {
        if (isKey(context, callee.object, site.keyTexts)) return { kind: 'fromKey', what: describe(context, n) };
        const inner = analyze(context, callee.object, site, depth + 1);
        if (inner?.kind === 'fromKey') return { kind: 'fromKey', what: describe(context, n) };
      }
      if (method === 'digest' && isDigestOfKeyOnly(context, n, site, depth)) {
        return { kind: 'fromKey', what: describe(context, n) };
      }
      // Buffer.alloc(12, fill): the same bytes every time, whatever the fill.
      if (method === 'alloc' && callee.object.type === 'Identifier' && callee.object.name === 'Buffer' && n.arguments.length === 2) {
        const fill = n.arguments[1];
        if (fill.type !== 'SpreadElement' && evaluate(context, fill)) return { kind: 'constant', what: describe(context, n) };
      }
      if (method === 'from' && callee.object.type === 'Identifier' && (callee.object.name === 'Buffer' || callee.object.name === 'Uint8Array')) {
        const arg = n.arguments[0];
        if (arg && arg.type !== 'SpreadElement') {
          if (isKey(context, arg, site.keyTexts)) return { kind: 'fromKey', what: describe(context, n) };
          const inner = analyze(context, arg, site, depth + 1);
          if (inner?.kind === 'fromKey' || inner?.kind === 'random') return inner;
          if (arg.type === 'ArrayExpression' && arg.elements.every((e) => e?.type === 'Literal')) return { kind: 'constant', what: describe(context, n) };
        }
      }
    }
  }
  const value = evaluate(context, n);
  // Literal strings and materialised bytes (Buffer.alloc, Buffer.from('...'), new Uint8Array(12)) are the same every run.
  if (value && (value.kind === 'string' || (value.kind === 'bytes' && value.bytes))) {
    return { kind: 'constant', what: describe(context, n) };
  }
  return null;
}

/**
 * `createHash(alg).update(key).digest()` or `createHmac(alg, key).update('iv').digest()`: a hash of the
 * key and constants only, so the same bytes for every message under that key. A per-message input
 * (a counter, the plaintext) makes it something else, which this rule does not judge.
 */
function isDigestOfKeyOnly(context: Context, digestCall: TSESTree.CallExpression, site: Site, depth: number): boolean {
  const chain = hashChainOf(context, digestCall);
  if (!chain || !chain.inputsComplete || chain.inputs.length === 0) return false;
  const inputs = chain.hmacKey ? [...chain.inputs, chain.hmacKey] : chain.inputs;
  let fromKey = false;
  for (const input of inputs) {
    if (input.type === 'SpreadElement') return false;
    if (isKey(context, input, site.keyTexts) || analyze(context, input, site, depth + 1)?.kind === 'fromKey') fromKey = true;
    else if (!evaluate(context, input)) return false;
  }
  return fromKey;
}

function randomOf(context: Context, call: TSESTree.CallExpression): Finding {
  const size = evaluate(context, call.arguments[0]);
  return { kind: 'random', bytes: size?.kind === 'number' ? size.value : null };
}

/** The variable at the root of an expression (`key`, `tenant.key`, `keys[i]`), if any. */
function rootVariable(context: Context, node: TSESTree.Node): TSESLint.Scope.Variable | null {
  let n = unwrapTs(node);
  while (n.type === 'MemberExpression') n = unwrapTs(n.object);
  return n.type === 'Identifier' ? variableOf(context, n) : null;
}

const within = (inner: TSESTree.Range, outer: TSESTree.Range) => outer[0] <= inner[0] && inner[1] <= outer[1];

/**
 * Is `call` inside a loop (or per-item callback) that does not also contain the IV variable's declaration?
 * Not when the key itself is bound inside that loop: a different key per iteration does not repeat (key, IV).
 */
function reusedInLoop(context: Context, call: TSESTree.Node, ivId: TSESTree.Identifier, key: TSESTree.Node): boolean {
  const variable = variableOf(context, ivId);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || !def) return false;
  const declRange = def.name.range;
  const keyDef = rootVariable(context, key)?.defs[0];
  const keyInside = (loop: TSESTree.Node) => !!keyDef && within(keyDef.name.range, loop.range);
  let child: TSESTree.Node = call;
  for (let node = call.parent; node; child = node, node = node.parent) {
    if (within(declRange, node.range)) return false;
    switch (node.type) {
      case 'ForStatement':
        if (child === node.body || child === node.update) return !keyInside(node);
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        if (child === node.body) return !keyInside(node);
        break;
      case 'ArrowFunctionExpression':
      case 'FunctionExpression': {
        const parent = node.parent;
        if (parent?.type === 'CallExpression' && parent.arguments.includes(node) && parent.callee.type === 'MemberExpression') {
          const name = staticPropertyName(parent.callee);
          if (name && ITERATION_METHODS.has(name)) return !keyInside(node);
        }
        break;
      }
      default:
        break;
    }
  }
  return false;
}

export default createRule<Options, MessageId>({
  name: 'no-static-gcm-iv',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow constant, reused or key-derived IVs with AES-GCM in node:crypto',
      recommended: 'recommended',
      requiresTypeChecking: false,
      // The IV length is advice, not a defect: a fresh random IV of another length is legal GCM.
      strictOptions: [{ checkIvLength: true }],
    },
    messages: {
      constantIv:
        'AES-GCM IV {{what}} is the same on every call: two messages under one key with the same IV reveal their XOR and let an attacker forge authentication tags. Use randomBytes(12) per message and store it with the ciphertext.',
      moduleIv:
        "AES-GCM IV '{{name}}' is created once at module level and reused for every encryption in the process: a repeated IV under one key reveals plaintext XORs and lets an attacker forge tags. Draw randomBytes(12) per message.",
      ivReusedInLoop:
        "AES-GCM IV '{{name}}' is created outside this loop and reused for every iteration's cipher: a repeated IV under one key reveals plaintext XORs and lets an attacker forge tags. Draw randomBytes(12) inside the loop.",
      ivFromKey:
        'AES-GCM IV {{what}} is derived from the key: it is the same for every message under that key (nonce reuse), and a slice of the key stored beside the ciphertext gives key bytes away. Use randomBytes(12).',
      ivLength:
        'AES-GCM IV is {{bytes}} bytes: GCM is specified and analysed for 12-byte (96-bit) IVs; other lengths are hashed into a counter with weaker, non-standard guarantees. Use randomBytes(12).',
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkIvLength: {
            type: 'boolean',
            description:
              'Also report fresh random IVs whose length is not 12 bytes. Such IVs are legal GCM (they are hashed into the counter) but non-standard; off by default, on in the strict and all presets.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkIvLength: false }],
  },
  // RuleCreator 8.74 still types a top-level `defaultOptions`; it holds the same value as meta.defaultOptions.
  defaultOptions: [{ checkIvLength: false }],
  create(context, [{ checkIvLength }]) {
    // createCipheriv is recognised by a name containing "cipher" (itself, renamed in the import, or a project
    // re-export named like it): other files need no CallExpression listener.
    if (!/cipher/i.test(context.sourceCode.text)) return {};
    return {
      CallExpression(node) {
        if (node.arguments.length < 3) return;
        const callee = unwrapTs(node.callee);
        const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticPropertyName(callee) : null;
        if (name === null || (callee.type === 'MemberExpression' && name !== 'createCipheriv')) return;
        try {
          if (cryptoFunctionOf(context, callee, CIPHER_FUNCTIONS) !== 'createCipheriv') return;
          const [algorithm, key, iv] = node.arguments;
          if (!gcmAlgorithmOf(context, algorithm) || key.type === 'SpreadElement' || iv.type === 'SpreadElement') return;
          let inFunction = false;
          for (let p: TSESTree.Node | undefined = node.parent; p && !inFunction; p = p.parent) inFunction = p.type.includes('Function');
          const finding = analyze(context, iv, { keyTexts: keyTextsOf(context, key), inFunction }, 0);
          if (finding?.kind === 'constant') {
            context.report({ node: iv, messageId: 'constantIv', data: { what: finding.what } });
            return;
          }
          if (finding?.kind === 'module') {
            context.report({ node: iv, messageId: 'moduleIv', data: { name: finding.name } });
            return;
          }
          if (finding?.kind === 'fromKey') {
            context.report({ node: iv, messageId: 'ivFromKey', data: { what: finding.what } });
            return;
          }
          const ivNode = unwrapTs(iv);
          if (ivNode.type === 'Identifier' && (finding?.kind === 'random' || finding === null)) {
            const variable = variableOf(context, ivNode);
            // Only a value bound once and never written can be "reused"; a parameter is fresh per call.
            if (variable && constInitOf(variable) && !mayBeWritten(variable) && reusedInLoop(context, node, ivNode, key)) {
              context.report({ node: iv, messageId: 'ivReusedInLoop', data: { name: ivNode.name } });
              return;
            }
          }
          if (checkIvLength && finding?.kind === 'random' && finding.bytes !== null && finding.bytes !== GCM_IV_BYTES) {
            context.report({ node: iv, messageId: 'ivLength', data: { bytes: String(finding.bytes) } });
          }
        } catch {
          // A rule that cannot decide stays silent.
        }
      },
    };
  },
});
