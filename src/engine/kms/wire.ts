// Reading awsJson1_1 request members the way KMS does. A member of the wrong JSON type (or a blob that is
// not base64) is a deserialization failure, which AWS JSON services report as `SerializationException`;
// a member that is present but breaks a model constraint (length, range, enum, pattern, required) is a
// `ValidationException` with AWS's "1 validation error detected: Value at 'x' failed to satisfy constraint"
// wording. Member names in messages are lower-camel, as in KMS's own messages.
import { AwsError } from '../types.js';

export const validation = (message: string) => new AwsError('ValidationException', message);
const serialization = (message: string) => new AwsError('SerializationException', message);

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
// The value is quoted whole (recorded: a 257-character tag value appears in full), `null` when absent, and left out
// for the model's sensitive members (recorded: "Value at 'plaintext' failed to satisfy constraint").
const constraint = (name: string, value: unknown, rule: string, sensitive = false) =>
  validation(`1 validation error detected: Value ${sensitive ? '' : value === undefined ? 'null ' : `'${String(value)}' `}at '${camel(name)}' failed to satisfy constraint: ${rule}`);

/** Blob members the KMS model marks sensitive (PlaintextType): their value never appears in a message. */
const SENSITIVE = new Set(['Plaintext', 'Message']);

const LONE_SURROGATE = /\p{Cs}/u;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export class Input {
  private readonly obj: Record<string, unknown>;

  constructor(raw: unknown) {
    if (raw === undefined || raw === null) raw = {};
    if (typeof raw !== 'object' || Array.isArray(raw)) throw serialization('Start of structure or map found where not expected: the request body must be a JSON object');
    this.obj = raw as Record<string, unknown>;
  }

  has(name: string): boolean {
    return this.obj[name] !== undefined && this.obj[name] !== null;
  }

  string(name: string, opts: { required: true; min?: number; max?: number; pattern?: RegExp }): string;
  string(name: string, opts?: { required?: false; min?: number; max?: number; pattern?: RegExp }): string | undefined;
  string(name: string, opts: { required?: boolean; min?: number; max?: number; pattern?: RegExp } = {}): string | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) {
      if (opts.required) throw constraint(name, undefined, 'Member must not be null');
      return undefined;
    }
    if (typeof v !== 'string') throw serialization(`${typeOf(v)} can not be converted to a String (member ${name})`);
    const min = opts.min ?? 1;
    if (v.length < min) throw constraint(name, v, `Member must have length greater than or equal to ${min}`);
    if (opts.max !== undefined && v.length > opts.max) throw constraint(name, v, `Member must have length less than or equal to ${opts.max}`);
    if (opts.pattern && !opts.pattern.test(v)) throw constraint(name, v, `Member must satisfy regular expression pattern: ${opts.pattern.source}`);
    return v;
  }

  /**
   * An enum member. `listed` is the value list AWS's message gives, in AWS's order, where a response recorded it
   * (specs.ts, AWS_ENUM_LISTS); otherwise the model's order.
   */
  enumValue<T extends string>(name: string, values: readonly T[], required: true, listed?: readonly string[]): T;
  enumValue<T extends string>(name: string, values: readonly T[], required?: false, listed?: readonly string[]): T | undefined;
  enumValue<T extends string>(name: string, values: readonly T[], required = false, listed?: readonly string[]): T | undefined {
    const v = this.string(name, { required: required as false });
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) throw constraint(name, v, `Member must satisfy enum value set: [${(listed ?? values).join(', ')}]`);
    return v as T;
  }

  blob(name: string, opts: { required: true; max: number }): Buffer;
  blob(name: string, opts: { required?: false; max: number }): Buffer | undefined;
  blob(name: string, opts: { required?: boolean; max: number }): Buffer | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) {
      if (opts.required) throw constraint(name, undefined, 'Member must not be null');
      return undefined;
    }
    if (typeof v !== 'string') throw serialization(`${typeOf(v)} can not be converted to a Blob (member ${name})`);
    if (!BASE64.test(v)) throw serialization(`Invalid base64 in member ${name}`);
    const b = Buffer.from(v, 'base64');
    const sensitive = SENSITIVE.has(name);
    if (b.length < 1) throw constraint(name, `java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]`, 'Member must have length greater than or equal to 1', sensitive);
    if (b.length > opts.max) throw constraint(name, `java.nio.HeapByteBuffer[pos=0 lim=${b.length} cap=${b.length}]`, `Member must have length less than or equal to ${opts.max}`, sensitive);
    return b;
  }

  int(name: string, opts: { min: number; max: number }): number | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw serialization(`${typeOf(v)} can not be converted to an Integer (member ${name})`);
    if (v < opts.min) throw constraint(name, v, `Member must have value greater than or equal to ${opts.min}`);
    if (v > opts.max) throw constraint(name, v, `Member must have value less than or equal to ${opts.max}`);
    return v;
  }

  /** A timestamp member: awsJson1_1 sends epoch seconds (a number, possibly fractional). Returns milliseconds. */
  timestamp(name: string): number | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw serialization(`${typeOf(v)} can not be converted to a Timestamp (member ${name})`);
    return Math.round(v * 1000);
  }

  bool(name: string): boolean | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw serialization(`${typeOf(v)} can not be converted to a Boolean (member ${name})`);
    return v;
  }

  /** A string→string map (EncryptionContext, grant constraints). */
  map(name: string, opts: { maxPairs?: number; maxValue?: number } = {}): Record<string, string> | undefined {
    return readMap(this.obj[name], name, opts);
  }

  stringList(name: string, opts: { max: number; itemMax: number; required?: boolean }): string[] | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) {
      if (opts.required) throw constraint(name, undefined, 'Member must not be null');
      return undefined;
    }
    if (!Array.isArray(v)) throw serialization(`${typeOf(v)} can not be converted to a List (member ${name})`);
    if (v.length > opts.max) throw constraint(name, `[${v.length} items]`, `Member must have length less than or equal to ${opts.max}`);
    return v.map((item) => {
      if (typeof item !== 'string') throw serialization(`${typeOf(item)} can not be converted to a String (member ${name})`);
      if (item.length < 1 || item.length > opts.itemMax) throw constraint(name, item, `Member must satisfy constraint: [Member must have length less than or equal to ${opts.itemMax}, Member must have length greater than or equal to 1]`);
      return item;
    });
  }

  object(name: string): Input | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw serialization(`${typeOf(v)} can not be converted to a Structure (member ${name})`);
    return new Input(v);
  }

  /** Any JSON value, unvalidated (Tags, Policy) — checked for shape only where KMS would. */
  raw(name: string): unknown {
    return this.obj[name];
  }
}

/**
 * The size cap of an encryption context is not in the API model; an older developer guide revision says
 * "up to 8,192 characters" for the whole context, which we apply (unverified) so that an unbounded map
 * cannot be used to exhaust the engine.
 */
export const MAX_ENCRYPTION_CONTEXT_CHARS = 8192;

function readMap(v: unknown, name: string, opts: { maxPairs?: number; maxValue?: number }): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw serialization(`${typeOf(v)} can not be converted to a Map (member ${name})`);
  const pairs: [string, string][] = [];
  let chars = 0;
  const entries = Object.entries(v as Record<string, unknown>);
  if (opts.maxPairs !== undefined && entries.length > opts.maxPairs) {
    throw constraint(name, `{${entries.length} pairs}`, `Map must have at most ${opts.maxPairs} entries`);
  }
  for (const [k, val] of entries) {
    if (typeof val !== 'string') throw serialization(`${typeOf(val)} can not be converted to a String (member ${name}.${k})`);
    if (opts.maxValue !== undefined && val.length > opts.maxValue) throw constraint(name, val, `Map value must have length less than or equal to ${opts.maxValue}`);
    // A lone UTF-16 surrogate has no UTF-8 form (it would become U+FFFD), so two different contexts could
    // share one AAD encoding; refuse it rather than be ambiguous.
    if (LONE_SURROGATE.test(k) || LONE_SURROGATE.test(val)) throw validation(`Member ${name} contains a string that is not well-formed Unicode (a lone surrogate).`);
    chars += k.length + val.length;
    pairs.push([k, val]);
  }
  if (chars > MAX_ENCRYPTION_CONTEXT_CHARS) throw validation(`Encryption context is too long: ${chars} characters (at most ${MAX_ENCRYPTION_CONTEXT_CHARS})`);
  // fromEntries defines own properties: a key named "__proto__" stays a key (an assignment would set the prototype
  // and drop it, so {"__proto__": ""} would decrypt as if no context had been given).
  return Object.fromEntries(pairs);
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'START_ARRAY';
  if (v === null) return 'VALUE_NULL';
  switch (typeof v) {
    case 'number': return 'NUMBER_VALUE';
    case 'boolean': return 'BOOLEAN_VALUE';
    case 'string': return 'STRING_VALUE';
    case 'object': return 'START_OBJECT';
    default: return typeof v;
  }
}
