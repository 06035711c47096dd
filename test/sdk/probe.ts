// A test-only rule that reports what src/sdk sees, so recognition is asserted through real linting.
import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { byteSize, evaluate, fieldOptions, onSdkCall, outputFieldOf, readObject } from '../../src/sdk/index.js';

const createProbe = ESLintUtils.RuleCreator((name) => name);

/** Reports every recognised call as `operation/style`. */
export const recognitionProbe = createProbe({
  name: 'recognition-probe',
  meta: { type: 'problem', docs: { description: 'probe' }, schema: [], messages: { call: '{{operation}}/{{style}}/{{service}}' } },
  defaultOptions: [],
  create(context) {
    return onSdkCall(context, (call) =>
      context.report({ node: call.node, messageId: 'call', data: { operation: call.operation, style: call.style, service: call.service } }),
    );
  },
});

/** Reports the options of one input field: `present:<const or ?>` / `absent` / `unknown`. */
export const fieldProbe = createProbe<[{ field: string }], 'field'>({
  name: 'field-probe',
  meta: {
    type: 'problem',
    docs: { description: 'probe' },
    schema: [{ type: 'object', properties: { field: { type: 'string' } }, additionalProperties: false }],
    messages: { field: '{{value}}' },
  },
  defaultOptions: [{ field: 'KeyId' }],
  create(context, [{ field }]) {
    return onSdkCall(context, (call) => {
      const path = field.split('.');
      let views = [readObject(context, call.input)];
      let options = null as ReturnType<typeof fieldOptions>;
      for (let i = 0; i < path.length; i++) {
        const view = views[0];
        options = fieldOptions(view, path[i]);
        if (!options) break;
        if (i < path.length - 1) {
          const next = options.find((o) => o.present);
          views = [next && next.present ? readObject(context, next.value) : null];
        }
      }
      const value = !options
        ? 'unknown'
        : options
            .map((o) => {
              if (!o.present) return 'absent';
              const v = evaluate(context, o.value);
              return v && 'value' in v ? `present:${JSON.stringify(v.value)}` : 'present:?';
            })
            .join('|');
      context.report({ node: call.node, messageId: 'field', data: { value } });
    });
  },
});

/** Reports the byte-size range of every call's `Plaintext` (or the argument of `size(...)`). */
export const sizeProbe = createProbe({
  name: 'size-probe',
  meta: { type: 'problem', docs: { description: 'probe' }, schema: [], messages: { size: '{{min}}..{{max}}' } },
  defaultOptions: [],
  create(context) {
    return {
      'CallExpression[callee.name="size"]'(node: TSESTree.CallExpression) {
        const r = byteSize(context, node.arguments[0]);
        context.report({ node, messageId: 'size', data: { min: r.min, max: r.max } });
      },
    };
  },
});

/** Reports which KMS response field an expression passed to `out(...)` reads. */
export const outputProbe = createProbe({
  name: 'output-probe',
  meta: { type: 'problem', docs: { description: 'probe' }, schema: [], messages: { out: '{{op}}.{{field}}' } },
  defaultOptions: [],
  create(context) {
    return {
      'CallExpression[callee.name="out"]'(node: TSESTree.CallExpression) {
        const f = outputFieldOf(context, node.arguments[0]);
        context.report({ node, messageId: 'out', data: { op: f?.spec.operation ?? 'none', field: f?.field ?? 'none' } });
      },
    };
  },
});
