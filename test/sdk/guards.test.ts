// src/sdk/guards.ts through real linting: a probe rule reports what the guard analysis proves at `bound(x)`.
import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { sizeBoundAt, valueBranches, valueKind } from '../../src/sdk/guards.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const createProbe = ESLintUtils.RuleCreator((name) => name);

/** `bound(x)`: the proven UTF-8 maximum of x there (and the `.length` guard when units decided it); `kind(x)`; `branches(x)`. */
const guardProbe = createProbe({
  name: 'guard-probe',
  meta: {
    type: 'problem',
    docs: { description: 'probe' },
    schema: [],
    messages: { bound: '{{max}}{{units}}', kind: '{{kind}}', branches: '{{branches}}' },
  },
  defaultOptions: [],
  create(context) {
    return {
      'CallExpression[callee.name="bound"]'(node: TSESTree.CallExpression) {
        const b = sizeBoundAt(context, node.arguments[0], node);
        const units = b.viaUnits ? ` via ${context.sourceCode.getText(b.viaUnits.lengthNode)}<=${b.viaUnits.units}` : '';
        context.report({ node, messageId: 'bound', data: { max: String(b.maxBytes), units } });
      },
      'CallExpression[callee.name="kind"]'(node: TSESTree.CallExpression) {
        context.report({ node, messageId: 'kind', data: { kind: valueKind(context, node.arguments[0]) } });
      },
      'CallExpression[callee.name="branches"]'(node: TSESTree.CallExpression) {
        const text = valueBranches(context, node.arguments[0])
          .map((b) => `${context.sourceCode.getText(b.node)}${b.condition ? `@${context.sourceCode.getText(b.condition.test)}=${b.condition.outcome}` : ''}`)
          .join(' | ');
        context.report({ node, messageId: 'branches', data: { branches: text } });
      },
    };
  },
});

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import assert from 'node:assert';
declare function bound(x: unknown): void;
declare function kind(x: unknown): void;
declare function branches(x: unknown): void;
`;
const bound = (max: number | 'Infinity', units = '') => ({ messageId: 'bound' as const, data: { max, units } });
const fn = (params: string, body: string) => ({ code: `${pre}export function f(${params}) {\n${body}\n}` });

typed.run('guards: bounds proven by dominating checks', guardProbe, {
  valid: [],
  invalid: [
    // Nothing proves anything.
    { ...fn('s: string', '  bound(s);'), errors: [bound('Infinity')] },
    // Exits: throw, return, continue, break, process.exit, a never-returning call.
    { ...fn('s: string', "  if (Buffer.byteLength(s) > 4096) throw new Error('x');\n  bound(s);"), errors: [bound(4096)] },
    { ...fn('s: string', '  if (Buffer.byteLength(s) >= 100) return;\n  bound(s);'), errors: [bound(99)] },
    { ...fn('xs: string[]', '  for (const s of xs) {\n    if (100 < Buffer.byteLength(s)) continue;\n    bound(s);\n  }'), errors: [bound(100)] },
    { ...fn('xs: string[]', '  for (const s of xs) {\n    if (100 <= Buffer.byteLength(s)) { console.log(s); break; }\n    bound(s);\n  }'), errors: [bound(99)] },
    { ...fn('b: Uint8Array', '  if (b.length > 64) process.exit(2);\n  bound(b);'), errors: [bound(64)] },
    { code: `${pre}declare function fail(m: string): never;\nexport function f(b: Buffer) {\n  if (b.byteLength !== 32) fail('x');\n  bound(b);\n}`, errors: [bound(32)] },
    // Branch tests: if/else, ternary, &&, || in the exit condition.
    { ...fn('s: string', '  if (Buffer.byteLength(s) <= 10) {\n    bound(s);\n  }'), errors: [bound(10)] },
    { ...fn('s: string', '  if (Buffer.byteLength(s) > 10) {\n    return;\n  } else {\n    bound(s);\n  }'), errors: [bound(10)] },
    { ...fn('s: string', '  return Buffer.byteLength(s) < 11 ? bound(s) : null;'), errors: [bound(10)] },
    { ...fn('s: string', '  return Buffer.byteLength(s) <= 10 && bound(s);'), errors: [bound(10)] },
    { ...fn('s: string', "  if (!s || Buffer.byteLength(s) > 10) throw new Error('x');\n  bound(s);"), errors: [bound(10)] },
    // assert / assert.ok.
    { ...fn('s: string', '  assert(Buffer.byteLength(s) <= 20);\n  bound(s);'), errors: [bound(20)] },
    { ...fn('s: string', '  assert.ok(Buffer.byteLength(s) < 21);\n  bound(s);'), errors: [bound(20)] },
    // Equivalent values: an encoding of the checked string, the checked encoding of the string.
    { ...fn('s: string', "  if (Buffer.byteLength(s) > 50) throw new Error('x');\n  bound(new TextEncoder().encode(s));"), errors: [bound(50)] },
    { ...fn('s: string', "  const b = Buffer.from(s, 'utf8');\n  if (b.length > 50) throw new Error('x');\n  bound(Buffer.from(s));"), errors: [bound(50)] },
    { ...fn('s: string', "  const n = Buffer.byteLength(s);\n  if (n > 50) throw new Error('x');\n  bound(s);"), errors: [bound(50)] },
    // Base64 and hex decode to fewer bytes than characters; latin1 is one byte a unit; utf16le two.
    { ...fn('s: string', "  if (s.length > 100) throw new Error('x');\n  bound(Buffer.from(s, 'base64'));"), errors: [bound(100)] },
    { ...fn('s: string', "  if (s.length > 100) throw new Error('x');\n  bound(Buffer.from(s, 'latin1'));"), errors: [bound(100)] },
    { ...fn('s: string', "  if (s.length > 100) throw new Error('x');\n  bound(Buffer.from(s, 'utf16le'));"), errors: [bound(200)] },
    // A string's .length counts UTF-16 units: up to 3 UTF-8 bytes each.
    { ...fn('s: string', "  if (s.length > 1365) throw new Error('x');\n  bound(Buffer.from(s));"), errors: [bound(4095, ' via s.length<=1365')] },
    { ...fn('s: string', "  if (s.length > 4096) throw new Error('x');\n  bound(s);"), errors: [bound(12288, ' via s.length<=4096')] },
    // Sums, conditionals, slices.
    { ...fn('a: string, b: string', "  if (Buffer.byteLength(a) > 10 || Buffer.byteLength(b) > 20) throw new Error('x');\n  bound(`${a}:${b}`);"), errors: [bound(31)] },
    { ...fn('a: string, c: boolean', "  if (Buffer.byteLength(a) > 10) throw new Error('x');\n  bound(c ? a : 'x'.repeat(30));"), errors: [bound(30)] },
    { ...fn('b: Buffer', '  bound(b.subarray(0, 16));'), errors: [bound(16)] },
    { ...fn('s: string', '  bound(s.slice(0, 16));'), errors: [bound(48, '')] },
    // Values that print in a few bytes: numbers, booleans, UUIDs, ISO dates, hex/base64 of bounded bytes.
    { ...fn('id: number, ok: boolean', '  bound(`order:${id}:${ok}`);'), errors: [bound(7 + 24 + 24)] },
    { code: `${pre}import { randomUUID, randomBytes } from 'node:crypto';\nbound(\`\${randomUUID()}|\${new Date().toISOString()}\`);`, errors: [bound(36 + 1 + 27)] },
    { code: `${pre}import { randomBytes } from 'node:crypto';\nbound(randomBytes(32).toString('hex'));`, errors: [bound(64)] },
    { code: `${pre}import { randomBytes } from 'node:crypto';\nbound(randomBytes(32).toString('base64'));`, errors: [bound(44)] },
    { ...fn('id: string', '  bound(`order:${id}`);'), errors: [bound('Infinity')] },
    // Property paths that are never written.
    { ...fn('e: { body: string }', "  if (Buffer.byteLength(e.body) > 99) throw new Error('x');\n  bound(e.body);"), errors: [bound(99)] },
    // Near-misses: not dominating, reassigned, written property, other function, no exit, console.assert.
    { ...fn('s: string', "  bound(s);\n  if (Buffer.byteLength(s) > 10) throw new Error('x');"), errors: [bound('Infinity')] },
    { ...fn('s: string, c: boolean', "  if (c) {\n    if (Buffer.byteLength(s) > 10) throw new Error('x');\n  }\n  bound(s);"), errors: [bound('Infinity')] },
    { ...fn('s: string, t: string', "  let x = s;\n  if (Buffer.byteLength(x) > 10) throw new Error('x');\n  x = t;\n  bound(x);"), errors: [bound('Infinity')] },
    { ...fn('e: { body: string }', "  if (Buffer.byteLength(e.body) > 10) throw new Error('x');\n  e.body = e.body + e.body;\n  bound(e.body);"), errors: [bound('Infinity')] },
    { ...fn('s: string', "  const g = () => {\n    if (Buffer.byteLength(s) > 10) throw new Error('x');\n  };\n  g();\n  bound(s);"), errors: [bound('Infinity')] },
    { ...fn('s: string', "  if (Buffer.byteLength(s) > 10) console.warn('x');\n  bound(s);"), errors: [bound('Infinity')] },
    { ...fn('s: string', '  console.assert(Buffer.byteLength(s) <= 10);\n  bound(s);'), errors: [bound('Infinity')] },
    { ...fn('s: string', "  if (Buffer.byteLength(s) < 10) throw new Error('x');\n  bound(s);"), errors: [bound('Infinity')] },
    { ...fn('s: string, c: boolean', "  if (c && Buffer.byteLength(s) > 10) throw new Error('x');\n  bound(s);"), errors: [bound('Infinity')] },
    // `s.byteLength` on a string is undefined: never a guard.
    { ...fn('s: string', "  if ((s as any).byteLength > 10) throw new Error('x');\n  bound(s);"), errors: [bound('Infinity')] },
    { code: `${pre}export function f(s: string, mode: string) {\n  switch (mode) {\n    case 'a':\n      if (Buffer.byteLength(s) > 10) break;\n      bound(s);\n  }\n}`, errors: [bound(10)] },
  ],
});

typed.run('guards: value kinds and branches', guardProbe, {
  valid: [],
  invalid: [
    { code: `${pre}declare const s: string;\nkind(s);`, errors: [{ messageId: 'kind', data: { kind: 'string' } }] },
    { code: `${pre}declare const b: Buffer | undefined;\nkind(b);`, errors: [{ messageId: 'kind', data: { kind: 'bytes' } }] },
    { code: `${pre}declare const u: Uint8Array;\nkind(u);`, errors: [{ messageId: 'kind', data: { kind: 'bytes' } }] },
    { code: `${pre}declare const x: unknown;\nkind(x);`, errors: [{ messageId: 'kind', data: { kind: 'unknown' } }] },
    {
      code: `${pre}declare const c: boolean;\nconst p = c ? 'a' : 'b';\nbranches(p);`,
      errors: [{ messageId: 'branches', data: { branches: "'a'@c=true | 'b'@c=false" } }],
    },
    { code: `${pre}declare const s: string;\nbranches(s);`, errors: [{ messageId: 'branches', data: { branches: 's' } }] },
    {
      code: `${pre}declare const c: boolean;\nconst t = c ? 'long' : 'x';\nbranches(Buffer.from(t));`,
      errors: [{ messageId: 'branches', data: { branches: "'long'@c=true | 'x'@c=false" } }],
    },
    { code: `${pre}declare const c: boolean;\nbranches(Buffer.from(c ? 'ab' : 'cd', 'hex'));`, errors: [{ messageId: 'branches', data: { branches: "Buffer.from(c ? 'ab' : 'cd', 'hex')" } }] },
  ],
});

untyped.run('guards without types: kinds from constructors', guardProbe, {
  valid: [],
  invalid: [
    { code: `const b = Buffer.from(input);\nkind(b);`, errors: [{ messageId: 'kind', data: { kind: 'bytes' } }] },
    { code: `const b = new TextEncoder().encode(input);\nkind(b);`, errors: [{ messageId: 'kind', data: { kind: 'bytes' } }] },
    { code: `const s = JSON.stringify(input);\nkind(s);`, errors: [{ messageId: 'kind', data: { kind: 'string' } }] },
    { code: `function f(data) { kind(data); }`, errors: [{ messageId: 'kind', data: { kind: 'unknown' } }] },
    { code: `import { readFileSync } from 'node:fs';\nkind(readFileSync('a.bin'));`, errors: [{ messageId: 'kind', data: { kind: 'bytes' } }] },
    { code: `import fs from 'fs';\nkind(fs.readFileSync('a.txt', 'utf8'));`, errors: [{ messageId: 'kind', data: { kind: 'string' } }] },
    { code: `import { readFile } from 'node:fs/promises';\nasync function f() { kind(await readFile('a.txt', { encoding: 'utf8' })); }`, errors: [{ messageId: 'kind', data: { kind: 'string' } }] },
    // A byte array's length is bytes; an unknown value's length may be UTF-16 units.
    {
      code: `function f(s) {\n  const b = Buffer.from(s);\n  if (b.length > 64) throw new Error('x');\n  bound(b);\n}`,
      errors: [{ messageId: 'bound', data: { max: 64, units: '' } }],
    },
    {
      code: `function f(data) {\n  if (data.length > 64) throw new Error('x');\n  bound(data);\n}`,
      errors: [{ messageId: 'bound', data: { max: 192, units: ' via data.length<=64' } }],
    },
    {
      code: `import { ok } from 'node:assert/strict';\nfunction f(s) {\n  ok(Buffer.byteLength(s) <= 64);\n  bound(s);\n}`,
      errors: [{ messageId: 'bound', data: { max: 64, units: '' } }],
    },
    {
      code: `import invariant from 'tiny-invariant';\nfunction f(s) {\n  invariant(Buffer.byteLength(s) <= 64, 'too big');\n  bound(s);\n}`,
      errors: [{ messageId: 'bound', data: { max: 64, units: '' } }],
    },
  ],
});
