import rule from '../../src/rules/no-kms-in-loop.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const kms = `import { KMSClient, EncryptCommand, DecryptCommand, GenerateDataKeyCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
declare const items: { id: string; body: string }[];
`;

typed.run('no-kms-in-loop', rule, {
  valid: [
    // One data key for the whole batch.
    `${kms}const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/batch', KeySpec: 'AES_256', EncryptionContext: { batch: '1' } }));
for (const item of items) { void item; void dk; }`,
    // A retry loop leaves on success.
    `${kms}declare const blob: Uint8Array;
for (let attempt = 0; ; attempt++) {
  try { await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'k', EncryptionContext: { a: 'b' } })); break; } catch { if (attempt > 3) throw new Error('x'); }
}`,
    // A fixed, small fan-out.
    `${kms}for (let i = 0; i < 3; i++) { await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256', EncryptionContext: { i: String(i) } })); }`,
    // Trying candidate keys until one works is a search, not per-item work.
    `${kms}declare const keys: string[]; declare const blob: Uint8Array;
async function open() { for (const k of keys) { try { return await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: k, EncryptionContext: { a: 'b' } })); } catch { continue; } } }`,
    // Not a per-request operation.
    `${kms}for (const item of items) { await kms.send(new DescribeKeyCommand({ KeyId: item.id })); }`,
    // The call builds a function that runs later, not per item here.
    `${kms}const handlers = { onItem: async (body: string) => kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: Buffer.from(body), EncryptionContext: { a: 'b' } })) }; void handlers;`,
    // A user's own encrypt in a loop.
    `const box = { encrypt(x: string) { return x; } }; for (const s of ['a', 'b']) box.encrypt(s);`,
  ],
  invalid: [
    {
      code: `${kms}for (const item of items) {
  await kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from(item.body), EncryptionContext: { id: item.id } }));
}`,
      errors: [{ messageId: 'perItemRequest', line: 5, column: 18, data: { operation: 'Encrypt', loop: 'for…of' } }],
    },
    {
      code: `${kms}await Promise.all(items.map(async (item) =>
  kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { id: item.id } }))));`,
      errors: [{ messageId: 'perItemRequest', line: 5, column: 12, data: { operation: 'GenerateDataKey', loop: '.map()' } }],
    },
    {
      code: `import { KMS } from '@aws-sdk/client-kms';
declare const rows: { blob: Uint8Array }[];
async function decryptAll(client: KMS) {
  const out = [];
  for (let i = 0; i < rows.length; i++) {
    out.push(await client.decrypt({ CiphertextBlob: rows[i].blob, KeyId: 'k', EncryptionContext: { a: 'b' } }));
  }
  return out;
}`,
      errors: [{ messageId: 'perItemRequest', line: 6, column: 20, data: { operation: 'Decrypt', loop: 'for' } }],
    },
    {
      code: `${kms}declare const stream: AsyncIterable<string>;
for await (const msg of stream) {
  await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: Buffer.from(msg), EncryptionContext: { a: 'b' } }));
}`,
      errors: [{ messageId: 'perItemRequest', line: 6, column: 18, data: { operation: 'Encrypt', loop: 'for await' } }],
    },
  ],
});

untyped.run('no-kms-in-loop (v2, no types)', rule, {
  valid: [`const AWS = require('aws-sdk'); const kms = new AWS.KMS(); kms.encrypt({ KeyId: 'k', Plaintext: 'x' }).promise();`],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
records.forEach((r) => {
  kms.encrypt({ KeyId: 'k', Plaintext: r.secret, EncryptionContext: { id: r.id } }, (err, data) => {});
});`,
      errors: [{ messageId: 'perItemRequest', line: 4, column: 3, data: { operation: 'Encrypt', loop: '.forEach()' } }],
    },
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
async function drain(queue) {
  while (queue.length) {
    const job = queue.shift();
    await kms.sign({ KeyId: 'k', Message: job.digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }).promise();
  }
}`,
      errors: [{ messageId: 'perItemRequest', line: 6, column: 11, data: { operation: 'Sign', loop: 'while' } }],
    },
  ],
});

typed.run('no-kms-in-loop: a short list written out is a fixed fan-out', rule, {
  valid: [
    `${kms}declare const a: Uint8Array, b: Uint8Array;
export async function both() {
  for (const pt of [a, b]) await kms.send(new EncryptCommand({ KeyId: 'alias/x', Plaintext: pt }));
  const regions = ['us-east-1', 'eu-west-1'] as const;
  for (const r of regions) await kms.send(new EncryptCommand({ KeyId: \`alias/\${r}\`, Plaintext: a }));
  await Promise.all([a, b].map((pt) => kms.send(new EncryptCommand({ KeyId: 'alias/x', Plaintext: pt }))));
}`,
  ],
  invalid: [
    {
      // Longer than maxRetryIterations, or spread from a list of unknown length: per item.
      code: `${kms}declare const a: Uint8Array;
export async function many() {
  for (const pt of [a, a, a, a, a, a]) await kms.send(new EncryptCommand({ KeyId: 'alias/x', Plaintext: pt }));
  for (const item of [a, ...items.map(() => a)]) await kms.send(new EncryptCommand({ KeyId: 'alias/x', Plaintext: item }));
}`,
      errors: [{ messageId: 'perItemRequest', line: 6 }, { messageId: 'perItemRequest', line: 7 }],
    },
    {
      code: `${kms}declare const a: Uint8Array, b: Uint8Array;
export async function both() {
  for (const pt of [a, b]) await kms.send(new EncryptCommand({ KeyId: 'alias/x', Plaintext: pt }));
}`,
      options: [{ operations: ['Encrypt'], maxRetryIterations: 1 }],
      errors: [{ messageId: 'perItemRequest', line: 6 }],
    },
  ],
});
