// The data-key model shared by acquisition, tracking and the path analysis: one buffer of key material (a KMS
// plaintext or a copy of one), the variables that hold it and the events (use, zeroize, escape) that happen to it.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, variableOf } from '../bindings.js';
import { operations, type OperationSpec } from '../operations.js';
import type { SdkCall } from '../recognize.js';
import type { TypeInfo } from '../typeInfo.js';
import { unwrapTs as unwrapExpr } from '../ast.js';
export { childrenOf } from '../ast.js';

export type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
export type Var = TSESLint.Scope.Variable;

/** What every part of the analysis reads: the rule's context, its source, type information and the zeroizer names. */
export interface DataKeyEnv {
  context: Context;
  sourceCode: Readonly<TSESLint.SourceCode>;
  typeInfo: TypeInfo | null;
  /** Functions that zeroize the buffer passed to them (the rule's `zeroizers` option). */
  zeroizers: ReadonlySet<string>;
}

/** Output field names that hold key material, from the operations table. */
export const plaintextFields = new Set(operations.flatMap((op) => op.plaintextOutputs ?? []));

/** Node crypto / WebCrypto calls that take key material, and the argument that is the key. */
export const keyMaterialArgs = new Map<string, number>([
  ['createCipheriv', 1],
  ['createDecipheriv', 1],
  ['createHmac', 1],
  ['createSecretKey', 0],
  ['createPrivateKey', 0],
  ['importKey', 1],
]);
/** Methods that keep their argument (a collection, an emitter, a promise's resolution): the key escapes with it. */
export const storingMethods = new Set(['set', 'push', 'unshift', 'add', 'put', 'setItem', 'enqueue', 'splice', 'emit', 'postMessage', 'assign', 'resolve', 'next']);
/** Continuations by naming convention: handing the key to one hands over the responsibility for it. */
export const continuationNames = new Set(['callback', 'cb', 'done', 'next', 'resolve', 'resolver']);
/**
 * `ok(value)` where `ok` is the first parameter of a `new Promise((ok, fail) => …)` executor: whatever it is given
 * becomes the promise's value, so it leaves with the promise (as with a continuation, whatever the name).
 */
export function resolvesPromise(context: Context, callee: TSESTree.Node): boolean {
  if (callee.type !== 'Identifier') return false;
  const variable = variableOf(context, callee);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter') return false;
  const executor = def.node;
  const created = executor.parent;
  return (
    'params' in executor &&
    executor.params[0] === def.name &&
    created?.type === 'NewExpression' &&
    created.arguments[0] === executor &&
    created.callee.type === 'Identifier' &&
    created.callee.name === 'Promise'
  );
}
/** Presence assertions (`assert(key)`, `invariant(key)`): they throw only when the key is missing. */
export const assertionNames = new Set(['assert', 'ok', 'invariant', 'assertDefined', 'assertExists']);
/** Constructors that copy the bytes they are given. */
export const byteArrayClasses = new Set(['Uint8Array', 'Buffer', 'Uint8ClampedArray', 'Int8Array', 'DataView']);

export type Timing = 'enter' | 'exit';
/**
 * `absent`: the node runs only when there is no key. `absentIfFalse`: an `if` without `else` whose test fails only
 * when there is no key (`if (!err) …`, `if (k) …`): the way past it that skips the consequent holds none.
 */
export type EventKind = 'acquire' | 'use' | 'zeroize' | 'escape' | 'absent' | 'absentIfFalse' | 'zeroizeAfterThrow';

export interface KeyEvent {
  node: TSESTree.Node;
  at: Timing;
  kind: EventKind;
}

/** One buffer of key material that some function must overwrite: a KMS plaintext or a copy of one. */
export interface Key {
  spec: OperationSpec;
  field: string;
  /** Buffer (v2, `Buffer.from`) rather than Uint8Array (v3): decides whether `.slice()` copies. */
  buffer: boolean;
  copyOf: Key | null;
  /** Where the report goes; also the acquisition point. */
  reportNode: TSESTree.Node;
  acquire: KeyEvent;
  root: TSESTree.Node;
  events: KeyEvent[];
  /** Variables holding these bytes (aliases and views), for zeroize checks. */
  byteVars: Set<Var>;
  /** Variables holding the whole response; `holder.<field>` are these bytes. */
  holderVars: Set<Var>;
  keyMaterial: boolean;
  copies: Key[];
  strings: TSESTree.Node[];
  /** Error parameter of a v2 callback: its branch runs without a key. */
  errorVar: Var | null;
  /** The variable the suggestion zeroizes, as text (`dataKey`, `dk.Plaintext`). */
  keyText: string | null;
  /** Calls that only make a view or a copy of the key: allocation, not a step that can fail midway. */
  quiet: Set<TSESTree.Node>;
  /** For a copy: how it was made (`Buffer.from`, spread), for the message. */
  how?: string;
  /**
   * For a key handed to a caller in this file (returned, resolved, passed to its callback): the response field it
   * started as and the function that handed it over, for the message.
   */
  via?: { field: string; from: string };
}

export function calleeName(callee: TSESTree.Node): string | null {
  const c = unwrapExpr(callee);
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression') return staticPropertyName(c);
  return null;
}

export function isZeroLiteral(node: TSESTree.Node | undefined): boolean {
  return !!node && node.type === 'Literal' && node.value === 0;
}

/** A key acquired at `acquire`, in the frame rooted at `root`, with no references classified yet. */
export function newKey(spec: OperationSpec, field: string, call: SdkCall | null, reportNode: TSESTree.Node, acquire: KeyEvent, root: TSESTree.Node): Key {
  return {
    spec,
    field,
    buffer: call?.style === 'v2',
    copyOf: null,
    reportNode,
    acquire,
    root,
    events: [acquire],
    byteVars: new Set(),
    holderVars: new Set(),
    keyMaterial: false,
    copies: [],
    strings: [],
    errorVar: null,
    keyText: null,
    quiet: new Set(),
  };
}

/** Does this expression denote the key's bytes: an alias variable, or `holder.<field>` of a response variable? */
export function isByteHandle(context: Context, expr: TSESTree.Node, key: Key): boolean {
  const e = unwrapExpr(expr);
  if (e.type === 'Identifier') {
    const v = variableOf(context, e);
    return !!v && key.byteVars.has(v);
  }
  if (e.type === 'MemberExpression' && staticPropertyName(e) === key.field) {
    const obj = unwrapExpr(e.object);
    if (obj.type !== 'Identifier') return false;
    const v = variableOf(context, obj);
    return !!v && key.holderVars.has(v);
  }
  return false;
}
