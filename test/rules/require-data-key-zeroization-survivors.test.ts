// Issue 16: behaviours of the data-key tracking that StrykerJS (stryker/data-keys.config.mjs) found unpinned in
// events.ts and leak.ts. Each case is one shape: a guarded fill lifted to its `if` (the type test is then no step
// that can throw, but a call before the fill in a longer block is), the lift's bound of eight `if`s, the pending v2
// response renamed (its helpers one level deeper, an array pattern not followed), a response compared or used as a
// key (a use), helpers that test the v2 Buffer, destructuring with a rest element, a nested pattern or another field,
// type tests and early returns around a key that returns or gives up, and a `finally` that scrubs a response other
// than the key's. Where a case is silent about its own function, another function of the file leaks on purpose, so
// a crash (which leaves the rule silent) cannot pass for silence.
import type { InvalidTestCase, RunTests } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createUntypedRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();
type Case = InvalidTestCase<MessageId, Options>;

const header = `import { createHmac } from 'node:crypto';\n`;
const v3Key = `const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });`;
const v2Key = `const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();`;
const v3Response = `const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });`;

const leaks = (wrapped: boolean): string => `
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  ${wrapped ? `try {\n    return createHmac('sha256', Plaintext).update(note).digest();\n  } finally {\n    Plaintext?.fill(0);\n  }` : `return createHmac('sha256', Plaintext).update(note).digest();`}
}`;

/** `body` (lines at two spaces) as the body of an exported async function of `params`. */
const fn = (name: string, params: string, body: string[], before = ''): string =>
  `${header}${before}export async function ${name}(${params}) {\n${body.map((line) => `  ${line}`).join('\n')}\n}`;

/**
 * The rule's suggestion: the statements after line `after` (the acquisition, 1-based) up to the function's closing
 * brace, one level deeper inside `try { … } finally { <key>.fill(0); }`.
 */
function wrapAfter(code: string, after: number, key: string): string {
  const lines = code.split('\n');
  const end = lines.findIndex((line, i) => i >= after && line === '}');
  const body = lines.slice(after, end).map((line) => (line.trim() === '' ? line : `  ${line}`));
  return [...lines.slice(0, after), '  try {', ...body, '  } finally {', `    ${key}.fill(0);`, '  }', ...lines.slice(end)].join('\n');
}

/** The function in `code` keeps its key out of harm's way: only the second function (which leaks) is reported. */
function silent(name: string, code: string): Case {
  return {
    name,
    code: code + leaks(false),
    errors: [{ messageId: 'notZeroized', line: code.split('\n').length + 2, column: 11, suggestions: [{ messageId: 'wrapInTryFinally', output: code + leaks(true) }] }],
  };
}

/** The key acquired on `line` at `column` is reported; `key` is what the suggestion zeroizes (null: no suggestion). */
function reported(name: string, code: string, messageId: MessageId, line: number, column: number, key: string | null): Case {
  return {
    name,
    code,
    errors: [{ messageId, line, column, suggestions: key ? [{ messageId: 'wrapInTryFinally', output: wrapAfter(code, line, key) }] : [] }],
  };
}

/** `depth` type guards, one inside the other, around the fill (each a call, which could throw were it not lifted). */
const nestedGuards = (depth: number): string[] => [
  ...Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}if (ArrayBuffer.isView(Plaintext))`),
  `${'  '.repeat(depth)}Plaintext.fill(0);`,
];

const invalid: Case[] = [
  // liftThroughGuards: the v2 key is a Buffer, so Buffer.isBuffer holds and the `if` is the zeroization.
  silent('v2: a fill under Buffer.isBuffer after a read is the zeroization; the type test is part of it', fn('checksum', 'kms', [
    v2Key,
    'const first = Plaintext[0];',
    'if (Buffer.isBuffer(Plaintext)) Plaintext.fill(0);',
    'return first;',
  ])),
  silent('eight type guards around a fill are lifted through, all eight', fn('checksum', 'kms', [v3Key, 'const first = Plaintext[0];', ...nestedGuards(8), 'return first;'])),
  reported(
    'a ninth type guard is past the bound: its test is a call that can throw after the read',
    fn('checksum', 'kms', [v3Key, 'const first = Plaintext[0];', ...nestedGuards(9), 'return first;']),
    'notZeroizedOnThrow', 3, 11, 'Plaintext?',
  ),
  silent('two guards without braces, one directly in the other, are both lifted through', fn('checksum', 'kms', [
    v3Key,
    'const first = Plaintext[0];',
    'if (ArrayBuffer.isView(Plaintext)) if (Plaintext instanceof Uint8Array) Plaintext.fill(0);',
    'return first;',
  ])),
  silent('a guard whose braces hold only the fill is lifted through', fn('checksum', 'kms', [
    v3Key,
    'const first = Plaintext[0];',
    'if (ArrayBuffer.isView(Plaintext)) {',
    '  Plaintext.fill(0);',
    '}',
    'return first;',
  ])),
  reported(
    'a guard whose block logs before the fill is not the zeroization: the log call can throw after the read',
    fn('checksum', 'kms, log', [
      v3Key,
      'const first = Plaintext[0];',
      'if (Plaintext instanceof Uint8Array) {',
      "  log('wiping the key');",
      '  Plaintext.fill(0);',
      '}',
      'return first;',
    ]),
    'notZeroizedOnThrow', 3, 11, 'Plaintext?',
  ),
  reported(
    'a fill in the else of a guard that bytes pass never runs: the key is returned unwiped',
    fn('checksum', 'kms', [
      v3Key,
      'const first = Plaintext[0];',
      "if (Plaintext instanceof Uint8Array) console.info('key bytes'); else Plaintext.fill(0);",
      'return first;',
    ]),
    'notZeroized', 3, 11, 'Plaintext?',
  ),
  silent('a fill in the test of an `if` is done before its consequent returns', fn('rotate', 'kms', [
    v3Key,
    'if (Plaintext && Plaintext.fill(0)) return true;',
    'return false;',
  ])),

  // classifyHolder: the pending v2 response, renamed by its await.
  {
    name: 'the awaited v2 response destructured as an array is not followed (nothing names the key); the file is still analysed',
    code: `${header}export async function sign(kms) {
  const pending = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
  const [response] = await pending;
  return response;
}${leaks(false)}`,
    errors: [
      { messageId: 'notZeroized', line: 3, column: 9, suggestions: [] },
      { messageId: 'notZeroized', line: 8, column: 11, suggestions: [{ messageId: 'wrapInTryFinally', output: `${header}export async function sign(kms) {
  const pending = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();
  const [response] = await pending;
  return response;
}${leaks(true)}` }] },
    ],
  },
  reported(
    'the renamed v2 response sits one level deeper: a wipe four helpers down is past the bound',
    fn('rotate', 'kms', [
      "const pending = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();",
      'const dk = await pending;',
      'const size = dk.Plaintext.length;',
      'finish(dk);',
      'return size;',
    ], `function wipe(response) { response.Plaintext.fill(0); }
function clear(response) { wipe(response); }
function release(response) { clear(response); }
function finish(response) { release(response); }
`),
    'notZeroized', 7, 9, null,
  ),
  silent('the renamed v2 response handed to a wipe three helpers down is zeroized', fn('rotate', 'kms', [
    "const pending = kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();",
    'const dk = await pending;',
    'const size = dk.Plaintext.length;',
    'release(dk);',
    'return size;',
  ], `function wipe(response) { response.Plaintext.fill(0); }
function clear(response) { wipe(response); }
function release(response) { clear(response); }
`)),

  // classifyHolder: a response compared, or used as a key, is a use of it (an exception after it leaves the key live).
  reported(
    'a response compared with a cached one is a use: the awaited flush can throw before the wipe',
    fn('refresh', 'kms, cache', [v3Response, 'const unchanged = cache.last === dk;', 'await cache.flush(unchanged);', 'dk.Plaintext.fill(0);', 'return unchanged;']),
    'notZeroizedOnThrow', 3, 9, 'dk.Plaintext?',
  ),
  reported(
    'a response used as the left operand of `in` is a use, not a test of what the SDK returned',
    fn('refresh', 'kms, registry', [v3Response, 'const known = dk in registry;', 'await registry.flush(known);', 'dk.Plaintext.fill(0);', 'return known;']),
    'notZeroizedOnThrow', 3, 9, 'dk.Plaintext?',
  ),
  silent('v2: a response handed to a helper that wipes under Buffer.isBuffer is zeroized', fn('rotate', 'kms, note', [
    "const dk = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }).promise();",
    'scrub(dk);',
    'return note;',
  ], `function scrub(response) {
  if (Buffer.isBuffer(response.Plaintext)) response.Plaintext.fill(0);
}
`)),

  reported(
    'a finally that scrubs another response (not this one) does not cover an exception from the HMAC before the wipe',
    fn('sign', 'kms, note, previous', [
      v3Response,
      'let mac;',
      'try {',
      "  mac = createHmac('sha256', dk.Plaintext).update(note).digest();",
      '  dk.Plaintext.fill(0);',
      '} finally {',
      '  scrub(previous);',
      '}',
      'return mac;',
    ], `function scrub(response) { response.Plaintext.fill(0); }
`),
    'notZeroizedOnThrow', 4, 9, 'dk.Plaintext?',
  ),

  // destructureField: which bindings of a pattern hold the key.
  silent('a rest element beside the key field is skipped; the key wiped in finally', fn('sign', 'kms, note', [
    v3Response,
    'const { Plaintext, ...meta } = dk;',
    'try {',
    "  return createHmac('sha256', Plaintext).update(note).digest();",
    '} finally {',
    '  Plaintext.fill(0);',
    '}',
  ])),
  reported(
    'another field destructured beside the key is not the key: storing it hands nothing out',
    fn('seal', 'kms, store, note', [
      v3Response,
      'const { CiphertextBlob, Plaintext } = dk;',
      "const mac = createHmac('sha256', Plaintext).update(note).digest();",
      'store.set(note, CiphertextBlob);',
      'return mac;',
    ]),
    'notZeroized', 3, 9, 'dk.Plaintext?',
  ),
  silent('reading only the key\'s length through a nested pattern is no use of the key', fn('describe', 'kms, log', [
    v3Response,
    'const { Plaintext: { length } } = dk;',
    'await log(length);',
    'dk.Plaintext.fill(0);',
    'return length;',
  ])),
  reported(
    'destructuring the key from the response is a use: the awaited log can throw before the wipe',
    fn('describe', 'kms, log', [v3Response, 'const { Plaintext } = dk;', "await log('key ready');", 'Plaintext.fill(0);', 'return Plaintext.length;']),
    'notZeroizedOnThrow', 3, 9, 'dk.Plaintext?',
  ),

  // addAbsenceGuards: type tests around the key.
  reported(
    'v2: a negated Buffer.isBuffer holds no key in its throw; the key then returns unwiped',
    fn('sign', 'kms, note', [v2Key, "if (!Buffer.isBuffer(Plaintext)) throw new TypeError('expected a Buffer');", "return createHmac('sha256', Plaintext).update(note).digest();"]),
    'notZeroized', 3, 11, 'Plaintext',
  ),
  reported(
    'an early return on a missing key or a missing input runs with the key in hand when only the input is missing',
    fn('sign', 'kms, note', [
      v3Key,
      'if (!Plaintext || !note) return null;',
      'try {',
      "  return createHmac('sha256', Plaintext).update(note).digest();",
      '} finally {',
      '  Plaintext.fill(0);',
      '}',
    ]),
    'notZeroized', 3, 11, 'Plaintext?',
  ),
  silent('an early return when the response or its key is missing runs without a key', fn('sign', 'kms, note', [
    v3Response,
    'if (!dk || dk.Plaintext == null) return null;',
    'try {',
    "  return createHmac('sha256', dk.Plaintext).update(note).digest();",
    '} finally {',
    '  dk.Plaintext.fill(0);',
    '}',
  ])),
  silent('the else of a guard that bytes pass runs without the key: its return leaves nothing', fn('sign', 'kms, note', [
    v3Key,
    'if (Plaintext instanceof Uint8Array) {',
    '  try {',
    "    return createHmac('sha256', Plaintext).update(note).digest();",
    '  } finally {',
    '    Plaintext.fill(0);',
    '  }',
    '} else {',
    '  return null;',
    '}',
  ])),
];

const cases: RunTests<MessageId, Options> = { valid: [], invalid };
untyped.run('require-data-key-zeroization shapes StrykerJS found unpinned (JavaScript)', rule, cases);
