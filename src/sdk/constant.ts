import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constInitOf, originOfExpression, staticPropertyName, variableOf } from './bindings.js';
import { outputFieldOf } from './output.js';
import type * as ts from 'typescript';
import { getTypeInfo, typeAt, type TypeInfo } from './typeInfo.js';
import { unwrapTs as unwrap } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A value known at lint time. Byte arrays carry their length (and bytes when small). */
export type ConstValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'undefined' }
  | { kind: 'bytes'; length: number; bytes?: Uint8Array }
  | { kind: 'object'; value: Record<string, unknown> }
  | { kind: 'array'; value: unknown[] };

/** A byte-size range; `max` is Infinity when nothing bounds it. */
export interface ByteRange {
  min: number;
  max: number;
  /** Set when the bound comes from the API contract (a data key is ≤ 1,024 bytes), not from the value. */
  boundedBy?: string;
}

const MAX_DEPTH = 12;
/** Never materialise more than this many characters or bytes while evaluating (`'x'.repeat(1e9)`). */
const MAX_MATERIALISE = 1 << 20;

// SDK enum members whose value differs from their name (the rest, e.g. DataKeySpec.AES_256, equal it).
const sdkEnumValues: Record<string, Record<string, string>> = {
  ServerSideEncryption: { AES256: 'AES256', aws_kms: 'aws:kms', aws_kms_dsse: 'aws:kms:dsse', aws_fsx: 'aws:fsx' },
};

function toPlain(v: ConstValue): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'object':
    case 'array':
      return v.value;
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    default:
      return v.bytes ? Buffer.from(v.bytes) : undefined;
  }
}

function fromPlain(v: unknown): ConstValue | null {
  if (typeof v === 'string') return { kind: 'string', value: v };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (v === null) return { kind: 'null' };
  if (v === undefined) return { kind: 'undefined' };
  if (Array.isArray(v)) return { kind: 'array', value: v };
  if (v instanceof Uint8Array) return { kind: 'bytes', length: v.length, bytes: v };
  if (typeof v === 'object') return { kind: 'object', value: v as Record<string, unknown> };
  return null;
}

function isGlobal(context: Context, node: TSESTree.Node, name: string): boolean {
  if (node.type !== 'Identifier' || node.name !== name) return false;
  const variable = variableOf(context, node);
  return !variable || variable.defs.length === 0;
}

function calleeName(context: Context, callee: TSESTree.Node): { object?: string; name: string } | null {
  const c = unwrap(callee);
  if (c.type === 'Identifier') {
    const origin = originOfExpression(context, c);
    if (origin?.kind === 'export') return { object: origin.module, name: origin.name };
    return { name: c.name };
  }
  if (c.type === 'MemberExpression') {
    const name = staticPropertyName(c);
    if (name === null) return null;
    const obj = unwrap(c.object);
    if (obj.type === 'Identifier') {
      const origin = originOfExpression(context, obj);
      if (origin?.kind === 'module') return { object: origin.module, name };
      return { object: obj.name, name };
    }
    return { name };
  }
  return null;
}

const cryptoModules = new Set(['crypto', 'node:crypto']);

function byteArg(context: Context, node: TSESTree.Node | undefined, depth: number): number | null {
  if (!node) return null;
  const v = evaluate(context, node, depth + 1);
  return v?.kind === 'number' && Number.isInteger(v.value) && v.value >= 0 ? v.value : null;
}

function bytesOf(value: string, encoding: string): ConstValue | null {
  if (!Buffer.isEncoding(encoding)) return null;
  const buf = Buffer.from(value, encoding);
  return { kind: 'bytes', length: buf.length, bytes: buf.length <= MAX_MATERIALISE ? buf : undefined };
}

/** Evaluates an expression to a constant, or null. Never throws. */
export function evaluate(context: Context, node: TSESTree.Node | null | undefined, depth = 0): ConstValue | null {
  if (!node || depth > MAX_DEPTH) return null;
  try {
    return evaluateInner(context, node, depth) ?? evaluateByType(context, node);
  } catch {
    return null;
  }
}

function evaluateByType(context: Context, node: TSESTree.Node): ConstValue | null {
  const info = getTypeInfo(context);
  if (!info) return null;
  const type = typeAt(info, node);
  return type ? constantOfType(info, type) : null;
}

/** The value a literal type stands for (`'aws:kms'`, `12`, `true`), or null for any other type. */
export function constantOfType(info: Pick<TypeInfo, 'ts' | 'checker'>, type: ts.Type): ConstValue | null {
  if (type.isStringLiteral()) return { kind: 'string', value: type.value };
  if (type.isNumberLiteral()) return { kind: 'number', value: type.value };
  if (type.flags & info.ts.TypeFlags.BooleanLiteral) {
    return { kind: 'boolean', value: info.checker.typeToString(type) === 'true' };
  }
  return null;
}

function evaluateInner(context: Context, node: TSESTree.Node, depth: number): ConstValue | null {
  const n = unwrap(node);
  switch (n.type) {
    case 'Literal': {
      if ('regex' in n && n.regex) return null;
      if ('bigint' in n && n.bigint) return null;
      return fromPlain(n.value);
    }
    case 'TemplateLiteral': {
      let out = '';
      for (let i = 0; i < n.quasis.length; i++) {
        out += n.quasis[i].value.cooked ?? '';
        if (i < n.expressions.length) {
          const v = evaluate(context, n.expressions[i], depth + 1);
          if (!v || !['string', 'number', 'boolean', 'null', 'undefined'].includes(v.kind)) return null;
          out += String(toPlain(v));
        }
        if (out.length > MAX_MATERIALISE) return null;
      }
      return { kind: 'string', value: out };
    }
    case 'BinaryExpression': {
      if (n.left.type === 'PrivateIdentifier') return null;
      const l = evaluate(context, n.left, depth + 1);
      const r = evaluate(context, n.right, depth + 1);
      if (!l || !r) return null;
      const a = toPlain(l);
      const b = toPlain(r);
      if (n.operator === '+') {
        if (typeof a === 'number' && typeof b === 'number') return { kind: 'number', value: a + b };
        if ((typeof a === 'string' || typeof b === 'string') && typeof a !== 'object' && typeof b !== 'object') {
          const s = String(a) + String(b);
          return s.length > MAX_MATERIALISE ? null : { kind: 'string', value: s };
        }
        return null;
      }
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      switch (n.operator) {
        case '-':
          return { kind: 'number', value: a - b };
        case '*':
          return { kind: 'number', value: a * b };
        case '/':
          return { kind: 'number', value: a / b };
        case '**':
          return { kind: 'number', value: a ** b };
        case '<<':
          return { kind: 'number', value: a << b };
        default:
          return null;
      }
    }
    case 'UnaryExpression': {
      const v = evaluate(context, n.argument, depth + 1);
      if (n.operator === 'void') return { kind: 'undefined' };
      if (v?.kind === 'number' && n.operator === '-') return { kind: 'number', value: -v.value };
      if (v?.kind === 'number' && n.operator === '+') return v;
      if (v?.kind === 'boolean' && n.operator === '!') return { kind: 'boolean', value: !v.value };
      return null;
    }
    case 'Identifier': {
      if (isGlobal(context, n, 'undefined')) return { kind: 'undefined' };
      const init = constInitOf(variableOf(context, n));
      return init ? evaluate(context, init, depth + 1) : null;
    }
    case 'MemberExpression': {
      const name = staticPropertyName(n);
      if (name === null) {
        if (!n.computed) return null;
        const key = evaluate(context, n.property, depth + 1);
        const obj = evaluate(context, n.object, depth + 1);
        if (key && obj && (obj.kind === 'object' || obj.kind === 'array') && (key.kind === 'string' || key.kind === 'number')) {
          return fromPlain((obj.value as Record<string, unknown>)[String(key.value)]);
        }
        return null;
      }
      const objNode = unwrap(n.object);
      // SDK enums imported from the AWS packages: `ServerSideEncryption.aws_kms`.
      if (objNode.type === 'Identifier' || objNode.type === 'MemberExpression') {
        const origin = originOfExpression(context, objNode);
        if (origin?.kind === 'export' && /^(@aws-sdk\/|aws-sdk)/.test(origin.module)) {
          const table = sdkEnumValues[origin.name];
          if (table) return name in table ? { kind: 'string', value: table[name] } : null;
          if (/^[A-Z]/.test(origin.name)) return { kind: 'string', value: name };
        }
      }
      const obj = evaluate(context, objNode, depth + 1);
      if (!obj) return null;
      if (name === 'length') {
        if (obj.kind === 'string') return { kind: 'number', value: obj.value.length };
        if (obj.kind === 'bytes') return { kind: 'number', value: obj.length };
        if (obj.kind === 'array') return { kind: 'number', value: obj.value.length };
        return null;
      }
      if (obj.kind === 'object' && Object.hasOwn(obj.value, name)) return fromPlain(obj.value[name]);
      return null;
    }
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const prop of n.properties) {
        if (prop.type === 'SpreadElement') {
          const v = evaluate(context, prop.argument, depth + 1);
          if (v?.kind !== 'object') return null;
          Object.assign(out, v.value);
          continue;
        }
        if (prop.kind !== 'init' || prop.method) return null;
        const key = staticPropertyName(prop) ?? (prop.computed ? evaluate(context, prop.key, depth + 1) : null);
        const keyString = typeof key === 'string' ? key : key && 'value' in key ? String(key.value) : null;
        if (keyString === null) return null;
        const v = evaluate(context, prop.value, depth + 1);
        if (!v) return null;
        out[keyString] = toPlain(v);
      }
      return { kind: 'object', value: out };
    }
    case 'ArrayExpression': {
      const out: unknown[] = [];
      for (const el of n.elements) {
        if (!el || el.type === 'SpreadElement') return null;
        const v = evaluate(context, el, depth + 1);
        if (!v) return null;
        out.push(toPlain(v));
      }
      return { kind: 'array', value: out };
    }
    case 'NewExpression': {
      const callee = unwrap(n.callee);
      if (callee.type === 'Identifier' && /^(Uint8Array|Int8Array|Uint8ClampedArray)$/.test(callee.name)) {
        const arg = n.arguments[0];
        if (!arg) return { kind: 'bytes', length: 0, bytes: new Uint8Array(0) };
        const v = evaluate(context, arg, depth + 1);
        if (v?.kind === 'number' && Number.isInteger(v.value) && v.value >= 0) {
          return { kind: 'bytes', length: v.value, bytes: v.value <= MAX_MATERIALISE ? new Uint8Array(v.value) : undefined };
        }
        if (v?.kind === 'array') return { kind: 'bytes', length: v.value.length };
        if (v?.kind === 'bytes') return v;
      }
      return null;
    }
    case 'CallExpression':
      return evaluateCall(context, n, depth);
    default:
      return null;
  }
}

function evaluateCall(context: Context, n: TSESTree.CallExpression, depth: number): ConstValue | null {
  const callee = unwrap(n.callee);
  const args = n.arguments;
  if (args.some((a) => a.type === 'SpreadElement')) return null;
  // String methods on a constant receiver.
  if (callee.type === 'MemberExpression') {
    const method = staticPropertyName(callee);
    const receiverNode = unwrap(callee.object);
    // new TextEncoder().encode(s), or an encoder kept in a const.
    if (method === 'encode') {
      let enc: TSESTree.Node = receiverNode;
      if (enc.type === 'Identifier') enc = constInitOf(variableOf(context, enc)) ?? enc;
      enc = unwrap(enc);
      if (enc.type === 'NewExpression' && unwrap(enc.callee).type === 'Identifier' && (unwrap(enc.callee) as TSESTree.Identifier).name === 'TextEncoder') {
        const s = evaluate(context, args[0], depth + 1);
        return s?.kind === 'string' ? bytesOf(s.value, 'utf8') : args.length === 0 ? { kind: 'bytes', length: 0 } : null;
      }
    }
    const isStaticOf = (name: string) => receiverNode.type === 'Identifier' && receiverNode.name === name;
    if (!isStaticOf('Buffer') && !isStaticOf('JSON') && !isStaticOf('crypto') && !isStaticOf('Uint8Array') && method) {
      const recv = evaluate(context, receiverNode, depth + 1);
      if (recv?.kind === 'string') {
        const s = recv.value;
        const a0 = args[0] ? evaluate(context, args[0], depth + 1) : null;
        const a1 = args[1] ? evaluate(context, args[1], depth + 1) : null;
        switch (method) {
          case 'repeat': {
            if (a0?.kind !== 'number' || !Number.isInteger(a0.value) || a0.value < 0) return null;
            if (s.length * a0.value > MAX_MATERIALISE) return null;
            return { kind: 'string', value: s.repeat(a0.value) };
          }
          case 'padEnd':
          case 'padStart': {
            if (a0?.kind !== 'number' || a0.value > MAX_MATERIALISE) return null;
            const fill = a1 ? (a1.kind === 'string' ? a1.value : null) : ' ';
            if (fill === null) return null;
            return { kind: 'string', value: method === 'padEnd' ? s.padEnd(a0.value, fill) : s.padStart(a0.value, fill) };
          }
          case 'toUpperCase':
            return { kind: 'string', value: s.toUpperCase() };
          case 'toLowerCase':
            return { kind: 'string', value: s.toLowerCase() };
          case 'trim':
            return { kind: 'string', value: s.trim() };
          case 'concat': {
            const rest = args.map((a) => evaluate(context, a, depth + 1));
            if (rest.some((r) => r?.kind !== 'string')) return null;
            return { kind: 'string', value: s.concat(...rest.map((r) => (r as { value: string }).value)) };
          }
          case 'toString':
            return recv;
          default:
            return null;
        }
      }
      if (recv?.kind === 'bytes' && method === 'toString' && recv.bytes) {
        const enc = args[0] ? evaluate(context, args[0], depth + 1) : { kind: 'string' as const, value: 'utf8' };
        if (enc?.kind !== 'string' || !Buffer.isEncoding(enc.value)) return null;
        return { kind: 'string', value: Buffer.from(recv.bytes).toString(enc.value) };
      }
      if (recv?.kind === 'array' && method === 'join') {
        const sep = args[0] ? evaluate(context, args[0], depth + 1) : { kind: 'string' as const, value: ',' };
        if (sep?.kind !== 'string') return null;
        return { kind: 'string', value: recv.value.join(sep.value) };
      }
    }
  }
  const name = calleeName(context, callee);
  if (!name) return null;
  const { object, name: fn } = name;
  if (object === 'Buffer' || object === 'Uint8Array') {
    if (fn === 'from') {
      const src = evaluate(context, args[0], depth + 1);
      if (!src) return null;
      if (src.kind === 'string') {
        const enc = args[1] ? evaluate(context, args[1], depth + 1) : { kind: 'string' as const, value: 'utf8' };
        return enc?.kind === 'string' ? bytesOf(src.value, enc.value) : null;
      }
      if (src.kind === 'array') return { kind: 'bytes', length: src.value.length };
      if (src.kind === 'bytes') return src;
      return null;
    }
    if (object === 'Buffer' && (fn === 'alloc' || fn === 'allocUnsafe' || fn === 'allocUnsafeSlow')) {
      const size = byteArg(context, args[0], depth);
      return size === null ? null : { kind: 'bytes', length: size, bytes: fn === 'alloc' && size <= MAX_MATERIALISE && args.length === 1 ? new Uint8Array(size) : undefined };
    }
    if (object === 'Buffer' && fn === 'concat') {
      const list = args[0] && unwrap(args[0]);
      if (list?.type !== 'ArrayExpression') return null;
      let total = 0;
      for (const el of list.elements) {
        if (!el || el.type === 'SpreadElement') return null;
        const v = evaluate(context, el, depth + 1);
        if (v?.kind !== 'bytes') return null;
        total += v.length;
      }
      return { kind: 'bytes', length: total };
    }
    return null;
  }
  if (fn === 'randomBytes' && (object === undefined || (object && cryptoModules.has(object)) || object === 'crypto')) {
    const size = byteArg(context, args[0], depth);
    return size === null ? null : { kind: 'bytes', length: size };
  }
  if (object === 'JSON' && fn === 'stringify' && args.length >= 1) {
    const v = evaluate(context, args[0], depth + 1);
    if (!v || v.kind === 'bytes') return null;
    const out = JSON.stringify(toPlain(v));
    return typeof out === 'string' ? { kind: 'string', value: out } : null;
  }
  if (fn === 'String' && object === undefined && args.length === 1) {
    const v = evaluate(context, args[0], depth + 1);
    if (!v || v.kind === 'bytes' || v.kind === 'object' || v.kind === 'array') return null;
    return { kind: 'string', value: String(toPlain(v)) };
  }
  return null;
}

export function evaluateString(context: Context, node: TSESTree.Node | null | undefined): string | null {
  const v = evaluate(context, node);
  return v?.kind === 'string' ? v.value : null;
}

const UNBOUNDED: ByteRange = { min: 0, max: Infinity };

function union(a: ByteRange, b: ByteRange): ByteRange {
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), boundedBy: a.boundedBy ?? b.boundedBy };
}

/** The UTF-8 byte size of a string or byte-array expression, as a range. Never throws. */
export function byteSize(context: Context, node: TSESTree.Node | null | undefined, depth = 0): ByteRange {
  if (!node || depth > MAX_DEPTH) return UNBOUNDED;
  try {
    return byteSizeInner(context, node, depth);
  } catch {
    return UNBOUNDED;
  }
}

function byteSizeInner(context: Context, node: TSESTree.Node, depth: number): ByteRange {
  const n = unwrap(node);
  const v = evaluateInner(context, n, depth);
  if (v?.kind === 'string') {
    const len = Buffer.byteLength(v.value, 'utf8');
    return { min: len, max: len };
  }
  if (v?.kind === 'bytes') return { min: v.length, max: v.length };
  if (n.type === 'ConditionalExpression') {
    return union(byteSize(context, n.consequent, depth + 1), byteSize(context, n.alternate, depth + 1));
  }
  if (n.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||')) {
    return union(byteSize(context, n.left, depth + 1), byteSize(context, n.right, depth + 1));
  }
  // Sizes the KMS API itself bounds: a data key's Plaintext (≤ 1,024 bytes), a Decrypt plaintext (≤ 4,096).
  const field = outputFieldOf(context, n);
  if (field && field.field === 'Plaintext' && field.spec.plaintextOutputMaxBytes !== undefined) {
    return { min: 0, max: field.spec.plaintextOutputMaxBytes, boundedBy: `${field.spec.operation} Plaintext` };
  }
  if (n.type === 'Identifier') {
    const init = constInitOf(variableOf(context, n));
    if (init) return byteSize(context, init, depth + 1);
  }
  if (n.type === 'TemplateLiteral') {
    let min = 0;
    let max = 0;
    for (const q of n.quasis) {
      const len = Buffer.byteLength(q.value.cooked ?? '', 'utf8');
      min += len;
      max += len;
    }
    for (const e of n.expressions) {
      const r = byteSize(context, e, depth + 1);
      min += r.min;
      max += r.max;
    }
    return { min, max };
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const a = byteSize(context, n.left, depth + 1);
    const b = byteSize(context, n.right, depth + 1);
    return { min: a.min + b.min, max: a.max + b.max };
  }
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    const name = calleeName(context, callee);
    if (name?.object === 'Buffer' && name.name === 'from' && n.arguments[0] && n.arguments.length <= 2) {
      const encArg = n.arguments[1] ? evaluate(context, n.arguments[1], depth + 1) : null;
      const inner = byteSize(context, n.arguments[0], depth + 1);
      if (!n.arguments[1] || (encArg?.kind === 'string' && /^utf-?8$/i.test(encArg.value))) return inner;
      return { min: 0, max: inner.max };
    }
    if (name?.object === 'Buffer' && name.name === 'concat' && n.arguments[0]?.type === 'ArrayExpression') {
      let min = 0;
      let max = 0;
      for (const el of n.arguments[0].elements) {
        if (!el || el.type === 'SpreadElement') return UNBOUNDED;
        const r = byteSize(context, el, depth + 1);
        min += r.min;
        max += r.max;
      }
      return { min, max };
    }
    if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'encode') {
      return n.arguments[0] ? byteSize(context, n.arguments[0], depth + 1) : UNBOUNDED;
    }
    if (callee.type === 'MemberExpression' && (staticPropertyName(callee) === 'slice' || staticPropertyName(callee) === 'subarray')) {
      const whole = byteSize(context, callee.object, depth + 1);
      return { min: 0, max: whole.max };
    }
    // Encodings of a byte array of known length: hex doubles it, base64 grows it by 4/3 (padded), base64url unpadded.
    if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'toString' && n.arguments.length === 1) {
      const bytes = evaluate(context, callee.object, depth + 1);
      const enc = evaluate(context, n.arguments[0], depth + 1);
      const size = bytes?.kind === 'bytes' && enc?.kind === 'string' ? encodedLength(bytes.length, enc.value) : null;
      if (size !== null) return { min: size, max: size };
    }
    // getRandomValues(buf) and randomFillSync(buf) fill the array they are given and return it.
    if (callee.type === 'MemberExpression' && n.arguments.length === 1 && /^(?:getRandomValues|randomFillSync)$/.test(staticPropertyName(callee) ?? '')) {
      return byteSize(context, n.arguments[0], depth + 1);
    }
    // A symmetric KeyObject's export(): its key length (`generateKeySync('aes', { length: 256 })` is 32 bytes).
    if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'export' && exportsRawBytes(context, n)) {
      const key = secretKeySize(context, callee.object, depth + 1);
      if (key) return key;
    }
    if (callee.type === 'MemberExpression' && staticPropertyName(callee) === 'repeat') {
      const base = byteSize(context, callee.object, depth + 1);
      const count = evaluate(context, n.arguments[0], depth + 1);
      if (count?.kind === 'number') return { min: base.min * count.value, max: base.max * count.value };
      return { min: 0, max: base.max === 0 ? 0 : Infinity };
    }
  }
  return byTypeRange(context, n) ?? UNBOUNDED;
}

/** Characters `n` bytes become in a Buffer encoding, or null for encodings whose output length is not fixed. */
function encodedLength(n: number, encoding: string): number | null {
  switch (encoding.toLowerCase()) {
    case 'hex':
      return 2 * n;
    case 'base64':
      return 4 * Math.ceil(n / 3);
    case 'base64url':
      return Math.ceil((4 * n) / 3);
    case 'latin1':
    case 'binary':
    case 'ascii':
      return n;
    default:
      return null;
  }
}

/** `key.export()` or `key.export({ format: 'buffer' })`: the raw bytes of a secret KeyObject. */
function exportsRawBytes(context: Context, call: TSESTree.CallExpression): boolean {
  if (call.arguments.length === 0) return true;
  if (call.arguments.length !== 1) return false;
  const options = evaluate(context, call.arguments[0]);
  return options?.kind === 'object' && Object.keys(options.value).length === 1 && options.value.format === 'buffer';
}

/** The byte size of a secret KeyObject made in this file: `generateKeySync('aes' | 'hmac', { length })`, `createSecretKey(bytes)`. */
function secretKeySize(context: Context, node: TSESTree.Node, depth: number): ByteRange | null {
  if (depth > MAX_DEPTH) return null;
  let n = unwrap(node);
  if (n.type === 'Identifier') n = unwrap(constInitOf(variableOf(context, n)) ?? n);
  if (n.type !== 'CallExpression') return null;
  const fn = calleeName(context, unwrap(n.callee))?.name;
  if (fn === 'createSecretKey' && n.arguments[0]) {
    const size = byteSize(context, n.arguments[0], depth + 1);
    return Number.isFinite(size.max) ? { min: size.min, max: size.max } : null;
  }
  if (fn === 'generateKeySync' && n.arguments.length === 2) {
    const type = evaluate(context, n.arguments[0], depth + 1);
    const options = evaluate(context, n.arguments[1], depth + 1);
    const length = options?.kind === 'object' ? options.value.length : undefined;
    // generateKeySync's length is in bits; HMAC keys keep floor(length / 8) bytes.
    if (type?.kind === 'string' && (type.value === 'aes' || type.value === 'hmac') && typeof length === 'number' && length > 0) {
      const bytes = Math.floor(length / 8);
      return { min: bytes, max: bytes };
    }
  }
  return null;
}

function byTypeRange(context: Context, node: TSESTree.Node): ByteRange | null {
  const info = getTypeInfo(context);
  if (!info) return null;
  const type = typeAt(info, node);
  if (!type) return null;
  const parts = type.isUnion() ? type.types : [type];
  let range: ByteRange | null = null;
  for (const t of parts) {
    if (!t.isStringLiteral()) return null;
    const len = Buffer.byteLength(t.value, 'utf8');
    range = range ? union(range, { min: len, max: len }) : { min: len, max: len };
  }
  return range;
}
