// The third tier: calls on receivers of unknown type, recognised by method name and request shape; and the import
// tracking that real code needs before it (variables assigned later, conditional requires, createRequire).
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';
import { recognitionProbe } from './probe.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const call = (operation: string, style: string, service = 'kms') => ({ messageId: 'call' as const, data: { operation, style, service } });

untyped.run('shape: receivers of unknown type (no types)', recognitionProbe, {
  valid: [
    // The shape is incomplete: an encrypt with no KeyId is anybody's encrypt.
    `function f(kms) { return kms.encrypt({ Plaintext: 'x' }); }`,
    // A putObject that asks for no server-side encryption says nothing the rules judge.
    `function f(s3) { return s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x' }); }`,
    // The project's own look-alikes: a class declared here, an import from a project module, `this`, an object literal.
    `class Vault { decrypt(p) { return p; } }
     const v = new Vault(); v.decrypt({ CiphertextBlob: 'x' });`,
    `import { Vault } from './vault.js'; const v = new Vault(); v.decrypt({ CiphertextBlob: 'x' });`,
    `class Box { decrypt(p) { return p; } open(b) { return this.decrypt({ CiphertextBlob: b }); } }`,
    `const store = { upload(p) { return p; } }; store.upload({ Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' });`,
    // Unknown field set: a spread of an unknown object hides what is passed, and no shape field is named.
    `function f(kms, p) { return kms.decrypt({ ...p }); }`,
    // The method name is not an operation's.
    `function f(kms) { return kms.unwrap({ CiphertextBlob: 'x' }); }`,
    // A data-key request needs KeySpec or NumberOfBytes besides KeyId; arguments spread in say nothing.
    `function f(kms) { return kms.generateDataKey({ KeyId: 'k', EncryptionContext: { a: 'b' } }); }`,
    `function f(kms, args) { return kms.decrypt(...args); }`,
    `function f(s3) { return s3.getObject({ Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' }); }`,
    // Object literals and class expressions written at the call are the project's own.
    `({ decrypt(p) { return p; } }).decrypt({ CiphertextBlob: 'x' });`,
    `new (class { decrypt(p) { return p; } })().decrypt({ CiphertextBlob: 'x' });`,
    `const Box = class { decrypt(p) { return p; } }; new Box().decrypt({ CiphertextBlob: 'x' });`,
  ],
  invalid: [
    {
      // Injected through the constructor and kept on `this` (SDK v2 with .promise()).
      code: `class KeyService {
  constructor(kms) { this.kms = kms; }
  open(blob) { return this.kms.decrypt({ CiphertextBlob: blob }).promise(); }
}`,
      errors: [call('Decrypt', 'v2')],
    },
    {
      // A wrapper function's argument, callback style; the request built in a variable first.
      code: `function seal(kmsClient, data, done) {
  var params = { KeyId: process.env.KEY_ID, Plaintext: data, EncryptionContext: { app: 'x' } };
  kmsClient.encrypt(params, function (err, out) { done(err, out); });
}`,
      errors: [{ ...call('Encrypt', 'v2'), line: 3 }],
    },
    {
      // A constructor passed in: its class is unknown, so the shape decides.
      code: `function open(KmsClass, blob) { return new KmsClass({}).decrypt({ CiphertextBlob: blob }); }`,
      errors: [call('Decrypt', 'v3-client')],
    },
    {
      // A class the SDK package exports that is not a KMS client by name: still the SDK's, so the shape decides.
      code: `const AWS = require('aws-sdk');
const svc = new AWS.Service({ endpoint: 'https://kms.example' });
svc.decrypt({ CiphertextBlob: 'x' }, (err) => err);`,
      errors: [call('Decrypt', 'v2')],
    },
    {
      // Aliases that refer to each other are followed only so far, and then the receiver is unknown.
      code: `const a = b; const b = a;
a.decrypt({ CiphertextBlob: 'x' });`,
      errors: [call('Decrypt', 'v3-client')],
    },
    {
      // v2 styles: .send() and .on() on the AWS.Request, a callback passed by name.
      code: `function f(kms, done) {
  kms.decrypt({ CiphertextBlob: 'a' }).send();
  kms.decrypt({ CiphertextBlob: 'b' }).on('success', done);
  kms.decrypt({ CiphertextBlob: 'c' }, done);
  kms.decrypt({ CiphertextBlob: 'd' }, function named(err, data) { done(err, data); });
}`,
      errors: [call('Decrypt', 'v2'), call('Decrypt', 'v2'), call('Decrypt', 'v2'), call('Decrypt', 'v2')],
    },
    {
      // An options object is not a callback; other members of the result are not v2's.
      code: `function f(kms) {
  const options = { abortSignal: undefined };
  kms.decrypt({ CiphertextBlob: 'a' }, options);
  kms.decrypt({ CiphertextBlob: 'b' }).then((r) => r);
  kms.decrypt({ CiphertextBlob: 'c' })['promise']();
}`,
      errors: [call('Decrypt', 'v3-client'), call('Decrypt', 'v3-client'), call('Decrypt', 'v3-client')],
    },
    {
      // A client from a local factory: the receiver is a call.
      code: `const services = require('./services');
const kms = () => services.get('kms');
exports.seal = (data) => kms().encrypt({ KeyId: 'alias/app', Plaintext: data }).promise();`,
      errors: [call('Encrypt', 'v2')],
    },
    {
      code: `export async function newKey(kms) { return kms.generateDataKey({ KeyId: 'alias/a', NumberOfBytes: 32 }); }`,
      errors: [call('GenerateDataKey', 'v3-client')],
    },
    {
      code: `module.exports = (s3) => s3.upload({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }).promise();`,
      errors: [call('Upload', 'v2', 's3')],
    },
    {
      code: `export const put = (client, key) => client.putObject({ Bucket: 'b', Key: key, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'k' });`,
      errors: [call('PutObject', 'v3-client', 's3')],
    },
    {
      code: `export const start = (s3) => s3.createMultipartUpload({ Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' }, cb);
function cb() {}`,
      errors: [call('CreateMultipartUpload', 'v2', 's3')],
    },
  ],
});

untyped.run('import tracking: variables assigned later, conditional requires, createRequire', recognitionProbe, {
  valid: [
    // Assigned two different things: undecidable, silent.
    `const AWS = require('aws-sdk');
let kms;
kms = new AWS.KMS();
kms = { decrypt: (p) => p };
kms.decrypt({});`,
  ],
  invalid: [
    {
      // A module-level let assigned inside an init function.
      code: `const AWS = require('aws-sdk');
let kms;
function init() { kms = new AWS.KMS({ region: 'eu-west-1' }); }
init();
exports.open = (b) => kms.decrypt({}).promise();`,
      errors: [call('Decrypt', 'v2')],
    },
    {
      // A conditional, deferred require.
      code: `let AWS;
if (process.env.USE_KMS) AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.encrypt({}, () => {});`,
      errors: [call('Encrypt', 'v2')],
    },
    {
      code: `import { createRequire } from 'node:module';
const load = createRequire(import.meta.url);
const { S3Client, PutObjectCommand } = load('@aws-sdk/client-s3');
new PutObjectCommand({ Bucket: 'b', Key: 'k' });`,
      errors: [call('PutObject', 'v3-command', 's3')],
    },
    {
      code: `import { createRequire } from 'node:module';
const { DecryptCommand } = createRequire(import.meta.url)('@aws-sdk/client-kms');
new DecryptCommand({});`,
      errors: [call('Decrypt', 'v3-command')],
    },
  ],
});

typed.run('shape: receivers whose type is unknown (typed)', recognitionProbe, {
  valid: [
    // A receiver whose type is known and is not an AWS client is never recognised by shape.
    `class Vault { decrypt(p: { CiphertextBlob: string }) { return p; } }
     export const open = (v: Vault) => v.decrypt({ CiphertextBlob: 'x' });`,
    `interface Store { upload(p: object): void }
     export const put = (s: Store) => s.upload({ Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' });`,
  ],
  invalid: [
    {
      code: `export const open = (kms: any, blob: Uint8Array) => kms.decrypt({ CiphertextBlob: blob });`,
      errors: [call('Decrypt', 'v3-client')],
    },
    {
      // An import whose types do not resolve is `any` to the checker.
      code: `// @ts-ignore
import { KMS } from 'aws-sdk-not-installed';
export class Keys {
  constructor(private readonly kms: KMS) {}
  make() { return this.kms.generateDataKey({ KeyId: 'k', KeySpec: 'AES_256' }).promise(); }
}`,
      errors: [call('GenerateDataKey', 'v2')],
    },
  ],
});
