import rule from '../../src/rules/require-lambda-env-context.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
`;
const handler = `
export const handler = async () => ({ statusCode: 200 });`;

typed.run('require-lambda-env-context', rule, {
  valid: [
    `${pre}const { Plaintext } = await kms.send(new DecryptCommand({
  CiphertextBlob: Buffer.from(process.env.DB_PASSWORD!, 'base64'),
  EncryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME! },
}));${handler}`,
    // Not a Lambda module: the context may be anything the encrypting side used.
    `${pre}export async function readSecret() {
  return kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.DB_PASSWORD!, 'base64'), KeyId: 'alias/app' }));
}`,
    // The ciphertext does not come from the environment.
    `${pre}declare const blob: Uint8Array;
await kms.send(new DecryptCommand({ CiphertextBlob: blob }));${handler}`,
    // A hard-coded name is only reported under the strict option.
    `${pre}await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.API_KEY!, 'base64'), EncryptionContext: { LambdaFunctionName: 'orders-api' } }));${handler}`,
    // The Lambda context object's functionName is the same value.
    `${pre}import type { Context } from 'aws-lambda';
export async function handler(_event: unknown, ctx: Context) {
  await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.API_KEY!, 'base64'), EncryptionContext: { LambdaFunctionName: ctx.functionName } }));
}`,
    // A context of the project's own design: the ciphertext came from its own tooling, not Lambda's helpers.
    `${pre}await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.API_KEY!, 'base64'), EncryptionContext: { service: 'billing' } }));${handler}`,
    // A context set only when running on Lambda (local runs skip it).
    `${pre}const fn = process.env.AWS_LAMBDA_FUNCTION_NAME;
await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.API_KEY!, 'base64'), EncryptionContext: fn ? { LambdaFunctionName: fn } : undefined }));`,
  ],
  invalid: [
    {
      code: `${pre}const encrypted = process.env.DB_PASSWORD!;
export const handler = async () => {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(encrypted, 'base64') }));
  return Plaintext;
};`,
      errors: [
        {
          messageId: 'missingContext',
          line: 5,
          column: 40,
          data: { variable: 'DB_PASSWORD' },
          suggestions: [
            {
              messageId: 'addContext',
              output: `${pre}const encrypted = process.env.DB_PASSWORD!;
export const handler = async () => {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(encrypted, 'base64'), EncryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME! } }));
  return Plaintext;
};`,
            },
          ],
        },
      ],
    },
    {
      // A context with the wrong key (the one the KMS guide's overview misremembers).
      code: `${pre}await kms.send(new DecryptCommand({
  CiphertextBlob: Buffer.from(process.env.API_KEY!, 'base64'),
  EncryptionContext: { 'aws:lambda:FunctionName': process.env.AWS_LAMBDA_FUNCTION_NAME! },
}));`,
      errors: [{ messageId: 'missingFunctionName', line: 5, column: 3, data: { variable: 'API_KEY' } }],
    },
    {
      code: `${pre}await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.API_KEY!, 'base64'), EncryptionContext: { LambdaFunctionName: 'orders-api' } }));${handler}`,
      options: [{ strict: true }],
      errors: [{ messageId: 'hardCodedFunctionName', line: 3, column: 139, data: { name: 'orders-api' } }],
    },
    {
      // A helper decrypting any variable by name, in a module importing the aws-lambda types.
      code: `${pre}import type { APIGatewayProxyHandler } from 'aws-lambda';
async function secret(name: string) {
  const params = { CiphertextBlob: Buffer.from(process.env[name] ?? '', 'base64') };
  return kms.send(new DecryptCommand(params));
}
export const handler: APIGatewayProxyHandler = async () => ({ statusCode: 200, body: String(await secret('TOKEN')) });`,
      errors: [{ messageId: 'missingContext', line: 6, column: 19, data: { variable: '(computed name)' }, suggestions: [] }],
    },
    {
      // An empty context object.
      code: `${pre}await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.API_KEY!, 'base64'), EncryptionContext: {} }));${handler}`,
      errors: [{ messageId: 'missingFunctionName', line: 3, column: 98 }],
    },
    {
      // The right value under another key.
      code: `${pre}await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.API_KEY!, 'base64'), EncryptionContext: { fn: process.env.AWS_LAMBDA_FUNCTION_NAME! } }));`,
      errors: [{ messageId: 'missingFunctionName', line: 3, column: 98 }],
    },
  ],
});

untyped.run('require-lambda-env-context (no types)', rule, {
  valid: [
    `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
exports.handler = async () => kms.decrypt({ CiphertextBlob: Buffer.from(process.env.SECRET, 'base64'), EncryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME } }).promise();`,
  ],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
const { SECRET } = process.env;
exports.handler = async () => kms.decrypt({ CiphertextBlob: Buffer.from(SECRET, 'base64') }).promise();`,
      errors: [
        {
          messageId: 'missingContext',
          line: 4,
          column: 31,
          data: { variable: 'SECRET' },
          suggestions: [
            {
              messageId: 'addContext',
              output: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
const { SECRET } = process.env;
exports.handler = async () => kms.decrypt({ CiphertextBlob: Buffer.from(SECRET, 'base64'), EncryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME } }).promise();`,
            },
          ],
        },
      ],
    },
  ],
});

untyped.run('require-lambda-env-context: v2 Lambda code as it is written (real code)', rule, {
  valid: [
    // A script that only mentions AWS_LAMBDA_FUNCTION_NAME in a comment is not a Lambda module.
    `// Unlike the Lambda functions, this script never sees AWS_LAMBDA_FUNCTION_NAME: it runs on a build host.
const AWS = require('aws-sdk');
const kms = new AWS.KMS();
kms.decrypt({ CiphertextBlob: Buffer.from(process.env.SEED, 'base64') }, (err, data) => console.log(err, data && data.KeyId));`,
    `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
exports.handler = (event, context, cb) => {
  kms.decrypt({ CiphertextBlob: new Buffer(process.env.API_TOKEN, 'base64'), EncryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME } }, cb);
};`,
  ],
  invalid: [
    {
      // The deprecated new Buffer(x, 'base64') of an environment variable read into a const.
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
const encrypted = process.env.API_TOKEN;
exports.handler = (event, context, cb) => {
  kms.decrypt({ CiphertextBlob: new Buffer(encrypted, 'base64') }, (err, data) => cb(err, data && String(data.Plaintext)));
};`,
      errors: [
        {
          messageId: 'missingContext',
          line: 5,
          data: { variable: 'API_TOKEN' },
          suggestions: [
            {
              messageId: 'addContext',
              output: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
const encrypted = process.env.API_TOKEN;
exports.handler = (event, context, cb) => {
  kms.decrypt({ CiphertextBlob: new Buffer(encrypted, 'base64'), EncryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME } }, (err, data) => cb(err, data && String(data.Plaintext)));
};`,
            },
          ],
        },
      ],
    },
    {
      // The client from a conditional require; the request built in a variable first.
      code: `let AWS;
if (!process.env.LOCAL) AWS = require('aws-sdk');
const kms = new AWS.KMS();
exports.handler = function (event, context, callback) {
  const params = { CiphertextBlob: Buffer.from(process.env.DB_PASS, 'base64') };
  kms.decrypt(params, function (err, data) { callback(err, data); });
};`,
      // The request object is the user's: no suggestion rewrites it from the call site.
      errors: [{ messageId: 'missingContext', line: 6, data: { variable: 'DB_PASS' }, suggestions: [] }],
    },
  ],
});
