import type { TSESTree } from '@typescript-eslint/utils';
import { constInitOf, evaluateString, fileInLambdaProject, onSdkCall, readObject, staticPropertyName, variableOf, type ObjectView } from '../sdk/index.js';
import { unwrapTs } from '../sdk/nodeCrypto.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ strict?: boolean }];
export type MessageId = 'missingContext' | 'missingFunctionName' | 'hardCodedFunctionName' | 'addContext';

type Context = Parameters<Parameters<typeof createRule<Options, MessageId>>[0]['create']>[0];

/**
 * Lambda's "encryption helpers" encrypt each variable with the encryption context
 * { LambdaFunctionName: <function name> } (Securing Lambda environment variables, configuration-envvars-encryption).
 */
const CONTEXT_KEY = 'LambdaFunctionName';
const FUNCTION_NAME_VARIABLE = 'AWS_LAMBDA_FUNCTION_NAME';

const handlerHint = /\bhandler\b|aws-lambda|AWS_LAMBDA_FUNCTION_NAME/;

/**
 * Is this file a Lambda handler module? It exports `handler` (ESM or CommonJS), imports from `aws-lambda`
 * (the @types/aws-lambda types), or reads AWS_LAMBDA_FUNCTION_NAME. The text test keeps the walk off other files.
 */
function isLambdaModule(context: Context): boolean {
  const text = context.sourceCode.text;
  if (!handlerHint.test(text)) return false;
  // Read by the code (an identifier or a string), not merely named in a comment.
  if (text.includes(FUNCTION_NAME_VARIABLE) && context.sourceCode.ast.tokens.some((t) => t.value.includes(FUNCTION_NAME_VARIABLE))) return true;
  for (const stmt of context.sourceCode.ast.body) {
    if (stmt.type === 'ImportDeclaration' && stmt.source.value === 'aws-lambda') return true;
    if (stmt.type === 'ExportNamedDeclaration') {
      const decl = stmt.declaration;
      if (decl?.type === 'FunctionDeclaration' && decl.id?.name === 'handler') return true;
      if (decl?.type === 'VariableDeclaration' && decl.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === 'handler')) return true;
      if (stmt.specifiers.some((s) => s.exported.type === 'Identifier' && s.exported.name === 'handler')) return true;
    }
    if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') {
      const left = stmt.expression.left;
      // exports.handler = ..., module.exports.handler = ...
      if (left.type === 'MemberExpression' && staticPropertyName(left) === 'handler') return true;
      // module.exports = { handler }
      if (
        left.type === 'MemberExpression' &&
        staticPropertyName(left) === 'exports' &&
        stmt.expression.right.type === 'ObjectExpression' &&
        stmt.expression.right.properties.some((p) => p.type === 'Property' && staticPropertyName(p) === 'handler')
      ) {
        return true;
      }
    }
  }
  return false;
}

function isProcessEnv(context: Context, node: TSESTree.Node): boolean {
  const n = unwrapTs(node);
  if (n.type !== 'MemberExpression' || staticPropertyName(n) !== 'env') return false;
  const obj = unwrapTs(n.object);
  if (obj.type !== 'Identifier' || obj.name !== 'process') return false;
  const variable = variableOf(context, obj);
  return !variable || variable.defs.length === 0;
}

/** The environment variable an expression reads (`'*'` when the name is computed), or null. */
function envVariableOf(context: Context, node: TSESTree.Node, depth = 0): string | null {
  if (depth > 8) return null;
  const n = unwrapTs(node);
  switch (n.type) {
    case 'MemberExpression': {
      if (!isProcessEnv(context, n.object)) return null;
      return staticPropertyName(n) ?? evaluateString(context, n.property) ?? '*';
    }
    case 'LogicalExpression':
      // process.env.X ?? '' / process.env.X || ''
      return envVariableOf(context, n.left, depth + 1);
    case 'Identifier': {
      const variable = variableOf(context, n);
      const init = constInitOf(variable);
      if (init) return envVariableOf(context, init, depth + 1);
      // const { DB_PASSWORD } = process.env
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type === 'Variable' && def.node.id.type === 'ObjectPattern' && def.node.init && isProcessEnv(context, def.node.init)) {
        for (const prop of def.node.id.properties) {
          if (prop.type !== 'Property') continue;
          const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
          if (value.type === 'Identifier' && value.name === n.name) return staticPropertyName(prop) ?? '*';
        }
      }
      if (def?.type === 'Parameter') return envVariableOfParameter(context, def.node, n.name, depth);
      return null;
    }
    case 'CallExpression': {
      const callee = unwrapTs(n.callee);
      const arg = n.arguments[0];
      if (!arg || arg.type === 'SpreadElement') return null;
      // Buffer.from(x, 'base64'), Uint8Array.from(...), String(x), x.toString()
      if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && (callee.object.name === 'Buffer' || callee.object.name === 'Uint8Array') && staticPropertyName(callee) === 'from') {
        return envVariableOf(context, arg, depth + 1);
      }
      if (callee.type === 'Identifier' && callee.name === 'String') return envVariableOf(context, arg, depth + 1);
      return null;
    }
    case 'NewExpression': {
      const arg = n.arguments[0];
      // new Uint8Array(x); the deprecated new Buffer(x, 'base64') that older Lambda code still uses.
      if (n.callee.type === 'Identifier' && (n.callee.name === 'Uint8Array' || n.callee.name === 'Buffer') && arg && arg.type !== 'SpreadElement') {
        return envVariableOf(context, arg, depth + 1);
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * A same-file helper's parameter (`const decryptAws = (val) => …Buffer.from(val, 'base64')…`) reads the environment
 * when every call of the helper in this file passes an environment variable there (`decryptAws(process.env.TOKEN)`).
 */
function envVariableOfParameter(context: Context, fn: TSESTree.Node, name: string, depth: number): string | null {
  if (fn.type !== 'FunctionDeclaration' && fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression') return null;
  const index = fn.params.findIndex((p) => p.type === 'Identifier' && p.name === name);
  const id = fn.type === 'FunctionDeclaration' ? fn.id : fn.parent?.type === 'VariableDeclarator' && fn.parent.init === fn ? fn.parent.id : null;
  if (index < 0 || id?.type !== 'Identifier') return null;
  const helper = variableOf(context, id);
  if (!helper || helper.defs.length !== 1) return null;
  const names = new Set<string>();
  for (const ref of helper.references) {
    if (ref.init) continue;
    const call = ref.identifier.parent;
    // Any other use (passed on, exported, stored) may call it with anything.
    if (call?.type !== 'CallExpression' || call.callee !== ref.identifier) return null;
    const arg = call.arguments[index];
    const variable = arg && arg.type !== 'SpreadElement' ? envVariableOf(context, arg, depth + 1) : null;
    if (!variable) return null;
    names.add(variable);
  }
  return names.size === 1 ? [...names][0] : names.size > 1 ? '*' : null;
}

/** An empty context, or one whose keys or values show it means the function name (`'aws:lambda:FunctionName'`). */
function aimsAtFunctionName(context: Context, view: ObjectView): boolean {
  const { entries, complete } = view.entries();
  if (!complete) return false;
  if (entries.length === 0) return true;
  return entries.some((e) => /function_?name/i.test(e.key) || envVariableOf(context, e.value) === FUNCTION_NAME_VARIABLE);
}

/** Reads `process.env.AWS_LAMBDA_FUNCTION_NAME` (or another run-time value), as opposed to a constant. */
function isConstantName(context: Context, node: TSESTree.Node): string | null {
  if (envVariableOf(context, node) !== null) return null;
  return evaluateString(context, node);
}

export default createRule<Options, MessageId>({
  name: 'require-lambda-env-context',
  meta: {
    type: 'problem',
    docs: {
      description: "Require the LambdaFunctionName encryption context when decrypting Lambda environment variables",
      recommended: 'recommended',
      requiresTypeChecking: false,
      strictOptions: [{ strict: true }],
    },
    hasSuggestions: true,
    messages: {
      missingContext:
        "Decrypt of environment variable {{variable}} without an EncryptionContext: Lambda's encryption helpers encrypt with { LambdaFunctionName: <function name> }, so this fails with InvalidCiphertextException at cold start. Pass EncryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME }.",
      missingFunctionName:
        "Decrypt of environment variable {{variable}} with an EncryptionContext that lacks LambdaFunctionName: Lambda's encryption helpers encrypt with exactly { LambdaFunctionName: <function name> }, so this fails with InvalidCiphertextException at cold start.",
      hardCodedFunctionName:
        "LambdaFunctionName is hard-coded as '{{name}}': renaming the function, or deploying it under another name per stage, breaks decryption with InvalidCiphertextException. Use process.env.AWS_LAMBDA_FUNCTION_NAME.",
      addContext: 'Add EncryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME }.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          strict: {
            type: 'boolean',
            description: 'Also report a hard-coded LambdaFunctionName (brittle across renames and stages; on in the strict preset).',
          },
        },
      },
    ],
    defaultOptions: [{ strict: false }],
  },
  create(context, [options]) {
    const strict = options?.strict === true;
    let lambdaModule: boolean | undefined;
    // `!` only where the parser reads TypeScript (the context value must be a string, not string | undefined).
    const typescriptFile =
      /\.[cm]?tsx?$/.test(context.filename) && (context.sourceCode.visitorKeys as Record<string, unknown>).TSNonNullExpression !== undefined;
    return onSdkCall(context, (call) => {
      if (call.service !== 'kms' || call.operation !== 'Decrypt') return;
      const ciphertextField = call.spec.fields.ciphertext;
      const contextField = call.spec.fields.context?.[0];
      if (!ciphertextField || !contextField) return;
      lambdaModule ??= isLambdaModule(context) || fileInLambdaProject(context.filename);
      if (!lambdaModule) return;
      const view = readObject(context, call.input);
      if (!view) return;
      const blob = view.field(ciphertextField);
      if (blob.kind !== 'known') return;
      let variable: string | null = null;
      for (const option of blob.options) {
        if (option.present) variable ??= envVariableOf(context, option.value);
      }
      if (variable === null) return;
      const shown = variable === '*' ? '(computed name)' : variable;

      const encryptionContext = view.field(contextField);
      if (encryptionContext.kind !== 'known') return;
      const present = encryptionContext.options.filter((o) => o.present);
      if (present.length === 0) {
        const input = call.input;
        const literal = input && input.type === 'ObjectExpression' ? input : null;
        const nonNull = typescriptFile ? '!' : '';
        context.report({
          node: call.node,
          messageId: 'missingContext',
          data: { variable: shown },
          suggest: literal
            ? [
                {
                  messageId: 'addContext',
                  fix: (fixer) => {
                    const text = `EncryptionContext: { ${CONTEXT_KEY}: process.env.${FUNCTION_NAME_VARIABLE}${nonNull} }`;
                    const last = literal.properties[literal.properties.length - 1];
                    if (!last) return fixer.replaceText(literal, `{ ${text} }`);
                    const after = context.sourceCode.getTokenAfter(last);
                    return after?.value === ',' ? fixer.insertTextAfter(after, ` ${text},`) : fixer.insertTextAfter(last, `, ${text}`);
                  },
                },
              ]
            : [],
        });
        return;
      }
      // Conditional contexts (set only on some paths) are left alone: the absent path is often local testing.
      for (const option of present) {
        if (!option.present) continue;
        const contextView = readObject(context, option.value);
        if (!contextView) return;
        const name = contextView.field(CONTEXT_KEY);
        if (name.kind !== 'known') return;
        const names = name.options.filter((o) => o.present);
        if (names.length === 0) {
          // A context of the project's own design ({ service: 'billing' }) may come from its own tooling, not
          // Lambda's helpers: report only an empty context or one that aims at the function name and misses.
          if (aimsAtFunctionName(context, contextView)) {
            context.report({ node: option.property ?? option.value, messageId: 'missingFunctionName', data: { variable: shown } });
          }
          return;
        }
        if (!strict) continue;
        for (const n of names) {
          if (!n.present) continue;
          const constant = isConstantName(context, n.value);
          if (constant !== null) {
            context.report({ node: n.value, messageId: 'hardCodedFunctionName', data: { name: constant } });
          }
        }
      }
    });
  },
});
