import rule from '../../src/rules/valid-sign-message.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { createHash } from 'node:crypto';
import { KMSClient, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
declare const order: { id: string; total: number };
`;

typed.run('valid-sign-message', rule, {
  valid: [
    `${pre}const digest = createHash('sha256').update(JSON.stringify(order)).digest();
await kms.send(new SignCommand({ KeyId: 'alias/sign', Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));`,
    `${pre}await kms.send(new SignCommand({ KeyId: 'alias/sign', Message: Buffer.from(JSON.stringify(order)), SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));`,
    `${pre}await kms.send(new VerifyCommand({ KeyId: 'k', Message: createHash('sha384').update('x').digest(), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_384', Signature: new Uint8Array(8) }));`,
    // A digest carried as hex is still a digest.
    `${pre}declare const hexDigest: string;
await kms.send(new SignCommand({ KeyId: 'k', Message: Buffer.from(hexDigest, 'hex'), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));`,
    // Unknown message: silent.
    `${pre}declare const m: Uint8Array;
await kms.send(new SignCommand({ KeyId: 'k', Message: m, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_512' }));`,
    `${pre}await kms.send(new SignCommand({ KeyId: 'k', Message: Buffer.from('x'.repeat(4096)), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }));`,
    // A user's own SignCommand.
    `class SignCommand { constructor(readonly input: object) {} }
new SignCommand({ Message: Buffer.from('hello'), MessageType: 'DIGEST' });`,
  ],
  invalid: [
    {
      code: `${pre}await kms.send(new SignCommand({ KeyId: 'alias/sign', Message: Buffer.from(JSON.stringify(order)), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));`,
      errors: [{ messageId: 'notDigest', line: 5, column: 55, data: { operation: 'Sign', what: 'a JSON payload', hash: 'sha256' } }],
    },
    {
      code: `${pre}const digest = createHash('sha256').update('payload').digest();
await kms.send(new SignCommand({ KeyId: 'k', Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_512' }));`,
      errors: [{ messageId: 'digestLengthMismatch', line: 6, column: 46, data: { operation: 'Sign', algorithm: 'RSASSA_PSS_SHA_512', expected: 64, actual: 32, source: 'a sha256 digest' } }],
    },
    {
      code: `${pre}await kms.send(new SignCommand({ KeyId: 'k', Message: Buffer.from('y'.repeat(5000)), SigningAlgorithm: 'ECDSA_SHA_256' }));`,
      errors: [{ messageId: 'rawTooLarge', line: 5, column: 46, data: { operation: 'Sign', size: 5000 } }],
    },
    {
      code: `${pre}await kms.send(new VerifyCommand({ KeyId: 'k', Message: new TextEncoder().encode('hello'), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256', Signature: new Uint8Array(8) }));`,
      errors: [{ messageId: 'notDigest', line: 5, column: 48, data: { operation: 'Verify', what: 'text encoded with TextEncoder', hash: 'sha256' } }],
    },
    {
      code: `${pre}declare const strict: boolean;
await kms.send(new SignCommand({ KeyId: 'k', Message: Buffer.from('z'.repeat(6000)), MessageType: strict ? 'RAW' : undefined, SigningAlgorithm: 'ECDSA_SHA_256' }));`,
      errors: [{ messageId: 'rawTooLarge', line: 6, column: 46 }],
    },
  ],
});

untyped.run('valid-sign-message (v2, no types)', rule, {
  valid: [
    `const AWS = require('aws-sdk'); const crypto = require('crypto');
const kms = new AWS.KMS();
kms.sign({ KeyId: 'k', Message: crypto.createHash('sha256').update('x').digest(), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }).promise();`,
  ],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
const token = Buffer.from('header.payload');
kms.sign({ KeyId: 'k', Message: token, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }, (err, data) => {});`,
      errors: [{ messageId: 'notDigest', line: 4, column: 24 }],
    },
  ],
});

typed.run('valid-sign-message: digests written out as text', rule, {
  valid: [
    `${pre}export async function sign(doc: string) {
  const hex = createHash('sha256').update(doc).digest('hex');
  return kms.send(new SignCommand({ KeyId: 'alias/s', Message: Buffer.from(hex, 'hex'), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
}`,
    `${pre}export async function sign(doc: string) {
  const b64 = createHash('sha384').update(doc).digest('base64');
  return kms.send(new SignCommand({ KeyId: 'alias/s', Message: Buffer.from(b64, 'base64'), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_384' }));
}`,
  ],
  invalid: [
    {
      code: `${pre}export async function sign(doc: string) {
  const hex = createHash('sha256').update(doc).digest('hex');
  return kms.send(new SignCommand({ KeyId: 'alias/s', Message: Buffer.from(hex), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
}`,
      errors: [{ messageId: 'digestAsText', line: 7, data: { operation: 'Sign', encoding: 'hex', algorithm: 'sha256', size: ' (64 bytes, not 32)' } }],
    },
    {
      // Read back with the wrong encoding is still text.
      code: `${pre}export async function verify(doc: string, signature: Uint8Array) {
  const b64 = createHash('sha256').update(doc).digest('base64');
  return kms.send(new VerifyCommand({ KeyId: 'alias/s', Message: new TextEncoder().encode(b64), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256', Signature: signature }));
}`,
      errors: [{ messageId: 'notDigest', line: 7 }],
    },
    {
      code: `${pre}export async function verify(doc: string, signature: Uint8Array) {
  const b64 = createHash('sha256').update(doc).digest('base64');
  return kms.send(new VerifyCommand({ KeyId: 'alias/s', Message: Buffer.from(b64, 'utf8'), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256', Signature: signature }));
}`,
      errors: [{ messageId: 'digestAsText', line: 7, data: { operation: 'Verify', encoding: 'base64', algorithm: 'sha256', size: ' (44 bytes, not 32)' } }],
    },
  ],
});
