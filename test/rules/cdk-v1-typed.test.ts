// Typed recognition of CDK constructs and enums by the package that declares them, on AWS CDK v1 (`@aws-cdk/*`):
// the v1 packages are not installed here, so fixtures/rule-tester/node_modules/@aws-cdk holds minimal declarations
// of our own. Small, so a typed case costs a fraction of one on aws-cdk-lib (which the rule tests also cover).
import bucketKey from '../../src/rules/require-bucket-key.js';
import keyRotation from '../../src/rules/require-key-rotation.js';
import { createTypedRuleTester } from '../RuleTester.js';

const typed = createTypedRuleTester();

const pre = `import { Stack, Duration } from '@aws-cdk/core';
import * as kms from '@aws-cdk/aws-kms';
import * as s3 from '@aws-cdk/aws-s3';
const stack = new Stack();
`;
// Code after `pre` starts on line 5.

typed.run('require-key-rotation (typed, v1 declarations)', keyRotation, {
  valid: [
    `${pre}new kms.Key(stack, 'K', { enableKeyRotation: true });`,
    `${pre}new kms.Key(stack, 'K', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });`,
    `${pre}const Spec = kms.KeySpec;
new kms.Key(stack, 'K', { keySpec: Spec.ECC_NIST_P256 });`,
    `${pre}new kms.Key(stack, 'K', { rotationPeriod: Duration.days(365) });`,
    // The project's own Key (a class of another module, named like the CDK's), and a constructor that is no class.
    `${pre}import { Key } from './local-constructs.js';
new Key(stack, 'K');
declare const Make: new (scope: unknown, id: string) => object;
new Make(stack, 'K');
kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:111122223333:key/k');`,
  ],
  invalid: [
    {
      // Through a project module that re-exports the CDK's classes and enums: only the types can tell.
      code: `${pre}import { Key, KeySpec } from './cdk-barrel.js';
new Key(stack, 'A', { keySpec: KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: false });
new Key(stack, 'B', { keySpec: KeySpec.RSA_2048, enableKeyRotation: true });`,
      errors: [
        {
          messageId: 'rotationDisabled',
          line: 6,
          column: 78,
          suggestions: [
            {
              messageId: 'enableRotation',
              output: `${pre}import { Key, KeySpec } from './cdk-barrel.js';
new Key(stack, 'A', { keySpec: KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: true });
new Key(stack, 'B', { keySpec: KeySpec.RSA_2048, enableKeyRotation: true });`,
            },
          ],
        },
        { messageId: 'rotationUnsupported', line: 7, column: 50 },
      ],
    },
    {
      code: `${pre}new kms.Key(stack, 'K');`,
      errors: [{ messageId: 'missingRotation', line: 5, column: 1, suggestions: [{ messageId: 'addRotation', output: `${pre}new kms.Key(stack, 'K', { enableKeyRotation: true });` }] }],
    },
    {
      // An import alias, the spec through a const of the enum, and an unsupported rotation on an HMAC key.
      code: `${pre}import { Key as KmsKey, CfnKey, KeySpec as Spec } from '@aws-cdk/aws-kms';
new KmsKey(stack, 'A', { keySpec: Spec.SYMMETRIC_DEFAULT });
new KmsKey(stack, 'B', { keySpec: Spec.HMAC_256, enableKeyRotation: true });
new CfnKey(stack, 'C', { enableKeyRotation: true, rotationPeriodInDays: 3000 });`,
      errors: [
        {
          messageId: 'missingRotation',
          line: 6,
          column: 1,
          data: { construct: 'Key' },
          suggestions: [
            {
              messageId: 'addRotation',
              output: `${pre}import { Key as KmsKey, CfnKey, KeySpec as Spec } from '@aws-cdk/aws-kms';
new KmsKey(stack, 'A', { keySpec: Spec.SYMMETRIC_DEFAULT, enableKeyRotation: true });
new KmsKey(stack, 'B', { keySpec: Spec.HMAC_256, enableKeyRotation: true });
new CfnKey(stack, 'C', { enableKeyRotation: true, rotationPeriodInDays: 3000 });`,
            },
          ],
        },
        { messageId: 'rotationUnsupported', line: 7, column: 50 },
        { messageId: 'rotationPeriodOutOfRange', line: 8, column: 73, data: { days: '3000', min: '90', max: '2560' } },
      ],
    },
  ],
});

typed.run('require-bucket-key (typed, v1 declarations)', bucketKey, {
  valid: [
    `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.S3_MANAGED });`,
    `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });`,
    // The project's own Bucket and BucketEncryption (another module's, named like the CDK's).
    `${pre}import { Bucket, BucketEncryption } from './local-constructs.js';
new Bucket(stack, 'B', { encryption: BucketEncryption.KMS });
new s3.Bucket(stack, 'C', { encryption: BucketEncryption.KMS as never });`,
    // An enum member of the CDK that is not BucketEncryption.
    `${pre}new s3.Bucket(stack, 'B', { encryption: s3.StorageClass.GLACIER as never });`,
    // encryptionKey values that may be undefined, or whose type says nothing: unknown, silent.
    `${pre}export function make(a: kms.IKey | undefined, b: kms.IKey | null, c: any, d: unknown, e?: kms.IKey) {
  new s3.Bucket(stack, 'A', { encryptionKey: a });
  new s3.Bucket(stack, 'B', { encryptionKey: b as kms.IKey });
  new s3.Bucket(stack, 'C', { encryptionKey: c });
  new s3.Bucket(stack, 'D', { encryptionKey: d as kms.IKey });
  new s3.Bucket(stack, 'E', { encryptionKey: e });
}`,
  ],
  invalid: [
    {
      code: `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS_MANAGED });`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 5,
          column: 29,
          suggestions: [{ messageId: 'addCdkBucketKey', output: `${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS_MANAGED, bucketKeyEnabled: true });` }],
        },
      ],
    },
    {
      code: `${pre}import { Bucket, BucketEncryption } from './cdk-barrel.js';
new Bucket(stack, 'B', { encryption: BucketEncryption.KMS });`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 6,
          column: 26,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}import { Bucket, BucketEncryption } from './cdk-barrel.js';
new Bucket(stack, 'B', { encryption: BucketEncryption.KMS, bucketKeyEnabled: true });`,
            },
          ],
        },
      ],
    },
    {
      // A key parameter whose type is a key (never undefined): KMS by CDK's rule for an encryptionKey alone.
      code: `${pre}export function make(key: kms.IKey, keys: kms.IKey[]) {
  new s3.Bucket(stack, 'A', { encryptionKey: key });
  new s3.Bucket(stack, 'B', { encryptionKey: keys[0]! });
}`,
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 6,
          column: 31,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}export function make(key: kms.IKey, keys: kms.IKey[]) {
  new s3.Bucket(stack, 'A', { encryptionKey: key, bucketKeyEnabled: true });
  new s3.Bucket(stack, 'B', { encryptionKey: keys[0]! });
}`,
            },
          ],
        },
        {
          messageId: 'cdkMissingBucketKey',
          line: 7,
          column: 31,
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}export function make(key: kms.IKey, keys: kms.IKey[]) {
  new s3.Bucket(stack, 'A', { encryptionKey: key });
  new s3.Bucket(stack, 'B', { encryptionKey: keys[0]!, bucketKeyEnabled: true });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${pre}import { BucketDeployment, ServerSideEncryption } from '@aws-cdk/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site');
new BucketDeployment(stack, 'D', { sources: [], destinationBucket: site, serverSideEncryption: ServerSideEncryption.AWS_KMS });`,
      errors: [{ messageId: 'cdkDeploymentWithoutBucketKey', line: 7, column: 74, data: { line: '6' }, suggestions: [] }],
    },
  ],
});
