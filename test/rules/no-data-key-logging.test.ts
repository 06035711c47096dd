import rule from '../../src/rules/no-data-key-logging.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { KMSClient, DecryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
declare const blob: Uint8Array;
declare const logger: { info(...a: unknown[]): void; error(...a: unknown[]): void };
`;
const decrypt = `const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/cfg', EncryptionContext: { app: 'x' } }));\n`;

typed.run('no-data-key-logging', rule, {
  valid: [
    `${pre}${decrypt}logger.info('decrypted config', { keyId: out.KeyId, bytes: out.Plaintext?.length });`,
    `${pre}const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256', EncryptionContext: { a: 'b' } }));
console.log('wrapped key', Buffer.from(dk.CiphertextBlob!).toString('base64'));
dk.Plaintext!.fill(0);`,
    // Not a KMS plaintext.
    `const config = { Plaintext: 'not-a-secret' }; console.log(config.Plaintext);`,
    // A user object with a log method that is not a sink name.
    `${pre}${decrypt}const cache = new Map<string, Uint8Array>(); cache.set('cfg', out.Plaintext!);`,
  ],
  invalid: [
    {
      code: `${pre}${decrypt}const secret = Buffer.from(out.Plaintext!).toString('utf8');
console.log('db password is', secret);`,
      errors: [{ messageId: 'plaintextLeaked', line: 7, column: 31, data: { operation: 'Decrypt', field: 'Plaintext', how: ', or a string made from it', sink: 'a log call (console.log)' } }],
    },
    {
      code: `${pre}const { Plaintext: key } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256', EncryptionContext: { a: 'b' } }));
logger.error({ msg: 'encryption failed', key });`,
      errors: [{ messageId: 'plaintextLeaked', line: 6, column: 42, data: { operation: 'GenerateDataKey', field: 'Plaintext', how: '', sink: 'a log call (logger.error)' } }],
    },
    {
      code: `${pre}${decrypt}const cfg = JSON.parse(new TextDecoder().decode(out.Plaintext));
throw new Error(\`bad config \${cfg.password}\`);`,
      errors: [{ messageId: 'plaintextLeaked', line: 7, column: 17, data: { operation: 'Decrypt', field: 'Plaintext', how: ', or a string made from it', sink: 'an Error message' } }],
    },
    {
      code: `${pre}declare const res: { status(n: number): { json(x: unknown): void } };
${decrypt}res.status(200).json({ token: Buffer.from(out.Plaintext!).toString('base64') });`,
      errors: [{ messageId: 'plaintextLeaked', line: 7, column: 31, data: { operation: 'Decrypt', field: 'Plaintext', how: ', or a string made from it', sink: 'an HTTP response (json)' } }],
    },
  ],
});

untyped.run('no-data-key-logging (v2, no types)', rule, {
  valid: [`const AWS = require('aws-sdk'); const kms = new AWS.KMS(); console.log('ok');`],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.decrypt({ CiphertextBlob: blob, KeyId: 'k', EncryptionContext: { a: 'b' } }, (err, data) => {
  console.debug('secret', data.Plaintext.toString());
});`,
      errors: [{ messageId: 'plaintextLeaked', line: 4, column: 27, data: { operation: 'Decrypt', field: 'Plaintext', how: ', or a string made from it', sink: 'a log call (console.debug)' } }],
    },
  ],
});

typed.run('no-data-key-logging: whole responses', rule, {
  valid: [
    // Fields without plaintext, an Error message (an object prints as [object Object]), a response without plaintext.
    `${pre}import { EncryptCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/x', KeySpec: 'AES_256' }));
console.log('generated', dk.KeyId, dk.CiphertextBlob?.length);
const sealed = await kms.send(new EncryptCommand({ KeyId: 'alias/x', Plaintext: new Uint8Array(4) }));
console.log(sealed);
const wrapped = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: 'alias/x', KeySpec: 'AES_256' }));
logger.info({ wrapped });
if (!dk.Plaintext) throw new Error(\`no plaintext in \${dk}\`);
dk.Plaintext.fill(0);`,
  ],
  invalid: [
    {
      code: `${pre}const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/x', KeySpec: 'AES_256' }));
console.log('data key', dk);
logger.info({ event: 'decrypted', out: await kms.send(new DecryptCommand({ CiphertextBlob: blob })) });
throw new Error(JSON.stringify(dk));
export function show(out: import('@aws-sdk/client-kms').DecryptCommandOutput) {
  console.log(out);
}`,
      errors: [
        { messageId: 'plaintextLeaked', line: 6, data: { operation: 'GenerateDataKey', field: 'the whole response, Plaintext included', how: '', sink: 'a log call (console.log)' } },
        { messageId: 'plaintextLeaked', line: 7, data: { operation: 'Decrypt', field: 'the whole response, Plaintext included', how: '', sink: 'a log call (logger.info)' } },
        { messageId: 'plaintextLeaked', line: 8 },
        // Declared with an SDK output type: the checker names the operation.
        { messageId: 'plaintextLeaked', line: 10, data: { operation: 'Decrypt', field: 'the whole response, Plaintext included', how: '', sink: 'a log call (console.log)' } },
      ],
    },
  ],
});

untyped.run('no-data-key-logging: whole v2 responses (no types)', rule, {
  valid: [],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.generateDataKey({ KeyId: 'alias/x', KeySpec: 'AES_256' }, (err, data) => {
  if (err) return;
  console.log(data);
});`,
      errors: [{ messageId: 'plaintextLeaked', line: 5 }],
    },
  ],
});
