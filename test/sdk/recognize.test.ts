import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';
import { recognitionProbe } from './probe.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const call = (operation: string, style: string, service = 'kms') => ({ messageId: 'call' as const, data: { operation, style, service } });

typed.run('recognise SDK calls by type', recognitionProbe, {
  valid: [
    // A user's own class named like the SDK's is not the SDK.
    `class EncryptCommand { constructor(public input: unknown) {} }
     new EncryptCommand({ KeyId: 'k', Plaintext: 'x' });`,
    // A user's own object with an encrypt method.
    `const vault = { encrypt(x: unknown) { return x; } }; vault.encrypt({ KeyId: 'k' });`,
    // KMSClient has no per-operation methods; send() itself is not an operation.
    `import { KMSClient } from '@aws-sdk/client-kms'; const c = new KMSClient({}); void c;`,
    // Node's crypto is not KMS.
    `import { createCipheriv } from 'node:crypto'; createCipheriv('aes-256-gcm', Buffer.alloc(32), Buffer.alloc(12));`,
    // Look-alikes from a project module reached through a `paths` alias.
    `import { EncryptCommand, vault } from '@app/own-commands.js';
     new EncryptCommand({ KeyId: 'k', Plaintext: 'x' });
     vault.decrypt({ CiphertextBlob: new Uint8Array(1) });`,
  ],
  invalid: [
    {
      code: `import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
await kms.send(new EncryptCommand({ KeyId: 'alias/a', Plaintext: Buffer.from('x') }));`,
      errors: [call('Encrypt', 'v3-command')],
    },
    {
      code: `import { DecryptCommand as Dec } from '@aws-sdk/client-kms';
const cmd = new Dec({ CiphertextBlob: new Uint8Array(10) });`,
      errors: [call('Decrypt', 'v3-command')],
    },
    {
      code: `import * as kmsSdk from '@aws-sdk/client-kms';
new kmsSdk.GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256' });`,
      errors: [call('GenerateDataKey', 'v3-command')],
    },
    {
      code: `import { KMS } from '@aws-sdk/client-kms';
async function f(kms: KMS) { return kms.decrypt({ CiphertextBlob: new Uint8Array(1) }); }`,
      errors: [call('Decrypt', 'v3-client')],
    },
    {
      code: `import { KMS } from '@aws-sdk/client-kms';
await new KMS({}).encrypt({ KeyId: 'k', Plaintext: new Uint8Array(1) });`,
      errors: [call('Encrypt', 'v3-client')],
    },
    {
      code: `import AWS from 'aws-sdk';
const kms = new AWS.KMS();
await kms.encrypt({ KeyId: 'k', Plaintext: 'x' }).promise();`,
      errors: [call('Encrypt', 'v2')],
    },
    {
      code: `import KMS from 'aws-sdk/clients/kms';
const kms = new KMS();
kms.decrypt({ CiphertextBlob: Buffer.from('') }, (err, data) => { void err; void data; });`,
      errors: [call('Decrypt', 'v2')],
    },
    {
      code: `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
await getSignedUrl(new S3Client({}), new PutObjectCommand({ Bucket: 'b', Key: 'k' }));`,
      errors: [call('PutObject', 'v3-command', 's3')],
    },
    {
      code: `import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
new Upload({ client: new S3Client({}), params: { Bucket: 'b', Key: 'k', Body: 'x' } });`,
      errors: [call('Upload', 'lib-storage', 's3')],
    },
    {
      // NodeNext ESM cannot resolve 'aws-sdk/clients/kms' without an extension: the annotation still tells.
      code: `import KMS from 'aws-sdk/clients/kms';
export async function sign(kms: KMS) { return kms.sign({ KeyId: 'k', Message: Buffer.from('x'), SigningAlgorithm: 'ECDSA_SHA_256' }).promise(); }`,
      errors: [call('Sign', 'v2')],
    },
    {
      // Re-exported under another name by the user's own module, resolved by type.
      code: `import { Enc } from './reexports.js';
new Enc({ KeyId: 'k', Plaintext: new Uint8Array(1) });`,
      errors: [call('Encrypt', 'v3-command')],
    },
    {
      // The same module reached through a tsconfig `paths` alias: no relative import, no SDK name in the file.
      code: `import { Enc } from '@app/reexports.js';
new Enc({ KeyId: 'k', Plaintext: new Uint8Array(1) });`,
      errors: [call('Encrypt', 'v3-command')],
    },
    {
      // A client instance exported by a project module, used where the SDK is never named.
      code: `import { sharedKms } from '@app/clients.js';
export const open = (blob: Uint8Array) => sharedKms.decrypt({ CiphertextBlob: blob });`,
      errors: [call('Decrypt', 'v3-client')],
    },
    {
      code: `import { sharedKms } from './clients.js';
export const seal = (data: Uint8Array) => sharedKms.encrypt({ KeyId: 'k', Plaintext: data });`,
      errors: [call('Encrypt', 'v3-client')],
    },
  ],
});

untyped.run('recognise SDK calls by following imports (no types)', recognitionProbe, {
  valid: [
    `class EncryptCommand { constructor(input) { this.input = input; } }
     new EncryptCommand({ KeyId: 'k', Plaintext: 'x' });`,
    `import { EncryptCommand } from './my-own-commands.js'; new EncryptCommand({});`,
    `const vault = { decrypt(x) { return x; } }; vault.decrypt({});`,
    // Shadowed: the parameter, not the import.
    `import { EncryptCommand } from '@aws-sdk/client-kms'; function f(EncryptCommand) { return new EncryptCommand({}); }`,
    // An unknown receiver: cannot decide, stays silent.
    `function f(kms) { return kms.encrypt({ Plaintext: 'x' }); }`,
  ],
  invalid: [
    {
      code: `const { EncryptCommand: Enc } = require('@aws-sdk/client-kms');
new Enc({ KeyId: 'k', Plaintext: 'x' });`,
      errors: [call('Encrypt', 'v3-command')],
    },
    {
      code: `const kmsSdk = require('@aws-sdk/client-kms');
new kmsSdk.DecryptCommand({});`,
      errors: [call('Decrypt', 'v3-command')],
    },
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS({ region: 'us-east-1' });
kms.generateDataKey({ KeyId: 'k', KeySpec: 'AES_256' }, (err, data) => {});`,
      errors: [call('GenerateDataKey', 'v2')],
    },
    {
      code: `const KMS = require('aws-sdk/clients/kms');
new KMS().encrypt({ KeyId: 'k', Plaintext: 'x' }).promise();`,
      errors: [call('Encrypt', 'v2')],
    },
    {
      code: `import { KMS } from '@aws-sdk/client-kms';
class Vault {
  kms = new KMS({});
  open(blob) { return this.kms.decrypt({ CiphertextBlob: blob }); }
}`,
      errors: [call('Decrypt', 'v3-client')],
    },
    {
      code: `import { S3 } from '@aws-sdk/client-s3';
const s3 = new S3({});
s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' });`,
      errors: [call('PutObject', 'v3-client', 's3')],
    },
  ],
});
