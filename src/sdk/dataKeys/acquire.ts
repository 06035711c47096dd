// Acquisition: where a file gets plaintext data keys from KMS. Syntax, scopes and (when there) types only, before
// any flow analysis, so that files without a data key never record code paths.
import { isBuiltin } from 'node:module';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticPropertyName, variableOf } from '../bindings.js';
import { frameRootOf } from '../flow.js';
import { operations, type OperationSpec } from '../operations.js';
import { outputFieldOf, outputSourceOf, sdkCallOfResult } from '../output.js';
import { awsPackageOfFile, declarationFile, getTypeInfo, typeAt } from '../typeInfo.js';
import { callMayReturnKmsResponse } from '../callResult.js';
import { programFacts } from '../programFacts.js';
import { fileMentionsAws, fileTextGate } from '../fileFacts.js';
import { isFunctionNode, unwrapTs as unwrapExpr } from '../ast.js';
import { followHandOffs } from './handoff.js';
import { newKey, plaintextFields, type Context, type Key } from './model.js';

/**
 * Every data key the file acquires, in source order, and the keys its same-file callers receive from the functions
 * that acquire them (handoff.ts); never throws (an undecidable file has none).
 */
export function acquireDataKeys(context: Context): Key[] {
  try {
    if (!fileMayAcquireDataKeys(context)) return [];
    const keys = acquireKeys(context, candidatesOf(context.sourceCode));
    return keys.length === 0 ? keys : [...keys, ...followHandOffs(context, keys)];
  } catch {
    return [];
  }
}

/**
 * The names a file must write to receive a data key without naming the SDK: the method of an operation that returns
 * plaintext key material (`decrypt`, `generateDataKey`, `generateDataKeyPair`: v3 aggregated, v2 and shape-recognised
 * calls, promisified aliases), `send` (a v3 command, whatever a project module re-exports it as), and `await` (the
 * typed fallback: an awaited project call typed as a KMS response). Every other way in needs the file to name the SDK.
 */
const dataKeyWords = new RegExp(
  `\\b(?:${[...new Set(operations.filter((op) => op.plaintextOutputs && op.method).map((op) => op.method))].join('|')}|send|await)\\b`,
);
const fileNamesDataKeyWords = fileTextGate(dataKeyWords);

/**
 * Cheap per-file gate before the scope scan: can any candidate below yield a key? A key is a response's plaintext
 * field, and a response is found by syntax from the call that returns it (`send`, or a method named after the
 * operation), or by type from an SDK output type (only in a file that names the SDK) or an awaited call.
 */
export function fileMayAcquireDataKeys(context: Context): boolean {
  return fileMentionsAws(context) || fileNamesDataKeyWords(context);
}

/**
 * Where a data key may be acquired: declarators with an initialiser, `x = …` assignments to a name, and callbacks
 * passed to a call (`.then(({ Plaintext }) => …)`, v2 `(err, data) => …`), in source order. Read off the scope
 * manager's definitions and references, which the parser has already built, instead of walking every node.
 */
function candidatesOf(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  const found = new Set<TSESTree.Node>();
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    const block = scope.block as TSESTree.Node;
    if (scope.type === 'function' && isFunctionNode(block) && block.params.length > 0 && block.parent?.type === 'CallExpression') {
      found.add(block);
    }
    for (const variable of scope.variables) {
      for (const def of variable.defs) if (def.type === 'Variable' && def.node.init) found.add(def.node);
    }
    for (const ref of scope.references) {
      const parent = ref.identifier.parent;
      if (ref.isWrite() && parent?.type === 'AssignmentExpression' && parent.operator === '=' && parent.left === ref.identifier) found.add(parent);
    }
  }
  return [...found].sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * `randomBytes(12)`, `crypto.createCipheriv(…)`, `Buffer.concat(…)`: a call of a Node built-in (imported from a
 * built-in module, or the global `Buffer`), whose declared result is never a KMS response. Decided from syntax and
 * scopes, so that the typed fallback below does not ask the checker for such a call's type: that question
 * type-checks its arguments, and an argument holding a data key makes the checker resolve the SDK's generic `send`.
 * `timers/promises` is left out: its `setTimeout(ms, value)` resolves to whatever value it is given.
 */
function callsNodeBuiltin(context: Context, node: TSESTree.Node): boolean {
  const n = unwrapExpr(node.type === 'AwaitExpression' ? node.argument : node);
  if (n.type !== 'CallExpression') return false;
  const callee = n.callee.type === 'MemberExpression' && !n.callee.computed ? n.callee.object : n.callee;
  if (callee.type !== 'Identifier') return false;
  const variable = variableOf(context, callee);
  const def = variable?.defs[0];
  // The global `Buffer` (declared nowhere in the file; a `globals` setting gives it a variable without definitions).
  if (!variable || variable.defs.length === 0) return callee.name === 'Buffer' && n.callee !== callee;
  if (variable.defs.length !== 1 || def?.type !== 'ImportBinding' || def.parent?.type !== 'ImportDeclaration') return false;
  const from = String(def.parent.source.value);
  return isBuiltin(from) && !/^(?:node:)?timers\/promises$/.test(from);
}

/** The data keys the file acquires (a Plaintext or PrivateKeyPlaintext of a KMS response), before any flow analysis. */
function acquireKeys(context: Context, candidates: readonly TSESTree.Node[]): Key[] {
  const typeInfo = getTypeInfo(context);
  const keys: Key[] = [];
  /** `await newDataKey()` typed `Promise<GenerateDataKeyCommandOutput>`: the response's spec from the awaited type. */
  const specOfAwaitedType = (init: TSESTree.Node): { spec: OperationSpec; call: null } | null => {
    if (!typeInfo || init.type !== 'AwaitExpression') return null;
    const type = typeAt(typeInfo, init);
    const symbol = type && (type.aliasSymbol ?? type.getSymbol());
    if (!symbol) return null;
    const pkg = awsPackageOfFile(declarationFile(symbol));
    if (pkg !== '@aws-sdk/client-kms' && pkg !== 'aws-sdk') return null;
    const m = /^(\w+?)(?:Command)?(?:Output|Response)$/.exec(symbol.getName());
    const spec = m ? operations.find((op) => op.service === 'kms' && op.operation === m[1]) : undefined;
    return spec ? { spec, call: null } : null;
  };

  /**
   * Worth asking the checker whether this initialiser's value is a KMS response (when the syntax did not say)? Not
   * for a call of a Node built-in, nor a call whose callee's signatures all return something else (callResult.ts).
   */
  const mayBeTypedResponse = (init: TSESTree.Node): boolean => {
    if (!typeInfo || !programFacts(typeInfo.program).declaresKmsResponses || callsNodeBuiltin(context, init)) return false;
    // Without `await` only outputSourceOf's typed fallback asks, and only in a file that names the SDK.
    if (init.type !== 'AwaitExpression' && !fileMentionsAws(context)) return false;
    const call = unwrapExpr(init.type === 'AwaitExpression' ? init.argument : init);
    return call.type !== 'CallExpression' || callMayReturnKmsResponse(typeInfo, call);
  };

  const isResponseExpr = (init: TSESTree.Node): boolean => {
    const n = unwrapExpr(init.type === 'AwaitExpression' ? init.argument : init);
    return n.type === 'CallExpression' || n.type === 'AwaitExpression';
  };

  for (const candidate of candidates) {
    if (candidate.type === 'VariableDeclarator' && candidate.init) {
      const init = candidate.init;
      const root = frameRootOf(candidate);
      if (candidate.id.type === 'ObjectPattern') {
        // const { Plaintext: key, CiphertextBlob } = await kms.send(new GenerateDataKeyCommand(…))
        if (!isResponseExpr(init)) continue;
        for (const prop of candidate.id.properties) {
          if (prop.type !== 'Property') continue;
          const name = staticPropertyName(prop);
          if (!name || !plaintextFields.has(name)) continue;
          const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
          if (value.type !== 'Identifier') continue;
          const field = outputFieldOf(context, value);
          if (!field || !field.spec.plaintextOutputs?.includes(field.field)) continue;
          const key = newKey(field.spec, field.field, field.call, value, { node: candidate, at: 'exit', kind: 'acquire' }, root);
          const variable = variableOf(context, value);
          if (!variable) continue;
          key.byteVars.add(variable);
          key.keyText = value.name;
          keys.push(key);
        }
      } else if (candidate.id.type === 'Identifier') {
        const initExpr = unwrapExpr(init.type === 'AwaitExpression' ? init.argument : init);
        if (initExpr.type === 'MemberExpression') {
          // const key = (await kms.send(…)).Plaintext
          const name = staticPropertyName(initExpr);
          if (!name || !plaintextFields.has(name) || !isResponseExpr(initExpr.object)) continue;
          const field = outputFieldOf(context, initExpr);
          if (!field || !field.spec.plaintextOutputs?.includes(field.field)) continue;
          const variable = variableOf(context, candidate.id);
          if (!variable) continue;
          const key = newKey(field.spec, field.field, field.call, candidate.id, { node: candidate, at: 'exit', kind: 'acquire' }, root);
          key.byteVars.add(variable);
          key.keyText = candidate.id.name;
          keys.push(key);
        } else if (isResponseExpr(init)) {
          // const dk = await kms.send(new GenerateDataKeyCommand(…)); … dk.Plaintext
          // Syntax first; the checker only when it did not say and the value may be a response.
          const source = outputSourceOf(context, init, 0, false) ?? (mayBeTypedResponse(init) ? (outputSourceOf(context, init) ?? specOfAwaitedType(init)) : null);
          if (!source?.spec.plaintextOutputs) continue;
          const variable = variableOf(context, candidate.id);
          if (!variable) continue;
          for (const field of source.spec.plaintextOutputs) {
            const key = newKey(source.spec, field, source.call, candidate.id, { node: candidate, at: 'exit', kind: 'acquire' }, root);
            key.holderVars.add(variable);
            key.keyText = `${candidate.id.name}.${field}`;
            keys.push(key);
          }
        }
      }
    } else if (candidate.type === 'AssignmentExpression' && candidate.left.type === 'Identifier') {
      // let dk; … dk = await kms.send(…)
      if (!isResponseExpr(candidate.right)) continue;
      const call = sdkCallOfResult(context, candidate.right);
      if (!call?.spec.plaintextOutputs) continue;
      const variable = variableOf(context, candidate.left);
      if (!variable) continue;
      for (const field of call.spec.plaintextOutputs) {
        const key = newKey(call.spec, field, call, candidate.left, { node: candidate, at: 'exit', kind: 'acquire' }, frameRootOf(candidate));
        key.holderVars.add(variable);
        key.keyText = `${candidate.left.name}.${field}`;
        keys.push(key);
      }
    } else if (isFunctionNode(candidate)) {
      // .then(({ Plaintext }) => …), .then((dk) => …), kms.generateDataKey(params, (err, data) => …)
      const fn = candidate;
      fn.params.forEach((param, index) => {
        if (param.type === 'ObjectPattern' && index === 0) {
          for (const prop of param.properties) {
            if (prop.type !== 'Property') continue;
            const name = staticPropertyName(prop);
            const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
            if (!name || !plaintextFields.has(name) || value.type !== 'Identifier') continue;
            const field = outputFieldOf(context, value);
            if (!field?.call || !field.spec.plaintextOutputs?.includes(field.field)) continue;
            const variable = variableOf(context, value);
            if (!variable) continue;
            const key = newKey(field.spec, field.field, field.call, value, { node: fn, at: 'enter', kind: 'acquire' }, fn);
            key.byteVars.add(variable);
            key.keyText = value.name;
            keys.push(key);
          }
        } else if (param.type === 'Identifier' && index <= 1) {
          // Only callbacks of an SDK call in this file: a parameter typed as a response belongs to the caller. Such a
          // call is found from syntax (a typed answer carries no call), so the checker is not asked.
          const source = outputSourceOf(context, param, 0, false);
          if (!source?.call || !source.spec.plaintextOutputs) return;
          const variable = variableOf(context, param);
          if (!variable) return;
          for (const field of source.spec.plaintextOutputs) {
            const key = newKey(source.spec, field, source.call, param, { node: fn, at: 'enter', kind: 'acquire' }, fn);
            key.holderVars.add(variable);
            key.keyText = `${param.name}.${field}`;
            if (index === 1 && fn.params[0]?.type === 'Identifier') key.errorVar = variableOf(context, fn.params[0]);
            keys.push(key);
          }
        }
      });
    }
  }
  return keys;
}
