import rule from '../../src/rules/require-decrypt-key-id.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { KMSClient, DecryptCommand, EncryptCommand, ReEncryptCommand, KMS } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
declare const blob: Uint8Array;
`;
// Line numbers below count from the first line after `pre` (line 4).

typed.run('require-decrypt-key-id', rule, {
  valid: [
    `${pre}await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/orders', EncryptionContext: { tenant: 't1' } }));`,
    `${pre}await kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: 'alias/old', DestinationKeyId: 'alias/new' }));`,
    // Params built first, and a later write that always runs.
    `${pre}const params = { CiphertextBlob: blob, KeyId: 'alias/orders' };
await kms.send(new DecryptCommand(params));`,
    // Unknown input: silent.
    `${pre}declare const input: import('@aws-sdk/client-kms').DecryptCommandInput;
await kms.send(new DecryptCommand(input));`,
    // A spread of something unknown may carry the key id.
    `${pre}declare const base: { KeyId?: string };
await kms.send(new DecryptCommand({ ...base, CiphertextBlob: blob }));`,
    // The key id from a variable whose value is unknown is still a key id.
    `${pre}declare const keyArn: string;
await new KMS({}).decrypt({ CiphertextBlob: blob, KeyId: keyArn });`,
    // Both branches name a key.
    `${pre}declare const legacy: boolean;
await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: legacy ? 'alias/v1' : 'alias/v2' }));`,
    // Params from another module that name the key.
    `${pre}import { decryptParamsWithKeyId } from './params.js';
await kms.send(new DecryptCommand(decryptParamsWithKeyId));`,
    // Encrypt has no optional key id; a user's own DecryptCommand is not KMS.
    `${pre}await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: new Uint8Array(1), EncryptionContext: { a: 'b' } }));`,
    `class DecryptCommand { constructor(readonly input: object) {} }
new DecryptCommand({ CiphertextBlob: new Uint8Array(1) });`,
  ],
  invalid: [
    {
      code: `${pre}await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { tenant: 't1' } }));`,
      errors: [{ messageId: 'missingKeyId', line: 4, column: 16, data: { operation: 'Decrypt', field: 'KeyId' }, suggestions: [] }],
    },
    {
      // The file encrypts under one module-level key: the suggestion names it.
      code: `${pre}const KEY_ID = 'alias/orders';
export async function seal(p: Uint8Array) { return kms.send(new EncryptCommand({ KeyId: KEY_ID, Plaintext: p, EncryptionContext: { a: 'b' } })); }
export async function open(b: Uint8Array) { return kms.send(new DecryptCommand({ CiphertextBlob: b, EncryptionContext: { a: 'b' } })); }`,
      errors: [
        {
          messageId: 'missingKeyId',
          line: 6,
          column: 61,
          suggestions: [
            {
              messageId: 'addKeyId',
              data: { field: 'KeyId', key: 'KEY_ID' },
              output: `${pre}const KEY_ID = 'alias/orders';
export async function seal(p: Uint8Array) { return kms.send(new EncryptCommand({ KeyId: KEY_ID, Plaintext: p, EncryptionContext: { a: 'b' } })); }
export async function open(b: Uint8Array) { return kms.send(new DecryptCommand({ KeyId: KEY_ID, CiphertextBlob: b, EncryptionContext: { a: 'b' } })); }`,
            },
          ],
        },
      ],
    },
    {
      // Two different keys in the file: no guess.
      code: `${pre}await kms.send(new EncryptCommand({ KeyId: 'alias/a', Plaintext: new Uint8Array(1) }));
await kms.send(new EncryptCommand({ KeyId: 'alias/b', Plaintext: new Uint8Array(1) }));
await kms.send(new DecryptCommand({ CiphertextBlob: blob }));`,
      errors: [{ messageId: 'missingKeyId', line: 6, column: 16, suggestions: [] }],
    },
    {
      // ReEncrypt without SourceKeyId (DestinationKeyId does not count); no suggestion for the source key.
      code: `${pre}await kms.send(new EncryptCommand({ KeyId: 'alias/a', Plaintext: new Uint8Array(1) }));
await kms.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: 'alias/new' }));`,
      errors: [{ messageId: 'missingKeyId', line: 5, column: 16, data: { operation: 'ReEncrypt', field: 'SourceKeyId' }, suggestions: [] }],
    },
    {
      // KeyId: undefined is no key id.
      code: `${pre}await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: undefined }));`,
      errors: [{ messageId: 'missingKeyId', line: 4, column: 16 }],
    },
    {
      // Absent on one branch.
      code: `${pre}declare const pinned: string | undefined;
await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: pinned ? pinned : undefined }));`,
      errors: [{ messageId: 'keyIdMissingOnPath', line: 5, column: 59, data: { operation: 'Decrypt', field: 'KeyId' } }],
    },
    {
      // A conditional spread.
      code: `${pre}declare const keyId: string | undefined;
await kms.send(new DecryptCommand({ CiphertextBlob: blob, ...(keyId && { KeyId: keyId }) }));`,
      errors: [{ messageId: 'keyIdMissingOnPath', line: 5, column: 16 }],
    },
    {
      // Params built first, passed by name; aggregated client.
      code: `${pre}const params = { CiphertextBlob: blob };
await new KMS({}).decrypt(params);`,
      errors: [{ messageId: 'missingKeyId', line: 5, column: 7 }],
    },
    {
      // Params built in another module: their inferred type has no KeyId.
      code: `${pre}import { decryptParamsWithoutKeyId } from './params.js';
await kms.send(new DecryptCommand(decryptParamsWithoutKeyId));`,
      errors: [{ messageId: 'missingKeyId', line: 5, column: 16 }],
    },
    {
      // Renamed command through the user's re-export module.
      code: `import { Dec } from './reexports.js';
import { KMSClient } from '@aws-sdk/client-kms';
await new KMSClient({}).send(new Dec({ CiphertextBlob: new Uint8Array(4) }));`,
      errors: [{ messageId: 'missingKeyId', line: 3, column: 30 }],
    },
    {
      // v2 with callback.
      code: `import AWS from 'aws-sdk';
const kms = new AWS.KMS();
kms.decrypt({ CiphertextBlob: Buffer.from('x') }, (err, data) => { void err; void data; });`,
      errors: [{ messageId: 'missingKeyId', line: 3, column: 1 }],
    },
  ],
});

untyped.run('require-decrypt-key-id (no types)', rule, {
  valid: [
    `import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export const open = (b) => kms.send(new DecryptCommand({ CiphertextBlob: b, KeyId: process.env.KEY_ARN }));`,
    `const { DecryptCommand } = require('./my-own-commands');
new DecryptCommand({ CiphertextBlob: new Uint8Array(1) });`,
    `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
export const open = (params) => kms.decrypt(params).promise();`,
  ],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
const KEY = 'alias/app';
export const seal = (p) => kms.encrypt({ KeyId: KEY, Plaintext: p }).promise();
export const open = (b) => kms.decrypt({ CiphertextBlob: b }).promise();`,
      errors: [
        {
          messageId: 'missingKeyId',
          line: 5,
          column: 28,
          suggestions: [
            {
              messageId: 'addKeyId',
              output: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
const KEY = 'alias/app';
export const seal = (p) => kms.encrypt({ KeyId: KEY, Plaintext: p }).promise();
export const open = (b) => kms.decrypt({ KeyId: KEY, CiphertextBlob: b }).promise();`,
            },
          ],
        },
      ],
    },
    {
      code: `import { KMSClient, ReEncryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export const rotate = (b) => kms.send(new ReEncryptCommand({ CiphertextBlob: b, DestinationKeyId: 'alias/new' }));`,
      errors: [{ messageId: 'missingKeyId', line: 3, column: 39 }],
    },
  ],
});

typed.run('require-decrypt-key-id: writes after the literal', rule, {
  valid: [
    `${pre}import type { DecryptCommandInput } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function open(blob: Uint8Array) {
  const params: DecryptCommandInput = { CiphertextBlob: blob, EncryptionContext: { tenant: 't' } };
  params.KeyId = 'alias/app';
  return kms.send(new DecryptCommand(params));
}`,
  ],
  invalid: [
    {
      // The last unconditional write wins: here it removes the key id again.
      code: `${pre}import type { DecryptCommandInput } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function open(blob: Uint8Array) {
  const params: DecryptCommandInput = { CiphertextBlob: blob, KeyId: 'alias/app', EncryptionContext: { tenant: 't' } };
  params.KeyId = undefined;
  return kms.send(new DecryptCommand(params));
}`,
      errors: [{ messageId: 'missingKeyId' }],
    },
  ],
});
