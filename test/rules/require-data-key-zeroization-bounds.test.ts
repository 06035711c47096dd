// Issue 16, section 3: the hand-off to same-file callers reads a bounded amount of code. A helper is searched for its
// `return`s within its first 4,000 nodes, and a class body for `this.method()` calls within 16,000: a key handed
// out past either bound is not followed, and the helper (which returns it) stays silent too. Each program is built
// here from repeated statements; another function of the file leaks on purpose, so a crash cannot pass for silence.
import type { InvalidTestCase, RunTests } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createUntypedRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();
type Case = InvalidTestCase<MessageId, Options>;

/** `count` statements of four nodes each (statement, assignment, identifier, literal). */
const filler = (count: number, indent: string): string => Array.from({ length: count }, () => `${indent}total += 1;`).join('\n');

const leaks = (wrapped: boolean): string => `
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  ${wrapped ? `try {\n    return createHmac('sha256', Plaintext).update(note).digest();\n  } finally {\n    Plaintext?.fill(0);\n  }` : `return createHmac('sha256', Plaintext).update(note).digest();`}
}`;

/** A helper that returns its key after `count` filler statements; its same-file caller drops the key. */
const helperReturnsAfter = (count: number): string => `import { createHmac } from 'node:crypto';
async function mintKey(kms) {
  let total = 0;
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
${filler(count, '  ')}
  return Plaintext;
}
export async function sign(kms, note) {
  const key = await mintKey(kms);
  return createHmac('sha256', key).update(note).digest();
}`;

/** A class whose mint() returns the key; sign() calls this.mint() after a method of `count` filler statements. */
const classCallsAfter = (count: number): string => `import { createHmac } from 'node:crypto';
export class Signer {
  constructor(kms) { this.kms = kms; }
  async mint() {
    const { Plaintext } = await this.kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
    return Plaintext;
  }
  count() {
    let total = 0;
${filler(count, '    ')}
    return total;
  }
  async sign(note) {
    const key = await this.mint();
    return createHmac('sha256', key).update(note).digest();
  }
}`;

const lineOf = (code: string, text: string): number => code.split('\n').findIndex((line) => line.includes(text)) + 1;

/** Only the leaking function is reported: the hand-off in `code` is not followed. */
function notFollowed(name: string, code: string): Case {
  return {
    name,
    code: code + leaks(false),
    errors: [{ messageId: 'notZeroized', line: code.split('\n').length + 2, column: 11, suggestions: [{ messageId: 'wrapInTryFinally', output: code + leaks(true) }] }],
  };
}

/**
 * The caller that receives the key and drops it is reported, once (the helper is not), with the suggestion that
 * wraps its last statement (`indent` deep) in a try whose finally fills the key.
 */
function followed(name: string, code: string, receiver: string, column: number, indent: string): Case {
  const last = `${indent}return createHmac('sha256', key).update(note).digest();`;
  const wrapped = `${indent}try {\n  ${last}\n${indent}} finally {\n${indent}  key?.fill(0);\n${indent}}`;
  return {
    name,
    code,
    errors: [{ messageId: 'notZeroized', line: lineOf(code, receiver), column, suggestions: [{ messageId: 'wrapInTryFinally', output: code.replace(last, wrapped) }] }],
  };
}

const invalid: Case[] = [
  followed('a helper of about 1,000 nodes hands its key to the caller', helperReturnsAfter(250), 'const key = await mintKey(kms);', 9, '  '),
  notFollowed('a helper whose return comes after more than 4,000 nodes is not followed', helperReturnsAfter(1100)),
  followed('this.mint() called after a method of about 2,000 nodes is found', classCallsAfter(500), 'const key = await this.mint();', 11, '    '),
  notFollowed('this.mint() called after more than 16,000 nodes of the class is not found', classCallsAfter(4200)),
];

const cases: RunTests<MessageId, Options> = { valid: [], invalid };
untyped.run('require-data-key-zeroization hand-off bounds (JavaScript)', rule, cases);
