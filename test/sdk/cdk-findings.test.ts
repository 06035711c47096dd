// What the CDK readers (src/sdk/cdk.ts, src/sdk/keyRotation.ts) return, called directly from a probe rule with no
// try/catch around them: the rules swallow a reader's exception into silence, so only here does a reader that
// throws, or returns findings nobody reports, show. Untyped (espree); nodes are shown as `Type@line:column`.
import { Linter } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { bucketKeyFindingOf, cdkEnumValue, cdkNameOf, cfnBucketFindingsOf, deploymentFindingOf, recognizeCdkConstruct } from '../../src/sdk/cdk.js';
import { cdkKeyRotationFindings, createKeyRotatability, enableKeyRotationFindings } from '../../src/sdk/keyRotation.js';

type Context = TSESLint.RuleContext<string, readonly unknown[]>;

/** Nodes as `Type@line:column`, everything else as it is. */
function show(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(show);
  if (value && typeof value === 'object') {
    const node = value as Partial<TSESTree.Node>;
    if (typeof node.type === 'string' && node.loc) return `${node.type}@${node.loc.start.line}:${node.loc.start.column}`;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, show(v)]));
  }
  return value;
}

/** Runs `read` on every `new` expression of `code` and returns what it gave, in source order. */
function probe(code: string, read: (context: Context, node: TSESTree.NewExpression) => unknown): unknown[] {
  const out: unknown[] = [];
  const rule = { create: (context: Context) => ({ NewExpression: (node: TSESTree.NewExpression) => void out.push(show(read(context, node))) }) };
  new Linter({ configType: 'flat' }).verify(code, [
    { plugins: { probe: { rules: { read: rule as never } } }, rules: { 'probe/read': 'error' }, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  ]);
  return out;
}

/** The findings of each CDK construct `new` (null for any other `new`). */
function cdkFindings(context: Context, node: TSESTree.NewExpression): unknown {
  const use = recognizeCdkConstruct(context, node);
  if (!use) return null;
  switch (use.construct) {
    case 'Bucket':
      return bucketKeyFindingOf(context, use);
    case 'CfnBucket':
      return cfnBucketFindingsOf(context, use);
    case 'BucketDeployment':
      return deploymentFindingOf(context, use);
    default:
      return cdkKeyRotationFindings(context, use);
  }
}

/** What a CreateKey request says about rotation, and an EnableKeyRotation request's periods. */
function sdkFindings(context: Context, node: TSESTree.NewExpression): unknown {
  const name = node.callee.type === 'Identifier' ? node.callee.name : null;
  if (name === 'CreateKeyCommand') return createKeyRotatability(context, node.arguments[0] ?? null);
  return name === 'EnableKeyRotationCommand' ? enableKeyRotationFindings(context, node.arguments[0] ?? null) : null;
}

const preJs = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as kms from 'aws-cdk-lib/aws-kms';
const stack = {};
`;
// Code after `preJs` starts on line 5.

describe('CDK readers (untyped)', () => {
  it('recognizes the judged constructs and where their props are', () => {
    const code = `${preJs}new s3.Bucket(stack, 'A');
new s3.Bucket(stack, 'B', { versioned: true });
new s3.Bucket(stack, 'C', {}, ...more);
new cdk.aws_kms.CfnKey(stack, 'D', props);
new s3.Bucket.Nested(stack, 'E');
new cdk.Bucket(stack, 'F');
new cdk.aws_s3_deployment.BucketDeployment(stack, 'G', {});`;
    expect(probe(code, (c, n) => recognizeCdkConstruct(c, n))).toEqual([
      { construct: 'Bucket', node: 'NewExpression@5:0', props: null },
      { construct: 'Bucket', node: 'NewExpression@6:0', props: 'ObjectExpression@6:26' },
      { construct: 'Bucket', node: 'NewExpression@7:0', props: undefined },
      { construct: 'CfnKey', node: 'NewExpression@8:0', props: 'Identifier@8:35' },
      null,
      null,
      { construct: 'BucketDeployment', node: 'NewExpression@11:0', props: 'ObjectExpression@11:55' },
    ]);
  });

  it('names CDK modules and enum members through aliases, and nothing else', () => {
    const code = `${preJs}import { Duration } from 'luxon';
import core from 'aws-cdk-lib';
const Enc = cdk.aws_s3.BucketEncryption;
new X(cdk.Duration);
new X(core.aws_kms.KeySpec.RSA_2048);
new X(Duration);
new X(Enc.KMS);
new X(s3.BucketEncryption[mode]);
new X(cdk.aws_s3.Bucket.Deep.Name);`;
    expect(probe(code, (c, n) => cdkNameOf(c, n.arguments[0]))).toEqual([
      { submodule: 'core', path: ['Duration'] },
      { submodule: 'aws-kms', path: ['KeySpec', 'RSA_2048'] },
      null,
      { submodule: 'aws-s3', path: ['BucketEncryption', 'KMS'] },
      null,
      { submodule: 'aws-s3', path: ['Bucket', 'Deep', 'Name'] },
    ]);
    expect(probe(code, (c, n) => cdkEnumValue(c, n.arguments[0], 'aws-s3', 'BucketEncryption'))).toEqual([null, null, null, 'KMS', null, null]);
  });

  it('reads buckets: KMS paths, explicit bucket keys, paths without encryption, undecidable ones', () => {
    const code = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as kms from 'aws-cdk-lib/aws-kms';
const stack = {};
const Modes = { KMS: 'KMS' };
export function make(prod, encryption, key, props) {
  new s3.Bucket(stack, 'A', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });
  new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: false });
  new s3.Bucket(stack, 'C', { encryption: prod ? s3.BucketEncryption.S3_MANAGED : encryption });
  new s3.Bucket(stack, 'D', { encryptionKey: prod ? key : undefined, encryption: s3.BucketEncryption.KMS });
  new s3.Bucket(stack, 'E', { ...(prod ? { encryption: s3.BucketEncryption.KMS } : {}) });
  new s3.Bucket(stack, 'F');
  new s3.Bucket(stack, 'G', props);
  new s3.Bucket(stack, 'H', { encryption: s3.BucketEncryption.DSSE });
  new s3.Bucket(stack, 'I', { encryption: s3.BucketEncryption.DSSE_MANAGED });
  new s3.Bucket(stack, 'J', { encryption: s3.BucketEncryption.UNENCRYPTED });
  new s3.Bucket(stack, 'K', { encryption: 'KMS', bucketKeyEnabled: prod ? true : undefined });
  new s3.Bucket(stack, 'L', { encryption: Modes.KMS });
  new s3.Bucket(stack, 'M', { encryption: s3.BucketEncryption.KMS, ...(prod ? {} : { encryption }) });
  new s3.Bucket(stack, 'N', { encryption: s3.BucketEncryption.KMS });
  new s3.Bucket(stack, 'O', { encryptionKey: kms.Key.fromKeyArn(stack, 'K', 'arn') });
  new s3.Bucket(stack, 'P', { encryptionKey: key });
  new s3.Bucket(stack, 'Q', { versioned: true });
  new s3.Bucket(stack, 'R', { encryption: s3.BucketEncryption.S3_MANAGED, bucketKeyEnabled: false });
}`;
    expect(probe(code, cdkFindings)).toEqual([
      null, // key on
      { kind: 'disabled', option: { present: true, value: 'Literal@8:85', property: 'Property@8:67' } }, // off
      { kind: 'undecidable', anchor: 'Identifier@9:82' }, // S3-managed or a parameter: undecidable, at the parameter
      { kind: 'missing', anchor: 'Property@10:69', insertAfter: 'Property@10:69' }, // KMS written: the fix goes after it
      { kind: 'missing', anchor: 'Property@11:43', insertAfter: null }, // KMS or nothing: no fix
      null, // no props: unencrypted
      { kind: 'undecidable', anchor: 'NewExpression@13:2' }, // props the rule cannot read
      null, // DSSE
      null, // DSSE
      null, // unencrypted
      { kind: 'missing', anchor: 'Property@17:30', insertAfter: null }, // the enum's string; a bucket key on one path: no second one
      { kind: 'undecidable', anchor: 'MemberExpression@18:42' }, // another object's member, whatever its value
      { kind: 'missing', anchor: 'Property@19:30', insertAfter: null }, // KMS, or what a parameter says: no fix
      { kind: 'missing', anchor: 'Property@20:30', insertAfter: 'Property@20:30' },
      { kind: 'missing', anchor: 'Property@21:30', insertAfter: 'Property@21:30' }, // an imported key is a key
      { kind: 'undecidable', anchor: 'Identifier@22:45' }, // a key that may be undefined
      null, // no encryption at all
      null, // S3-managed, key off
    ]);
  });

  it('reads CfnBucket rules and BucketDeployments into buckets of the file', () => {
    const code = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, ServerSideEncryption } from 'aws-cdk-lib/aws-s3-deployment';
const stack = {};
const kmsRule = { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } };
export function make(prod, config, rules, byDefault, props, bucket, sse) {
  new s3.CfnBucket(stack, 'A');
  new s3.CfnBucket(stack, 'B', { bucketEncryption: config });
  new s3.CfnBucket(stack, 'C', { bucketEncryption: { serverSideEncryptionConfiguration: rules } });
  new s3.CfnBucket(stack, 'D', { bucketEncryption: { serverSideEncryptionConfiguration: [, ...rules, kmsRule] } });
  new s3.CfnBucket(stack, 'E', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: byDefault }] } });
  new s3.CfnBucket(stack, 'F', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }] } });
  new s3.CfnBucket(stack, 'G', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: false }] } });
  new s3.CfnBucket(stack, 'H', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }] } });
  new s3.CfnBucket(stack, 'I', { bucketEncryption: prod ? undefined : { serverSideEncryptionConfiguration: [{ bucketKeyEnabled: false }] } });
  new s3.CfnBucket(stack, 'J', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: {} }] } });
  new s3.CfnBucket(stack, 'K', { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] } });
  const plain = new s3.Bucket(stack, 'P');
  const keyed = new s3.Bucket(stack, 'Q', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });
  const managed = new s3.Bucket(stack, 'R', { encryption: s3.BucketEncryption.S3_MANAGED, bucketKeyEnabled: prod ? true : undefined });
  const some = new s3.Bucket(stack, 'S', { ...(prod ? { encryption: s3.BucketEncryption.S3_MANAGED } : {}) });
  const hidden = new s3.Bucket(stack, 'T', ...props);
  const unread = new s3.Bucket(stack, 'U', props);
  const s3only = new s3.Bucket(stack, 'V', { encryption: s3.BucketEncryption.S3_MANAGED });
  new BucketDeployment(stack, 'D1');
  new BucketDeployment(stack, 'D2', props);
  new BucketDeployment(stack, 'D3', { ...props, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  new BucketDeployment(stack, 'D4', { destinationBucket: plain, serverSideEncryption: ServerSideEncryption.AES_256 });
  new BucketDeployment(stack, 'D5', { destinationBucket: bucket, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  new BucketDeployment(stack, 'D6', { destinationBucket: keyed, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  new BucketDeployment(stack, 'D7', { destinationBucket: managed, serverSideEncryption: 'aws:kms' });
  new BucketDeployment(stack, 'D8', { destinationBucket: some, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  new BucketDeployment(stack, 'D9', { destinationBucket: hidden, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  new BucketDeployment(stack, 'DA', { destinationBucket: unread, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  new BucketDeployment(stack, 'DB', { destinationBucket: plain, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  new BucketDeployment(stack, 'DC', { destinationBucket: s3only, serverSideEncryption: ServerSideEncryption.AWS_KMS });
  new BucketDeployment(stack, 'DD', { destinationBucket: plain, serverSideEncryption: ServerSideEncryption.AWS_KMS_DSSE });
  new BucketDeployment(stack, 'DE', { destinationBucket: plain, serverSideEncryption: s3.BucketEncryption.KMS });
  new BucketDeployment(stack, 'DF', { destinationBucket: plain, serverSideEncryption: sse });
}`;
    expect(probe(code, cdkFindings)).toEqual([
      [], // no props
      [], // unreadable
      [], // unreadable rules
      [{ kind: 'missing', anchor: 'Property@5:51', insertAfter: null }], // holes and spreads skipped; the rule in a const: no fix there
      [], // unreadable defaults
      [], // key on
      [{ kind: 'disabled', option: { present: true, value: 'Literal@13:169', property: 'Property@13:151' } }], // off
      [{ kind: 'missing', anchor: 'Property@14:124', insertAfter: 'Property@14:91' }], // missing: the fix after the defaults
      [], // no algorithm
      [], // empty defaults
      [], // SSE-S3
      null,
      null,
      null,
      null,
      { kind: 'undecidable', anchor: 'NewExpression@22:17' }, // spread-hidden props
      { kind: 'undecidable', anchor: 'NewExpression@23:17' }, // unreadable props
      null,
      null, // no props
      null, // unreadable
      null, // destination hidden by a spread
      null, // SSE-S3 upload
      null, // a bucket of elsewhere
      null, // bucket key on
      { sse: { present: true, value: 'Literal@31:88', property: 'Property@31:66' }, bucket: { construct: 'Bucket', node: 'NewExpression@20:18', props: 'ObjectExpression@20:44' }, insertAfter: null }, // a bucket key on one path: no second one
      { sse: { present: true, value: 'MemberExpression@32:85', property: 'Property@32:63' }, bucket: { construct: 'Bucket', node: 'NewExpression@21:15', props: 'ObjectExpression@21:41' }, insertAfter: null }, // S3-managed or unencrypted: no fix
      null, // spread-hidden props
      null, // unreadable props
      { sse: { present: true, value: 'MemberExpression@35:86', property: 'Property@35:64' }, bucket: { construct: 'Bucket', node: 'NewExpression@18:16', props: null }, insertAfter: null }, // no props: no literal to fix
      { sse: { present: true, value: 'MemberExpression@36:87', property: 'Property@36:65' }, bucket: { construct: 'Bucket', node: 'NewExpression@24:17', props: 'ObjectExpression@24:43' }, insertAfter: 'Property@24:45' }, // S3-managed: the fix goes on the bucket
      null, // DSSE upload
      null, // another module's enum
      null, // an SSE the rule cannot read
    ]);
  });

  it('reads keys: rotatability, rotation, periods', () => {
    const code = `import * as cdk from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
const stack = {};
export function make(prod, props, rest, rotate, spec) {
  new kms.Key(stack, 'A');
  new kms.Key(stack, 'B', ...rest);
  new kms.Key(stack, 'C', props);
  new kms.Key(stack, 'D', { ...props, keySpec: kms.KeySpec.SYMMETRIC_DEFAULT });
  new kms.Key(stack, 'E', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, enableKeyRotation: true });
  new kms.Key(stack, 'F', { keySpec: kms.KeySpec.RSA_2048 });
  new kms.Key(stack, 'G', { keySpec: kms.KeySpec.RSA_2048, enableKeyRotation: true, rotationPeriod: cdk.Duration.days(30) });
  new kms.Key(stack, 'H', { rotationPeriod: prod ? cdk.Duration.days(365) : undefined });
  new kms.Key(stack, 'I', { rotationPeriod: cdk.Duration.days(365) });
  new kms.Key(stack, 'J', { keySpec: spec, enableKeyRotation: false });
  new kms.Key(stack, 'K', { enableKeyRotation: rotate, rotationPeriod: cdk.Duration.days(3000) });
  new kms.CfnKey(stack, 'L', { origin: 'EXTERNAL', enableKeyRotation: true, rotationPeriodInDays: 30 });
  new kms.CfnKey(stack, 'M', { keySpec: 'RSA_2048', origin: 'AWS_KMS' });
  new kms.CfnKey(stack, 'N', { enableKeyRotation: prod ? true : undefined });
  new kms.CfnKey(stack, 'O', { origin: spec, keySpec: 'HMAC_256', enableKeyRotation: true });
  new cdk.aws_s3.Bucket(stack, 'P');
}`;
    expect(probe(code, cdkFindings)).toEqual([
      [{ kind: 'missing', node: 'NewExpression@5:2', literal: null }], // no props
      [], // a spread hides the props
      [], // unreadable props
      [], // rotation unreadable, spec known
      [], // on
      [], // asymmetric
      [{ kind: 'unsupported', option: { present: true, value: 'Literal@11:78', property: 'Property@11:59' } }, { kind: 'period', node: 'CallExpression@11:100', days: 30 }], // asymmetric with rotation; the period too
      [{ kind: 'missing', node: 'NewExpression@12:2', literal: 'ObjectExpression@12:26' }], // a period on one path only
      [], // a period turns rotation on
      [], // spec unreadable
      [{ kind: 'period', node: 'CallExpression@15:71', days: 3000 }], // rotation unreadable; the period is not
      [{ kind: 'unsupported', option: { present: true, value: 'Literal@16:70', property: 'Property@16:51' } }, { kind: 'period', node: 'Literal@16:98', days: 30 }], // imported material
      [], // asymmetric
      [{ kind: 'missing', node: 'NewExpression@18:2', literal: null }], // rotation on one path only: no fix
      [{ kind: 'unsupported', option: { present: true, value: 'Literal@19:85', property: 'Property@19:66' } }], // HMAC whatever the origin
      null, // a bucket
    ]);
  });

  it('reads CreateKey and EnableKeyRotation requests', () => {
    const code = `import { CreateKeyCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
export function make(params, spec, prod) {
  new CreateKeyCommand();
  new CreateKeyCommand({});
  new CreateKeyCommand(params);
  new CreateKeyCommand(...params);
  new CreateKeyCommand({ ...params, KeySpec: 'SYMMETRIC_DEFAULT' });
  new CreateKeyCommand({ KeySpec: 'SYMMETRIC_DEFAULT', CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS' });
  new CreateKeyCommand({ KeySpec: 'RSA_2048' });
  new CreateKeyCommand({ CustomerMasterKeySpec: 'HMAC_256' });
  new CreateKeyCommand({ Origin: 'EXTERNAL' });
  new CreateKeyCommand({ CustomKeyStoreId: 'cks-1' });
  new CreateKeyCommand({ CustomKeyStoreId: prod ? 'cks-1' : undefined });
  new CreateKeyCommand({ KeySpec: spec });
  new CreateKeyCommand({ KeySpec: prod ? 'RSA_2048' : 'ECC_NIST_P256' });
  new CreateKeyCommand({ KeySpec: prod ? 'RSA_2048' : 'SYMMETRIC_DEFAULT' });
  new EnableKeyRotationCommand();
  new EnableKeyRotationCommand(params);
  new EnableKeyRotationCommand({ KeyId: 'k' });
  new EnableKeyRotationCommand({ KeyId: 'k', RotationPeriodInDays: prod ? 30 : 2561 });
  new EnableKeyRotationCommand({ KeyId: 'k', RotationPeriodInDays: 90 });
  new EnableKeyRotationCommand({ KeyId: 'k', RotationPeriodInDays: spec });
}`;
    expect(probe(code, sdkFindings)).toEqual([
      'rotatable', // no request: a symmetric key
      'rotatable', // empty
      'unknown', // unreadable
      'unknown', // spread
      'unknown', // a custom key store may hide in the spread
      'rotatable', // the defaults written
      'not-rotatable', // asymmetric
      'not-rotatable', // HMAC (legacy field)
      'not-rotatable', // imported material
      'not-rotatable', // custom key store
      'unknown', // custom key store on one path
      'unknown', // spec unreadable
      'not-rotatable', // asymmetric on both paths
      'unknown', // paths disagree
      [], // no request
      [], // unreadable
      [], // no period
      [{ kind: 'period', node: 'Literal@20:74', days: 30 }, { kind: 'period', node: 'Literal@20:79', days: 2561 }], // both paths out of range
      [], // in range
      [], // unreadable
    ]);
  });

  it('follows const aliases eight deep, and no deeper', () => {
    // `const a2 = a1; const a3 = a2; …`: n consts, the first bound to `init`.
    const chain = (name: string, n: number, init: string) =>
      Array.from({ length: n }, (_, i) => `const ${name}${i + 1} = ${i === 0 ? init : `${name}${i}`};`).join('\n');
    const code = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
const stack = {};
${chain('m', 7, 's3')}
${chain('n', 8, 's3')}
${chain('e', 8, 's3.BucketEncryption.KMS')}
${chain('f', 9, 's3.BucketEncryption.KMS')}
${chain('k', 8, "new cdk.aws_kms.Key(stack, 'K')")}
${chain('l', 9, "new cdk.aws_kms.Key(stack, 'L')")}
${chain('b', 8, "new s3.Bucket(stack, 'B')")}
${chain('c', 9, "new s3.Bucket(stack, 'C')")}
new m7.Bucket(stack, 'M', { encryption: s3.BucketEncryption.KMS });
new n8.Bucket(stack, 'N', { encryption: s3.BucketEncryption.KMS });
new s3.Bucket(stack, 'E', { encryption: e8 });
new s3.Bucket(stack, 'F', { encryption: f9 });
new s3.Bucket(stack, 'G', { encryptionKey: k8 });
new s3.Bucket(stack, 'H', { encryptionKey: l9 });
new BucketDeployment(stack, 'I', { destinationBucket: b8, serverSideEncryption: 'aws:kms' });
new BucketDeployment(stack, 'J', { destinationBucket: c9, serverSideEncryption: 'aws:kms' });`;
    expect(probe(code, cdkFindings).slice(-8)).toEqual([
      { kind: 'missing', anchor: 'Property@71:28', insertAfter: 'Property@71:28' }, // the module through 7 aliases
      null, // through 8: not followed
      { kind: 'missing', anchor: 'Property@73:28', insertAfter: 'Property@73:28' }, // the enum member through 8
      { kind: 'undecidable', anchor: 'Identifier@74:40' }, // through 9: unknown
      { kind: 'missing', anchor: 'Property@75:28', insertAfter: 'Property@75:28' }, // a key through 8
      { kind: 'undecidable', anchor: 'Identifier@76:43' }, // through 9: may be undefined
      { sse: { present: true, value: 'Literal@77:80', property: 'Property@77:58' }, bucket: { construct: 'Bucket', node: 'NewExpression@54:11', props: null }, insertAfter: null },
      null, // the bucket through 9: not this file's, as far as the rule can tell
    ]);
  });

  it('names CDK modules by their exact names', () => {
    const code = `import * as cdk from 'aws-cdk-lib';
import * as fake from 'my-aws-cdk-lib/aws-s3';
import * as v1 from '@aws-cdk/aws-s3';
import * as deep from '@aws-cdk/aws-s3/lib/bucket';
new X(cdk);
new X(fake.Bucket);
new X(v1.Bucket);
new X(deep.Bucket);
new X(cdk.aws_s3_deployment.BucketDeployment);`;
    expect(probe(code, (c, n) => cdkNameOf(c, n.arguments[0]))).toEqual([
      { submodule: 'core', path: [] },
      null,
      { submodule: 'aws-s3', path: ['Bucket'] },
      null, // a file inside a package is not the package
      { submodule: 'aws-s3-deployment', path: ['BucketDeployment'] },
    ]);
  });

  it('follows requires and aliases of aliases, and reads only two-part enum members', () => {
    const code = `${preJs}const req = require('aws-cdk-lib/aws-kms');
const Enc = cdk.aws_s3.BucketEncryption;
const Enc2 = Enc;
new X(req.Key);
new X(Enc2.KMS);
new X(globalThing.Bucket);
new X(s3.BucketEncryption.KMS.value);
new X(s3.BucketEncryption);`;
    expect(probe(code, (c, n) => cdkNameOf(c, n.arguments[0]))).toEqual([
      { submodule: 'aws-kms', path: ['Key'] },
      { submodule: 'aws-s3', path: ['BucketEncryption', 'KMS'] },
      null,
      { submodule: 'aws-s3', path: ['BucketEncryption', 'KMS', 'value'] },
      { submodule: 'aws-s3', path: ['BucketEncryption'] },
    ]);
    expect(probe(code, (c, n) => cdkEnumValue(c, n.arguments[0], 'aws-s3', 'BucketEncryption'))).toEqual([null, 'KMS', null, null, null]);
  });

  it('reads bucket keys the code does not decide, and deployments into what is no Bucket', () => {
    const code = `${preJs}import { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
export function make(props, on) {
  new s3.Bucket(stack, 'A', { ...props, encryption: s3.BucketEncryption.KMS });
  new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: on });
  new BucketDeployment(stack, 'C', { destinationBucket: new s3.CfnBucket(stack, 'D'), serverSideEncryption: 'aws:kms' });
  new BucketDeployment(stack, 'E', { destinationBucket: new Other(stack, 'F'), serverSideEncryption: 'aws:kms' });
  new s3.Bucket(stack, 'G', { encryptionKey: settings.keyFromEnvironment() });
}`;
    // In source order of the \`new\`s: A, B, C, then D and F inside it (listeners run on the way down), G: a
    // method named like a factory (fromKeyArn) but not one may return undefined.
    expect(probe(code, cdkFindings)).toEqual([null, null, null, [], null, null, { kind: 'undecidable', anchor: 'CallExpression@11:45' }]);
  });

  it('finds no rotation question in constructs that are not keys', () => {
    const code = `${preJs}new s3.Bucket(stack, 'A');
new s3.CfnBucket(stack, 'B');
new cdk.aws_s3_deployment.BucketDeployment(stack, 'C');`;
    expect(probe(code, (c, n) => cdkKeyRotationFindings(c, recognizeCdkConstruct(c, n)!))).toEqual([[], [], []]);
  });
});
