import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constInitOf, originOfExpression, staticPropertyName, variableOf } from './bindings.js';
import { outputFieldOf, patternKeyOf } from './output.js';
import type { OperationSpec } from './operations.js';
import type { SdkCall } from './recognize.js';
import { isFunctionNode, unwrapAwait as unwrap } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Where a secret value came from: a KMS response's plaintext field, and how it got here. */
export interface PlaintextOrigin {
  spec: OperationSpec;
  call: SdkCall | null;
  field: string;
  /** False when it is the very bytes KMS returned (or a byte copy); true when converted to a string or parsed. */
  transformed: boolean;
}

const MAX_DEPTH = 10;

/** Byte-preserving calls: the result holds the same key bytes. */
const byteCopies = new Set(['slice', 'subarray']);
/** Calls that turn bytes into text or structure: the result still reveals the secret. */
const textConversions = new Set(['toString', 'toJSON', 'decode', 'trim', 'substring', 'padEnd', 'padStart', 'toUpperCase', 'toLowerCase', 'split', 'join']);

/**
 * Is this expression a KMS plaintext (a data key's or a decrypted secret's bytes), or something made from it?
 * Follows consts, destructuring, `Buffer.from`, `toString`, `TextDecoder.decode`, templates, concatenation,
 * `JSON.parse`/`JSON.stringify` and property reads of parsed secrets, within the file. Never throws.
 */
export function plaintextOrigin(context: Context, node: TSESTree.Node | null | undefined, depth = 0): PlaintextOrigin | null {
  if (!node || depth > MAX_DEPTH) return null;
  try {
    return originInner(context, node, depth);
  } catch {
    return null;
  }
}

function direct(context: Context, node: TSESTree.Node): PlaintextOrigin | null {
  const field = outputFieldOf(context, node);
  if (!field || !field.spec.plaintextOutputs?.includes(field.field)) return null;
  return { spec: field.spec, call: field.call, field: field.field, transformed: false };
}

function mark(origin: PlaintextOrigin | null, transformed: boolean): PlaintextOrigin | null {
  return origin && transformed ? { ...origin, transformed: true } : origin;
}

function originInner(context: Context, node: TSESTree.Node, depth: number): PlaintextOrigin | null {
  const n = unwrap(node);
  const found = direct(context, n);
  if (found) return found;
  switch (n.type) {
    case 'Identifier': {
      const variable = variableOf(context, n);
      const init = constInitOf(variable);
      if (init) return plaintextOrigin(context, init, depth + 1);
      // const { password } = JSON.parse(secretText)
      const def = variable?.defs[0];
      if (def?.type === 'Variable' && def.node.id.type === 'ObjectPattern' && def.node.init && patternKeyOf(def.node.id, n.name) !== null) {
        return mark(plaintextOrigin(context, def.node.init, depth + 1), true);
      }
      return null;
    }
    case 'MemberExpression': {
      // A length reveals nothing worth a finding.
      const prop = staticPropertyName(n);
      if (prop === 'length' || prop === 'byteLength') return null;
      // secretConfig.password, where secretConfig = JSON.parse(decrypted)
      const base = plaintextOrigin(context, n.object, depth + 1);
      return base?.transformed ? base : null;
    }
    case 'TemplateLiteral': {
      for (const e of n.expressions) {
        const o = plaintextOrigin(context, e, depth + 1);
        if (o) return mark(o, true);
      }
      return null;
    }
    case 'BinaryExpression': {
      if (n.operator !== '+') return null;
      return mark(plaintextOrigin(context, n.left, depth + 1) ?? plaintextOrigin(context, n.right, depth + 1), true);
    }
    case 'ConditionalExpression':
      return plaintextOrigin(context, n.consequent, depth + 1) ?? plaintextOrigin(context, n.alternate, depth + 1);
    case 'LogicalExpression':
      return plaintextOrigin(context, n.left, depth + 1) ?? plaintextOrigin(context, n.right, depth + 1);
    case 'NewExpression': {
      // new Uint8Array(plaintext) copies the bytes.
      const callee = unwrap(n.callee);
      if (callee.type === 'Identifier' && /^(Uint8Array|Buffer)$/.test(callee.name) && n.arguments[0]) {
        return plaintextOrigin(context, n.arguments[0], depth + 1);
      }
      return null;
    }
    case 'CallExpression': {
      const callee = unwrap(n.callee);
      const arg0 = n.arguments[0];
      if (callee.type === 'Identifier') {
        if (callee.name === 'String' && arg0) return mark(plaintextOrigin(context, arg0, depth + 1), true);
        return null;
      }
      if (callee.type !== 'MemberExpression') return null;
      const method = staticPropertyName(callee);
      if (method === null) return null;
      const object = unwrap(callee.object);
      if (object.type === 'Identifier' && (object.name === 'Buffer' || object.name === 'Uint8Array') && method === 'from' && arg0) {
        const origin = plaintextOrigin(context, arg0, depth + 1);
        const encoding = n.arguments[1];
        // Buffer.from(plaintext) copies bytes; Buffer.from(text, 'base64') decodes a converted secret.
        return mark(origin, !!encoding || !!origin?.transformed);
      }
      if (object.type === 'Identifier' && object.name === 'JSON' && (method === 'parse' || method === 'stringify') && arg0) {
        return mark(plaintextOrigin(context, arg0, depth + 1), true);
      }
      if (method === 'decode' && arg0) {
        // new TextDecoder().decode(plaintext)
        return mark(plaintextOrigin(context, arg0, depth + 1), true);
      }
      if (byteCopies.has(method)) return plaintextOrigin(context, callee.object, depth + 1);
      if (textConversions.has(method)) return mark(plaintextOrigin(context, callee.object, depth + 1), true);
      return null;
    }
    default:
      return null;
  }
}

/** The nearest function (declaration, expression or arrow) around `node`; null at module level. */
export function enclosingFunction(node: TSESTree.Node): TSESTree.Node | null {
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current)) return current;
    current = current.parent;
  }
  return null;
}

/** Does this callee come from a module (e.g. `console` is global, `pino` is imported)? Small helper for sinks. */
export function calleeModule(context: Context, callee: TSESTree.Node): string | null {
  const origin = originOfExpression(context, callee);
  return origin ? origin.module : null;
}
