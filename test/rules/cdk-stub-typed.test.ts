// Typed recognition of CDK constructs and enums on small in-memory declaration stubs (test/cdkStubProgram.ts):
// what only the declarations can tell (a barrel re-exporting the CDK's names under others, a look-alike module
// that a path alias puts in place of the CDK's, an encryptionKey's declared type). Each case builds its own
// Program in milliseconds, so StrykerJS's cdk config runs these with the untyped cases ('stub-typed').
import { RuleTester } from '@typescript-eslint/rule-tester';
import bucketKey from '../../src/rules/require-bucket-key.js';
import keyRotation from '../../src/rules/require-key-rotation.js';
import { stubFileName, stubProgram } from '../cdkStubProgram.js';
import type { KmsRuleTester } from '../RuleTester.js';

const tester = new RuleTester() as unknown as KmsRuleTester;

/** A case linted with types from the stubs: the Program holds exactly this code. */
function typed<T extends object>(code: string, rest: T = {} as T) {
  return { code, filename: stubFileName, languageOptions: { parserOptions: { programs: [stubProgram(code)] } }, ...rest };
}

const pre = `import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as kms from 'aws-cdk-lib/aws-kms';
const stack = new Stack(new App(), 'S');
`;
// Code after `pre` starts on line 5.

tester.run('require-bucket-key (CDK, stub-typed)', bucketKey, {
  valid: [
    typed(`${pre}new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });`),
    // v1's module name, resolved to the project's own classes: the imports say CDK, the declarations do not.
    typed(`${pre}import { Bucket, BucketEncryption } from '@aws-cdk/aws-s3';
new Bucket(stack, 'A', { encryption: BucketEncryption.KMS });
new s3.Bucket(stack, 'B', { encryption: BucketEncryption.KMS });`),
    // A class of the file's own named like the CDK's, and one of another file.
    typed(`${pre}class Bucket { constructor(scope: unknown, id: string, props?: object) {} }
new Bucket(stack, 'A', { encryption: s3.BucketEncryption.KMS });`),
    typed(`${pre}import { Bucket } from './local';
new Bucket(stack, 'A', { encryption: s3.BucketEncryption.KMS });`),
    // Keys whose type admits undefined or says nothing (any): the encryption is undecided.
    typed(`${pre}export function make(maybe?: kms.IKey, loose?: any) {
  new s3.Bucket(stack, 'A', { encryptionKey: maybe });
  new s3.Bucket(stack, 'B', { encryptionKey: loose as any });
}`),
    typed(`${pre}export function make(key: kms.IKey | null) { new s3.Bucket(stack, 'A', { encryptionKey: key }); }`),
    typed(`${pre}export function make(key: kms.IKey | void) { new s3.Bucket(stack, 'A', { encryptionKey: key }); }`),
    typed(`${pre}export function make(none: null) { new s3.Bucket(stack, 'A', { encryptionKey: none }); }`),
  ],
  invalid: [
    {
      // Through a barrel that renames the CDK's Bucket and BucketEncryption: only the declarations can tell.
      ...typed(`${pre}import { Store, Enc } from './barrel';
new Store(stack, 'B', { encryption: Enc.KMS_MANAGED });`),
      errors: [
        {
          messageId: 'cdkMissingBucketKey',
          line: 6,
          column: 25,
          data: { construct: 'Bucket' },
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}import { Store, Enc } from './barrel';
new Store(stack, 'B', { encryption: Enc.KMS_MANAGED, bucketKeyEnabled: true });`,
            },
          ],
        },
      ],
    },
    {
      // A const alias of the class (a variable, not a class, to the checker) and of the enum; a key of a declared type.
      ...typed(`${pre}const Site = s3.Bucket;
const Enc = s3.BucketEncryption;
new Site(stack, 'A', { encryption: Enc.KMS });
export function make(key: kms.IKey) { new s3['Bucket'](stack, 'B', { encryptionKey: key }); }`),
      errors: [
        { messageId: 'cdkMissingBucketKey', line: 7, column: 24, suggestions: [{ messageId: 'addCdkBucketKey', output: `${pre}const Site = s3.Bucket;
const Enc = s3.BucketEncryption;
new Site(stack, 'A', { encryption: Enc.KMS, bucketKeyEnabled: true });
export function make(key: kms.IKey) { new s3['Bucket'](stack, 'B', { encryptionKey: key }); }` }] },
        { messageId: 'cdkMissingBucketKey', line: 8, column: 70, suggestions: [{ messageId: 'addCdkBucketKey', output: `${pre}const Site = s3.Bucket;
const Enc = s3.BucketEncryption;
new Site(stack, 'A', { encryption: Enc.KMS });
export function make(key: kms.IKey) { new s3['Bucket'](stack, 'B', { encryptionKey: key, bucketKeyEnabled: true }); }` }] },
      ],
    },
    {
      // Under reportUndecidable: a key that may be undefined, and the project's look-alike enum on a CDK bucket.
      ...typed(`${pre}import { BucketEncryption } from '@aws-cdk/aws-s3';
export function make(maybe?: kms.IKey) {
  new s3.Bucket(stack, 'A', { encryptionKey: maybe });
  new s3.Bucket(stack, 'B', { encryption: BucketEncryption.KMS });
}`, { options: [{ reportUndecidable: true }] }),
      errors: [
        { messageId: 'cdkUndecidableEncryption', line: 7, column: 46 },
        { messageId: 'cdkUndecidableEncryption', line: 8, column: 43 },
      ],
    },
    {
      // A deployment with the CDK's enum into a bucket of the same file.
      ...typed(`${pre}import { BucketDeployment, ServerSideEncryption } from 'aws-cdk-lib/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.S3_MANAGED });
new BucketDeployment(stack, 'D', { destinationBucket: site, serverSideEncryption: ServerSideEncryption.AWS_KMS });`),
      errors: [
        {
          messageId: 'cdkDeploymentWithoutBucketKey',
          line: 7,
          column: 61,
          data: { line: '6' },
          suggestions: [
            {
              messageId: 'addCdkBucketKey',
              output: `${pre}import { BucketDeployment, ServerSideEncryption } from 'aws-cdk-lib/aws-s3-deployment';
const site = new s3.Bucket(stack, 'Site', { encryption: s3.BucketEncryption.S3_MANAGED, bucketKeyEnabled: true });
new BucketDeployment(stack, 'D', { destinationBucket: site, serverSideEncryption: ServerSideEncryption.AWS_KMS });`,
            },
          ],
        },
      ],
    },
  ],
});

tester.run('require-key-rotation (stub-typed)', keyRotation, {
  valid: [
    typed(`${pre}new kms.Key(stack, 'K', { enableKeyRotation: true });`),
    typed(`${pre}import { Master, Spec } from './barrel';
new Master(stack, 'K', { keySpec: Spec.HMAC_256 });`),
    typed(`${pre}declare const Make: new (scope: unknown, id: string) => object;
new Make(stack, 'K');`),
  ],
  invalid: [
    {
      ...typed(`${pre}import { Master, Spec } from './barrel';
new Master(stack, 'A');
new Master(stack, 'B', { keySpec: Spec.RSA_2048, enableKeyRotation: true });
new kms.Key(stack, 'C', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: false });`),
      errors: [
        {
          messageId: 'missingRotation',
          line: 6,
          column: 1,
          data: { construct: 'Key' },
          suggestions: [
            {
              messageId: 'addRotation',
              output: `${pre}import { Master, Spec } from './barrel';
new Master(stack, 'A', { enableKeyRotation: true });
new Master(stack, 'B', { keySpec: Spec.RSA_2048, enableKeyRotation: true });
new kms.Key(stack, 'C', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: false });`,
            },
          ],
        },
        { messageId: 'rotationUnsupported', line: 7, column: 50 },
        {
          messageId: 'rotationDisabled',
          line: 8,
          column: 86,
          suggestions: [
            {
              messageId: 'enableRotation',
              output: `${pre}import { Master, Spec } from './barrel';
new Master(stack, 'A');
new Master(stack, 'B', { keySpec: Spec.RSA_2048, enableKeyRotation: true });
new kms.Key(stack, 'C', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: true });`,
            },
          ],
        },
      ],
    },
  ],
});
