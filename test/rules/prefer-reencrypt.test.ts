import rule from '../../src/rules/prefer-reencrypt.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { KMSClient, DecryptCommand, EncryptCommand, ReEncryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
declare const blob: Uint8Array;
`;

typed.run('prefer-reencrypt', rule, {
  valid: [
    `${pre}await kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: 'alias/old', DestinationKeyId: 'alias/new', SourceEncryptionContext: { a: 'b' }, DestinationEncryptionContext: { a: 'b' } }));`,
    // The decrypted secret is transformed (parsed and changed) before encrypting: new data.
    `${pre}const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/old', EncryptionContext: { a: 'b' } }));
const cfg = JSON.parse(Buffer.from(out.Plaintext!).toString());
cfg.rotatedAt = Date.now();
await kms.send(new EncryptCommand({ KeyId: 'alias/new', Plaintext: Buffer.from(JSON.stringify(cfg)), EncryptionContext: { a: 'b' } }));`,
    // Different functions: no straight flow to see.
    `${pre}async function open() { return kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'k', EncryptionContext: { a: 'b' } })); }
async function seal(p: Uint8Array) { return kms.send(new EncryptCommand({ KeyId: 'k2', Plaintext: p, EncryptionContext: { a: 'b' } })); }`,
  ],
  invalid: [
    {
      code: `${pre}async function migrate() {
  const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/old', EncryptionContext: { a: 'b' } }));
  return kms.send(new EncryptCommand({ KeyId: 'alias/new', Plaintext: out.Plaintext, EncryptionContext: { a: 'b' } }));
}`,
      errors: [{ messageId: 'useReEncrypt', line: 6, column: 60, data: { line: 5 } }],
    },
    {
      code: `${pre}const { Plaintext: secret } = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/old', EncryptionContext: { tenant: 't' } }));
const copy = Buffer.from(secret!);
await kms.send(new EncryptCommand({ KeyId: 'alias/new', Plaintext: copy, EncryptionContext: { tenant: 't', v: '2' } }));`,
      errors: [{ messageId: 'useReEncrypt', line: 6, column: 57, data: { line: 4 } }],
    },
  ],
});

untyped.run('prefer-reencrypt (v2, no types)', rule, {
  valid: [],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
async function rotate(blob) {
  const { Plaintext } = await kms.decrypt({ CiphertextBlob: blob, KeyId: 'alias/v1', EncryptionContext: { a: 'b' } }).promise();
  return kms.encrypt({ KeyId: 'alias/v2', Plaintext, EncryptionContext: { a: 'b' } }).promise();
}`,
      errors: [{ messageId: 'useReEncrypt', line: 5, column: 43, data: { line: 4 } }],
    },
  ],
});
