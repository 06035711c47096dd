// Lambda helper modules: a file that exports no `handler` but belongs to a Lambda project (a Lambda dependency in
// its package.json, a Serverless or SAM template, a `lambda/` folder) is judged like a handler module; and a
// same-file helper whose every call passes an environment variable decrypts that variable. The projects are laid
// out in a temporary folder, each with its own `.git`, so nothing above them counts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import rule from '../../src/rules/require-lambda-env-context.js';
import { fileInLambdaProject } from '../../src/sdk/lambdaProject.js';
import { createUntypedRuleTester } from '../RuleTester.js';

const untyped = createUntypedRuleTester();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lambda-projects-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const byDependency = project('by-dependency', { 'package.json': JSON.stringify({ devDependencies: { '@types/aws-lambda': '^8' } }) });
const byServerless = project('by-serverless', { 'serverless.yml': 'service: notes\n', 'packages/api/package.json': '{"name":"api"}' });
const bySam = project('by-sam', { 'template.yaml': 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n' });
const byFolder = project('by-folder', { 'package.json': '{}' });
const plainService = project('plain-service', { 'package.json': JSON.stringify({ dependencies: { express: '^5' } }), 'template.yaml': 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n' });
// A serverless.yml above the repository's root belongs to something else.
const nested = project('outer/inner', { 'package.json': '{"name":"inner"}' });
fs.writeFileSync(path.join(root, 'outer', 'serverless.yml'), 'service: outer\n');

const helperModule = `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
async function envSecret(name) {
  const params = { CiphertextBlob: Buffer.from(process.env[name], 'base64') };
  const data = await kms.decrypt(params).promise();
  return data.Plaintext.toString('ascii');
}
module.exports = { envSecret };`;
const fixedHelper = helperModule.replace(
  "Buffer.from(process.env[name], 'base64') }",
  "Buffer.from(process.env[name], 'base64'), EncryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME } }",
);
const missing = (filename: string) => ({
  filename,
  code: helperModule,
  errors: [{ messageId: 'missingContext' as const, line: 5, data: { variable: '(computed name)' } }],
});

untyped.run('require-lambda-env-context: helper modules of Lambda projects', rule, {
  valid: [
    { filename: path.join(plainService, 'src/secrets.js'), code: helperModule },
    { filename: path.join(nested, 'src/secrets.js'), code: helperModule },
    { filename: path.join(byDependency, 'src/secrets.js'), code: fixedHelper },
    // A helper that also decrypts a value that is not an environment variable is not reading the environment.
    {
      filename: path.join(plainService, 'handler.js'),
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
const decryptAws = (val) => kms.decrypt({ CiphertextBlob: Buffer.from(val, 'base64') }).promise();
exports.handler = async (event) => [await decryptAws(process.env.TOKEN), await decryptAws(event.blob)];`,
    },
    // A helper passed on (exported) may be called with anything.
    {
      filename: path.join(plainService, 'handler.js'),
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
function decryptAws(val) { return kms.decrypt({ CiphertextBlob: Buffer.from(val, 'base64') }).promise(); }
exports.handler = async () => decryptAws(process.env.TOKEN);
exports.decryptAws = decryptAws;`,
    },
  ],
  invalid: [
    missing(path.join(byDependency, 'src/secrets.js')),
    missing(path.join(byServerless, 'packages/api/lib/secrets.js')),
    missing(path.join(bySam, 'src/secrets.js')),
    missing(path.join(byFolder, 'lambdas/orders/secrets.js')),
    {
      // The memoised decryptAws shape: the helper takes the value, the handler passes the variable.
      filename: path.join(plainService, 'handler.js'),
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
const decryptAws = (val) => new Promise((resolve, reject) => {
  const opts = { CiphertextBlob: Buffer.from(val, 'base64') };
  kms.decrypt(opts, (err, data) => (err ? reject(err) : resolve(data.Plaintext.toString('ascii'))));
});
exports.handler = async () => decryptAws(process.env.SLACK_TOKEN);`,
      errors: [
        {
          messageId: 'missingContext',
          line: 5,
          data: { variable: 'SLACK_TOKEN' },
        },
      ],
    },
  ],
});

untyped.run('require-lambda-env-context: project facts follow the files', rule, {
  valid: [
    {
      // fileInLambdaProject re-reads a package.json that changed (an editor session): checked before and after.
      filename: path.join(root, 'check.js'),
      code: (() => {
        const dir = project('changing', { 'package.json': '{}' });
        const file = path.join(dir, 'src/a.js');
        const before = fileInLambdaProject(file);
        fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { '@middy/core': '^5', padding: '1' } }));
        const after = fileInLambdaProject(file);
        if (before !== false || after !== true || fileInLambdaProject('<input>') !== false) throw new Error(`fileInLambdaProject: ${before} → ${after}`);
        return 'export const ok = 1;';
      })(),
    },
  ],
  invalid: [],
});
