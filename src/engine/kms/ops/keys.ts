// Key management: creating, describing, listing, enabling and disabling keys, descriptions, and multi-Region replicas.
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import { REGION, defaultPolicy, page, type Ctx, type KeyRecord, type Output } from '../model.js';
import { KEY_SPECS, KEY_USAGES, SUPPORTED_KEY_SPECS, allowedUsages } from '../specs.js';
import { Input, validation } from '../wire.js';

export const keyOperations: Record<string, Operation> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  UpdateKeyDescription: updateKeyDescription,
  ListKeys: listKeys,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ReplicateKey: replicateKey,
};

function createKey(ks: Keystore, input: Input, ctx: Ctx): Output {
  const specIn = input.enumValue('KeySpec', KEY_SPECS);
  const legacy = input.enumValue('CustomerMasterKeySpec', KEY_SPECS);
  if (specIn && legacy) throw validation('You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.');
  const spec = specIn ?? legacy ?? 'SYMMETRIC_DEFAULT';
  const usage = input.enumValue('KeyUsage', KEY_USAGES) ?? allowedUsages(spec)[0];
  const description = input.string('Description', { min: 0, max: 8192 }) ?? '';
  const origin = input.enumValue('Origin', ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] as const);
  const multiRegion = input.bool('MultiRegion') ?? false;
  input.string('Policy', { max: 32768 });
  input.string('CustomKeyStoreId', { max: 64 });
  if (input.raw('Tags') !== undefined && !Array.isArray(input.raw('Tags'))) throw new AwsError('SerializationException', 'Tags must be a list');
  input.bool('BypassPolicyLockoutSafetyCheck');
  ks.noKeyOwnerOnly(ctx);
  if (!allowedUsages(spec).includes(usage)) {
    throw validation(`KeyUsage ${usage} is not compatible with KeySpec ${spec}.`);
  }
  if (origin && origin !== 'AWS_KMS') throw new AwsError('UnsupportedOperationException', `Origin ${origin} is not supported by this engine (only AWS_KMS).`);
  if (input.has('CustomKeyStoreId')) throw new AwsError('UnsupportedOperationException', 'Custom key stores are not supported by this engine.');
  if (!SUPPORTED_KEY_SPECS.includes(spec) || usage === 'KEY_AGREEMENT') {
    throw new AwsError('UnsupportedOperationException', `KeySpec ${spec} with KeyUsage ${usage} is not supported by this engine.`);
  }
  const key = ks.newKey({ accountId: ctx.caller.accountId, region: ctx.caller.region, spec, usage, multiRegion, description });
  ctx.entry.keyArn = key.arn;
  return { KeyMetadata: ks.metadata(key) };
}

function describeKey(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  ks.readTokens(input, ctx);
  const key = ks.resolve(keyId, ctx);
  ks.authorize(key, 'DescribeKey', ctx);
  return { KeyMetadata: ks.metadata(key) };
}

function updateKeyDescription(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const description = input.string('Description', { required: true, min: 0, max: 8192 });
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  ks.requireNotPendingDeletion(key);
  key.description = description;
  return {};
}

function listKeys(ks: Keystore, input: Input, ctx: Ctx): Output {
  const limit = input.int('Limit', { min: 1, max: 1000 }) ?? 100;
  const marker = input.string('Marker', { max: 1024, pattern: /^[\u0020-\u00FF]*$/ });
  const keys = [...ks.store(ctx.caller.accountId, ctx.caller.region).keys.values()]
    .filter((k) => ks.tick(k)).map((k) => ({ KeyId: k.keyId, KeyArn: k.arn }));
  return page(keys, limit, marker, 'Keys');
}

function enableKey(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = ks.resolve(ks.keyIdMember(input), ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  ks.requireNotPendingDeletion(key);
  key.state = 'Enabled';
  return {};
}

function disableKey(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = ks.resolve(ks.keyIdMember(input), ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  ks.requireNotPendingDeletion(key);
  key.state = 'Disabled';
  return {};
}


/**
 * API_ReplicateKey: only a multi-Region primary key replicates (UnsupportedOperationException otherwise);
 * a Region that already has a related key is AlreadyExistsException. The replica shares the key ID and
 * the key material (rotations included), so each decrypts the other's ciphertext.
 */
function replicateKey(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const region = input.string('ReplicaRegion', { required: true, max: 32, pattern: REGION });
  const description = input.string('Description', { min: 0, max: 8192 });
  input.string('Policy', { max: 32768 });
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  if (!key.multiRegion) throw new AwsError('UnsupportedOperationException', `${key.arn} is not a multi-Region key.`);
  if (key.region !== key.material.primaryRegion) throw new AwsError('UnsupportedOperationException', `${key.arn} is a replica key; only a primary key can be replicated.`);
  ks.requireNotPendingDeletion(key);
  if (key.material.related.has(region)) {
    throw new AwsError('AlreadyExistsException', `A related multi-Region key already exists in ${region} for ${key.keyId}.`);
  }
  const replica: KeyRecord = {
    ...key, region, arn: `arn:aws:kms:${region}:${key.accountId}:key/${key.keyId}`, state: key.state === 'Disabled' ? 'Disabled' : 'Enabled',
    description: description ?? key.description, creationDate: ks.clock(), grants: [], deletionDate: undefined, pendingWindowInDays: undefined,
  };
  key.material.related.set(region, replica);
  ks.store(key.accountId, region).keys.set(key.keyId, replica);
  return { ReplicaKeyMetadata: ks.metadata(replica), ReplicaPolicy: defaultPolicy(key.accountId), ReplicaTags: [] };
}
