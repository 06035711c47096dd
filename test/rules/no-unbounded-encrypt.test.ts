import rule from '../../src/rules/no-unbounded-encrypt.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
// Four lines, so the first line of each case body is line 5.
const pre = `import { KMSClient, EncryptCommand, GenerateDataKeyCommand, DecryptCommand, KMS } from '@aws-sdk/client-kms';
import { readFileSync } from 'node:fs';
import assert from 'node:assert';
const kms = new KMSClient({});
`;
const send = (plaintext: string) => `kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: ${plaintext} }))`;

typed.run('no-unbounded-encrypt', rule, {
  valid: [
    // Guards that throw, return, continue, exit; both operand orders; >= and > variants.
    `${pre}export async function f(s: string) {
  if (Buffer.byteLength(s) > 4096) throw new Error('too big');
  await ${send('Buffer.from(s)')};
}`,
    `${pre}export async function f(s: string) {
  if (Buffer.byteLength(s, 'utf8') >= 4097) return;
  await ${send('Buffer.from(s)')};
}`,
    `${pre}export async function f(s: string) {
  if (4096 < Buffer.byteLength(s)) {
    throw new RangeError('x');
  }
  await ${send("Buffer.from(s, 'utf8')")};
}`,
    `${pre}export async function f(items: string[]) {
  for (const s of items) {
    if (Buffer.byteLength(s) > 4096) continue;
    await ${send('new TextEncoder().encode(s)')};
  }
}`,
    `${pre}export async function f(items: Uint8Array[]) {
  for (const item of items) {
    if (item.byteLength > 4096) break;
    await ${send('item')};
  }
}`,
    `${pre}export function f(buf: Uint8Array) {
  if (buf.length > 4096) process.exit(1);
  return ${send('buf')};
}`,
    // assert and assert.ok; a string's .length is enough when it is at most 1,365 units (≤ 4,095 bytes).
    `${pre}export function f(buf: Buffer) {
  assert(buf.byteLength <= 4096);
  return ${send('buf')};
}`,
    `${pre}export function f(s: string) {
  assert.ok(s.length <= 1365, 'short');
  return ${send('Buffer.from(s)')};
}`,
    // The check on the encoded bytes, the plaintext the same bytes or another encoding of the same string.
    `${pre}export function f(s: string) {
  const bytes = new TextEncoder().encode(s);
  if (bytes.length > 4096) throw new Error('x');
  return ${send('bytes')};
}`,
    `${pre}export function f(s: string) {
  const bytes = Buffer.from(s);
  if (bytes.length > 4096) throw new Error('x');
  return ${send('new TextEncoder().encode(s)')};
}`,
    // The size kept in a const, a limit constant, a disjunction in the exit condition.
    `${pre}const MAX = 4096;
export function f(s: string) {
  const size = Buffer.byteLength(s);
  if (!s || size > MAX) throw new Error('x');
  return ${send('Buffer.from(s)')};
}`,
    // The call inside the branch a check selects: if, &&, ternary.
    `${pre}export async function f(s: string) {
  if (Buffer.byteLength(s) <= 4096) {
    await ${send('Buffer.from(s)')};
  }
}`,
    `${pre}export async function f(s: string) {
  if (Buffer.byteLength(s) > 4096) {
    console.warn('too big');
  } else {
    await ${send('Buffer.from(s)')};
  }
}`,
    `${pre}export function f(s: string) {
  return Buffer.byteLength(s) <= 4096 && ${send('Buffer.from(s)')};
}`,
    `${pre}export function f(s: string) {
  return Buffer.byteLength(s) > 4096 ? null : ${send('Buffer.from(s)')};
}`,
    // A helper typed to return never.
    `${pre}function fail(message: string): never {
  throw new Error(message);
}
export function f(s: string) {
  if (Buffer.byteLength(s) > 4096) fail('big');
  return ${send('Buffer.from(s)')};
}`,
    // A property path that is never written.
    `${pre}export function f(event: { body: string }) {
  if (Buffer.byteLength(event.body) > 4096) throw new Error('x');
  return ${send('Buffer.from(event.body)')};
}`,
    // Constant slices.
    `${pre}export function f(buf: Buffer) {
  return ${send('buf.subarray(0, 4096)')};
}`,
    `${pre}export function f(s: string) {
  return ${send('Buffer.from(s.slice(0, 1000))')};
}`,
    // Sizes the API bounds: a data key (≤ 1,024 bytes), a Decrypt plaintext (≤ 4,096 bytes).
    `${pre}export async function f() {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256' }));
  return kms.send(new EncryptCommand({ KeyId: 'k2', Plaintext: dk.Plaintext }));
}`,
    `${pre}export async function f(blob: Uint8Array) {
  const { Plaintext } = await kms.send(new DecryptCommand({ KeyId: 'k', CiphertextBlob: blob }));
  return kms.send(new EncryptCommand({ KeyId: 'k2', Plaintext }));
}`,
    // Constant plaintexts, small or provably too big (left to no-oversized-encrypt).
    `${pre}${send("Buffer.from('hello')")};`,
    `${pre}${send("Buffer.from('x'.repeat(5000))")};`,
    `${pre}export function f(big: boolean) {
  return ${send("big ? Buffer.alloc(8192) : Buffer.from('ok')")};
}`,
    // Numbers, UUIDs and encodings of bounded bytes print in a few bytes.
    `${pre}import { randomUUID, randomBytes } from 'node:crypto';
export function f(accountId: number) {
  return ${send('Buffer.from(`${accountId}:${randomUUID()}:${randomBytes(32).toString(\'hex\')}`)')};
}`,
    // A string literal type is bounded by the checker.
    `${pre}export function f(mode: 'read' | 'write') {
  return ${send('Buffer.from(mode)')};
}`,
    // The request cannot be read: silent.
    `${pre}declare function makeParams(): any;
${'kms.send(new EncryptCommand(makeParams()))'};`,
    // maxBytes: a guard at the asymmetric key's limit.
    {
      code: `${pre}export function f(s: string) {
  if (Buffer.byteLength(s) > 190) throw new Error('x');
  return ${send('Buffer.from(s)')};
}`,
      options: [{ maxBytes: 190 }],
    },
    // An RSA algorithm with a guard at its limit.
    `${pre}export function f(s: string) {
  if (Buffer.byteLength(s) > 446) throw new Error('x');
  return kms.send(new EncryptCommand({ KeyId: 'alias/rsa', Plaintext: Buffer.from(s), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
}`,
    // A user's own EncryptCommand.
    `class EncryptCommand { constructor(readonly input: { Plaintext: string }) {} }
export const f = (s: string) => new EncryptCommand({ Plaintext: s });`,
  ],
  invalid: [
    {
      code: `${pre}export async function f() {
  const data = readFileSync('/etc/app/secret.json');
  await ${send('data')};
}`,
      errors: [
        {
          messageId: 'unbounded',
          line: 7,
          column: 62,
          data: { what: 'a file read', max: '4096' },
          suggestions: [
            {
              messageId: 'addGuard',
              data: { subject: 'data', max: '4096' },
              output: `${pre}export async function f() {
  const data = readFileSync('/etc/app/secret.json');
  if (Buffer.byteLength(data) > 4096) {
    throw new RangeError(\`data is over the 4096-byte KMS Encrypt limit\`);
  }
  await ${send('data')};
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${pre}declare const order: { id: string };
await ${send('Buffer.from(JSON.stringify(order))')};`,
      errors: [{ messageId: 'unbounded', line: 6, column: 60, data: { what: '`JSON.stringify(order)` output', max: '4096' }, suggestions: [] }],
    },
    {
      code: `${pre}export async function f(s: string) {
  await ${send('Buffer.from(s)')};
}`,
      errors: [
        {
          messageId: 'unbounded',
          line: 6,
          column: 62,
          data: { what: 'the parameter `s`', max: '4096' },
          suggestions: [
            {
              messageId: 'addGuard',
              output: `${pre}export async function f(s: string) {
  if (Buffer.byteLength(s) > 4096) {
    throw new RangeError(\`s is over the 4096-byte KMS Encrypt limit\`);
  }
  await ${send('Buffer.from(s)')};
}`,
            },
          ],
        },
      ],
    },
    // .length on a string counts UTF-16 units: 4,096 of them can be 12,288 bytes.
    {
      code: `${pre}export function f(s: string) {
  if (s.length > 4096) throw new Error('x');
  return ${send('Buffer.from(s)')};
}`,
      errors: [
        {
          messageId: 'lengthCountsUnits',
          line: 7,
          column: 63,
          data: { length: 's.length', bytes: '12,288', max: '4096', unitsMax: '1,365' },
          suggestions: [
            {
              messageId: 'useByteLength',
              data: { subject: 's' },
              output: `${pre}export function f(s: string) {
  if (Buffer.byteLength(s) > 4096) throw new Error('x');
  return ${send('Buffer.from(s)')};
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${pre}export function f(s: string) {
  assert(s.length <= 1366);
  return ${send('Buffer.from(s)')};
}`,
      errors: [
        {
          messageId: 'lengthCountsUnits',
          line: 7,
          column: 63,
          data: { length: 's.length', bytes: '4,098', max: '4096', unitsMax: '1,365' },
          suggestions: [
            {
              messageId: 'useByteLength',
              output: `${pre}export function f(s: string) {
  assert(Buffer.byteLength(s) <= 1366);
  return ${send('Buffer.from(s)')};
}`,
            },
          ],
        },
      ],
    },
    // Near-misses: a guard after the call, on one path only, without an exit, too loose, in another function,
    // on a reassigned variable, a console.assert (which does not throw).
    ...[
      `  await ${send('Buffer.from(s)')};
  if (Buffer.byteLength(s) > 4096) throw new Error('x');`,
      `  if (strict) {
    if (Buffer.byteLength(s) > 4096) throw new Error('x');
  }
  await ${send('Buffer.from(s)')};`,
      `  if (Buffer.byteLength(s) > 4096) console.log('big');
  await ${send('Buffer.from(s)')};`,
      `  if (Buffer.byteLength(s) > 8192) throw new Error('x');
  await ${send('Buffer.from(s)')};`,
      `  const check = () => {
    if (Buffer.byteLength(s) > 4096) throw new Error('x');
  };
  await ${send('Buffer.from(s)')};`,
      `  console.assert(Buffer.byteLength(s) <= 4096);
  await ${send('Buffer.from(s)')};`,
      `  if (Buffer.byteLength(s) < 4096) throw new Error('wrong way round');
  await ${send('Buffer.from(s)')};`,
    ].map((body) => {
      const lines = body.split('\n');
      const at = lines.findIndex((l) => l.includes('EncryptCommand'));
      const guard = ['  if (Buffer.byteLength(s) > 4096) {', '    throw new RangeError(`s is over the 4096-byte KMS Encrypt limit`);', '  }'];
      const fixed = [...lines.slice(0, at), ...guard, ...lines.slice(at)].join('\n');
      const wrap = (b: string) => `${pre}export async function f(s: string, strict: boolean) {\n${b}\n}`;
      return {
        code: wrap(body),
        errors: [
          {
            messageId: 'unbounded' as const,
            line: 5 + 1 + at,
            column: 62,
            data: { what: 'the parameter `s`', max: '4096' },
            suggestions: [{ messageId: 'addGuard' as const, data: { subject: 's', max: '4096' }, output: wrap(fixed) }],
          },
        ],
      };
    }),
    {
      code: `${pre}export function f(s: string, t: string) {
  let x = s;
  if (Buffer.byteLength(x) > 4096) throw new Error('x');
  x = t;
  return ${send('Buffer.from(x)')};
}`,
      errors: [
        {
          messageId: 'unbounded',
          line: 9,
          column: 63,
          data: { what: '`x`', max: '4096' },
          suggestions: [
            {
              messageId: 'addGuard',
              output: `${pre}export function f(s: string, t: string) {
  let x = s;
  if (Buffer.byteLength(x) > 4096) throw new Error('x');
  x = t;
  if (Buffer.byteLength(x) > 4096) {
    throw new RangeError(\`x is over the 4096-byte KMS Encrypt limit\`);
  }
  return ${send('Buffer.from(x)')};
}`,
            },
          ],
        },
      ],
    },
    // The v3 aggregated client and a request body.
    {
      code: `${pre}export function f(req: { body: string }) {
  return new KMS({}).encrypt({ KeyId: 'k', Plaintext: Buffer.from(req.body) });
}`,
      errors: [
        {
          messageId: 'unbounded',
          line: 6,
          column: 55,
          data: { what: 'a request body', max: '4096' },
          suggestions: [
            {
              messageId: 'addGuard',
              output: `${pre}export function f(req: { body: string }) {
  if (Buffer.byteLength(req.body) > 4096) {
    throw new RangeError(\`req.body is over the 4096-byte KMS Encrypt limit\`);
  }
  return new KMS({}).encrypt({ KeyId: 'k', Plaintext: Buffer.from(req.body) });
}`,
            },
          ],
        },
      ],
    },
    // One branch of a conditional unbounded: reported on that branch.
    {
      code: `${pre}export function f(s: string, flag: boolean) {
  return ${send("flag ? Buffer.from('small') : Buffer.from(s)")};
}`,
      errors: [{ messageId: 'unbounded', line: 6, column: 93, data: { what: 'the parameter `s`', max: '4096' }, suggestions: [] }],
    },
    // A params object built first and passed by name.
    {
      code: `${pre}export function f(body: string) {
  const params = { KeyId: 'k', Plaintext: Buffer.from(body) };
  return kms.send(new EncryptCommand(params));
}`,
      errors: [
        {
          messageId: 'unbounded',
          line: 7,
          column: 19,
          data: { what: 'the parameter `body`', max: '4096' },
          suggestions: [
            {
              messageId: 'addGuard',
              output: `${pre}export function f(body: string) {
  const params = { KeyId: 'k', Plaintext: Buffer.from(body) };
  if (Buffer.byteLength(body) > 4096) {
    throw new RangeError(\`body is over the 4096-byte KMS Encrypt limit\`);
  }
  return kms.send(new EncryptCommand(params));
}`,
            },
          ],
        },
      ],
    },
    // An RSA algorithm lowers the limit below the 4,096-byte guard.
    {
      code: `${pre}export function f(s: string) {
  if (Buffer.byteLength(s) > 4096) throw new Error('x');
  return kms.send(new EncryptCommand({ KeyId: 'alias/rsa', Plaintext: Buffer.from(s), EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }));
}`,
      errors: [
        {
          messageId: 'unbounded',
          line: 7,
          column: 71,
          data: { what: 'the parameter `s`', max: '470' },
          suggestions: [
            {
              messageId: 'addGuard',
              output: `${pre}export function f(s: string) {
  if (Buffer.byteLength(s) > 4096) throw new Error('x');
  if (Buffer.byteLength(s) > 470) {
    throw new RangeError(\`s is over the 470-byte KMS Encrypt limit\`);
  }
  return kms.send(new EncryptCommand({ KeyId: 'alias/rsa', Plaintext: Buffer.from(s), EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }));
}`,
            },
          ],
        },
      ],
    },
    // maxBytes lower than the guard.
    {
      code: `${pre}export function f(s: string) {
  if (Buffer.byteLength(s) > 4096) throw new Error('x');
  return ${send('Buffer.from(s)')};
}`,
      options: [{ maxBytes: 190 }],
      errors: [
        {
          messageId: 'unbounded',
          line: 7,
          column: 63,
          data: { what: 'the parameter `s`', max: '190' },
          suggestions: [
            {
              messageId: 'addGuard',
              output: `${pre}export function f(s: string) {
  if (Buffer.byteLength(s) > 4096) throw new Error('x');
  if (Buffer.byteLength(s) > 190) {
    throw new RangeError(\`s is over the 190-byte KMS Encrypt limit\`);
  }
  return ${send('Buffer.from(s)')};
}`,
            },
          ],
        },
      ],
    },
  ],
});

untyped.run('no-unbounded-encrypt (JavaScript, import tracking)', rule, {
  valid: [
    `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
function f(s) {
  if (Buffer.byteLength(s) > 4096) throw new Error('x');
  return kms.encrypt({ KeyId: 'k', Plaintext: s }).promise();
}`,
    // A byte array known by its constructor: its length is bytes.
    `const { KMSClient, EncryptCommand } = require('@aws-sdk/client-kms');
const kms = new KMSClient({});
async function f(s) {
  const buf = Buffer.from(s);
  if (buf.length > 4096) return null;
  return kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: buf }));
}`,
    `import { KMS } from '@aws-sdk/client-kms';
import { strict as assert } from 'node:assert';
const kms = new KMS({});
export function f(s) {
  assert(Buffer.byteLength(s) < 4097);
  return kms.encrypt({ KeyId: 'k', Plaintext: Buffer.from(s) });
}`,
    `import { KMS } from '@aws-sdk/client-kms';
const kms = new KMS({});
export const f = () => kms.encrypt({ KeyId: 'k', Plaintext: Buffer.from('x'.repeat(5000)) });`,
    `class EncryptCommand { constructor(i) { this.i = i; } }
export function f(s) { return new EncryptCommand({ Plaintext: s }); }`,
  ],
  invalid: [
    // Issue 16, decided: an exported wrapper that passes its parameter straight to Encrypt is reported under every
    // preset. It is where all callers' data goes through, and most such wrappers in public code take data of any
    // size; the few that wrap only data keys (this shape is @aws-crypto/kms-keyring's) cannot be told apart locally.
    {
      code: `async function encrypt(clientFor, Plaintext, KeyId, EncryptionContext) {
  const client = typeof clientFor === 'function' ? clientFor(KeyId) : clientFor;
  if (!client) return false;
  const pending = client.encrypt({ KeyId, Plaintext, EncryptionContext });
  return 'promise' in pending ? pending.promise() : pending;
}
exports.encrypt = encrypt;`,
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          column: 43,
          data: { what: 'the parameter `Plaintext`', max: '4096' },
          suggestions: [
            {
              messageId: 'addGuard',
              output: `async function encrypt(clientFor, Plaintext, KeyId, EncryptionContext) {
  const client = typeof clientFor === 'function' ? clientFor(KeyId) : clientFor;
  if (!client) return false;
  if (Buffer.byteLength(Plaintext) > 4096) {
    throw new RangeError(\`Plaintext is over the 4096-byte KMS Encrypt limit\`);
  }
  const pending = client.encrypt({ KeyId, Plaintext, EncryptionContext });
  return 'promise' in pending ? pending.promise() : pending;
}
exports.encrypt = encrypt;`,
            },
          ],
        },
      ],
    },
    // Without types or a constructor, `data` may be a string: its length is not its byte size.
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
function f(data, cb) {
  if (data.length > 4096) throw new Error('x');
  kms.encrypt({ KeyId: 'k', Plaintext: data }, cb);
}`,
      errors: [
        {
          messageId: 'lengthCountsUnits',
          line: 5,
          column: 40,
          suggestions: [
            {
              messageId: 'useByteLength',
              output: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
function f(data, cb) {
  if (Buffer.byteLength(data) > 4096) throw new Error('x');
  kms.encrypt({ KeyId: 'k', Plaintext: data }, cb);
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import fs from 'node:fs';
import KMS from 'aws-sdk/clients/kms';
const kms = new KMS();
export function f(path, cb) {
  const secret = fs.readFileSync(path);
  kms.encrypt({ KeyId: 'k', Plaintext: secret }, (err, out) => cb(err, out));
}`,
      errors: [
        {
          messageId: 'unbounded',
          line: 6,
          column: 40,
          data: { what: 'a file read', max: '4096' },
          suggestions: [
            {
              messageId: 'addGuard',
              output: `import fs from 'node:fs';
import KMS from 'aws-sdk/clients/kms';
const kms = new KMS();
export function f(path, cb) {
  const secret = fs.readFileSync(path);
  if (Buffer.byteLength(secret) > 4096) {
    throw new RangeError(\`secret is over the 4096-byte KMS Encrypt limit\`);
  }
  kms.encrypt({ KeyId: 'k', Plaintext: secret }, (err, out) => cb(err, out));
}`,
            },
          ],
        },
      ],
    },
    {
      code: `const { KMSClient, EncryptCommand } = require('@aws-sdk/client-kms');
const kms = new KMSClient({});
exports.handler = async (event) => kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: Buffer.from(JSON.stringify(event)) }));`,
      errors: [{ messageId: 'unbounded', line: 3, column: 89, data: { what: '`JSON.stringify(event)` output', max: '4096' }, suggestions: [] }],
    },
  ],
});

typed.run('no-unbounded-encrypt: key material is bounded (real code)', rule, {
  valid: [
    `${pre}import { randomBytes, generateKeySync, createSecretKey } from 'node:crypto';
export const a = () => ${send("Buffer.from(randomBytes(32).toString('hex'))")};
export const b = () => ${send("Buffer.from(randomBytes(48).toString('base64'))")};
export const c = () => ${send("generateKeySync('aes', { length: 256 }).export()")};
export const d = () => ${send("createSecretKey(randomBytes(64)).export({ format: 'buffer' })")};
export const e = () => ${send('new Uint8Array(32)')};
export const f = () => ${send('Buffer.from(JSON.stringify({ kind: "profile", version: 2 }))')};
export const g = () => ${send('globalThis.crypto.getRandomValues(new Uint8Array(32))')};`,
    // Named like key material: taken to be small under the default options.
    `${pre}export const seal = (plainTextDataKey: Buffer) => ${send('plainTextDataKey')};`,
    `${pre}export const seal = (wrapped: { dataKey: Uint8Array }) => ${send("Buffer.from(wrapped.dataKey).toString('base64')")};`,
  ],
  invalid: [
    {
      // The strict and all presets turn the name-based trust off.
      code: `${pre}export const seal = (plainTextDataKey: Buffer) => ${send('plainTextDataKey')};`,
      options: [{ maxBytes: 4096, reportKeyNamedValues: true }],
      errors: [{ messageId: 'unbounded', line: 5, column: 104, data: { what: 'the parameter `plainTextDataKey`', max: '4096' } }],
    },
    {
      // A name that only ends like "key" is not key material.
      code: `${pre}export const seal = (monkey: Buffer) => ${send('monkey')};`,
      errors: [{ messageId: 'unbounded', line: 5, column: 94 }],
    },
    {
      // A KeyObject of unknown origin has no known length.
      code: `${pre}import type { KeyObject } from 'node:crypto';
export const seal = (k: KeyObject) => ${send('k.export()')};`,
      errors: [{ messageId: 'unbounded', line: 6, column: 92 }],
    },
  ],
});
