import rule from '../../src/rules/no-oversized-encrypt.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
// Three lines, so the first line of each case body is line 4.
const pre = `import { KMSClient, KMS, EncryptCommand, GenerateDataKeyCommand, DecryptCommand } from '@aws-sdk/client-kms';
import { randomBytes } from 'node:crypto';
const kms = new KMSClient({});
`;
// `await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: ` is 59 characters: the value starts at column 60.
const send = (plaintext: string) => `await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: ${plaintext} }));`;

typed.run('no-oversized-encrypt', rule, {
  valid: [
    // Exactly at the limit.
    `${pre}${send("Buffer.from('x'.repeat(4096))")}`,
    `${pre}${send('Buffer.alloc(4096)')}`,
    `${pre}${send('randomBytes(32)')}`,
    // 1,365 three-byte characters are 4,095 bytes.
    `${pre}${send("Buffer.from('€'.repeat(1365))")}`,
    // Unknown sizes belong to no-unbounded-encrypt.
    `${pre}declare const body: string;\n${send('Buffer.from(body)')}`,
    `${pre}declare const body: string;\n${send("Buffer.from(body + 'x'.repeat(10))")}`,
    // A data key or a Decrypt plaintext is small enough by contract.
    `${pre}const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', NumberOfBytes: 1024 }));\n${send('dk.Plaintext')}`,
    `${pre}declare const blob: Uint8Array;\nconst { Plaintext } = await kms.send(new DecryptCommand({ KeyId: 'k', CiphertextBlob: blob }));\n${send('Plaintext')}`,
    // Asymmetric algorithms: under the largest key's limit (RSAES_OAEP_SHA_1 with RSA_4096: 470 bytes).
    `${pre}await kms.send(new EncryptCommand({ KeyId: 'alias/rsa', Plaintext: Buffer.alloc(470), EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }));`,
    `${pre}await kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: Buffer.alloc(4000), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }));`,
    `${pre}declare const algorithm: 'RSAES_OAEP_SHA_256' | 'SYMMETRIC_DEFAULT';\nawait kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: Buffer.alloc(4000), EncryptionAlgorithm: algorithm }));`,
    // Other operations and look-alikes.
    `${pre}await kms.send(new GenerateDataKeyCommand({ KeyId: 'k', KeySpec: 'AES_256' }));`,
    `class EncryptCommand { constructor(readonly input: { Plaintext: Uint8Array }) {} }
new EncryptCommand({ Plaintext: Buffer.alloc(8192) });`,
    // The Plaintext cannot be read: silent.
    `${pre}declare function params(): any;\nawait kms.send(new EncryptCommand(params()));`,
  ],
  invalid: [
    {
      code: `${pre}${send("Buffer.from('x'.repeat(5000))")}`,
      errors: [{ messageId: 'oversized', line: 4, column: 60, data: { size: '5,000 bytes' } }],
    },
    // 'é' is 2 UTF-8 bytes: 4,096 of them are 8,192 bytes.
    {
      code: `${pre}${send("new TextEncoder().encode('é'.repeat(4096))")}`,
      errors: [{ messageId: 'oversized', line: 4, column: 60, data: { size: '8,192 bytes' } }],
    },
    {
      code: `${pre}const FRAME = 8 * 1024;\nconst frame = Buffer.alloc(FRAME);\n${send('frame')}`,
      errors: [{ messageId: 'oversized', line: 6, column: 60, data: { size: '8,192 bytes' } }],
    },
    {
      code: `${pre}${send('randomBytes(4097)')}`,
      errors: [{ messageId: 'oversized', line: 4, column: 60, data: { size: '4,097 bytes' } }],
    },
    // Only a lower bound is known: a constant 5,000-byte prefix and an unknown suffix.
    {
      code: `${pre}declare const id: string;\n${send("Buffer.from(`${'h'.repeat(5000)}:${id}`)")}`,
      errors: [{ messageId: 'oversized', line: 5, column: 60, data: { size: 'at least 5,001 bytes' } }],
    },
    // A params object built first, then passed by name: reported on the call.
    {
      code: `${pre}const params = { KeyId: 'k', Plaintext: Buffer.alloc(10_000) };\nawait kms.send(new EncryptCommand(params));`,
      errors: [{ messageId: 'oversized', line: 5, column: 16, data: { size: '10,000 bytes' } }],
    },
    // Aggregated client.
    {
      code: `${pre}await new KMS({}).encrypt({ KeyId: 'k', Plaintext: Buffer.alloc(5000) });`,
      errors: [{ messageId: 'oversized', line: 4, column: 52, data: { size: '5,000 bytes' } }],
    },
    // One branch of a conditional: say which.
    {
      code: `${pre}declare const archive: boolean;\n${send("archive ? Buffer.alloc(8192) : Buffer.from('small')")}`,
      errors: [{ messageId: 'oversizedBranch', line: 5, column: 70, data: { size: '8,192 bytes', branch: 'when `archive` is truthy' } }],
    },
    {
      code: `${pre}declare const compact: boolean;\nconst payload = compact ? Buffer.from('{}') : Buffer.from('x'.repeat(6000));\n${send('payload')}`,
      errors: [{ messageId: 'oversizedBranch', line: 6, column: 60, data: { size: '6,000 bytes', branch: 'when `compact` is falsy' } }],
    },
    // The branch sits inside an encoding: Buffer.from(c ? a : b) keeps each branch's UTF-8 size.
    {
      code: `${pre}declare const full: boolean;\nconst banner = full ? 'Ünïcödé banner '.repeat(400) : 'short banner';\n${send('Buffer.from(banner)')}`,
      errors: [{ messageId: 'oversizedBranch', line: 6, column: 60, data: { size: '7,600 bytes', branch: 'when `full` is truthy' } }],
    },
    // Both branches too big: one finding.
    {
      code: `${pre}declare const big: boolean;\n${send('big ? Buffer.alloc(9000) : Buffer.alloc(5000)')}`,
      errors: [{ messageId: 'oversized', line: 5, column: 60, data: { size: 'at least 5,000 bytes' } }],
    },
    // RSAES_OAEP_SHA_256 takes at most 446 bytes, whatever the RSA key size.
    {
      code: `${pre}await kms.send(new EncryptCommand({ KeyId: 'alias/rsa', Plaintext: Buffer.alloc(500), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));`,
      errors: [{ messageId: 'oversizedForAlgorithm', line: 4, column: 68, data: { size: '500 bytes', branch: '', algorithm: 'RSAES_OAEP_SHA_256', limit: 446 } }],
    },
    // A string literal type from the checker.
    {
      code: `${pre}type Banner = '${'b'.repeat(4100)}';\ndeclare const banner: Banner;\n${send('Buffer.from(banner)')}`,
      errors: [{ messageId: 'oversized', line: 6, column: 60, data: { size: '4,100 bytes' } }],
    },
  ],
});

untyped.run('no-oversized-encrypt (JavaScript, import tracking)', rule, {
  valid: [
    `const AWS = require('aws-sdk');
new AWS.KMS().encrypt({ KeyId: 'k', Plaintext: 'short secret' }).promise();`,
    `const AWS = require('aws-sdk');
function encrypt(kms, body) { return kms.encrypt({ KeyId: 'k', Plaintext: body }).promise(); }`,
  ],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.encrypt({ KeyId: 'k', Plaintext: 'x'.repeat(4097) }).promise();`,
      errors: [{ messageId: 'oversized', line: 3, column: 38, data: { size: '4,097 bytes' } }],
    },
    {
      code: `import KMS from 'aws-sdk/clients/kms';
const kms = new KMS();
const report = JSON.stringify({ rows: 'r'.repeat(6000) });
kms.encrypt({ KeyId: 'k', Plaintext: report }, (err, data) => {});`,
      errors: [{ messageId: 'oversized', line: 4, column: 38, data: { size: '6,011 bytes' } }],
    },
    {
      code: `const { KMSClient, EncryptCommand } = require('@aws-sdk/client-kms');
const kms = new KMSClient({});
const verbose = process.env.VERBOSE === '1';
kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: verbose ? Buffer.alloc(65536) : Buffer.alloc(16) }));`,
      errors: [{ messageId: 'oversizedBranch', line: 4, column: 64, data: { size: '65,536 bytes', branch: 'when `verbose` is truthy' } }],
    },
  ],
});

typed.run('no-oversized-encrypt: encodings of random bytes have an exact size', rule, {
  valid: [send("Buffer.from(randomBytes(2048).toString('hex'))").replace(/^/, pre)],
  invalid: [
    {
      code: pre + send("Buffer.from(randomBytes(4000).toString('hex'))"),
      errors: [{ messageId: 'oversized', line: 4, column: 60, data: { size: '8,000 bytes' } }],
    },
    {
      code: pre + send("randomBytes(3100).toString('base64')"),
      errors: [{ messageId: 'oversized', line: 4, column: 60, data: { size: '4,136 bytes' } }],
    },
  ],
});
