import rule from '../../src/rules/require-bucket-key.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();
const pre = `import { S3Client, S3, PutObjectCommand, CopyObjectCommand, CreateMultipartUploadCommand, PutBucketEncryptionCommand, ServerSideEncryption } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
declare const body: string;
`;
// Code after `pre` starts on line 4.

typed.run('require-bucket-key', rule, {
  valid: [
    `${pre}await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/k', BucketKeyEnabled: true }));`,
    // DSSE-KMS: S3 Bucket Keys are not supported. SSE-S3 calls no KMS.
    `${pre}await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: 'alias/k' }));`,
    `${pre}await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: ServerSideEncryption.AES256 }));`,
    `${pre}await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms:dsse', BucketKeyEnabled: false }));`,
    // No SSE header: the bucket default applies.
    `${pre}await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body }));`,
    // Written together in a conditional spread.
    `${pre}declare const kmsKey: string | undefined;
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ...(kmsKey && { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKey, BucketKeyEnabled: true }) }));`,
    // Paired branches of the same test.
    `${pre}declare const prod: boolean;
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: prod ? 'aws:kms' : undefined, BucketKeyEnabled: prod ? true : undefined }));`,
    // Unknown bucket-key value, unknown params.
    `${pre}declare const useBucketKey: boolean;
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: useBucketKey }));`,
    `${pre}declare const params: import('@aws-sdk/client-s3').PutObjectCommandInput;
await s3.send(new PutObjectCommand(params));`,
    `${pre}declare const extra: object;
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms', ...extra }));`,
    // reportMissing: false reports only an explicit false.
    {
      code: `${pre}await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms' }));`,
      options: [{ reportMissing: false }],
    },
    // Bucket default encryption with a bucket key, and with DSSE.
    `${pre}await s3.send(new PutBucketEncryptionCommand({ Bucket: 'b', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/k' }, BucketKeyEnabled: true }] } }));`,
    `${pre}await s3.send(new PutBucketEncryptionCommand({ Bucket: 'b', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms:dsse' } }] } }));`,
    // GetObject takes no SSE-KMS choice; a user's own PutObjectCommand is not S3.
    `class PutObjectCommand { constructor(readonly input: object) {} }
new PutObjectCommand({ ServerSideEncryption: 'aws:kms' });`,
  ],
  invalid: [
    {
      code: `${pre}await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/k' }));`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 4,
          column: 73,
          data: { operation: 'PutObject' },
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `${pre}await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true, SSEKMSKeyId: 'alias/k' }));`,
            },
          ],
        },
      ],
    },
    {
      // Explicit false, through the SDK enum.
      code: `${pre}await s3.send(new CopyObjectCommand({ Bucket: 'b', Key: 'k', CopySource: 'a/b', ServerSideEncryption: ServerSideEncryption.aws_kms, BucketKeyEnabled: false }));`,
      errors: [
        {
          messageId: 'bucketKeyDisabled',
          line: 4,
          column: 151,
          data: { operation: 'CopyObject' },
          suggestions: [
            {
              messageId: 'enableBucketKey',
              output: `${pre}await s3.send(new CopyObjectCommand({ Bucket: 'b', Key: 'k', CopySource: 'a/b', ServerSideEncryption: ServerSideEncryption.aws_kms, BucketKeyEnabled: true }));`,
            },
          ],
        },
      ],
    },
    {
      // reportMissing: false still reports an explicit false.
      code: `${pre}await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: false }));`,
      options: [{ reportMissing: false }],
      errors: [
        {
          messageId: 'bucketKeyDisabled',
          line: 4,
          column: 124,
          suggestions: [
            {
              messageId: 'enableBucketKey',
              output: `${pre}await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }));`,
            },
          ],
        },
      ],
    },
    {
      // Multi-line params built first, with a constant; the suggestion adds a line.
      code: `${pre}const SSE = 'aws:kms';
const params = {
  Bucket: 'b',
  Key: 'k',
  ServerSideEncryption: SSE,
  SSEKMSKeyId: 'alias/k',
};
await s3.send(new CreateMultipartUploadCommand(params));`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 8,
          column: 3,
          data: { operation: 'CreateMultipartUpload' },
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `${pre}const SSE = 'aws:kms';
const params = {
  Bucket: 'b',
  Key: 'k',
  ServerSideEncryption: SSE,
  BucketKeyEnabled: true,
  SSEKMSKeyId: 'alias/k',
};
await s3.send(new CreateMultipartUploadCommand(params));`,
            },
          ],
        },
      ],
    },
    {
      // One branch is SSE-KMS: enough. No suggestion on a conditional value.
      code: `${pre}declare const prod: boolean;
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: prod ? 'aws:kms' : 'AES256' }));`,
      errors: [{ messageId: 'missingBucketKey', line: 5, column: 73, suggestions: [] }],
    },
    {
      // Conditional spread that sets SSE-KMS but not the bucket key: the suggestion goes inside it.
      code: `${pre}declare const kmsKey: string | undefined;
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ...(kmsKey && { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKey }) }));`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 5,
          column: 89,
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `${pre}declare const kmsKey: string | undefined;
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ...(kmsKey && { ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true, SSEKMSKeyId: kmsKey }) }));`,
            },
          ],
        },
      ],
    },
    {
      // Paired branches where the SSE-KMS branch turns the bucket key off.
      code: `${pre}declare const prod: boolean;
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: prod ? 'aws:kms' : undefined, BucketKeyEnabled: prod ? false : undefined }));`,
      errors: [
        {
          messageId: 'bucketKeyDisabled',
          line: 5,
          column: 150,
          suggestions: [
            {
              messageId: 'enableBucketKey',
              output: `${pre}declare const prod: boolean;
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: prod ? 'aws:kms' : undefined, BucketKeyEnabled: prod ? true : undefined }));`,
            },
          ],
        },
      ],
    },
    {
      // Presigned upload: the most common SSE-KMS upload in real code.
      code: `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
export const uploadUrl = (key: string) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'uploads', Key: key, ServerSideEncryption: 'aws:kms' }), { expiresIn: 300 });`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 4,
          column: 112,
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
const s3 = new S3Client({});
export const uploadUrl = (key: string) => getSignedUrl(s3, new PutObjectCommand({ Bucket: 'uploads', Key: key, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }), { expiresIn: 300 });`,
            },
          ],
        },
      ],
    },
    {
      // lib-storage Upload params.
      code: `import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
declare const stream: import('node:stream').Readable;
await new Upload({ client: new S3Client({}), params: { Bucket: 'b', Key: 'k', Body: stream, ServerSideEncryption: 'aws:kms' } }).done();`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 4,
          column: 93,
          data: { operation: 'Upload' },
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
declare const stream: import('node:stream').Readable;
await new Upload({ client: new S3Client({}), params: { Bucket: 'b', Key: 'k', Body: stream, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true } }).done();`,
            },
          ],
        },
      ],
    },
    {
      // v3 aggregated client.
      code: `${pre}await new S3({}).putObject({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: false });`,
      errors: [
        {
          messageId: 'bucketKeyDisabled',
          line: 4,
          column: 116,
          suggestions: [
            {
              messageId: 'enableBucketKey',
              output: `${pre}await new S3({}).putObject({ Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true });`,
            },
          ],
        },
      ],
    },
    {
      // v2 putObject and upload.
      code: `import AWS from 'aws-sdk';
const s3 = new AWS.S3();
await s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }).promise();
await s3.upload({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }).promise();`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 3,
          column: 56,
          data: { operation: 'PutObject' },
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `import AWS from 'aws-sdk';
const s3 = new AWS.S3();
await s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }).promise();
await s3.upload({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }).promise();`,
            },
          ],
        },
        {
          messageId: 'missingBucketKey',
          line: 4,
          column: 53,
          data: { operation: 'Upload' },
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `import AWS from 'aws-sdk';
const s3 = new AWS.S3();
await s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }).promise();
await s3.upload({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }).promise();`,
            },
          ],
        },
      ],
    },
    {
      // Bucket default encryption: absent means disabled (there is nothing to inherit), whatever reportMissing says.
      code: `${pre}await s3.send(new PutBucketEncryptionCommand({
  Bucket: 'b',
  ServerSideEncryptionConfiguration: {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/k' },
      },
    ],
  },
}));`,
      options: [{ reportMissing: false }],
      errors: [
        {
          messageId: 'bucketRuleWithoutBucketKey',
          line: 9,
          column: 47,
          data: { operation: 'PutBucketEncryption' },
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `${pre}await s3.send(new PutBucketEncryptionCommand({
  Bucket: 'b',
  ServerSideEncryptionConfiguration: {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/k' },
        BucketKeyEnabled: true,
      },
    ],
  },
}));`,
            },
          ],
        },
      ],
    },
    {
      code: `${pre}const rules = [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: ServerSideEncryption.aws_kms }, BucketKeyEnabled: false }];
await s3.send(new PutBucketEncryptionCommand({ Bucket: 'b', ServerSideEncryptionConfiguration: { Rules: rules } }));`,
      errors: [{ messageId: 'bucketRuleWithoutBucketKey', line: 4, column: 120, suggestions: [{ messageId: 'enableBucketKey', output: `${pre}const rules = [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: ServerSideEncryption.aws_kms }, BucketKeyEnabled: true }];
await s3.send(new PutBucketEncryptionCommand({ Bucket: 'b', ServerSideEncryptionConfiguration: { Rules: rules } }));` }] }],
    },
  ],
});

untyped.run('require-bucket-key (no types)', rule, {
  valid: [
    `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const put = (key, body) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: key, Body: body, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }));`,
    // The v3 S3 client has no upload method: not the v2 ManagedUpload.
    `import { S3 } from '@aws-sdk/client-s3';
const s3 = new S3({});
s3.upload({ Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' });`,
    `const { PutObjectCommand } = require('./my-s3-wrappers');
new PutObjectCommand({ ServerSideEncryption: 'aws:kms' });`,
  ],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
s3.upload({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms' }, (err) => { if (err) throw err; });`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 3,
          column: 47,
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
s3.upload({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }, (err) => { if (err) throw err; });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { S3Client, PutObjectCommand, ServerSideEncryption } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const put = (key, body) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: key, Body: body, ServerSideEncryption: ServerSideEncryption.aws_kms, BucketKeyEnabled: false }));`,
      errors: [{ messageId: 'bucketKeyDisabled', line: 3, column: 171, suggestions: [{ messageId: 'enableBucketKey', output: `import { S3Client, PutObjectCommand, ServerSideEncryption } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const put = (key, body) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: key, Body: body, ServerSideEncryption: ServerSideEncryption.aws_kms, BucketKeyEnabled: true }));` }] }],
    },
  ],
});

typed.run('require-bucket-key: writes after the literal, params from other modules, v2 presigning', rule, {
  valid: [
    // An unconditional write before the call settles the field, whatever the literal said.
    `${pre}import type { PutObjectCommandInput } from '@aws-sdk/client-s3';
export async function upload() {
  const params: PutObjectCommandInput = { Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms' };
  params.BucketKeyEnabled = true;
  await s3.send(new PutObjectCommand(params));
}`,
    `${pre}import { sseKmsWithBucketKey, sseDsseParams } from './params.js';
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ...sseKmsWithBucketKey }));
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ...sseDsseParams }));`,
    `${pre}import { sseKmsParams } from './params.js';
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ...sseKmsParams, BucketKeyEnabled: true }));`,
  ],
  invalid: [
    {
      // A write in a branch may not run: the literal's "no bucket key" remains a path.
      code: `${pre}declare const fast: boolean;
export async function upload() {
  const params = { Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms' as const };
  if (fast) params.BucketKeyEnabled = true;
  await s3.send(new PutObjectCommand(params));
}`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 6,
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `${pre}declare const fast: boolean;
export async function upload() {
  const params = { Bucket: 'b', Key: 'k', Body: body, ServerSideEncryption: 'aws:kms' as const, BucketKeyEnabled: true };
  if (fast) params.BucketKeyEnabled = true;
  await s3.send(new PutObjectCommand(params));
}`,
            },
          ],
        },
      ],
    },
    {
      // A write after the call does not help the call.
      code: `${pre}export async function upload() {
  const params: { Bucket: string; Key: string; ServerSideEncryption: 'aws:kms'; BucketKeyEnabled?: boolean } = { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' };
  await s3.send(new PutObjectCommand(params));
  params.BucketKeyEnabled = true;
}`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 5,
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `${pre}export async function upload() {
  const params: { Bucket: string; Key: string; ServerSideEncryption: 'aws:kms'; BucketKeyEnabled?: boolean } = { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true };
  await s3.send(new PutObjectCommand(params));
  params.BucketKeyEnabled = true;
}`,
            },
          ],
        },
      ],
    },
    {
      // An explicit false written in another module: reported here, with no suggestion (the value is not in this file).
      code: `${pre}import { sseKmsBucketKeyOff } from './params.js';
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ...sseKmsBucketKeyOff }));`,
      errors: [{ messageId: 'bucketKeyDisabled', line: 5, column: 76, suggestions: [] }],
    },
    {
      // SSE settings spread from another module: their literal values are read from its declarations.
      code: `${pre}import { sseKmsParams } from './params.js';
await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ...sseKmsParams }));`,
      errors: [{ messageId: 'missingBucketKey', line: 5 }],
    },
    {
      code: `${pre}import AWS from 'aws-sdk';
const v2 = new AWS.S3();
export const url = v2.getSignedUrl('putObject', { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/k' });
export const later = v2.getSignedUrlPromise('createMultipartUpload', { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' });`,
      errors: [
        { messageId: 'missingBucketKey', line: 6, suggestions: [{ messageId: 'addBucketKey', output: `${pre}import AWS from 'aws-sdk';
const v2 = new AWS.S3();
export const url = v2.getSignedUrl('putObject', { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true, SSEKMSKeyId: 'alias/k' });
export const later = v2.getSignedUrlPromise('createMultipartUpload', { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' });` }] },
        { messageId: 'missingBucketKey', line: 7, suggestions: [{ messageId: 'addBucketKey', output: `${pre}import AWS from 'aws-sdk';
const v2 = new AWS.S3();
export const url = v2.getSignedUrl('putObject', { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/k' });
export const later = v2.getSignedUrlPromise('createMultipartUpload', { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true });` }] },
      ],
    },
  ],
});

untyped.run('require-bucket-key: v2 presigning (no types)', rule, {
  valid: [
    `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });
s3.getSignedUrl('putObject', { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true });`,
    // Not an S3 client: a look-alike with the same method.
    `const signer = { getSignedUrl(op, p) { return op + JSON.stringify(p); } };
signer.getSignedUrl('putObject', { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' });`,
  ],
  invalid: [
    {
      code: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
const op = 'putObject';
s3.getSignedUrl(op, { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' }, (err, url) => console.log(err, url));`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 4,
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
const op = 'putObject';
s3.getSignedUrl(op, { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }, (err, url) => console.log(err, url));`,
            },
          ],
        },
      ],
    },
  ],
});

typed.run('require-bucket-key: SSE values that reach the request indirectly (real code)', rule, {
  valid: [
    // The DSSE-KMS branch has no bucket keys to ask for; AES256 is SSE-S3.
    `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
declare const cond: boolean;
const sse = cond ? 'aws:kms:dsse' : 'AES256';
export const put = (s3: S3Client) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', ServerSideEncryption: sse as any }));`,
    `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
declare const kmsKeyId: string | undefined;
export const put = (s3: S3Client) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', ...(kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId, BucketKeyEnabled: true } : {}) }));`,
  ],
  invalid: [
    {
      code: `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
declare const cond: boolean;
const sseAlgorithm = cond ? 'aws:kms' : 'AES256';
export const put = (s3: S3Client) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', ServerSideEncryption: sseAlgorithm as any }));`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 4,
          column: 92,
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
declare const cond: boolean;
const sseAlgorithm = cond ? 'aws:kms' : 'AES256';
export const put = (s3: S3Client) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', ServerSideEncryption: sseAlgorithm as any, BucketKeyEnabled: true }));`,
            },
          ],
        },
      ],
    },
  ],
});

untyped.run('require-bucket-key: clients of unknown type, recognised by request shape', rule, {
  valid: [
    `module.exports = (s3) => s3.upload({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }).promise();`,
    // The project's own look-alike.
    `class Store { putObject(p) { return p; } }
new Store().putObject({ Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' });`,
  ],
  invalid: [
    {
      code: `class Uploader {
  constructor(s3) { this.s3 = s3; }
  save(key, body) { return this.s3.putObject({ Bucket: 'b', Key: key, Body: body, ServerSideEncryption: 'aws:kms' }).promise(); }
}`,
      errors: [
        {
          messageId: 'missingBucketKey',
          line: 3,
          column: 83,
          suggestions: [
            {
              messageId: 'addBucketKey',
              output: `class Uploader {
  constructor(s3) { this.s3 = s3; }
  save(key, body) { return this.s3.putObject({ Bucket: 'b', Key: key, Body: body, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }).promise(); }
}`,
            },
          ],
        },
      ],
    },
  ],
});
