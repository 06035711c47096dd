// Client methods called through an alias: `util.promisify(kms.decrypt.bind(kms))`, `promisify(kms.decrypt).bind(kms)`,
// Bluebird's `promisify(kms.decrypt, { context: kms })`, `kms.encrypt.bind(kms)`. Real v2 code wraps its callback
// methods this way to await them; the alias's call is the operation's call, and its awaited value is the response.
import zeroization from '../../src/rules/require-data-key-zeroization.js';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { createUntypedRuleTester, type KmsRuleTester } from '../RuleTester.js';
import { recognitionProbe } from './probe.js';

const untyped = createUntypedRuleTester();
// TypeScript syntax without a Program: the alias may be wrapped in `as`, `!` or `satisfies`.
const typescriptSyntax = new RuleTester() as unknown as KmsRuleTester;
const call = (operation: string, style: string, service = 'kms') => ({ messageId: 'call' as const, data: { operation, style, service } });
const v2Client = `const AWS = require('aws-sdk');\nconst kms = new AWS.KMS({ region: 'eu-west-1' });\n`;

untyped.run('promisified aliases of client methods (no types)', recognitionProbe, {
  valid: [
    // An unbound method reference is not followed: calling it loses `this`, and nothing says it is a client's.
    `${v2Client}const f = kms.decrypt;\nf({ CiphertextBlob: 'x' });`,
    // The project's own object, promisified: its methods are declared right there.
    `const util = require('util');
const store = { decrypt(p, cb) { cb(null, p); } };
const open = util.promisify(store.decrypt.bind(store));
open({ CiphertextBlob: 'x' });`,
    // A function that is not a method, and a method that is not an operation.
    `const { promisify } = require('util');\nfunction decrypt(p, cb) { cb(null, p); }\nconst d = promisify(decrypt);\nd({ CiphertextBlob: 'x' });`,
    `${v2Client}const { promisify } = require('util');\nconst read = promisify(kms.unwrapKey.bind(kms));\nread({ CiphertextBlob: 'x' });`,
    // The alias is reassigned: which function it holds at the call is not known.
    `${v2Client}const { promisify } = require('util');
let d = promisify(kms.decrypt.bind(kms));
d = async (p) => p;
d({ CiphertextBlob: 'x' });`,
    // Something other than promisify or bind wraps the method.
    `${v2Client}const memo = require('memoizee');\nconst d = memo(kms.decrypt.bind(kms));\nd({ CiphertextBlob: 'x' });`,
    `${v2Client}const d = kms.decrypt.bind(kms).bind(kms).bind(kms).bind(kms).bind(kms).bind(kms);\nd({ CiphertextBlob: 'x' }, () => {});`,
    // A look-alike class instance, promisified.
    `const { promisify } = require('util');
class Vault { decrypt(p, cb) { cb(null, p); } }
const v = new Vault();
const d = promisify(v.decrypt.bind(v));
d({ CiphertextBlob: 'x' });`,
  ],
  invalid: [
    {
      // Five wrappers are followed (six are not: see the valid case).
      code: `${v2Client}const d = kms.decrypt.bind(kms).bind(kms).bind(kms).bind(kms).bind(kms);\nd({ CiphertextBlob: 'x' }, () => {});`,
      errors: [{ ...call('Decrypt', 'v2'), line: 4 }],
    },
    {
      // util.promisify of a bound method, on a client the file constructs.
      code: `${v2Client}const util = require('util');
const decryptAsync = util.promisify(kms.decrypt.bind(kms));
async function read(blob) { return decryptAsync({ CiphertextBlob: blob }); }`,
      errors: [{ ...call('Decrypt', 'v2'), line: 5 }],
    },
    {
      // Promisified first, bound after; and Bluebird's context option on a client passed in (request shape decides).
      code: `${v2Client}const { promisify } = require('util');
const generate = promisify(kms.generateDataKey).bind(kms);
generate({ KeyId: 'alias/a', KeySpec: 'AES_256' });
function vault(client) {
  const P = require('bluebird');
  const open = P.promisify(client.decrypt, { context: client });
  return open({ CiphertextBlob: 'x' });
}`,
      errors: [
        { ...call('GenerateDataKey', 'v2'), line: 5 },
        { ...call('Decrypt', 'v2'), line: 9 },
      ],
    },
    {
      // bind alone keeps the callback style; an S3 client's method too.
      code: `${v2Client}const s3 = new AWS.S3();
const put = s3.putObject.bind(s3);
put({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }, (err) => err);
const enc = kms.encrypt.bind(kms);
enc({ KeyId: 'k', Plaintext: 'x' }, (err, out) => out);`,
      errors: [
        { ...call('PutObject', 'v2', 's3'), line: 5 },
        { ...call('Encrypt', 'v2'), line: 7 },
      ],
    },
  ],
});

const wiped = `${v2Client}const { promisify } = require('util');
const crypto = require('crypto');
const generate = promisify(kms.generateDataKey.bind(kms));
async function seal(text) {
  const dk = await generate({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  try {
    return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(text);
  } finally {
    dk.Plaintext.fill(0);
  }
}
module.exports = { seal };`;

untyped.run('require-data-key-zeroization through a promisified alias', zeroization, {
  valid: [wiped],
  invalid: [
    {
      code: `${v2Client}const { promisify } = require('util');
const crypto = require('crypto');
const generate = promisify(kms.generateDataKey.bind(kms));
async function seal(text) {
  const dk = await generate({ KeyId: 'alias/a', KeySpec: 'AES_256' });
  return crypto.createCipheriv('aes-256-gcm', dk.Plaintext, crypto.randomBytes(12)).update(text);
}
module.exports = { seal };`,
      // The suggestion's output is the valid program above.
      errors: [{ messageId: 'notZeroized', line: 7, suggestions: [{ messageId: 'wrapInTryFinally', output: wiped }] }],
    },
  ],
});

typescriptSyntax.run('promisified aliases under TypeScript wrappers (no types)', recognitionProbe, {
  valid: [],
  invalid: [
    {
      code: `import AWS from 'aws-sdk';
import { promisify } from 'util';
const kms = new AWS.KMS();
const a = promisify(kms.decrypt.bind(kms)) as (p: object) => Promise<unknown>;
const b = promisify(kms.decrypt.bind(kms))!;
const c = promisify(kms.decrypt.bind(kms)) satisfies unknown;
const d = (kms.decrypt as typeof kms.decrypt).bind(kms);
a({ CiphertextBlob: 'x' });
b({ CiphertextBlob: 'x' });
c({ CiphertextBlob: 'x' });
d({ CiphertextBlob: 'x' }, () => {});`,
      errors: [8, 9, 10, 11].map((line) => ({ ...call('Decrypt', 'v2'), line })),
    },
  ],
});
