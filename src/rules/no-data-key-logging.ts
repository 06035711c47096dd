import type { TSESTree } from '@typescript-eslint/utils';
import { outputSourceOf, staticPropertyName, variableOf } from '../sdk/index.js';
import { fileMentionsAws } from '../sdk/fileFacts.js';
import { plaintextOrigin, type PlaintextOrigin } from '../sdk/taint.js';
import { createRule } from '../util/createRule.js';
import { unwrapTs as unwrap } from '../sdk/ast.js';

export type Options = [{ loggers: string[]; responseObjects: string[] }];
export type MessageId = 'plaintextLeaked';

const logMethods = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice', 'critical', 'dir', 'table', 'child']);
const responseMethods = new Set(['send', 'json', 'jsonp', 'write', 'end', 'render']);
const defaultLoggers = ['logger', 'log', 'console', 'audit', 'tracer'];
const defaultResponses = ['res', 'response', 'reply', 'resp'];

type Sink = { kind: string; error?: boolean };

function hasTypeAnnotation(context: Parameters<typeof variableOf>[0], node: TSESTree.Node): boolean {
  if (node.type !== 'Identifier') return false;
  const name = variableOf(context, node)?.defs[0]?.name;
  return !!name && 'typeAnnotation' in name && !!name.typeAnnotation;
}

function nameOf(node: TSESTree.Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return staticPropertyName(node);
  if (node.type === 'ThisExpression') return 'this';
  return null;
}

export default createRule<Options, MessageId>({
  name: 'no-data-key-logging',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow logging, throwing or returning a data key's or decrypted secret's plaintext",
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    messages: {
      plaintextLeaked:
        'The plaintext of KMS {{operation}} ({{field}}{{how}}) reaches {{sink}}: logs, error messages and HTTP responses are stored, indexed and shipped in clear, so the key or secret leaves the protection KMS gave it. Log the key ID, the encryption context or a fingerprint instead.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          loggers: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Names of logger objects whose methods (info, warn, error, debug, …) are log sinks, besides the defaults (logger, log, console, audit, tracer; any name containing "log" also counts).',
          },
          responseObjects: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Names of HTTP response objects whose send/json/write/end methods are sinks (default res, response, reply, resp).',
          },
        },
      },
    ],
    defaultOptions: [{ loggers: [], responseObjects: [] }],
  },
  defaultOptions: [{ loggers: [], responseObjects: [] }],
  create(context, [options]) {
    if (!fileMentionsAws(context)) return {};
    const loggers = new Set([...defaultLoggers, ...options.loggers]);
    const responses = new Set([...defaultResponses, ...options.responseObjects]);

    const isLogger = (object: TSESTree.Node): boolean => {
      const name = nameOf(object);
      if (!name) return false;
      if (name === 'console' && object.type === 'Identifier') {
        const variable = variableOf(context, object);
        return !variable || variable.defs.length === 0;
      }
      return loggers.has(name) || /log/i.test(name);
    };

    const isResponse = (object: TSESTree.Node): boolean => {
      // res.status(500).json(...)
      if (object.type === 'CallExpression' && object.callee.type === 'MemberExpression') {
        return isResponse(object.callee.object);
      }
      const name = nameOf(object);
      return !!name && responses.has(name);
    };

    const sinkOf = (call: TSESTree.CallExpression | TSESTree.NewExpression): Sink | null => {
      const callee = call.callee;
      if (call.type === 'NewExpression' || callee.type === 'Identifier') {
        const name = nameOf(callee);
        if (name && /Error$/.test(name)) return { kind: `an ${name} message`, error: true };
        return null;
      }
      if (callee.type !== 'MemberExpression') return null;
      const method = staticPropertyName(callee);
      if (!method) return null;
      if (logMethods.has(method) && isLogger(callee.object)) return { kind: `a log call (${nameOf(callee.object)}.${method})` };
      if (responseMethods.has(method) && isResponse(callee.object)) return { kind: `an HTTP response (${method})` };
      return null;
    };

    /**
     * The whole response of an operation that returns plaintext (`console.log(dataKey)`,
     * `res.json(decrypted)`, `JSON.stringify(out)`): it prints the Plaintext bytes with the rest. An Error
     * message stringifies an object as "[object Object]", so only JSON.stringify leaks there.
     */
    const wholeResponse = (value: TSESTree.Node, sink: Sink): PlaintextOrigin | null => {
      let target = unwrap(value);
      let viaJson = false;
      if (
        target.type === 'CallExpression' &&
        target.callee.type === 'MemberExpression' &&
        nameOf(target.callee.object) === 'JSON' &&
        staticPropertyName(target.callee) === 'stringify' &&
        target.arguments[0]
      ) {
        target = unwrap(target.arguments[0]);
        viaJson = true;
      }
      if (target.type !== 'Identifier' && target.type !== 'AwaitExpression' && target.type !== 'CallExpression') return null;
      if (sink.error && !viaJson) return null;
      // Anything can be logged: only a value declared with a type annotation (`out: DecryptCommandOutput`) is worth
      // a checker question; the rest is traced through the syntax alone.
      const source = outputSourceOf(context, target, 0, hasTypeAnnotation(context, target));
      const field = source?.spec.plaintextOutputs?.[0];
      if (!source || !field) return null;
      return { spec: source.spec, call: source.call, field: `the whole response, ${field} included`, transformed: viaJson };
    };

    const reportIfSecret = (value: TSESTree.Node, sink: Sink, depth = 0): void => {
      if (depth > 3) return;
      if (value.type === 'ObjectExpression') {
        for (const prop of value.properties) {
          reportIfSecret(prop.type === 'Property' ? prop.value : prop.argument, sink, depth + 1);
        }
        return;
      }
      if (value.type === 'ArrayExpression') {
        for (const el of value.elements) if (el) reportIfSecret(el.type === 'SpreadElement' ? el.argument : el, sink, depth + 1);
        return;
      }
      const origin: PlaintextOrigin | null = plaintextOrigin(context, value) ?? wholeResponse(value, sink);
      if (!origin) return;
      context.report({
        node: value,
        messageId: 'plaintextLeaked',
        data: {
          operation: origin.spec.operation,
          field: origin.field,
          how: origin.transformed ? ', or a string made from it' : '',
          sink: sink.kind,
        },
      });
    };

    const check = (call: TSESTree.CallExpression | TSESTree.NewExpression) => {
      if (call.arguments.length === 0) return;
      let sink: Sink | null;
      try {
        sink = sinkOf(call);
      } catch {
        sink = null;
      }
      if (!sink) return;
      for (const arg of call.arguments) reportIfSecret(arg.type === 'SpreadElement' ? arg.argument : arg, sink);
    };

    return {
      CallExpression: check,
      NewExpression: check,
      // ctx.body = secret (Koa)
      'AssignmentExpression[left.type="MemberExpression"]'(node: TSESTree.AssignmentExpression) {
        const left = node.left as TSESTree.MemberExpression;
        if (staticPropertyName(left) === 'body' && nameOf(left.object) === 'ctx') {
          reportIfSecret(node.right, { kind: 'an HTTP response (ctx.body)' });
        }
      },
    };
  },
});
