import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';
import { outputProbe, sizeProbe } from './probe.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const size = (min: number, max: number | 'Infinity') => ({ messageId: 'size' as const, data: { min, max } });
const pre = `declare function size(x: unknown): void;\n`;

typed.run('byte sizes of constant and bounded values', sizeProbe, {
  valid: [],
  invalid: [
    { code: `${pre}size('hello');`, errors: [size(5, 5)] },
    { code: `${pre}size('é'.repeat(4096));`, errors: [size(8192, 8192)] },
    { code: `${pre}size('x'.repeat(5000));`, errors: [size(5000, 5000)] },
    { code: `${pre}const n = 4000; const s = 'ab'.repeat(n / 2) + 'cd';\nsize(s);`, errors: [size(4002, 4002)] },
    { code: `${pre}size(\`prefix-\${'z'.repeat(10)}\`);`, errors: [size(17, 17)] },
    { code: `${pre}declare const id: string;\nsize(\`tenant:\${id}\`);`, errors: [size(7, 'Infinity')] },
    { code: `${pre}size(Buffer.from('aGVsbG8=', 'base64'));`, errors: [size(5, 5)] },
    { code: `${pre}size(Buffer.from('00ff', 'hex'));`, errors: [size(2, 2)] },
    { code: `${pre}size(new TextEncoder().encode('héllo'));`, errors: [size(6, 6)] },
    { code: `${pre}size(Buffer.alloc(8192));`, errors: [size(8192, 8192)] },
    { code: `${pre}size(new Uint8Array(10));`, errors: [size(10, 10)] },
    { code: `${pre}import { randomBytes } from 'node:crypto';\nsize(randomBytes(32));`, errors: [size(32, 32)] },
    { code: `${pre}import crypto from 'node:crypto';\nsize(crypto.randomBytes(5000));`, errors: [size(5000, 5000)] },
    { code: `${pre}size(Buffer.concat([Buffer.alloc(10), Buffer.from('abc')]));`, errors: [size(13, 13)] },
    { code: `${pre}size(JSON.stringify({ a: 1 }));`, errors: [size(7, 7)] },
    { code: `${pre}declare const body: string;\nsize(JSON.stringify(body));`, errors: [size(0, 'Infinity')] },
    { code: `${pre}declare const mode: 'short' | 'longer';\nsize(mode);`, errors: [size(5, 6)] },
    { code: `${pre}declare const big: boolean;\nsize(big ? 'x'.repeat(5000) : 'y');`, errors: [size(1, 5000)] },
    {
      code: `${pre}import { KMSClient, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256' }));
size(dk.Plaintext);`,
      errors: [size(0, 1024)],
    },
    {
      code: `${pre}import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
const { Plaintext: secret } = await kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array(1), KeyId: 'k' }));
size(secret);`,
      errors: [size(0, 4096)],
    },
    {
      // A typed parameter of the SDK's output type is bounded too.
      code: `${pre}import type { GenerateDataKeyCommandOutput } from '@aws-sdk/client-kms';
function wrap(dk: GenerateDataKeyCommandOutput) { size(dk.Plaintext); }`,
      errors: [size(0, 1024)],
    },
  ],
});

untyped.run('byte sizes without types', sizeProbe, {
  valid: [],
  invalid: [
    { code: `const s = 'x'.repeat(4097);\nsize(Buffer.from(s));`, errors: [size(4097, 4097)] },
    { code: `function f(body) { size(body); }`, errors: [size(0, 'Infinity')] },
  ],
});

typed.run('which KMS response field an expression reads', outputProbe, {
  valid: [],
  invalid: [
    {
      code: `declare function out(x: unknown): void;
import { KMS } from '@aws-sdk/client-kms';
const kms = new KMS({});
const dk = await kms.generateDataKey({ KeyId: 'k', KeySpec: 'AES_256' });
const key = dk.Plaintext;
out(key);`,
      errors: [{ messageId: 'out', data: { op: 'GenerateDataKey', field: 'Plaintext' } }],
    },
    {
      code: `declare function out(x: unknown): void;
import { KMSClient, GenerateDataKeyPairCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
kms.send(new GenerateDataKeyPairCommand({ KeyId: 'k', KeyPairSpec: 'RSA_2048' })).then(({ PrivateKeyPlaintext }) => out(PrivateKeyPlaintext));`,
      errors: [{ messageId: 'out', data: { op: 'GenerateDataKeyPair', field: 'PrivateKeyPlaintext' } }],
    },
    {
      code: `declare function out(x: unknown): void;
const x = { Plaintext: new Uint8Array(1) };
out(x.Plaintext);`,
      errors: [{ messageId: 'out', data: { op: 'none', field: 'none' } }],
    },
  ],
});

untyped.run('response fields without types (v2 callbacks and promises)', outputProbe, {
  valid: [],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.generateDataKey({ KeyId: 'k', KeySpec: 'AES_256' }, (err, data) => { out(data.Plaintext); });`,
      errors: [{ messageId: 'out', data: { op: 'GenerateDataKey', field: 'Plaintext' } }],
    },
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
async function f() { const { Plaintext } = await kms.decrypt({ CiphertextBlob: b }).promise(); out(Plaintext); }`,
      errors: [{ messageId: 'out', data: { op: 'Decrypt', field: 'Plaintext' } }],
    },
  ],
});
