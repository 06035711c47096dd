// The third tier of recognition: when neither types nor imports say what a receiver is (a client passed in as a
// parameter, injected into a constructor and kept on `this`, `any`, an import whose types did not resolve), a method
// call is recognised by its name together with the request fields only that operation takes (operations.ts, `shape`).
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { unwrapTs } from './ast.js';
import { constInitOf, originOfExpression, variableOf } from './bindings.js';
import { fileTextGate } from './fileFacts.js';
import { readObject } from './input.js';
import { shapeMarkers, type OperationSpec } from './operations.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Cheap per-file gate: does the text name a field that only AWS request shapes use? */
export const fileMayHoldRequestShapes = fileTextGate(shapeMarkers);

/** The keys an input object certainly or possibly writes, or null when it is not an object we can read. */
function requestKeys(context: Context, input: TSESTree.Node | undefined): Set<string> | null {
  const view = input?.type === 'SpreadElement' ? null : readObject(context, input);
  return view ? new Set(view.entries().entries.map((e) => e.key)) : null;
}

const hasShape = (spec: OperationSpec, keys: Set<string>): boolean =>
  !!spec.shape && spec.shape.fields.every((f) => keys.has(f)) && (!spec.shape.oneOf || spec.shape.oneOf.some((f) => keys.has(f)));

/** The candidate whose shape the call's first argument has (a method name belongs to one operation), or null. */
export function operationByShape(context: Context, call: TSESTree.CallExpression, candidates: readonly OperationSpec[]): OperationSpec | null {
  const keys = requestKeys(context, call.arguments[0]);
  return (keys && candidates.find((c) => hasShape(c, keys))) || null;
}

/**
 * Is the receiver, by syntax alone, something other than an AWS client? `this.decrypt(...)` is the class's own
 * method; an object literal's methods are declared right there; an instance of a class declared in this file, or
 * imported from a module that is not the SDK, is the project's own look-alike.
 */
export function receiverIsKnownNotAws(context: Context, receiver: TSESTree.Node, depth = 0): boolean {
  if (depth > 4) return false;
  const r = unwrapTs(receiver);
  if (r.type === 'ThisExpression' || r.type === 'ObjectExpression') return true;
  if (r.type === 'NewExpression') {
    if (r.callee.type === 'ClassExpression') return true;
    if (r.callee.type === 'Identifier') {
      // A class declared here, or a class expression bound to a name (`const Box = class { … }`).
      const variable = variableOf(context, r.callee);
      if (variable?.defs[0]?.type === 'ClassName' || constInitOf(variable)?.type === 'ClassExpression') return true;
    }
    const origin = originOfExpression(context, r.callee);
    return !!origin && !/^(?:@aws-sdk\/|aws-sdk(?:\/|$))/.test(origin.module);
  }
  if (r.type === 'Identifier') {
    const init = constInitOf(variableOf(context, r));
    return !!init && receiverIsKnownNotAws(context, init, depth + 1);
  }
  return false;
}

/**
 * The API style a shape-recognised call is written in: a callback argument or `.promise()` on its result is SDK v2
 * style (the call alone returns an AWS.Request; the response arrives in the callback); otherwise the
 * promise-returning v3 aggregated client.
 */
export function styleOfUse(context: Context, call: TSESTree.CallExpression): 'v2' | 'v3-client' {
  for (const arg of call.arguments.slice(1)) {
    if (arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') return 'v2';
    // A callback passed by name (`done`, a function declared in scope); an options object is not one.
    if (arg.type === 'Identifier' && constInitOf(variableOf(context, arg))?.type !== 'ObjectExpression') return 'v2';
  }
  const parent = call.parent;
  if (parent?.type === 'MemberExpression' && parent.object === call && !parent.computed && parent.property.type === 'Identifier') {
    if (parent.property.name === 'promise' || parent.property.name === 'send' || parent.property.name === 'on') return 'v2';
  }
  return 'v3-client';
}
