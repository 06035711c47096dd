// require-key-rotation: CDK kms.Key / CfnKey (typed and untyped) and SDK v3/v2 CreateKey without EnableKeyRotation.
import rule from '../../src/rules/require-key-rotation.js';
import { createTypedRuleTester, createUntypedRuleTester } from '../RuleTester.js';
import { vi } from 'vitest';

// The first typed case loads aws-cdk-lib's declarations into the project (tens of seconds on a loaded machine).
vi.setConfig({ testTimeout: 240_000 });

const typed = createTypedRuleTester();
const untyped = createUntypedRuleTester();

const pre = `import { App, Stack, Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
const stack = new Stack(new App(), 'S');
`;
// Code after `pre` starts on line 4.
const sdk = `import { KMSClient, CreateKeyCommand, EnableKeyRotationCommand, KMS } from '@aws-sdk/client-kms';
const client = new KMSClient({});
`;
// Code after `sdk` starts on line 3.

typed.run('require-key-rotation (typed)', rule, {
  valid: [
    `${pre}new kms.Key(stack, 'K', { enableKeyRotation: true });`,
    // rotationPeriod alone turns rotation on (CDK's Key sets enableKeyRotation when it is left out).
    `${pre}new kms.Key(stack, 'K', { rotationPeriod: Duration.days(180) });`,
    `${pre}new kms.Key(stack, 'K', { enableKeyRotation: true, rotationPeriod: Duration.days(90) });`,
    `${pre}new kms.Key(stack, 'K', { enableKeyRotation: true, rotationPeriod: Duration.days(2560) });`,
    // Keys that cannot rotate: asymmetric, HMAC, imported material. Never asked to.
    `${pre}new kms.Key(stack, 'K', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });`,
    `${pre}new kms.Key(stack, 'K', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC, enableKeyRotation: false });`,
    `${pre}new kms.CfnKey(stack, 'K', { keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' });`,
    `${pre}new kms.CfnKey(stack, 'K', { origin: 'EXTERNAL' });`,
    `${pre}new kms.CfnKey(stack, 'K', { enableKeyRotation: true, rotationPeriodInDays: 365 });`,
    // Undecidable: a key spec or rotation switch held in a variable.
    `${pre}declare const spec: kms.KeySpec;
new kms.Key(stack, 'K', { keySpec: spec });`,
    `${pre}declare const rotate: boolean;
new kms.Key(stack, 'K', { enableKeyRotation: rotate });`,
    `${pre}declare const props: kms.KeyProps;
new kms.Key(stack, 'K', props);`,
    // A user's own Key class, and an imported key (not created here).
    `${pre}class Key { constructor(_s: unknown, _i: string) {} }
new Key(stack, 'K');
kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:111122223333:key/abc');`,
    // SDK: CreateKey followed by EnableKeyRotation in the same function, directly or through a helper of the file.
    `${sdk}export async function provision() {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: 'data' }));
  await client.send(new EnableKeyRotationCommand({ KeyId: KeyMetadata!.KeyId!, RotationPeriodInDays: 180 }));
}`,
    `${sdk}async function rotate(keyId: string) { await client.send(new EnableKeyRotationCommand({ KeyId: keyId })); }
export async function provision() {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
  await rotate(KeyMetadata!.KeyId!);
}`,
    `${sdk}export class Keys {
  async create() { const out = await client.send(new CreateKeyCommand({})); await this.rotate(out.KeyMetadata!.KeyId!); }
  async rotate(id: string) { await new KMS({}).enableKeyRotation({ KeyId: id }); }
}`,
    // SDK keys that cannot rotate; a key spec the rule cannot read.
    `${sdk}await client.send(new CreateKeyCommand({ KeySpec: 'RSA_4096', KeyUsage: 'SIGN_VERIFY' }));`,
    `${sdk}await client.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }));`,
    `${sdk}await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));`,
    `${sdk}await client.send(new CreateKeyCommand({ CustomKeyStoreId: 'cks-1234567890abcdef0' }));`,
    `${sdk}declare const spec: 'SYMMETRIC_DEFAULT' | 'RSA_2048';
await client.send(new CreateKeyCommand({ KeySpec: spec }));`,
  ],
  invalid: [
    {
      code: `${pre}new kms.Key(stack, 'K', { description: 'data' });`,
      errors: [
        {
          messageId: 'missingRotation',
          line: 4,
          column: 1,
          data: { construct: 'Key' },
          suggestions: [{ messageId: 'addRotation', output: `${pre}new kms.Key(stack, 'K', { description: 'data', enableKeyRotation: true });` }],
        },
      ],
    },
    {
      code: `${pre}new kms.Key(stack, 'K');`,
      errors: [
        {
          messageId: 'missingRotation',
          line: 4,
          column: 1,
          suggestions: [{ messageId: 'addRotation', output: `${pre}new kms.Key(stack, 'K', { enableKeyRotation: true });` }],
        },
      ],
    },
    {
      code: `${pre}new kms.Key(stack, 'K', {});`,
      errors: [
        {
          messageId: 'missingRotation',
          line: 4,
          column: 1,
          suggestions: [{ messageId: 'addRotation', output: `${pre}new kms.Key(stack, 'K', { enableKeyRotation: true });` }],
        },
      ],
    },
    {
      // SYMMETRIC_DEFAULT said out loud is still the default; rotation turned off.
      code: `${pre}new kms.Key(stack, 'K', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: false });`,
      errors: [
        {
          messageId: 'rotationDisabled',
          line: 4,
          column: 86,
          suggestions: [{ messageId: 'enableRotation', output: `${pre}new kms.Key(stack, 'K', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: true });` }],
        },
      ],
    },
    {
      // Props in a variable built by spreading shared defaults, and from a factory function.
      code: `${pre}const base = { removalPolicy: undefined };
const props = { ...base, alias: 'alias/data' };
new kms.Key(stack, 'A', props);
function keyProps() { return { description: 'made by a factory' }; }
new kms.Key(stack, 'B', keyProps());`,
      errors: [
        { messageId: 'missingRotation', line: 6, column: 1, suggestions: [] },
        { messageId: 'missingRotation', line: 8, column: 1, suggestions: [] },
      ],
    },
    {
      code: `${pre}new kms.CfnKey(stack, 'K', { keyPolicy: {} });`,
      errors: [
        {
          messageId: 'missingRotation',
          line: 4,
          column: 1,
          data: { construct: 'CfnKey' },
          suggestions: [{ messageId: 'addRotation', output: `${pre}new kms.CfnKey(stack, 'K', { keyPolicy: {}, enableKeyRotation: true });` }],
        },
      ],
    },
    {
      // Rotation on keys that cannot rotate: CloudFormation (CfnKey) and CDK (Key) reject them.
      code: `${pre}new kms.CfnKey(stack, 'A', { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', enableKeyRotation: true });
new kms.CfnKey(stack, 'B', { origin: 'EXTERNAL', enableKeyRotation: true });
new kms.Key(stack, 'C', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC, enableKeyRotation: true });`,
      errors: [
        { messageId: 'rotationUnsupported', line: 4, column: 76 },
        { messageId: 'rotationUnsupported', line: 5, column: 50 },
        { messageId: 'rotationUnsupported', line: 6, column: 102 },
      ],
    },
    {
      code: `${pre}new kms.Key(stack, 'A', { enableKeyRotation: true, rotationPeriod: Duration.days(30) });
new kms.CfnKey(stack, 'B', { enableKeyRotation: true, rotationPeriodInDays: 3650 });`,
      errors: [
        { messageId: 'rotationPeriodOutOfRange', line: 4, column: 68, data: { days: '30', min: '90', max: '2560' } },
        { messageId: 'rotationPeriodOutOfRange', line: 5, column: 77, data: { days: '3650', min: '90', max: '2560' } },
      ],
    },
    {
      code: `${sdk}export async function provision() {
  const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: 'data', KeySpec: 'SYMMETRIC_DEFAULT' }));
  return KeyMetadata;
}`,
      errors: [{ messageId: 'createKeyWithoutRotation', line: 4, column: 45 }],
    },
    {
      // EnableKeyRotation in another function does not count; its period is checked.
      code: `${sdk}export async function create() { return new KMS({}).createKey({}); }
export async function rotate(id: string) { await client.send(new EnableKeyRotationCommand({ KeyId: id, RotationPeriodInDays: 60 })); }`,
      errors: [
        { messageId: 'createKeyWithoutRotation', line: 3, column: 41 },
        { messageId: 'rotationPeriodOutOfRange', line: 4, column: 126, data: { days: '60', min: '90', max: '2560' } },
      ],
    },
  ],
});

// SDK v2 with types: the client's own declarations say which calls are KMS calls.
const v2 = `import KMS from 'aws-sdk/clients/kms';
const kms = new KMS({ region: 'eu-west-1' });
`;
// Code after `v2` starts on line 3.

typed.run('require-key-rotation (typed, SDK v2)', rule, {
  valid: [
    `${v2}export async function provision(): Promise<string> {
  const { KeyMetadata } = await kms.createKey({ Description: 'ledger' }).promise();
  await kms.enableKeyRotation({ KeyId: KeyMetadata!.KeyId, RotationPeriodInDays: 365 }).promise();
  return KeyMetadata!.KeyId;
}`,
    `${v2}export async function signingKeys() {
  await kms.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }).promise();
  await kms.createKey({ KeySpec: 'HMAC_512', KeyUsage: 'GENERATE_VERIFY_MAC' }).promise();
  await kms.createKey({ Origin: 'EXTERNAL' }).promise();
}`,
  ],
  invalid: [
    {
      code: `${v2}export async function provision(): Promise<string | undefined> {
  const { KeyMetadata } = await kms.createKey({ Description: 'ledger', KeyUsage: 'ENCRYPT_DECRYPT' }).promise();
  return KeyMetadata?.KeyId;
}`,
      errors: [{ messageId: 'createKeyWithoutRotation', line: 4, column: 33 }],
    },
  ],
});

const preJs = `import * as cdk from 'aws-cdk-lib';
const stack = {};
`;
// Code after `preJs` starts on line 3.

untyped.run('require-key-rotation (untyped)', rule, {
  valid: [
    `${preJs}new cdk.aws_kms.Key(stack, 'K', { enableKeyRotation: true });`,
    `${preJs}new cdk.aws_kms.Key(stack, 'K', { keySpec: cdk.aws_kms.KeySpec.ECC_NIST_P256, keyUsage: cdk.aws_kms.KeyUsage.SIGN_VERIFY });`,
    `${preJs}class Key { constructor(s, i) {} }
new Key(stack, 'K');`,
    `import { Key } from 'my-vault';
import 'aws-cdk-lib';
new Key({}, 'K');`,
    `new Key({}, 'K');`,
    `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
async function provision() {
  const out = await kms.createKey({}).promise();
  await kms.enableKeyRotation({ KeyId: out.KeyMetadata.KeyId }).promise();
}`,
    // The same decisions without types: rotation periods within range, keys that cannot rotate, unknowns.
    `${preJs}const kms = cdk.aws_kms;
new kms.Key(stack, 'A', { rotationPeriod: cdk.Duration.days(90) });
new kms.Key(stack, 'B', { enableKeyRotation: true, rotationPeriod: cdk.Duration.days(2560) });
new kms.Key(stack, 'C', { rotationPeriod: cdk.Duration.hours(24) });
new kms.Key(stack, 'D', { keySpec: 'HMAC_256', enableKeyRotation: false });
new kms.Key(stack, 'E', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: true });
new kms.CfnKey(stack, 'F', { enableKeyRotation: true, rotationPeriodInDays: 90 });
new kms.CfnKey(stack, 'G', { enableKeyRotation: true, rotationPeriodInDays: 2560 });
new kms.CfnKey(stack, 'H', { keySpec: 'RSA_2048' });
new kms.CfnKey(stack, 'I', { origin: 'EXTERNAL', enableKeyRotation: false });
new kms.CfnKey(stack, 'J', { keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', enableKeyRotation: true });
export function make(spec, rotate, props) {
  new kms.Key(stack, 'K', { keySpec: spec });
  new kms.Key(stack, 'L', { enableKeyRotation: rotate });
  new kms.Key(stack, 'M', props);
  new kms.Key(stack, 'N', ...props);
  new kms.CfnKey(stack, 'O', { keySpec: 'SYMMETRIC_DEFAULT', origin: spec, enableKeyRotation: true });
  new kms.Key(stack, 'P', { keySpec: spec === 1 ? 'RSA_2048' : 'SYMMETRIC_DEFAULT' });
}
const other = { Key: class {} };
new other.Key(stack, 'Q');
const MyKeySpec = { HMAC_256: 'SYMMETRIC_DEFAULT' };
new kms.Key(stack, 'R', { keySpec: MyKeySpec.HMAC_256, enableKeyRotation: true });`,
    `import { KMSClient, CreateKeyCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
const client = new KMSClient({});
await client.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY' }));
await client.send(new CreateKeyCommand({ CustomerMasterKeySpec: 'RSA_2048' }));
await client.send(new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: 'cks-1' }));
await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE' }));
export async function make(params, spec) {
  await client.send(new CreateKeyCommand(params));
  await client.send(new CreateKeyCommand({ KeySpec: spec }));
  await client.send(new CreateKeyCommand({ ...params }));
}
export async function enable(id) { await client.send(new EnableKeyRotationCommand({ KeyId: id, RotationPeriodInDays: 2560 })); }
await client.send(new CreateKeyCommand({}));
await client.send(new EnableKeyRotationCommand({ KeyId: 'k', RotationPeriodInDays: 90 }));`,
  ],
  invalid: [
    {
      code: `${preJs}const { Key } = require('@aws-cdk/aws-kms');
new Key(stack, 'A');
new cdk.aws_kms.Key(stack, 'B', { enableKeyRotation: false });`,
      errors: [
        { messageId: 'missingRotation', line: 4, column: 1, suggestions: [{ messageId: 'addRotation', output: `${preJs}const { Key } = require('@aws-cdk/aws-kms');
new Key(stack, 'A', { enableKeyRotation: true });
new cdk.aws_kms.Key(stack, 'B', { enableKeyRotation: false });` }] },
        { messageId: 'rotationDisabled', line: 5, column: 54, suggestions: [{ messageId: 'enableRotation', output: `${preJs}const { Key } = require('@aws-cdk/aws-kms');
new Key(stack, 'A');
new cdk.aws_kms.Key(stack, 'B', { enableKeyRotation: true });` }] },
      ],
    },
    {
      code: `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
async function provision() {
  return kms.createKey({ KeyUsage: 'ENCRYPT_DECRYPT' }).promise();
}`,
      errors: [{ messageId: 'createKeyWithoutRotation', line: 4, column: 10 }],
    },
    {
      code: `${preJs}const kms = cdk.aws_kms;
new kms.Key(stack, 'A', { rotationPeriod: cdk.Duration.days(89) });
new kms.Key(stack, 'B', { enableKeyRotation: true, rotationPeriod: cdk.Duration.days(2561) });
new kms.CfnKey(stack, 'C', { enableKeyRotation: true, rotationPeriodInDays: 89 });
new kms.CfnKey(stack, 'D', { enableKeyRotation: true, rotationPeriodInDays: 2561 });
new kms.CfnKey(stack, 'E', { keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS' });
new kms.CfnKey(stack, 'F', { keySpec: 'HMAC_512', enableKeyRotation: true });
new kms.Key(stack, 'G', { keySpec: kms.KeySpec.RSA_4096, enableKeyRotation: true });
new kms.CfnKey(stack, 'H', { enableKeyRotation: false });
new kms.Key(stack, 'I', { ...{ enableKeyRotation: false } });`,
      errors: [
        { messageId: 'rotationPeriodOutOfRange', line: 4, column: 43, data: { days: '89', min: '90', max: '2560' } },
        { messageId: 'rotationPeriodOutOfRange', line: 5, column: 68, data: { days: '2561', min: '90', max: '2560' } },
        { messageId: 'rotationPeriodOutOfRange', line: 6, column: 77, data: { days: '89', min: '90', max: '2560' } },
        { messageId: 'rotationPeriodOutOfRange', line: 7, column: 77, data: { days: '2561', min: '90', max: '2560' } },
        {
          messageId: 'missingRotation',
          line: 8,
          column: 1,
          data: { construct: 'CfnKey' },
          suggestions: [{ messageId: 'addRotation', output: `${preJs}const kms = cdk.aws_kms;
new kms.Key(stack, 'A', { rotationPeriod: cdk.Duration.days(89) });
new kms.Key(stack, 'B', { enableKeyRotation: true, rotationPeriod: cdk.Duration.days(2561) });
new kms.CfnKey(stack, 'C', { enableKeyRotation: true, rotationPeriodInDays: 89 });
new kms.CfnKey(stack, 'D', { enableKeyRotation: true, rotationPeriodInDays: 2561 });
new kms.CfnKey(stack, 'E', { keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', enableKeyRotation: true });
new kms.CfnKey(stack, 'F', { keySpec: 'HMAC_512', enableKeyRotation: true });
new kms.Key(stack, 'G', { keySpec: kms.KeySpec.RSA_4096, enableKeyRotation: true });
new kms.CfnKey(stack, 'H', { enableKeyRotation: false });
new kms.Key(stack, 'I', { ...{ enableKeyRotation: false } });` }],
        },
        { messageId: 'rotationUnsupported', line: 9, column: 51 },
        { messageId: 'rotationUnsupported', line: 10, column: 58 },
        {
          messageId: 'rotationDisabled',
          line: 11,
          column: 49,
          suggestions: [{ messageId: 'enableRotation', output: `${preJs}const kms = cdk.aws_kms;
new kms.Key(stack, 'A', { rotationPeriod: cdk.Duration.days(89) });
new kms.Key(stack, 'B', { enableKeyRotation: true, rotationPeriod: cdk.Duration.days(2561) });
new kms.CfnKey(stack, 'C', { enableKeyRotation: true, rotationPeriodInDays: 89 });
new kms.CfnKey(stack, 'D', { enableKeyRotation: true, rotationPeriodInDays: 2561 });
new kms.CfnKey(stack, 'E', { keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS' });
new kms.CfnKey(stack, 'F', { keySpec: 'HMAC_512', enableKeyRotation: true });
new kms.Key(stack, 'G', { keySpec: kms.KeySpec.RSA_4096, enableKeyRotation: true });
new kms.CfnKey(stack, 'H', { enableKeyRotation: true });
new kms.Key(stack, 'I', { ...{ enableKeyRotation: false } });` }],
        },
        { messageId: 'rotationDisabled', line: 12, column: 51, suggestions: [{ messageId: 'enableRotation', output: `${preJs}const kms = cdk.aws_kms;
new kms.Key(stack, 'A', { rotationPeriod: cdk.Duration.days(89) });
new kms.Key(stack, 'B', { enableKeyRotation: true, rotationPeriod: cdk.Duration.days(2561) });
new kms.CfnKey(stack, 'C', { enableKeyRotation: true, rotationPeriodInDays: 89 });
new kms.CfnKey(stack, 'D', { enableKeyRotation: true, rotationPeriodInDays: 2561 });
new kms.CfnKey(stack, 'E', { keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS' });
new kms.CfnKey(stack, 'F', { keySpec: 'HMAC_512', enableKeyRotation: true });
new kms.Key(stack, 'G', { keySpec: kms.KeySpec.RSA_4096, enableKeyRotation: true });
new kms.CfnKey(stack, 'H', { enableKeyRotation: false });
new kms.Key(stack, 'I', { ...{ enableKeyRotation: true } });` }] },
      ],
    },
    {
      // CreateKey without EnableKeyRotation: at module level, in a nested callback's sibling, helpers that do not rotate.
      code: `import { KMSClient, CreateKeyCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
const client = new KMSClient({});
await client.send(new CreateKeyCommand({ KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS' }));
function describe(id) { return id; }
export async function a() { const out = await client.send(new CreateKeyCommand({})); describe(out); }
export class Keys {
  async create() { await client.send(new CreateKeyCommand({})); await this.tag(); }
  async tag() { return 1; }
  async other() { await client.send(new EnableKeyRotationCommand({ KeyId: 'k' })); }
}`,
      errors: [
        { messageId: 'createKeyWithoutRotation', line: 3, column: 19 },
        { messageId: 'createKeyWithoutRotation', line: 5, column: 59 },
        { messageId: 'createKeyWithoutRotation', line: 7, column: 38 },
      ],
    },
  ],
});

// Shapes of real stacks without types: v1 modules, spreads that hide the props, props that are not one literal,
// Durations that are not the CDK's, and SDK code that rotates through a class field or not at all.
const v1 = `import * as kms from '@aws-cdk/aws-kms';
import { Duration } from '@aws-cdk/core';
`;
// Code after `v1` starts on line 3.

untyped.run('require-key-rotation (untyped): stack shapes', rule, {
  valid: [
    // A spread among the first three arguments hides where the props are.
    `${preJs}export function make(args, rest) {
  new cdk.aws_kms.Key(...args);
  new cdk.aws_kms.Key(stack, ...rest);
  new cdk.aws_kms.CfnKey(stack, 'C', ...rest);
}`,
    // v1 alone opens the file; its Duration.days is the CDK's.
    `${v1}new kms.Key(this, 'A', { rotationPeriod: Duration.days(100) });
new kms.Key(this, 'B', { enableKeyRotation: true, rotationPeriod: Duration.days(2560) });`,
    `const kms = require("@aws-cdk/aws-kms");
new kms.Key(this, 'A', { enableKeyRotation: true });`,
    // Another library's Duration is no rotation period, and a period the rule cannot compute is not judged.
    `import { Duration } from 'luxon';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cdk from 'aws-cdk-lib';
new kms.Key(this, 'A', { enableKeyRotation: true, rotationPeriod: Duration.days(30) });
export function make(days, period) {
  new kms.Key(this, 'B', { enableKeyRotation: true, rotationPeriod: cdk.Duration.days(days) });
  new kms.Key(this, 'C', { enableKeyRotation: true, rotationPeriod: period });
  new kms.CfnKey(this, 'D', { enableKeyRotation: true, rotationPeriodInDays: days });
  new kms.Key(this, 'E', { enableKeyRotation: true, rotationPeriod: cdk.Duration.days() });
}`,
    // The spec from a variable, or different on two paths: undecided, so no question of rotation is asked.
    `${preJs}export function make(spec, signing) {
  new cdk.aws_kms.CfnKey(stack, 'A', { keySpec: spec });
  new cdk.aws_kms.CfnKey(stack, 'B', { keySpec: signing ? 'RSA_2048' : 'SYMMETRIC_DEFAULT', enableKeyRotation: true });
  new cdk.aws_kms.CfnKey(stack, 'C', { keySpec: 'SYMMETRIC_DEFAULT', origin: signing ? 'EXTERNAL' : 'AWS_KMS' });
  new cdk.aws_kms.Key(stack, 'D', { keySpec: cdk.aws_kms.KeyUsage.SIGN_VERIFY, enableKeyRotation: true });
}`,
    // Spread props hide the key spec (and CustomKeyStoreId): rotation off says nothing certain.
    `${preJs}export async function make(props, params, client) {
  new cdk.aws_kms.Key(stack, 'S', { ...props, enableKeyRotation: false });
  new cdk.aws_kms.CfnKey(stack, 'T', { ...props, enableKeyRotation: false });
  new cdk.aws_kms.Key(stack, 'U', { ...props, keySpec: cdk.aws_kms.KeySpec.SYMMETRIC_DEFAULT });
  const { CreateKeyCommand } = await import('@aws-sdk/client-kms');
  await client.send(new CreateKeyCommand({ ...params, KeySpec: 'SYMMETRIC_DEFAULT', CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS' }));
}`,
    // A KeySpec-named enum of another CDK module is not aws-kms's.
    `${preJs}new cdk.aws_kms.Key(stack, 'K', { keySpec: cdk.aws_dynamodb.KeySpec.RSA_2048, enableKeyRotation: true });`,
    // Keys that cannot rotate, rotation off or left out: nothing to say.
    `${preJs}const { KeySpec, Key, CfnKey } = cdk.aws_kms;
new Key(stack, 'A', { keySpec: KeySpec.HMAC_512 });
new CfnKey(stack, 'B', { keySpec: 'ECC_SECG_P256K1', enableKeyRotation: false });
new CfnKey(stack, 'C', { origin: 'EXTERNAL', keySpec: 'SYMMETRIC_DEFAULT' });`,
    // SDK v2: keys that cannot rotate are never reported.
    `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
export async function keys() {
  await kms.createKey({ KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT_DECRYPT' }).promise();
  await kms.createKey({ KeySpec: 'HMAC_224', KeyUsage: 'GENERATE_VERIFY_MAC' }).promise();
  await kms.createKey({ Origin: 'EXTERNAL', Description: 'imported material' }).promise();
  await kms.createKey({ CustomerMasterKeySpec: 'ECC_NIST_P521', KeyUsage: 'SIGN_VERIFY' }).promise();
}`,
    // CreateKey of another service (AWS Payment Cryptography keys rotate by other means).
    `import { PaymentCryptographyClient, CreateKeyCommand } from '@aws-sdk/client-payment-cryptography';
const client = new PaymentCryptographyClient({});
export async function make() { await client.send(new CreateKeyCommand({ Exportable: true })); }`,
    // Rotation turned on in a callback of the same function, and through a class field holding a function.
    `import { KMSClient, CreateKeyCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
const client = new KMSClient({});
export async function provision(names) {
  for (const name of names) {
    const out = await client.send(new CreateKeyCommand({ Description: name }));
    await Promise.all([out].map((o) => client.send(new EnableKeyRotationCommand({ KeyId: o.KeyMetadata.KeyId }))));
  }
}
export class Keys {
  rotate = async (id) => { await client.send(new EnableKeyRotationCommand({ KeyId: id })); };
  async create() { const out = await client.send(new CreateKeyCommand({})); await this.rotate(out.KeyMetadata.KeyId); }
}`,
  ],
  invalid: [
    {
      // v1 modules alone; a key with no id argument gets no fix (where would the props go?).
      code: `${v1}new kms.Key(this);
new kms.Key(this, 'B', { enableKeyRotation: true, rotationPeriod: Duration.days(0) });`,
      errors: [
        { messageId: 'missingRotation', line: 3, column: 1, data: { construct: 'Key' }, suggestions: [] },
        { messageId: 'rotationPeriodOutOfRange', line: 4, column: 67, data: { days: '0', min: '90', max: '2560' } },
      ],
    },
    {
      // A file that names v1's aws-kms only.
      code: `const kms = require("@aws-cdk/aws-kms");
new kms.Key(this, 'K');`,
      errors: [{ messageId: 'missingRotation', line: 2, column: 1, suggestions: [{ messageId: 'addRotation', output: `const kms = require("@aws-cdk/aws-kms");
new kms.Key(this, 'K', { enableKeyRotation: true });` }] }],
    },
    {
      // Props that are not one object literal of this call: reported, no fix; false that is not a literal: no fix.
      code: `${preJs}const kms = cdk.aws_kms;
const base = { description: 'shared' };
new kms.Key(stack, 'A', { ...base, alias: 'alias/a' });
const props = { description: 'held' };
new kms.Key(stack, 'B', props);
const off = false;
new kms.Key(stack, 'C', { enableKeyRotation: off });
new kms.CfnKey(stack, 'D', { enableKeyRotation: !true });`,
      errors: [
        {
          messageId: 'missingRotation',
          line: 5,
          column: 1,
          suggestions: [{ messageId: 'addRotation', output: `${preJs}const kms = cdk.aws_kms;
const base = { description: 'shared' };
new kms.Key(stack, 'A', { ...base, alias: 'alias/a', enableKeyRotation: true });
const props = { description: 'held' };
new kms.Key(stack, 'B', props);
const off = false;
new kms.Key(stack, 'C', { enableKeyRotation: off });
new kms.CfnKey(stack, 'D', { enableKeyRotation: !true });` }],
        },
        { messageId: 'missingRotation', line: 7, column: 1, suggestions: [] },
        { messageId: 'rotationDisabled', line: 9, column: 46, suggestions: [] },
        { messageId: 'rotationDisabled', line: 10, column: 49, data: { construct: 'CfnKey' }, suggestions: [] },
      ],
    },
    {
      // Spread props, but the spec and rotation written after them: those are certain (the rotation period is not).
      code: `${preJs}export function make(props) {
  new cdk.aws_kms.Key(stack, 'A', { ...props, keySpec: cdk.aws_kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: false });
  new cdk.aws_kms.CfnKey(stack, 'B', { ...props, keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', enableKeyRotation: false });
}`,
      errors: [
        { messageId: 'rotationDisabled', line: 4, column: 114, data: { construct: 'Key' }, suggestions: [{ messageId: 'enableRotation', output: `${preJs}export function make(props) {
  new cdk.aws_kms.Key(stack, 'A', { ...props, keySpec: cdk.aws_kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: true });
  new cdk.aws_kms.CfnKey(stack, 'B', { ...props, keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', enableKeyRotation: false });
}` }] },
        { messageId: 'rotationDisabled', line: 5, column: 118, data: { construct: 'CfnKey' }, suggestions: [{ messageId: 'enableRotation', output: `${preJs}export function make(props) {
  new cdk.aws_kms.Key(stack, 'A', { ...props, keySpec: cdk.aws_kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: false });
  new cdk.aws_kms.CfnKey(stack, 'B', { ...props, keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', enableKeyRotation: true });
}` }] },
      ],
    },
    {
      // Rotation on one path only: the other path's key does not rotate; no fix (a second property would not compile).
      code: `${preJs}export function make(prod) { new cdk.aws_kms.Key(stack, 'E', { enableKeyRotation: prod ? true : undefined }); }`,
      errors: [{ messageId: 'missingRotation', line: 3, column: 30, suggestions: [] }],
    },
    {
      // A key in a spread of a literal gets the property after the spread (it wins over what the spread says).
      code: `${preJs}new cdk.aws_kms.Key(stack, 'A', { ...{ alias: 'alias/a' } });`,
      errors: [
        {
          messageId: 'missingRotation',
          line: 3,
          column: 1,
          suggestions: [{ messageId: 'addRotation', output: `${preJs}new cdk.aws_kms.Key(stack, 'A', { ...{ alias: 'alias/a' }, enableKeyRotation: true });` }],
        },
      ],
    },
    {
      // SDK: helpers that do not rotate (a member of another object, a computed this-member, a field that is no function).
      code: `import { KMSClient, CreateKeyCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
const client = new KMSClient({});
const helpers = { rotate: (id) => client.send(new EnableKeyRotationCommand({ KeyId: id })) };
export class Keys {
  label = 'keys';
  async a() { const o = await client.send(new CreateKeyCommand({})); await helpers.rotate(o); }
  async b() { const o = await client.send(new CreateKeyCommand({})); await this['rotate'](o); }
  async c() { const o = await client.send(new CreateKeyCommand({})); await this.label(o); }
  async rotate(id) { await client.send(new EnableKeyRotationCommand({ KeyId: id })); }
}
export async function outside() { const o = await client.send(new CreateKeyCommand({})); await this.rotate(o); }`,
      errors: [
        { messageId: 'createKeyWithoutRotation', line: 6, column: 43 },
        { messageId: 'createKeyWithoutRotation', line: 7, column: 43 },
        { messageId: 'createKeyWithoutRotation', line: 8, column: 43 },
        { messageId: 'createKeyWithoutRotation', line: 11, column: 63 },
      ],
    },
  ],
});

// Without types: which helper calls count as rotating the new key, rotation periods of EnableKeyRotation requests,
// readers that must not stop at a value they cannot read, and constructs that are not keys.
const sdkJs = `import { KMSClient, CreateKeyCommand, EncryptCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
const client = new KMSClient({});
`;
// Code after `sdkJs` starts on line 3.

const unread = `import * as cdk from 'aws-cdk-lib';
import { Duration } from 'luxon';
const kms = cdk.aws_kms;
export function make(rotate, period, days, prod) {
  new kms.Key(this, 'A', { enableKeyRotation: rotate, rotationPeriod: cdk.Duration.days(30) });
  new kms.Key(this, 'B', { enableKeyRotation: false, rotationPeriod: period });
  new kms.Key(this, 'C', { enableKeyRotation: false, rotationPeriod: Duration.days(30) });
  new kms.CfnKey(this, 'D', { enableKeyRotation: false, rotationPeriodInDays: days });
  new kms.Key(this, 'E', { rotationPeriod: prod ? cdk.Duration.days(365) : undefined });
  new kms.CfnKey(this, 'F', { origin: 'EXTERNAL', enableKeyRotation: true });
}`;

const durations = `import * as cdk from 'aws-cdk-lib';
const kms = cdk.aws_kms;
export function make(days) {
  new kms.Key(this, 'A', { enableKeyRotation: true, rotationPeriod: cdk.Size.days(30) });
  new kms.Key(this, 'B', { enableKeyRotation: true, rotationPeriod: cdk.aws_kms.Duration.days(30) });
  new kms.Key(this, 'C', { enableKeyRotation: false, rotationPeriod: cdk.Duration.days(days) });
}`;

untyped.run('require-key-rotation (untyped): helpers, request periods, unread values', rule, {
  valid: [
    // Rotation through a plain function of this file (an expression-bodied arrow is its call), a private method, a field.
    `${sdkJs}const rotate = (id) => client.send(new EnableKeyRotationCommand({ KeyId: id }));
function rotateToo(id) { return client.send(new EnableKeyRotationCommand({ KeyId: id, RotationPeriodInDays: 180 })); }
export async function a() { const o = await client.send(new CreateKeyCommand({})); await rotate(o.KeyMetadata.KeyId); }
export async function b() { const o = await client.send(new CreateKeyCommand({})); await rotateToo(o.KeyMetadata.KeyId); }
export class Keys {
  static { this.count = 0; }
  async create() { const o = await client.send(new CreateKeyCommand({})); await this.#rotate(o.KeyMetadata.KeyId); }
  async #rotate(id) { await client.send(new EnableKeyRotationCommand({ KeyId: id })); }
}`,
    // SDK v2 without .promise(): the helper's arrow ends where its EnableKeyRotation call ends.
    `const AWS = require('aws-sdk');
const kms = new AWS.KMS();
const rotate = (id) => kms.enableKeyRotation({ KeyId: id });
export async function a() { const o = await kms.createKey({}).promise(); await rotate(o.KeyMetadata.KeyId); }`,
    // Buckets and deployments are no keys.
    `${preJs}new cdk.aws_s3.Bucket(stack, 'B');
new cdk.aws_s3.CfnBucket(stack, 'C');
new cdk.aws_s3_deployment.BucketDeployment(stack, 'D', { sources: [] });`,
  ],
  invalid: [
    {
      // Other KMS requests are no rotation; a helper called from another function does not rotate this one's key;
      // a callee that is itself a call is not followed.
      code: `${sdkJs}const rotate = (id) => client.send(new EnableKeyRotationCommand({ KeyId: id }));
export async function a() { const o = await client.send(new CreateKeyCommand()); await client.send(new EncryptCommand({ KeyId: o.KeyMetadata.KeyId, Plaintext: data })); }
export async function b() { await client.send(new CreateKeyCommand({})); }
export async function c(id) { await rotate(id); }
export async function d(make) { const o = await client.send(new CreateKeyCommand({})); await make()(o); }
export class Keys {
  static { this.count = 0; }
  async create() { const o = await client.send(new CreateKeyCommand({})); await this.#tag(o); }
  async #tag(o) { return o; }
  async rotate(id) { await client.send(new EnableKeyRotationCommand({ KeyId: id })); }
}`,
      errors: [
        { messageId: 'createKeyWithoutRotation', line: 4, column: 57 },
        { messageId: 'createKeyWithoutRotation', line: 5, column: 47 },
        { messageId: 'createKeyWithoutRotation', line: 7, column: 61 },
        { messageId: 'createKeyWithoutRotation', line: 10, column: 48 },
      ],
    },
    {
      // Only the CDK core's Duration.days is a rotation period; one the rule cannot compute leaves the rest standing.
      code: durations,
      errors: [
        {
          messageId: 'rotationDisabled',
          line: 6,
          column: 47,
          suggestions: [{ messageId: 'enableRotation', output: durations.replace('enableKeyRotation: false', 'enableKeyRotation: true') }],
        },
      ],
    },
    {
      // this.rotate is another member than #rotate; a field without a value is no helper.
      code: `${sdkJs}export class Vault {
  pending;
  async #rotate(id) { await client.send(new EnableKeyRotationCommand({ KeyId: id })); }
  async create() { const o = await client.send(new CreateKeyCommand({})); await this.pending(o); await this.rotate(o); }
}`,
      errors: [{ messageId: 'createKeyWithoutRotation', line: 6, column: 48 }],
    },
    {
      // EnableKeyRotation's RotationPeriodInDays outside 90..2560, in a request literal or a const.
      code: `${sdkJs}const yearly = { KeyId: 'k', RotationPeriodInDays: 3000 };
export async function a() {
  await client.send(new EnableKeyRotationCommand({ KeyId: 'k', RotationPeriodInDays: 30 }));
  await client.send(new EnableKeyRotationCommand(yearly));
  await client.send(new EnableKeyRotationCommand({ KeyId: 'k', RotationPeriodInDays: 90 }));
}`,
      errors: [
        { messageId: 'rotationPeriodOutOfRange', line: 3, column: 52, data: { days: '3000', min: '90', max: '2560' } },
        { messageId: 'rotationPeriodOutOfRange', line: 5, column: 86, data: { days: '30', min: '90', max: '2560' } },
      ],
    },
    {
      // A value the rule cannot read (rotation, period, Duration of another library) leaves the other findings standing.
      code: unread,
      errors: [
        { messageId: 'rotationPeriodOutOfRange', line: 5, column: 71, data: { days: '30', min: '90', max: '2560' } },
        { messageId: 'rotationDisabled', line: 6, column: 47, suggestions: [{ messageId: 'enableRotation', output: unread.replace("'B', { enableKeyRotation: false", "'B', { enableKeyRotation: true") }] },
        { messageId: 'rotationDisabled', line: 7, column: 47, suggestions: [{ messageId: 'enableRotation', output: unread.replace("'C', { enableKeyRotation: false", "'C', { enableKeyRotation: true") }] },
        { messageId: 'rotationDisabled', line: 8, column: 50, suggestions: [{ messageId: 'enableRotation', output: unread.replace("'D', { enableKeyRotation: false", "'D', { enableKeyRotation: true") }] },
        {
          // Rotation period on one path only: the other path's key does not rotate.
          messageId: 'missingRotation',
          line: 9,
          column: 3,
          suggestions: [{ messageId: 'addRotation', output: unread.replace(': undefined });', ': undefined, enableKeyRotation: true });') }],
        },
        { messageId: 'rotationUnsupported', line: 10, column: 51, data: { construct: 'CfnKey' } },
      ],
    },
  ],
});
