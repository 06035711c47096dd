// Issue 16, section 3: more shapes of the hand-off of a data key to same-file callers (src/sdk/dataKeys/handoff.ts),
// one a case, each pinning one decision of the analysis that the shapes of require-data-key-zeroization-handoff.test.ts
// leave open: what a helper's `return` hands over (await, names with no binding or no definition, computed names,
// const aliases, cycles, depth), the other ways out (a promise's resolve, a continuation that is the first parameter),
// who the callers are (a reassigned `let`, a helper passed by name, member calls inside a class) and how a caller's
// pattern receives the key (defaults, rests), and the exact bounds of the two walks. A receiver that is wrongly made a key drops it, so that it would be
// reported; a case whose shape could hide a crash (the rule stays silent when its analysis throws) ends with
// unrelatedLeak, which must still be reported. Each program is written for this file; StrykerJS
// (stryker/data-keys.config.mjs) runs it against handoff.ts.
import type { InvalidTestCase, RunTests } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createUntypedRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();
type Case = InvalidTestCase<MessageId, Options>;
type Finding = Case['errors'][number];

/** The rule's suggestion: `body` (the statements from `indent` on) wrapped in a try whose finally runs `zeroize`. */
function wrapped(code: string, body: string, indent: string, zeroize: string): string {
  const inner = body
    .split('\n')
    .map((line, i) => (i === 0 || line.trim() === '' ? line : `  ${line}`))
    .join('\n');
  const at = code.indexOf(`${indent}${body}`);
  if (at < 0 || code.indexOf(`${indent}${body}`, at + 1) >= 0) throw new Error(`the body to wrap must occur once: ${body}`);
  return code.replace(`${indent}${body}`, `${indent}try {\n${indent}  ${inner}\n${indent}} finally {\n${indent}  ${zeroize};\n${indent}}`);
}

const lineOf = (code: string, text: string): number => {
  const lines = code.split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  if (index < 0 || lines.findIndex((line, i) => i > index && line.includes(text)) >= 0) throw new Error(`the line must occur once: ${text}`);
  return index + 1;
};

const leak = `
export async function unrelatedLeak(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  console.log(Plaintext.length);
}`;

/** `code` followed by unrelatedLeak, and the finding on unrelatedLeak's key (the proof that the analysis ran). */
function withLeak(code: string): { code: string; leakFinding: Finding } {
  const full = code + leak;
  return {
    code: full,
    leakFinding: {
      messageId: 'notZeroized',
      line: lineOf(full, "KeyId: 'alias/leak'"),
      column: 11,
      suggestions: [{ messageId: 'wrapInTryFinally', output: wrapped(full, 'console.log(Plaintext.length);', '  ', 'Plaintext?.fill(0)') }],
    },
  };
}

/** Only unrelatedLeak is reported: nothing in `code` is a finding (and the analysis did not throw). */
function onlyTheLeak(name: string, code: string): Case {
  const { code: full, leakFinding } = withLeak(code);
  return { name, code: full, errors: [leakFinding] };
}

const atEnd = 'a return or the end of the function is reached without zeroizing it';
const handedOver = (from: string, field = 'Plaintext'): string => `${field}, handed over by \`${from}\``;

/**
 * A hand-off finding at the caller: `receiver` (text on the line where the caller receives the key) and `column`;
 * the suggestion wraps `body` (at `indent`) in a try whose finally runs `zeroize`.
 */
function received(code: string, from: string, receiver: string, column: number, body: string, indent: string, zeroize: string): Finding {
  return {
    messageId: 'notZeroized',
    line: lineOf(code, receiver),
    column,
    data: { operation: 'GenerateDataKey', field: handedOver(from), path: atEnd },
    suggestions: [{ messageId: 'wrapInTryFinally', output: wrapped(code, body, indent, zeroize) }],
  };
}

const invalid: Case[] = [];

// pathOf: `return await data` hands over what is awaited (a habit kept from return-await lint rules).
{
  const code = `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const data = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return await data;
}
export async function seal(kms, text) {
  const { Plaintext } = await mintKey(kms);
  return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);
}`;
  invalid.push({
    name: 'hand-off: `return await data` hands the awaited response to the caller, which drops its Plaintext',
    code,
    errors: [received(code, 'mintKey', 'await mintKey(kms)', 11, "return createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text);", '  ', 'Plaintext?.fill(0)')],
  });
}

// pathOf: `undefined` is a variable without a definition (a built-in global): an early return of it is no key and no crash.
{
  const code = `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (!Plaintext) return undefined;
  return Plaintext;
}
export async function seal(kms, text) {
  const key = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}`;
  invalid.push({
    name: 'hand-off: an early `return undefined` (a global with no definition) beside the key; the key is still followed',
    code,
    errors: [received(code, 'mintKey', 'await mintKey(kms)', 9, "return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);", '  ', 'key?.fill(0)')],
  });
}

// pathOf: `console` is declared nowhere in the file (no variable at all): it is skipped, not a crash.
{
  const code = `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { logger: console, key: Plaintext, wrapped: CiphertextBlob };
}
export async function seal(kms, text) {
  const { logger, key, wrapped } = await mintKey(kms);
  logger.info('sealing');
  return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
}`;
  invalid.push({
    name: 'hand-off: an undeclared global (console) before the key in the returned object; the key is still followed',
    code,
    errors: [
      received(code, 'mintKey', 'await mintKey(kms)', 19, "logger.info('sealing');\nreturn { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };".replace('\n', '\n  '), '  ', 'key?.fill(0)'),
    ],
  });
}

// pathOf: a const that aliases the bytes (`const key = Plaintext`) hands over the bytes themselves.
{
  const code = `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const dataKey = Plaintext;
  return dataKey;
}
export async function seal(kms, text) {
  const key = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}`;
  invalid.push({
    name: 'hand-off: a const alias of the key (`const dataKey = Plaintext; return dataKey`) is followed',
    code,
    errors: [received(code, 'mintKey', 'await mintKey(kms)', 9, "return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);", '  ', 'key?.fill(0)')],
  });
}

// pathOf: a const destructured from the response is the field it names, not the response: CiphertextBlob is no key.
invalid.push(
  onlyTheLeak(
    'hand-off: a helper that wipes the key and returns CiphertextBlob destructured from the response hands no key over',
    `async function newWrappedKey(kms) {
  const data = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const { CiphertextBlob } = data;
  data.Plaintext.fill(0);
  return CiphertextBlob;
}
export async function rotate(kms, store) {
  const wrapped = await newWrappedKey(kms);
  await store.save(wrapped);
}`,
  ),
);

// pathOf: a computed name that is not a constant cannot be named at the caller: not followed.
invalid.push(
  onlyTheLeak(
    'hand-off: the key under a computed, non-constant name is not followed (the caller reads keys[slot])',
    `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms, slot) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { [slot]: Plaintext };
}
export async function seal(kms, text) {
  const keys = await mintKey(kms, 'primary');
  console.log(createCipheriv('aes-256-gcm', keys.primary, randomBytes(12)).update(text));
}`,
  ),
);

// pathOf: names that lead back to themselves through object literals end at the depth bound.
{
  const code = `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const entry = { next: later, key: Plaintext };
  const later = { prev: entry };
  return entry;
}
export async function seal(kms, text) {
  const { key } = await mintKey(kms);
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
}`;
  invalid.push({
    name: 'hand-off: an object literal that names a later const naming it back (a temporal dead zone) neither loops nor crashes',
    code,
    errors: [received(code, 'mintKey', 'await mintKey(kms)', 11, "return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);", '  ', 'key?.fill(0)')],
  });
}

// pathOf: in an array, as in an object, the key at most two steps inside an element is followed; three is past it.
invalid.push(
  onlyTheLeak(
    'hand-off: the key three steps deep in a returned array is not followed',
    `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKeys(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [{ secret: { key: Plaintext } }];
}
export async function seal(kms, text) {
  const [{ secret: { key } }] = await mintKeys(kms);
  console.log(createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text));
}`,
  ),
);

// handOffsOf: only a `return` hands the key over; `!Plaintext` in a guard is a test of it, not a hand-off.
invalid.push(
  onlyTheLeak(
    'hand-off: a helper that tests its key (`if (!Plaintext) throw`), wipes it and returns the ciphertext hands nothing over',
    `import { createCipheriv, randomBytes } from 'node:crypto';
async function sealWithNewKey(kms, text) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  if (!Plaintext) throw new Error('KMS returned no plaintext key');
  try {
    return { wrapped: CiphertextBlob, body: createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update(text) };
  } finally {
    Plaintext.fill(0);
  }
}
export async function store(kms, text) {
  const sealed = await sealWithNewKey(kms, text);
  console.log(sealed.body.length);
}`,
  ),
);

// aliasesBytes: the rest of a destructured response (`...metadata`) is not the key.
invalid.push(
  onlyTheLeak(
    'hand-off: a helper that wipes Plaintext and returns the rest of the response (`...metadata`) hands no key over',
    `async function describeNewKey(kms) {
  const response = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  const { Plaintext, ...metadata } = response;
  Plaintext.fill(0);
  return metadata;
}
export async function rotate(kms, store) {
  const metadata = await describeNewKey(kms);
  await store.save(metadata.CiphertextBlob);
}`,
  ),
);

// handOffsOf: resolve() of a value that holds no key hands nothing to the promise's awaiters.
invalid.push(
  onlyTheLeak(
    'hand-off: an executor that wipes the key and resolves only the ciphertext hands nothing to the awaiting caller',
    `const AWS = require('aws-sdk');
const crypto = require('crypto');
function sealWithNewKey(kms, text) {
  return new Promise((resolve, reject) => {
    kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => {
      if (err) return reject(err);
      try {
        resolve({ wrapped: data.CiphertextBlob, body: crypto.createCipheriv('aes-256-gcm', data.Plaintext, crypto.randomBytes(12)).update(text) });
      } finally {
        data.Plaintext.fill(0);
      }
    });
  });
}
export async function store(text) {
  const sealed = await sealWithNewKey(new AWS.KMS(), text);
  console.log(sealed.body.length);
}`,
  ),
);

// handOffsOf / promiseReturner: a continuation that is the helper's first parameter (no promise around it).
{
  const code = `const AWS = require('aws-sdk');
const crypto = require('crypto');
const kms = new AWS.KMS();
function withDataKey(callback) {
  kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' }, (err, data) => callback(err, data));
}
export function sealFile(bytes, done) {
  withDataKey((err, data) => {
    if (err) return done(err);
    done(null, crypto.createCipheriv('aes-256-gcm', data.Plaintext, crypto.randomBytes(12)).update(bytes));
  });
}`;
  invalid.push({
    name: "hand-off: a callback helper whose continuation is its first parameter hands the response to the caller's callback",
    code,
    errors: [
      received(code, 'withDataKey', 'withDataKey((err, data) => {', 21, "done(null, crypto.createCipheriv('aes-256-gcm', data.Plaintext, crypto.randomBytes(12)).update(bytes));", '    ', 'data.Plaintext.fill(0)'),
    ],
  });
}

// callsOf: a function held in a `let` that is reassigned may be another function when called: not followed.
invalid.push(
  onlyTheLeak(
    'hand-off: a helper held in a let that the module reassigns is not followed',
    `import { createCipheriv, randomBytes } from 'node:crypto';
let mintKey = async (kms) => {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
};
export function useKeySource(source) {
  mintKey = source;
}
export async function seal(kms, text) {
  const key = await mintKey(kms);
  console.log(createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text));
}`,
  ),
);

// callsOf: a reference that is an argument (the helper passed by name) is no call of it, even when the call is awaited.
invalid.push(
  onlyTheLeak(
    'hand-off: the awaited result of a call that is passed the helper by name is not the key',
    `async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
}
export async function schedule(scheduler) {
  const job = await scheduler.every('1h', mintKey);
  console.log(job.id);
}`,
  ),
);

// callsOf: inside a class, only `this.<method>()` calls the method; other member calls are not its callers.
invalid.push(
  onlyTheLeak(
    'hand-off: in the class of mint(), this.load(), this.tickets.mint() and this.cache.get() are no calls of mint()',
    `import { createCipheriv, randomBytes } from 'node:crypto';
export class Sealer {
  constructor(kms, tickets, cache) { this.kms = kms; this.tickets = tickets; this.cache = cache; }
  async mint() {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    return Plaintext;
  }
  async load(id) {
    return id;
  }
  async seal(text) {
    const key = await this.mint();
    try {
      return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
    } finally {
      key.fill(0);
    }
  }
  async report(id) {
    const row = await this.load(id);
    const ticket = await this.tickets.mint();
    const cached = await this.cache.get(id);
    console.log(row.length, ticket.id, cached.size);
  }
}`,
  ),
);

// callsOf: in static code `this` is the class: a static method is called as `this.mint()` from static methods and
// static blocks, and an instance method's callers are instance code only.
{
  const code = `import { createCipheriv, randomBytes } from 'node:crypto';
export class KeyService {
  static async mint(kms) {
    const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    return Plaintext;
  }
  static async seal(kms, text) {
    const key = await this.mint(kms);
    return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);
  }
}`;
  invalid.push({
    name: 'hand-off: a static method called as this.mint() from another static method is followed',
    code,
    errors: [received(code, 'mint', 'await this.mint(kms)', 11, "return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text);", '    ', 'key?.fill(0)')],
  });
}
invalid.push(
  onlyTheLeak(
    'hand-off: this.mint() in static code (a method, a field, a static block) does not call the instance method mint(), nor this.mint() in instance code a static one',
    `import { createCipheriv, randomBytes } from 'node:crypto';
export class Sealer {
  constructor(kms) { this.kms = kms; }
  async mint() {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    return Plaintext;
  }
  static async mintShared(kms) {
    const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/shared', KeySpec: 'AES_256' });
    return Plaintext;
  }
  static async preview(text) {
    const key = await this.mint();
    console.log(createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text));
  }
  static ready = (async () => {
    const probe = await this.mint();
    console.log(probe.length);
  })();
  static {
    this.warm = (async () => {
      const early = await this.mint();
      console.log(early.length);
    })();
  }
  async sealShared(text) {
    const shared = await this.mintShared(this.kms);
    console.log(createCipheriv('aes-256-gcm', shared, randomBytes(12)).update(text));
  }
}`,
  ),
);

// receiversOf: a caller that keeps the value whole receives a key only when it is the value or one property of it.
invalid.push(
  onlyTheLeak(
    'hand-off: the caller keeps whole a value whose key is two properties deep: not followed (a key is named at most as holder.field)',
    `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { secret: { key: Plaintext } };
}
export async function seal(kms, text) {
  const bundle = await mintKey(kms);
  console.log(createCipheriv('aes-256-gcm', bundle.secret.key, randomBytes(12)).update(text));
}`,
  ),
);

// receiversOf: the received key keeps its response field, which its copies report.
{
  const code = `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return Plaintext;
}
export async function seal(kms, text) {
  const key = await mintKey(kms);
  const copy = Buffer.from(key);
  try {
    return createCipheriv('aes-256-gcm', copy, randomBytes(12)).update(text);
  } finally {
    key.fill(0);
  }
}`;
  invalid.push({
    name: 'hand-off: a Buffer.from copy of a received key, never wiped, is reported with the field the key started as',
    code,
    errors: [
      {
        messageId: 'copyNotZeroized',
        line: lineOf(code, 'Buffer.from(key)'),
        column: 16,
        data: { operation: 'GenerateDataKey', field: 'Plaintext', how: '`Buffer.from`' },
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: wrapped(code, "try {\n    return createCipheriv('aes-256-gcm', copy, randomBytes(12)).update(text);\n  } finally {\n    key.fill(0);\n  }", '  ', 'copy.fill(0)'),
          },
        ],
      },
    ],
  });
}

// bind: a rest property in the caller's object pattern is skipped; the key's own property still receives it.
{
  const code = `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob, KeyId } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { key: Plaintext, wrapped: CiphertextBlob, keyId: KeyId };
}
export async function seal(kms, text) {
  const { key, ...meta } = await mintKey(kms);
  return { ...meta, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
}`;
  invalid.push({
    name: "hand-off: a rest property after the key in the caller's object pattern; the key is still received",
    code,
    errors: [received(code, 'mintKey', 'await mintKey(kms)', 11, "return { ...meta, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };", '  ', 'key?.fill(0)')],
  });
}

// bind: a default in the caller's object pattern (`{ key = null }`) still binds the key.
{
  const code = `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintKey(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return { key: Plaintext, wrapped: CiphertextBlob };
}
export async function seal(kms, text) {
  const { key = null, wrapped } = await mintKey(kms);
  return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };
}`;
  invalid.push({
    name: "hand-off: a property with a default in the caller's object pattern still receives the key",
    code,
    errors: [received(code, 'mintKey', 'await mintKey(kms)', 11, "return { wrapped, body: createCipheriv('aes-256-gcm', key, randomBytes(12)).update(text) };", '  ', 'key?.fill(0)')],
  });
}

// bind: a rest element of the caller's array pattern is an array of the elements, never the key: nothing is bound,
// whether the next step into the element is a property name or an index.
invalid.push(
  onlyTheLeak(
    "hand-off: a rest element in the caller's array pattern receives nothing (objects or arrays of keys)",
    `import { createCipheriv, randomBytes } from 'node:crypto';
async function mintBatch(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return [{ key: Plaintext, wrapped: CiphertextBlob }];
}
async function mintPairs(kms) {
  const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: 'alias/b', KeySpec: 'AES_256' });
  return [[Plaintext, CiphertextBlob]];
}
export async function sealBatch(kms, text) {
  const [...batch] = await mintBatch(kms);
  const [...pairs] = await mintPairs(kms);
  console.log(batch.length, pairs.length, createCipheriv('aes-256-gcm', batch[0].key, randomBytes(12)).update(text));
}`,
  ),
);

// handOffsOf: a key of the module's top level (top-level await) has no `return` and no callers: it is the module's.
{
  const code = `import { createCipheriv, randomBytes } from 'node:crypto';
import { KMS } from '@aws-sdk/client-kms';
const kms = new KMS({});
const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/boot', KeySpec: 'AES_256' });
console.log(createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update('boot'));`;
  invalid.push({
    name: 'hand-off: a key acquired at the top level of a module is reported there (nothing to hand over)',
    code,
    errors: [
      {
        messageId: 'notZeroized',
        line: 4,
        column: 9,
        data: { operation: 'GenerateDataKey', field: 'Plaintext', path: atEnd },
        suggestions: [{ messageId: 'wrapInTryFinally', output: wrapped(code, "console.log(createCipheriv('aes-256-gcm', Plaintext, randomBytes(12)).update('boot'));", '', 'Plaintext?.fill(0)') }],
      },
    ],
  });
}

// ownNodes / ownClassNodes: the bounds are exact. `fours` statements of four nodes (statement, assignment, name,
// literal) and `threes` of three (statement, update, name) put the node that hands the key over (the helper's
// `return`, the caller's `this.mint()` call) at a chosen position of the walk. The counts were found by running a
// copy of the two walks over espree's tree (a scratch script, not kept); a wrong count turns the pair of cases around
// a bound red, since one of the two then sits on the other side of it.
/** [fours, threes] that put the node at walk positions 4,000 and 4,001 (helper), 16,000 and 16,001 (class). */
const HELPER_AT_4000 = [994, 0] as const;
const HELPER_AT_4001 = [992, 3] as const;
const CLASS_AT_16000 = [3984, 2] as const;
const CLASS_AT_16001 = [3985, 1] as const;
const filler = (fours: number, threes: number, indent: string): string =>
  [...Array.from({ length: fours }, () => `${indent}total += 1;`), ...Array.from({ length: threes }, () => `${indent}total++;`)].join('\n');

/** A helper whose `return Plaintext` comes after `fours` and `threes` filler statements. */
const helperReturnsAt = (fours: number, threes: number): string => `import { createHmac } from 'node:crypto';
async function mintKey(kms) {
  let total = 0;
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
${filler(fours, threes, '  ')}
  return Plaintext;
}
export async function sign(kms, note) {
  const key = await mintKey(kms);
  return createHmac('sha256', key).update(note).digest();
}`;

/** A class whose sign() calls this.mint() after a method of `fours` and `threes` filler statements. */
const classCallsAt = (fours: number, threes: number): string => `import { createHmac } from 'node:crypto';
export class Signer {
  constructor(kms) { this.kms = kms; }
  async mint() {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    return Plaintext;
  }
  count() {
    let total = 0;
${filler(fours, threes, '    ')}
    return total;
  }
  async sign(note) {
    const key = await this.mint();
    return createHmac('sha256', key).update(note).digest();
  }
}`;

const signed = "return createHmac('sha256', key).update(note).digest();";
{
  const code = helperReturnsAt(HELPER_AT_4000[0], HELPER_AT_4000[1]);
  invalid.push({
    name: "hand-off bound: a helper's return that is the 4,000th node of its walk is followed",
    code,
    errors: [received(code, 'mintKey', 'await mintKey(kms)', 9, signed, '  ', 'key?.fill(0)')],
  });
  invalid.push(onlyTheLeak("hand-off bound: a helper's return that is the 4,001st node of its walk is not followed", helperReturnsAt(HELPER_AT_4001[0], HELPER_AT_4001[1])));
}
{
  const code = classCallsAt(CLASS_AT_16000[0], CLASS_AT_16000[1]);
  invalid.push({
    name: 'hand-off bound: this.mint() that is the 16,000th node of the class walk is found',
    code,
    errors: [received(code, 'mint', 'await this.mint()', 11, signed, '    ', 'key?.fill(0)')],
  });
  invalid.push(onlyTheLeak('hand-off bound: this.mint() that is the 16,001st node of the class walk is not found', classCallsAt(CLASS_AT_16001[0], CLASS_AT_16001[1])));
}

const cases: RunTests<MessageId, Options> = { valid: [], invalid };
untyped.run('require-data-key-zeroization hand-off shapes, more (JavaScript)', rule, cases);
