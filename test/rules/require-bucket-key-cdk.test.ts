// require-bucket-key on AWS CDK code: aws-s3 Bucket and CfnBucket, aws-s3-deployment BucketDeployment.
// Typed (the class symbol's declaring package) and untyped (imports), with the near-misses.
import rule from '../../src/rules/require-bucket-key.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';
import { vi } from 'vitest';

// The first typed case loads aws-cdk-lib's declarations into the project (tens of seconds on a loaded machine).
vi.setConfig({ testTimeout: 240_000 });

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();

const pre = `import { App, Stack, Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as kms from 'aws-cdk-lib/aws-kms';
const stack = new Stack(new App(), 'S');
`;
// Code after `pre` starts on line 5.
const preJs = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
const stack = {};
`;
// Code after `preJs` starts on line 4.

const valid = [
  // Bucket key on; S3-managed, DSSE and unencrypted buckets make no per-object KMS request the Bucket Key could save.
  `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });`,
  `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.S3_MANAGED });`,
  `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.DSSE });`,
  `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.DSSE_MANAGED });`,
  `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.UNENCRYPTED });`,
  `${pre}new s3.Bucket(stack, 'B');`,
  `${pre}new s3.Bucket(stack, 'B', { versioned: true });`,
  // Encryption decided by a value the rule cannot read: silent by default.
  `${pre}declare const encryption: s3.BucketEncryption;
new s3.Bucket(stack, 'B', { encryption });`,
  `${pre}declare const props: s3.BucketProps;
new s3.Bucket(stack, 'B', props);`,
  // An encryptionKey that may be undefined, without an encryption: KMS only on some runs, unknown which.
  `${pre}declare const key: kms.IKey | undefined;
new s3.Bucket(stack, 'B', { encryptionKey: key });`,
  // A user's own class named Bucket, and an enum of the user's own named BucketEncryption.
  `class Bucket { constructor(_s: unknown, _i: string, _p: object) {} }
enum BucketEncryption { KMS = 'KMS' }
new Bucket({}, 'B', { encryption: BucketEncryption.KMS });
import 'aws-cdk-lib';`,
  // bucketKeyEnabled held in a variable: unknown, silent.
  `${pre}declare const bucketKey: boolean;
new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: bucketKey });`,
  // CfnBucket: the rule has a bucket key; DSSE and AES256 rules need none.
  `${pre}new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }] } });`,
  `${pre}new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms:dsse' } }] } });`,
  `${pre}new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] } });`,
];

typed.run('require-bucket-key (CDK, typed)', rule, {
  valid: [
    ...valid,
    // BucketDeployment into a bucket with a bucket key; with SSE-S3; into a bucket declared elsewhere.
    `${pre}import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });
new deploy.BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: deploy.ServerSideEncryption.AWS_KMS });`,
    `${pre}import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site');
new deploy.BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: deploy.ServerSideEncryption.AES_256 });`,
    `${pre}import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
declare const site: s3.IBucket;
new deploy.BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: deploy.ServerSideEncryption.AWS_KMS });`,
    // A subclass of the user's own: what it does with its props is its business.
    `${pre}class SecureBucket extends s3.Bucket {}
new SecureBucket(stack, 'B', { encryption: s3.BucketEncryption.KMS });`,
  ],
  invalid: [
    {
      code: `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS });`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 5,
          column: 29,
          data: { construct: 'Bucket' },
          suggestions: [
            { messageId: 'addCdkBucketKey', output: `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });` },
          ],
        },
      ],
    },
    {
      // KMS_MANAGED (the AWS managed key aws/s3) is SSE-KMS too; one property a line keeps its layout.
      code: `${pre}new s3.Bucket(stack, 'B', {
  encryption: s3.BucketEncryption.KMS_MANAGED,
  versioned: true,
});`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}new s3.Bucket(stack, 'B', {
  encryption: s3.BucketEncryption.KMS_MANAGED,
  bucketKeyEnabled: true,
  versioned: true,
});`,
            },
          ],
        },
      ],
    },
    {
      // An encryptionKey without encryption implies KMS (CDK's parseEncryption).
      code: `${pre}const key = new kms.Key(stack, 'K', { enableKeyRotation: true });
new s3.Bucket(stack, 'B', { encryptionKey: key });`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 6,
          column: 29,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}const key = new kms.Key(stack, 'K', { enableKeyRotation: true });
new s3.Bucket(stack, 'B', { encryptionKey: key, bucketKeyEnabled: true });`,
            },
          ],
        },
      ],
    },
    {
      code: `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: false });`,
      errors: [
        {
          messageId: 'cdkBucketKeyDisabled',
          line: 5,
          column: 84,
          suggestions: [
            { messageId: 'enableCdkBucketKey', output: `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });` },
          ],
        },
      ],
    },
    {
      // Props in a variable, with a spread of shared defaults; a factory function returning them.
      code: `${pre}const base = { encryption: s3.BucketEncryption.KMS, enforceSSL: true };
const props = { ...base, versioned: true };
new s3.Bucket(stack, 'B', props);
function bucketProps() { return { encryption: s3.BucketEncryption.KMS }; }
new s3.Bucket(stack, 'C', bucketProps());`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 5,
          column: 16,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}const base = { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true, enforceSSL: true };
const props = { ...base, versioned: true };
new s3.Bucket(stack, 'B', props);
function bucketProps() { return { encryption: s3.BucketEncryption.KMS }; }
new s3.Bucket(stack, 'C', bucketProps());`,
            },
          ],
        },
        {
          messageId: 'cdkMissingBucketKey',
          line: 8,
          column: 35,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}const base = { encryption: s3.BucketEncryption.KMS, enforceSSL: true };
const props = { ...base, versioned: true };
new s3.Bucket(stack, 'B', props);
function bucketProps() { return { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true }; }
new s3.Bucket(stack, 'C', bucketProps());`,
            },
          ],
        },
      ],
    },
    {
      // One branch is KMS: that path misses the bucket key; no fix, the other branch is unencrypted.
      code: `${pre}declare const prod: boolean;
new s3.Bucket(stack, 'B', { encryption: prod ? s3.BucketEncryption.KMS : s3.BucketEncryption.UNENCRYPTED });`,
      errors: [{ messageId: 'cdkMissingBucketKey', line: 6, column: 29, suggestions: [] }],
    },
    {
      // aws-cdk-lib's root namespace export, v1's @aws-cdk/aws-s3 and a const alias of the enum.
      code: `import { aws_s3, Stack } from 'aws-cdk-lib';
declare const stack: Stack;
const Enc = aws_s3.BucketEncryption;
new aws_s3.Bucket(stack, 'B', { encryption: Enc.KMS });`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 4,
          column: 33,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `import { aws_s3, Stack } from 'aws-cdk-lib';
declare const stack: Stack;
const Enc = aws_s3.BucketEncryption;
new aws_s3.Bucket(stack, 'B', { encryption: Enc.KMS, bucketKeyEnabled: true });`,
            },
          ],
        },
      ],
    },
    {
      code: `${pre}new s3.CfnBucket(stack, 'B', {
  bucketEncryption: {
    serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/data' } }],
  },
});`,
      errors: [
        {
          messageId: 'cdkRuleWithoutBucketKey',
          line: 7,
          column: 76,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}new s3.CfnBucket(stack, 'B', {
  bucketEncryption: {
    serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/data' }, bucketKeyEnabled: true }],
  },
});`,
            },
          ],
        },
      ],
    },
    {
      code: `${pre}new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: false }] } });`,
      errors: [
        {
          messageId: 'cdkRuleWithoutBucketKey',
          line: 5,
          column: 168,
          suggestions: [
            {
              messageId: 'enableCdkBucketKey',
              output: `${pre}new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }] } });`,
            },
          ],
        },
      ],
    },
    {
      // A deployment with SSE-KMS into an unencrypted bucket of this file: every object costs a KMS request.
      code: `${pre}import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site');
new deploy.BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: deploy.ServerSideEncryption.AWS_KMS });`,
      errors: [{ messageId: 'cdkDeploymentWithoutBucketKey', line: 7, column: 81, data: { line: '6' }, suggestions: [] }],
    },
    {
      // Into an S3-managed bucket: bucketKeyEnabled is accepted there, so the fix goes on the bucket.
      code: `${pre}import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.S3_MANAGED });
new deploy.BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: deploy.ServerSideEncryption.AWS_KMS });`,
      errors: [
        {
          messageId: 'cdkDeploymentWithoutBucketKey',
          line: 7,
          column: 81,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.S3_MANAGED, bucketKeyEnabled: true });
new deploy.BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: deploy.ServerSideEncryption.AWS_KMS });`,
            },
          ],
        },
      ],
    },
    {
      // reportUndecidable (the strict preset): encryption from a variable is reported, without a fix.
      code: `${pre}declare const encryption: s3.BucketEncryption;
new s3.Bucket(stack, 'B', { encryption });`,
      options: [{ reportUndecidable: true }],
      errors: [{ messageId: 'cdkUndecidableEncryption', line: 6, column: 29, data: { construct: 'Bucket' } }],
    },
  ],
});

const multi = `new cdk.aws_s3.Bucket(stack, 'A', { encryption: cdk.aws_s3.BucketEncryption.KMS_MANAGED });
const { Bucket, BucketEncryption } = require('@aws-cdk/aws-s3');
new Bucket(stack, 'B', { encryption: BucketEncryption.KMS, bucketKeyEnabled: false });
const kms = require('aws-cdk-lib/aws-kms');
const key = new kms.Key(stack, 'K');
new s3.Bucket(stack, 'C', { encryptionKey: key });`;

untyped.run('require-bucket-key (CDK, untyped)', rule, {
  valid: [
    `${preJs}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });`,
    `${preJs}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.S3_MANAGED });`,
    `${preJs}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.DSSE });`,
    `${preJs}new cdk.aws_s3.Bucket(stack, 'B', { encryption: cdk.aws_s3.BucketEncryption.DSSE_MANAGED });`,
    // Look-alikes: a class of the file's own, and a Bucket from another library.
    `${preJs}class Bucket { constructor(s, i, p) {} }
new Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS });`,
    `import { Bucket } from 'my-storage';
import 'aws-cdk-lib';
new Bucket({}, 'B', { encryption: 'KMS' });`,
    // The encryption comes from a parameter: silent.
    `${preJs}export function make(stack, encryption) { return new s3.Bucket(stack, 'B', { encryption }); }`,
    // Under reportUndecidable too: an explicit bucket key leaves nothing to report, whatever the encryption.
    { code: `${preJs}export function make(stack, encryption) { return new s3.Bucket(stack, 'B', { encryption, bucketKeyEnabled: true }); }`, options: [{ reportUndecidable: true }] },
    // A file that names no CDK module is never looked at.
    `new Bucket({}, 'B', { encryption: BucketEncryption.KMS });`,
  ],
  invalid: [
    {
      code: `${preJs}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS });`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 4,
          column: 29,
          suggestions: [
            { messageId: 'addCdkBucketKey', output: `${preJs}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });` },
          ],
        },
      ],
    },
    {
      // The root namespace (cdk.aws_s3), require(), v1's @aws-cdk/aws-s3, an encryptionKey from new.
      code: `${preJs}${multi}`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 4,
          column: 37,
          suggestions: [{ messageId: 'addCdkBucketKey', output: `${preJs}${multi.replace('KMS_MANAGED }', 'KMS_MANAGED, bucketKeyEnabled: true }')}` }],
        },
        {
          messageId: 'cdkBucketKeyDisabled',
          line: 6,
          column: 78,
          suggestions: [{ messageId: 'enableCdkBucketKey', output: `${preJs}${multi.replace('bucketKeyEnabled: false', 'bucketKeyEnabled: true')}` }],
        },
        {
          messageId: 'cdkMissingBucketKey',
          line: 9,
          column: 29,
          suggestions: [{ messageId: 'addCdkBucketKey', output: `${preJs}${multi.replace('encryptionKey: key }', 'encryptionKey: key, bucketKeyEnabled: true }')}` }],
        },
      ],
    },
    {
      code: `${preJs}import { BucketDeployment, ServerSideEncryption } from 'aws-cdk-lib/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.KMS });
new BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: ServerSideEncryption.AWS_KMS });`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 5,
          column: 45,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${preJs}import { BucketDeployment, ServerSideEncryption } from 'aws-cdk-lib/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });
new BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: ServerSideEncryption.AWS_KMS });`,
            },
          ],
        },
        {
          messageId: 'cdkDeploymentWithoutBucketKey',
          line: 6,
          column: 74,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${preJs}import { BucketDeployment, ServerSideEncryption } from 'aws-cdk-lib/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });
new BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: ServerSideEncryption.AWS_KMS });`,
            },
          ],
        },
      ],
    },
    {
      code: `${preJs}export function make(stack, encryption) { return new s3.Bucket(stack, 'B', { encryption }); }`,
      options: [{ reportUndecidable: true }],
      errors: [{ messageId: 'cdkUndecidableEncryption', line: 4, column: 78 }],
    },
  ],
});

// Without types: CfnBucket rules, deployments, v1 modules, props the rule cannot read, spreads that hide the props.
const deployJs = `${preJs}import { BucketDeployment, ServerSideEncryption } from 'aws-cdk-lib/aws-s3-deployment';
`;
// Code after `deployJs` starts on line 5.
const cfn = (rules: string) => `${preJs}new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: ${rules} } });`;

untyped.run('require-bucket-key (CDK, untyped): CfnBucket, deployments, unreadable props', rule, {
  valid: [
    `${preJs}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.UNENCRYPTED });
new s3.Bucket(stack, 'C');
new s3.Bucket(stack, 'D', { versioned: true });
new s3.Bucket(stack, 'E', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: !false });`,
    // Spreads that hide the props, props and keys from parameters: silent, even under reportUndecidable for a key
    // that may be undefined (the bucket is then unencrypted, or KMS: unknown which).
    `${preJs}export function make(args, rest, key, on) {
  new s3.Bucket(...args);
  new s3.Bucket(stack, ...rest);
  new s3.CfnBucket(stack, 'C', ...rest);
  new s3.Bucket(stack, 'D', { encryptionKey: key });
  new s3.Bucket(stack, 'E', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: on });
}`,
    // Computed members the rule cannot read.
    `${preJs}export function make(kind, level) {
  new s3[kind](stack, 'B', { encryption: s3.BucketEncryption.KMS });
  new s3.Bucket(stack, 'C', { encryption: s3.BucketEncryption[level] });
}`,
    // Another module's enum with the same member names, and a string: not the CDK's BucketEncryption.
    `${preJs}import { BucketEncryption } from './my-enums';
new s3.Bucket(stack, 'B', { encryption: BucketEncryption.KMS });
new s3.Bucket(stack, 'C', { encryption: cdk.aws_s3.StorageClass.KMS });
new s3.Bucket(stack, 'D', { encryption: 'S3_MANAGED' });`,
    // CfnBucket rules with a bucket key, without KMS, or that the rule cannot read.
    cfn(`[{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }]`),
    cfn(`[{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms:dsse' } }, { serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }]`),
    `${preJs}export function make(rules, rule, algorithm, byDefault, config) {
  new s3.CfnBucket(stack, 'A', { bucketEncryption: { serverSideEncryptionConfiguration: rules } });
  new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: [rule, ...rules, , { bucketKeyEnabled: false }] } });
  new s3.CfnBucket(stack, 'C', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: algorithm } }] } });
  new s3.CfnBucket(stack, 'D', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: byDefault }] } });
  new s3.CfnBucket(stack, 'E', { bucketEncryption: config });
  new s3.CfnBucket(stack, 'F', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: {} }] } });
  new s3.CfnBucket(stack, 'G', { versioningConfiguration: { status: 'Enabled' } });
  new s3.CfnBucket(stack, 'H');
}`,
    // Deployments: SSE-S3 or DSSE uploads; a bucket with a bucket key; buckets this file does not declare.
    `${deployJs}const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });
new BucketDeployment(stack, 'A', { sources: [], destinationBucket: site, serverSideEncryption: ServerSideEncryption.AES_256 });
new BucketDeployment(stack, 'B', { sources: [], destinationBucket: site, serverSideEncryption: ServerSideEncryption.AWS_KMS_DSSE });
new BucketDeployment(stack, 'C', { sources: [], destinationBucket: site, serverSideEncryption: ServerSideEncryption.AWS_KMS });
new BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: 'aws:kms' });
export function make(bucket, sse, props, prod) {
  new BucketDeployment(stack, 'E', { sources: [], destinationBucket: bucket, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  new BucketDeployment(stack, 'F', { sources: [], destinationBucket: new s3.Bucket(stack, 'G'), serverSideEncryption: sse });
  new BucketDeployment(stack, 'H', props);
  new BucketDeployment(stack, 'I');
  new BucketDeployment(stack, 'J', { sources: [], destinationBucket: prod ? new s3.Bucket(stack, 'J1') : bucket, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  const spread = new s3.Bucket(stack, 'K', ...props);
  new BucketDeployment(stack, 'L', { sources: [], destinationBucket: spread, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  const unread = new s3.Bucket(stack, 'M', props);
  new BucketDeployment(stack, 'N', { sources: [], destinationBucket: unread, serverSideEncryption: ServerSideEncryption.AWS_KMS });
}
const other = { ServerSideEncryption: { AWS_KMS: 'aws:kms' } };
new BucketDeployment(stack, 'O', { sources: [], destinationBucket: new s3.Bucket(stack, 'P'), serverSideEncryption: other.ServerSideEncryption.AWS_KMS });
new BucketDeployment(stack, 'Q', { sources: [], destinationBucket: new s3.Bucket(stack, 'R'), serverSideEncryption: s3.ServerSideEncryption.AWS_KMS });`,
  ],
  invalid: [
    {
      // v1 alone opens the file; an imported key (fromKeyArn) is a key; bucketKeyEnabled on one path only: no second one.
      code: `import * as s3 from '@aws-cdk/aws-s3';
import * as kms from '@aws-cdk/aws-kms';
new s3.Bucket(this, 'A', { encryptionKey: kms.Key.fromKeyArn(this, 'K', 'arn:aws:kms:us-east-1:111122223333:key/k') });
export function make(prod) { new s3.Bucket(this, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: prod ? true : undefined }); }`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 3,
          column: 28,
          data: { construct: 'Bucket' },
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `import * as s3 from '@aws-cdk/aws-s3';
import * as kms from '@aws-cdk/aws-kms';
new s3.Bucket(this, 'A', { encryptionKey: kms.Key.fromKeyArn(this, 'K', 'arn:aws:kms:us-east-1:111122223333:key/k'), bucketKeyEnabled: true });
export function make(prod) { new s3.Bucket(this, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: prod ? true : undefined }); }`,
            },
          ],
        },
        { messageId: 'cdkMissingBucketKey', line: 4, column: 57, suggestions: [] },
      ],
    },
    {
      // An encryption that is KMS on one path and unreadable on the other: the KMS path is reported, without a fix.
      code: `${preJs}export function make(prod, encryption) { new s3.Bucket(stack, 'B', { encryption: prod ? s3.BucketEncryption.KMS : encryption }); }`,
      errors: [{ messageId: 'cdkMissingBucketKey', line: 4, column: 70, suggestions: [] }],
    },
    {
      // aws-cdk-lib's default import (ESM over CommonJS), a const alias of the module, a computed member that is static.
      code: `import cdk from 'aws-cdk-lib';
const s3 = cdk.aws_s3;
const storage = s3;
new storage.Bucket(this, 'A', { encryption: storage.BucketEncryption.KMS_MANAGED });
new cdk['aws_s3'].Bucket(this, 'B', { encryption: cdk.aws_s3['BucketEncryption'].KMS });`,
      errors: [
        { messageId: 'cdkMissingBucketKey', line: 4, column: 33, suggestions: [{ messageId: 'addCdkBucketKey', output: `import cdk from 'aws-cdk-lib';
const s3 = cdk.aws_s3;
const storage = s3;
new storage.Bucket(this, 'A', { encryption: storage.BucketEncryption.KMS_MANAGED, bucketKeyEnabled: true });
new cdk['aws_s3'].Bucket(this, 'B', { encryption: cdk.aws_s3['BucketEncryption'].KMS });` }] },
        { messageId: 'cdkMissingBucketKey', line: 5, column: 39, suggestions: [{ messageId: 'addCdkBucketKey', output: `import cdk from 'aws-cdk-lib';
const s3 = cdk.aws_s3;
const storage = s3;
new storage.Bucket(this, 'A', { encryption: storage.BucketEncryption.KMS_MANAGED });
new cdk['aws_s3'].Bucket(this, 'B', { encryption: cdk.aws_s3['BucketEncryption'].KMS, bucketKeyEnabled: true });` }] },
      ],
    },
    {
      // Encryption KMS held in a const, and a key in a const chain.
      code: `${preJs}const KMS = s3.BucketEncryption.KMS;
const key = new cdk.aws_kms.Key(stack, 'K');
const sameKey = key;
new s3.Bucket(stack, 'A', { encryption: KMS });
new s3.Bucket(stack, 'B', { encryptionKey: sameKey });`,
      errors: [
        { messageId: 'cdkMissingBucketKey', line: 7, column: 29, suggestions: [{ messageId: 'addCdkBucketKey', output: `${preJs}const KMS = s3.BucketEncryption.KMS;
const key = new cdk.aws_kms.Key(stack, 'K');
const sameKey = key;
new s3.Bucket(stack, 'A', { encryption: KMS, bucketKeyEnabled: true });
new s3.Bucket(stack, 'B', { encryptionKey: sameKey });` }] },
        { messageId: 'cdkMissingBucketKey', line: 8, column: 29, suggestions: [{ messageId: 'addCdkBucketKey', output: `${preJs}const KMS = s3.BucketEncryption.KMS;
const key = new cdk.aws_kms.Key(stack, 'K');
const sameKey = key;
new s3.Bucket(stack, 'A', { encryption: KMS });
new s3.Bucket(stack, 'B', { encryptionKey: sameKey, bucketKeyEnabled: true });` }] },
      ],
    },
    {
      // CfnBucket: the KMS rule among others; rules and the rule itself held in consts (no fix inside another literal).
      code: cfn(`[{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }, { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }]`),
      errors: [
        {
          messageId: 'cdkRuleWithoutBucketKey',
          line: 4,
          column: 186,
          data: { construct: 'CfnBucket' },
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: cfn(`[{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }, { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }]`),
            },
          ],
        },
      ],
    },
    {
      code: `${preJs}const byDefault = { sseAlgorithm: 'aws:kms' };
const kmsRule = { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } };
const rules = [{ serverSideEncryptionByDefault: byDefault }, kmsRule];
new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: rules } });
export function make(on) {
  new s3.CfnBucket(stack, 'C', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: byDefault, bucketKeyEnabled: on ? true : undefined }] } });
  const off = false;
  new s3.CfnBucket(stack, 'D', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: byDefault, bucketKeyEnabled: off }] } });
}`,
      errors: [
        {
          messageId: 'cdkRuleWithoutBucketKey',
          line: 4,
          column: 21,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${preJs}const byDefault = { sseAlgorithm: 'aws:kms' };
const kmsRule = { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } };
const rules = [{ serverSideEncryptionByDefault: byDefault, bucketKeyEnabled: true }, kmsRule];
new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: rules } });
export function make(on) {
  new s3.CfnBucket(stack, 'C', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: byDefault, bucketKeyEnabled: on ? true : undefined }] } });
  const off = false;
  new s3.CfnBucket(stack, 'D', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: byDefault, bucketKeyEnabled: off }] } });
}`,
            },
          ],
        },
        { messageId: 'cdkRuleWithoutBucketKey', line: 4, column: 21, suggestions: [] },
        { messageId: 'cdkRuleWithoutBucketKey', line: 5, column: 52, suggestions: [] },
        { messageId: 'cdkRuleWithoutBucketKey', line: 11, column: 152, suggestions: [] },
      ],
    },
    {
      // Deployments with SSE-KMS (enum or its string value) into buckets of this file without a bucket key.
      code: `${deployJs}const plain = new s3.Bucket(stack, 'Plain');
const managed = new s3.Bucket(stack, 'Managed', { encryption: s3.BucketEncryption.S3_MANAGED, bucketKeyEnabled: false });
const branches = (prod) => new s3.Bucket(stack, 'Branches', { encryption: prod ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED });
new BucketDeployment(stack, 'A', { sources: [], destinationBucket: plain, serverSideEncryption: 'aws:kms' });
new BucketDeployment(stack, 'B', { sources: [], destinationBucket: managed, serverSideEncryption: ServerSideEncryption.AWS_KMS });
new BucketDeployment(stack, 'C', { sources: [], destinationBucket: new s3.Bucket(stack, 'Inline', { versioned: true }), serverSideEncryption: cdk.aws_s3_deployment.ServerSideEncryption.AWS_KMS });`,
      errors: [
        // KMS on one branch: reported on that branch, no fix inside a conditional.
        { messageId: 'cdkMissingBucketKey', line: 7, column: 63, suggestions: [] },
        { messageId: 'cdkDeploymentWithoutBucketKey', line: 8, column: 75, data: { line: '5' }, suggestions: [] },
        { messageId: 'cdkDeploymentWithoutBucketKey', line: 9, column: 77, data: { line: '6' }, suggestions: [] },
        { messageId: 'cdkDeploymentWithoutBucketKey', line: 10, column: 121, data: { line: '10' }, suggestions: [] },
      ],
    },
    {
      // A file that names one CDK submodule only (double quotes), and one that names v1's aws-s3 only.
      code: `import { Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";
new Bucket(this, 'B', { encryption: BucketEncryption.KMS });`,
      errors: [{ messageId: 'cdkMissingBucketKey', line: 2, column: 25, suggestions: [{ messageId: 'addCdkBucketKey', output: `import { Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";
new Bucket(this, 'B', { encryption: BucketEncryption.KMS, bucketKeyEnabled: true });` }] }],
    },
    {
      code: `const s3 = require('@aws-cdk/aws-s3');
new s3.Bucket(this, 'B', { encryption: s3.BucketEncryption.KMS_MANAGED, bucketKeyEnabled: false });`,
      errors: [{ messageId: 'cdkBucketKeyDisabled', line: 2, column: 91, suggestions: [{ messageId: 'enableCdkBucketKey', output: `const s3 = require('@aws-cdk/aws-s3');
new s3.Bucket(this, 'B', { encryption: s3.BucketEncryption.KMS_MANAGED, bucketKeyEnabled: true });` }] }],
    },
    {
      // CfnBucket rules on one path only, after a hole in the rules array, and an algorithm chosen by a conditional.
      code: `${preJs}export function make(prod) {
  new s3.CfnBucket(stack, 'A', { bucketEncryption: { serverSideEncryptionConfiguration: prod ? [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }] : undefined } });
  new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: [, { serverSideEncryptionByDefault: { sseAlgorithm: prod ? 'aws:kms' : 'AES256' } }] } });
  new s3.CfnBucket(stack, 'C', { bucketEncryption: prod ? undefined : { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: prod ? undefined : { sseAlgorithm: 'aws:kms' } }] } });
}`,
      errors: [
        {
          messageId: 'cdkRuleWithoutBucketKey',
          line: 5,
          column: 132,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${preJs}export function make(prod) {
  new s3.CfnBucket(stack, 'A', { bucketEncryption: { serverSideEncryptionConfiguration: prod ? [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }] : undefined } });
  new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: [, { serverSideEncryptionByDefault: { sseAlgorithm: prod ? 'aws:kms' : 'AES256' } }] } });
  new s3.CfnBucket(stack, 'C', { bucketEncryption: prod ? undefined : { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: prod ? undefined : { sseAlgorithm: 'aws:kms' } }] } });
}`,
            },
          ],
        },
        {
          messageId: 'cdkRuleWithoutBucketKey',
          line: 6,
          column: 127,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${preJs}export function make(prod) {
  new s3.CfnBucket(stack, 'A', { bucketEncryption: { serverSideEncryptionConfiguration: prod ? [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }] : undefined } });
  new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: [, { serverSideEncryptionByDefault: { sseAlgorithm: prod ? 'aws:kms' : 'AES256' }, bucketKeyEnabled: true }] } });
  new s3.CfnBucket(stack, 'C', { bucketEncryption: prod ? undefined : { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: prod ? undefined : { sseAlgorithm: 'aws:kms' } }] } });
}`,
            },
          ],
        },
        {
          messageId: 'cdkRuleWithoutBucketKey',
          line: 7,
          column: 163,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${preJs}export function make(prod) {
  new s3.CfnBucket(stack, 'A', { bucketEncryption: { serverSideEncryptionConfiguration: prod ? [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }] : undefined } });
  new s3.CfnBucket(stack, 'B', { bucketEncryption: { serverSideEncryptionConfiguration: [, { serverSideEncryptionByDefault: { sseAlgorithm: prod ? 'aws:kms' : 'AES256' } }] } });
  new s3.CfnBucket(stack, 'C', { bucketEncryption: prod ? undefined : { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: prod ? undefined : { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }] } });
}`,
            },
          ],
        },
      ],
    },
    {
      // A deployment into an S3-managed bucket of this file without a bucket key: the fix goes on the bucket.
      code: `${deployJs}const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.S3_MANAGED });
new BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: ServerSideEncryption.AWS_KMS });`,
      errors: [
        {
          messageId: 'cdkDeploymentWithoutBucketKey',
          line: 6,
          column: 74,
          data: { line: '5' },
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${deployJs}const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.S3_MANAGED, bucketKeyEnabled: true });
new BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: ServerSideEncryption.AWS_KMS });`,
            },
          ],
        },
      ],
    },
    {
      // reportUndecidable: no encryption on one path and a spread that may hold a key: reported at the bucket.
      code: `${preJs}export function make(props, prod) { new s3.Bucket(stack, 'B', { ...props, encryption: prod ? undefined : s3.BucketEncryption.S3_MANAGED, bucketKeyEnabled: false }); }`,
      options: [{ reportUndecidable: true }],
      errors: [{ messageId: 'cdkUndecidableEncryption', line: 4, column: 37 }],
    },
    {
      // reportUndecidable: props the rule cannot read at all, and an encryptionKey that may be undefined.
      code: `${preJs}export function make(props, rest, key) {
  new s3.Bucket(stack, 'A', props);
  new s3.Bucket(stack, 'B', ...rest);
  new s3.Bucket(stack, 'C', { encryptionKey: key });
  new s3.Bucket(stack, 'D', { encryption: s3.BucketEncryption.KMS_MANAGED, ...props });
}`,
      options: [{ reportUndecidable: true }],
      errors: [
        { messageId: 'cdkUndecidableEncryption', line: 5, column: 3, data: { construct: 'Bucket' } },
        { messageId: 'cdkUndecidableEncryption', line: 6, column: 3 },
        { messageId: 'cdkUndecidableEncryption', line: 7, column: 46 },
        { messageId: 'cdkUndecidableEncryption', line: 8, column: 3 },
      ],
    },
  ],
});
