import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constInitOf, staticPropertyName, variableOf } from './bindings.js';
import { operations, type OperationSpec } from './operations.js';
import { recognizeCall, recognizeNew, type SdkCall } from './recognize.js';
import { awsPackageOfFile, declarationFile, getTypeInfo, typeAt } from './typeInfo.js';
import { fileMentionsAws } from './fileFacts.js';
import { unwrapAwait as unwrap } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Where an operation's response came from: the call when it is in this file, the spec always. */
export interface OutputSource {
  spec: OperationSpec;
  call: SdkCall | null;
}

const MAX_DEPTH = 8;

/** The SDK call whose promise (or value) this call expression gives: `client.send(cmd)`, `kms.decrypt(p)`, `kms.decrypt(p).promise()`. */
export function sdkCallOfResult(context: Context, node: TSESTree.Node, depth = 0): SdkCall | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  if (n.type !== 'CallExpression') return null;
  if (n.callee.type === 'Identifier') {
    // `await decryptAsync(params)`, a promisified alias of a client method.
    const aliased = recognizeCall(context, n);
    return aliased?.promisified ? aliased : null;
  }
  if (n.callee.type !== 'MemberExpression') return null;
  const method = staticPropertyName(n.callee);
  if (method === 'send' && n.arguments.length >= 1) {
    let arg: TSESTree.Node = unwrap(n.arguments[0]);
    if (arg.type === 'Identifier') arg = constInitOf(variableOf(context, arg)) ?? arg;
    arg = unwrap(arg);
    return arg.type === 'NewExpression' ? recognizeNew(context, arg) : null;
  }
  if (method === 'promise' && n.arguments.length === 0) {
    const inner = recognizeCall(context, unwrap(n.callee.object));
    return inner?.style === 'v2' ? inner : null;
  }
  const direct = recognizeCall(context, n);
  // A v2 call without .promise() or a callback returns an AWS.Request, not the response.
  if (direct?.style === 'v2') return null;
  return direct?.style === 'v3-client' ? direct : null;
}

/** Typed fallback: `GenerateDataKeyCommandOutput`, `DecryptResponse`, `KMS.GenerateDataKeyResponse`. */
function specOfOutputType(context: Context, node: TSESTree.Node): OperationSpec | null {
  const info = getTypeInfo(context);
  // An SDK output type must be imported (or inferred from an SDK call) in this file, so the file names the SDK.
  if (!info || !fileMentionsAws(context)) return null;
  const raw = typeAt(info, node);
  if (!raw) return null;
  // unwrap() strips `await`, so a call's type here is still Promise<…Output>: look through it.
  const type = raw.getSymbol()?.getName() === 'Promise' ? (info.checker.getAwaitedType(raw) ?? raw) : raw;
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (!symbol) return null;
  const pkg = awsPackageOfFile(declarationFile(symbol));
  if (pkg !== '@aws-sdk/client-kms' && pkg !== 'aws-sdk') return null;
  const m = /^(\w+?)(?:Command)?(?:Output|Response)$/.exec(symbol.getName());
  return m ? (operations.find((op) => op.service === 'kms' && op.operation === m[1]) ?? null) : null;
}

/**
 * Is this expression (an identifier, an await, a call) the response of a KMS operation? With `typed`, a value the
 * syntax cannot trace is also asked of the checker (`out: DecryptCommandOutput`).
 */
export function outputSourceOf(context: Context, node: TSESTree.Node, depth = 0, typed = true): OutputSource | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  const call = sdkCallOfResult(context, n, depth + 1);
  if (call) return { spec: call.spec, call };
  if (n.type === 'Identifier') {
    const variable = variableOf(context, n);
    const init = constInitOf(variable);
    if (init) {
      const viaInit = outputSourceOf(context, init, depth + 1, typed);
      if (viaInit) return viaInit;
    }
    const def = variable?.defs[0];
    if (def?.type === 'Parameter') {
      const viaCallback = outputOfCallbackParam(context, def.node, n.name);
      if (viaCallback) return viaCallback;
    }
  }
  // `typed: false` for callers that ask about arbitrary values (every logged identifier): syntax only, no checker.
  const spec = typed ? specOfOutputType(context, n) : null;
  return spec ? { spec, call: null } : null;
}

/** `.then((out) => …)` after an SDK promise, or v2's `(err, data) => …` callback. */
function outputOfCallbackParam(context: Context, fn: TSESTree.Node, name: string): OutputSource | null {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return null;
  const index = fn.params.findIndex((p) => p.type === 'Identifier' && p.name === name);
  const call = fn.parent;
  if (index < 0 || call?.type !== 'CallExpression' || !call.arguments.includes(fn)) return null;
  if (call.callee.type === 'MemberExpression' && staticPropertyName(call.callee) === 'then' && index === 0) {
    const source = sdkCallOfResult(context, call.callee.object);
    return source ? { spec: source.spec, call: source } : null;
  }
  // v2's callback is the last argument and the response its second parameter: check that before recognising.
  if (index !== 1 || call.arguments[call.arguments.length - 1] !== fn) return null;
  const v2 = recognizeCall(context, call);
  return v2?.style === 'v2' ? { spec: v2.spec, call: v2 } : null;
}

/** The response field an expression reads: `dk.Plaintext`, `const { Plaintext: key } = await …`, `const key = dk.Plaintext`. */
export function outputFieldOf(
  context: Context,
  node: TSESTree.Node,
  depth = 0,
): (OutputSource & { field: string }) | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  if (n.type === 'MemberExpression') {
    const field = staticPropertyName(n);
    if (field === null) return null;
    const source = outputSourceOf(context, n.object, depth + 1);
    return source ? { ...source, field } : null;
  }
  if (n.type !== 'Identifier') return null;
  const variable = variableOf(context, n);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type === 'Variable') {
    const declarator = def.node;
    if (declarator.id.type === 'Identifier') {
      const init = constInitOf(variable);
      return init ? outputFieldOf(context, init, depth + 1) : null;
    }
    if (declarator.id.type === 'ObjectPattern' && declarator.init) {
      const key = patternKeyOf(declarator.id, n.name);
      if (key === null) return null;
      const source = outputSourceOf(context, declarator.init, depth + 1);
      return source ? { ...source, field: key } : null;
    }
  }
  if (def.type === 'Parameter') {
    // .then(({ Plaintext }) => …)
    const fn = def.node;
    if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return null;
    const param = fn.params[0];
    if (param?.type !== 'ObjectPattern') return null;
    const key = patternKeyOf(param, n.name);
    const call = fn.parent;
    if (key === null || call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return null;
    if (staticPropertyName(call.callee) !== 'then') return null;
    const sdk = sdkCallOfResult(context, call.callee.object);
    return sdk ? { spec: sdk.spec, call: sdk, field: key } : null;
  }
  return null;
}

/** The property key that binds `name` in an object pattern (`{ Plaintext: key }` → `Plaintext`). */
export function patternKeyOf(pattern: TSESTree.ObjectPattern, name: string): string | null {
  for (const prop of pattern.properties) {
    if (prop.type !== 'Property') continue;
    const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
    if (value.type === 'Identifier' && value.name === name) return staticPropertyName(prop);
  }
  return null;
}
