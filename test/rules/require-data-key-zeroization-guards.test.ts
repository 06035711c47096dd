// Issue 16, section 4: zeroizations read off syntax in a `finally`. A `.fill(0)` under a type guard counts when the
// guard holds for the key's byte kind (v2 `.promise()`: a Buffer; v3: a plain Uint8Array) or when it sits in the
// branch the key must take; a loop counts when it writes 0 to every byte. Each case runs one `finally` body after an
// HMAC: where it wipes, a second function of the file leaks on purpose (so a crash, which leaves the rule silent,
// fails the case); where it does not, the key is reported with the suggestion that wraps the try in another.
// StrykerJS (stryker/data-keys.config.mjs) runs these against effects.ts (guardVerdict, isZeroLoop).
import type { InvalidTestCase, RunTests } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/require-data-key-zeroization.js';
import { createUntypedRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();
type Case = InvalidTestCase<MessageId, Options>;

const V2 = true;
const indent = (text: string): string => text.replace(/\n/g, '\n  ');

/**
 * `sign` acquires a key (v2: through `.promise()`), uses it in an HMAC, and runs `wipe` in a `finally`; `wrapped` is
 * the suggested rewrite (which writes `?.fill(0)` for a v3 key, `.fill(0)` for a v2 Buffer).
 */
function sign(wipe: string, v2: boolean, wrapped: boolean): string {
  const tryStatement = `try {
    return createHmac('sha256', Plaintext).update(note).digest();
  } finally {
    ${wipe}
  }`;
  return `import { createHmac } from 'node:crypto';
export async function sign(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' })${v2 ? '.promise()' : ''};
  ${wrapped ? `try {\n    ${indent(tryStatement)}\n  } finally {\n    Plaintext${v2 ? '' : '?'}.fill(0);\n  }` : tryStatement}
}`;
}

const leaks = (wrapped: boolean): string => `
export async function leaks(kms, note) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/leak', KeySpec: 'AES_256' });
  ${wrapped ? `try {\n    return createHmac('sha256', Plaintext).update(note).digest();\n  } finally {\n    Plaintext?.fill(0);\n  }` : `return createHmac('sha256', Plaintext).update(note).digest();`}
}`;

/** `wipe` zeroizes the key on every path: only the second function (which leaks) is reported. */
function wipes(name: string, wipe: string, v2 = false): Case {
  const code = sign(wipe, v2, false);
  return {
    name,
    code: code + leaks(false),
    errors: [{ messageId: 'notZeroized', line: code.split('\n').length + 2, column: 11, suggestions: [{ messageId: 'wrapInTryFinally', output: code + leaks(true) }] }],
  };
}

/** `wipe` is not (or not always) a zeroization of the key: `sign` is reported at its acquisition. */
function doesNotWipe(name: string, wipe: string, v2 = false): Case {
  return {
    name,
    code: sign(wipe, v2, false),
    errors: [{ messageId: 'notZeroized', line: 3, column: 11, suggestions: [{ messageId: 'wrapInTryFinally', output: sign(wipe, v2, true) }] }],
  };
}

/** A function that reads the key's length, then runs `loop` in its body (not in a `finally`). */
const keyBits = (loop: string, wrapped: boolean): string => {
  const rest = `const bits = Plaintext.length * 8;
  ${loop}
  return bits;`;
  return `import { createHmac } from 'node:crypto';
export async function keyBits(kms) {
  const { Plaintext } = await kms.generateDataKey({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  ${wrapped ? `try {\n    ${indent(rest)}\n  } finally {\n    Plaintext?.fill(0);\n  }` : rest}
}`;
};

const invalid: Case[] = [
  wipes('guard: a typeof test and instanceof Uint8Array, both holding, joined by &&', `if (typeof Plaintext !== 'string' && Plaintext instanceof Uint8Array) Plaintext.fill(0);`),
  doesNotWipe('near miss: && with an unknown class on the right says nothing; the fill may not run', `if (typeof Plaintext !== 'string' && Plaintext instanceof KeyObject) Plaintext.fill(0);`),
  doesNotWipe('near miss: Buffer.isBuffer && instanceof Uint8Array fails for v3 bytes, so the fill never runs', `if (Buffer.isBuffer(Plaintext) && Plaintext instanceof Uint8Array) Plaintext.fill(0);`),
  wipes('guard: Buffer.isBuffer && instanceof Uint8Array holds for a v2 Buffer', `if (Buffer.isBuffer(Plaintext) && Plaintext instanceof Uint8Array) Plaintext.fill(0);`, V2),
  wipes('guard: Array.isArray && anything fails for bytes, so the else branch (which fills) runs', `if (Array.isArray(Plaintext) && Plaintext.length > 0) console.warn('array key'); else Plaintext.fill(0);`),
  wipes('guard: an unknown test && Array.isArray fails for bytes as well', `if (note && Array.isArray(Plaintext)) console.warn('array key'); else Plaintext.fill(0);`),
  doesNotWipe('near miss: an unknown test && instanceof Uint8Array says nothing; the fill may not run', `if (note && Plaintext instanceof Uint8Array) Plaintext.fill(0);`),
  doesNotWipe('near miss: an unknown test || Array.isArray says nothing; the else branch may not run', `if (note || Array.isArray(Plaintext)) console.warn('skipped'); else Plaintext.fill(0);`),
  doesNotWipe('near miss: Array.isArray || an unknown test says nothing; the else branch may not run', `if (Array.isArray(Plaintext) || note) console.warn('skipped'); else Plaintext.fill(0);`),
  wipes('guard: Buffer.isBuffer || instanceof Uint8Array holds for v3 bytes', `if (Buffer.isBuffer(Plaintext) || Plaintext instanceof Uint8Array) Plaintext.fill(0);`),
  doesNotWipe('near miss: Buffer.isBuffer || an unknown class says nothing for v3 bytes', `if (Buffer.isBuffer(Plaintext) || Plaintext instanceof KeyObject) Plaintext.fill(0);`),
  wipes('guard: instanceof Uint8Array || an unknown test holds', `if (Plaintext instanceof Uint8Array || note) Plaintext.fill(0);`),
  wipes('guard: typeof string || Array.isArray fails for bytes: the else branch fills', `if (typeof Plaintext === 'string' || Array.isArray(Plaintext)) console.warn('not bytes'); else Plaintext.fill(0);`),
  doesNotWipe('near miss: typeof string || Array.isArray fails for bytes: a fill in its consequent never runs', `if (typeof Plaintext === 'string' || Array.isArray(Plaintext)) Plaintext.fill(0); else console.warn('bytes');`),
  wipes('guard: a negated instanceof Uint8Array fails for bytes: the else branch fills', `if (!(Plaintext instanceof Uint8Array)) console.warn('not bytes'); else Plaintext.fill(0);`),
  doesNotWipe('near miss: a negated unknown class says nothing', `if (!(Plaintext instanceof KeyObject)) Plaintext.fill(0);`),
  doesNotWipe('near miss: a negated instanceof Uint8Array: the fill in its consequent never runs for bytes', `if (!(Plaintext instanceof Uint8Array)) Plaintext.fill(0);`),
  wipes('guard: ArrayBuffer.isView holds for bytes', `if (ArrayBuffer.isView(Plaintext)) Plaintext.fill(0);`),
  doesNotWipe('near miss: ArrayBuffer.isView of another value says nothing about the key', `if (ArrayBuffer.isView(note)) Plaintext.fill(0);`),
  doesNotWipe('near miss: another static method of ArrayBuffer is not a type test', `if (ArrayBuffer.isArrayBuffer(Plaintext)) Plaintext.fill(0);`),
  wipes('guard: Array.isArray fails for bytes: the else branch fills', `if (Array.isArray(Plaintext)) Plaintext.splice(0); else Plaintext.fill(0);`),
  doesNotWipe('near miss: a fill under Array.isArray never runs for bytes', `if (Array.isArray(Plaintext)) Plaintext.fill(0);`),
  doesNotWipe('near miss: Number.isInteger is not a type test of byte arrays', `if (Number.isInteger(Plaintext)) Plaintext.fill(0);`),
  doesNotWipe('near miss: Buffer.isEncoding is not a type test', `if (Buffer.isEncoding(Plaintext)) Plaintext.fill(0);`, V2),
  doesNotWipe('near miss: Buffer.isBuffer of two arguments is not the one-argument test', `if (Buffer.isBuffer(Plaintext, note)) Plaintext.fill(0);`, V2),
  doesNotWipe('near miss: a type test called as a plain function is not known', `if (isBuffer(Plaintext)) Plaintext.fill(0);`, V2),
  wipes('guard: instanceof Buffer holds for a v2 Buffer', `if (Plaintext instanceof Buffer) Plaintext.fill(0);`, V2),
  doesNotWipe('near miss: instanceof Buffer fails for v3 bytes', `if (Plaintext instanceof Buffer) Plaintext.fill(0);`),
  wipes('guard: instanceof ArrayBuffer fails for bytes: the else branch fills', `if (Plaintext instanceof ArrayBuffer) new Uint8Array(Plaintext).fill(0); else Plaintext.fill(0);`),
  wipes('guard: instanceof String fails for bytes: the else branch fills', `if (Plaintext instanceof String) console.warn('string key'); else Plaintext.fill(0);`),
  wipes('guard: instanceof Array fails for bytes: the else branch fills', `if (Plaintext instanceof Array) Plaintext.length = 0; else Plaintext.fill(0);`),
  wipes('guard: instanceof DataView fails for bytes: the else branch fills', `if (Plaintext instanceof DataView) console.warn('view'); else Plaintext.fill(0);`),
  doesNotWipe('near miss: instanceof Object says nothing', `if (Plaintext instanceof Object) Plaintext.fill(0);`),
  doesNotWipe('near miss: instanceof Uint8Array of another value says nothing about the key', `if (note instanceof Uint8Array) Plaintext.fill(0);`),
  wipes('guard: typeof === object holds for bytes', `if (typeof Plaintext === 'object') Plaintext.fill(0);`),
  wipes('guard: object === typeof (reversed) holds for bytes', `if ('object' === typeof Plaintext) Plaintext.fill(0);`),
  wipes('guard: typeof !== object fails for bytes: the else branch fills', `if (typeof Plaintext !== 'object') console.warn('odd'); else Plaintext.fill(0);`),
  wipes('guard: typeof == string (loose) fails for bytes: the else branch fills', `if (typeof Plaintext == 'string') console.warn('odd'); else Plaintext.fill(0);`),
  wipes('guard: typeof != string (loose) holds for bytes', `if (typeof Plaintext != 'string') Plaintext.fill(0);`),
  doesNotWipe('near miss: typeof === string fails for bytes: its fill never runs', `if (typeof Plaintext === 'string') Plaintext.fill(0);`),
  doesNotWipe('near miss: typeof compared with a variable says nothing', `if (typeof Plaintext === note) Plaintext.fill(0);`),
  doesNotWipe('near miss: typeof of another value says nothing about the key', `if (typeof note === 'object') Plaintext.fill(0);`),
  doesNotWipe('near miss: a length comparison is not a type test', `if (Plaintext.length === 32) Plaintext.fill(0);`),
  doesNotWipe('near miss: typeof compared with a number literal says nothing', `if (typeof Plaintext === 0) Plaintext.fill(0);`),
  wipes('zero loop: the index assigned (not declared) in the loop head', `let i;
    for (i = 0; i < Plaintext.length; i++) Plaintext[i] = 0;`),
  wipes('zero loop: ++i and a block holding the one write', `for (let i = 0; i < Plaintext.length; ++i) {
      Plaintext[i] = 0;
    }`),
  wipes('zero loop: i += 1 up to byteLength', `for (let i = 0; i < Plaintext.byteLength; i += 1) Plaintext[i] = 0;`),
  doesNotWipe('near miss: a loop from 1 leaves the first byte', `for (let i = 1; i < Plaintext.length; i++) Plaintext[i] = 0;`),
  doesNotWipe('near miss: an assigned index starting at 1 leaves the first byte', `let i;
    for (i = 1; i < Plaintext.length; i++) Plaintext[i] = 0;`),
  doesNotWipe('near miss: an assigned member (not a plain index) is not followed', `const s = {};
    for (s.i = 0; s.i < Plaintext.length; s.i++) Plaintext[s.i] = 0;`),
  doesNotWipe('near miss: two declarators in the loop head are not followed', `for (let i = 0, j = 1; i < Plaintext.length; i++) Plaintext[i] = 0;`),
  doesNotWipe('near miss: a destructured index is not followed', `for (let [i] = [0]; i < Plaintext.length; i++) Plaintext[i] = 0;`),
  doesNotWipe('near miss: the loop stops one byte short', `for (let i = 0; i < Plaintext.length - 1; i++) Plaintext[i] = 0;`),
  doesNotWipe("near miss: the loop runs to another buffer's length", `for (let i = 0; i < note.length; i++) Plaintext[i] = 0;`),
  doesNotWipe('near miss: the loop runs to a size property that is not a length', `for (let i = 0; i < Plaintext.size; i++) Plaintext[i] = 0;`),
  doesNotWipe('near miss: the loop compares another variable with the length', `let j = 0;
    for (let i = 0; j < Plaintext.length; i++, j++) Plaintext[i] = 0;`),
  doesNotWipe('near miss: the loop tests i > length (it never runs)', `for (let i = 0; i > Plaintext.length; i++) Plaintext[i] = 0;`),
  doesNotWipe('near miss: the loop steps by two', `for (let i = 0; i < Plaintext.length; i += 2) Plaintext[i] = 0;`),
  doesNotWipe('near miss: the loop steps by one with -=', `for (let i = 0; i < Plaintext.length; i -= -1) Plaintext[i] = 0;`),
  doesNotWipe('near miss: the loop steps another variable', `let j = 0;
    for (let i = 0; i < Plaintext.length; j++) Plaintext[i] = 0;`),
  doesNotWipe('near miss: the loop counts down', `for (let i = 0; i < Plaintext.length; i--) Plaintext[i] = 0;`),
  doesNotWipe('near miss: the loop steps += another variable', `for (let i = 0; i < Plaintext.length; i += i) Plaintext[i] = 0;`),
  doesNotWipe('near miss: an empty loop body writes nothing', `for (let i = 0; i < Plaintext.length; i++) {}`),
  doesNotWipe('near miss: a loop body that is not an expression statement', `for (let i = 0; i < Plaintext.length; i++) if (note) Plaintext[i] = 0;`),
  doesNotWipe('near miss: the loop writes ones', `for (let i = 0; i < Plaintext.length; i++) Plaintext[i] = 1;`),
  doesNotWipe('near miss: the loop ors in zero (a read-modify-write, not an overwrite)', `for (let i = 0; i < Plaintext.length; i++) Plaintext[i] |= 0;`),
  doesNotWipe('near miss: the loop writes a named property', `for (let i = 0; i < Plaintext.length; i++) Plaintext.i = 0;`),
  doesNotWipe('near miss: the loop writes the first byte each time', `for (let i = 0; i < Plaintext.length; i++) Plaintext[0] = 0;`),
  doesNotWipe('near miss: the loop writes zeros into another buffer', `const other = new Uint8Array(32);
    for (let i = 0; i < Plaintext.length; i++) other[i] = 0;`),
  doesNotWipe('near miss: the loop calls instead of writing', `for (let i = 0; i < Plaintext.length; i++) Plaintext.set([0], i);`),
  doesNotWipe('near miss: a while loop is not read as a zero loop', `let i = 0;
    while (i < Plaintext.length) Plaintext[i++] = 0;`),
  doesNotWipe('near miss: a loop without a test', `for (let i = 0; ; i++) { if (i >= Plaintext.length) break; Plaintext[i] = 0; }`),
  {
    name: 'zero loop after the last read, in the function body (nothing between can throw)',
    code: keyBits('for (let i = 0; i < Plaintext.length; i++) Plaintext[i] = 0;', false) + leaks(false),
    errors: [{ messageId: 'notZeroized', line: 9, column: 11, suggestions: [{ messageId: 'wrapInTryFinally', output: keyBits('for (let i = 0; i < Plaintext.length; i++) Plaintext[i] = 0;', false) + leaks(true) }] }],
  },
  {
    name: 'near miss: in the function body, a loop from 1 is not the zeroization',
    code: keyBits('for (let i = 1; i < Plaintext.length; i++) Plaintext[i] = 0;', false),
    errors: [{ messageId: 'notZeroized', line: 3, column: 11, suggestions: [{ messageId: 'wrapInTryFinally', output: keyBits('for (let i = 1; i < Plaintext.length; i++) Plaintext[i] = 0;', true) }] }],
  },
];

const cases: RunTests<MessageId, Options> = { valid: [], invalid };
untyped.run('require-data-key-zeroization type guards and zero loops in a finally (JavaScript)', rule, cases);
