// Key management: creating, describing, listing, enabling and disabling keys, descriptions, and multi-Region replicas.
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import { REGION, defaultPolicy, page, type Ctx, type KeyRecord, type Output } from '../model.js';
import { AWS_ENUM_LISTS, KEY_SPECS, KEY_USAGES, SUPPORTED_KEY_SPECS, allowedUsages } from '../specs.js';
import { readPolicy } from './policies.js';
import { checkTagCount, readTags } from './tags.js';
import { Input, validation } from '../wire.js';

export const keyOperations: Record<string, Operation> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  UpdateKeyDescription: updateKeyDescription,
  ListKeys: listKeys,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ReplicateKey: replicateKey,
  UpdatePrimaryRegion: updatePrimaryRegion,
  GetKeyLastUsage: getKeyLastUsage,
};

/**
 * API_CreateKey. Checks in order: the members' model constraints (enum lists as AWS words them), tags
 * (tags.ts), then the request's sense: KeyUsage is required for every key spec but SYMMETRIC_DEFAULT (recorded:
 * "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys."), and must suit the
 * spec (recorded: "KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048", no full stop).
 */
function createKey(ks: Keystore, input: Input, ctx: Ctx): Output {
  const specIn = input.enumValue('KeySpec', KEY_SPECS, false, AWS_ENUM_LISTS.keySpec);
  const legacy = input.enumValue('CustomerMasterKeySpec', KEY_SPECS);
  if (specIn && legacy) throw validation('You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.');
  const spec = specIn ?? legacy ?? 'SYMMETRIC_DEFAULT';
  const usageIn = input.enumValue('KeyUsage', KEY_USAGES, false, AWS_ENUM_LISTS.keyUsage);
  const description = input.string('Description', { min: 0, max: 8192 }) ?? '';
  const origin = input.enumValue('Origin', ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] as const) ?? 'AWS_KMS';
  const multiRegion = input.bool('MultiRegion') ?? false;
  const policy = readPolicy(input, false);
  const customKeyStoreId = input.string('CustomKeyStoreId', { max: 64 });
  input.string('XksKeyId', { max: 128 });
  const tags = readTags(input);
  input.bool('BypassPolicyLockoutSafetyCheck');
  ks.noKeyOwnerOnly(ctx);
  if (usageIn === undefined && spec !== 'SYMMETRIC_DEFAULT') {
    throw validation('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  }
  const usage = usageIn ?? 'ENCRYPT_DECRYPT';
  if (!allowedUsages(spec).includes(usage)) throw validation(`KeyUsage ${usage} is not compatible with KeySpec ${spec}`);
  if (tags) checkTagCount(new Map(), tags);
  // An account without custom key stores (the and the engine's case): no store ID can name one.
  if (customKeyStoreId !== undefined) throw new AwsError('CustomKeyStoreNotFoundException', `Custom key store ${customKeyStoreId} does not exist in this account and Region.`);
  if (origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE') {
    throw new AwsError('UnsupportedOperationException', `Origin ${origin} needs a custom key store; this account has none.`);
  }
  if (!SUPPORTED_KEY_SPECS.includes(spec)) {
    throw new AwsError('UnsupportedOperationException', `KeySpec ${spec} is not supported by this engine.`);
  }
  const key = ks.newKey({ accountId: ctx.caller.accountId, region: ctx.caller.region, spec, usage, multiRegion, description, origin, tags, policy });
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
  const policy = readPolicy(input, false) ?? defaultPolicy(ctx.caller.accountId);
  const tags = readTags(input) ?? new Map<string, string>();
  input.bool('BypassPolicyLockoutSafetyCheck');
  checkTagCount(new Map(), tags);
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  // Recorded (ReplicateKey on a replica): "<key ARN> is not a multi-region primary key." A single-Region key is
  // refused with the same words here (its own wording is unrecorded).
  if (!key.multiRegion || key.region !== key.material.primaryRegion) {
    throw new AwsError('UnsupportedOperationException', `${key.arn} is not a multi-region primary key.`);
  }
  ks.requireNotPendingDeletion(key);
  if (key.material.related.has(region)) {
    throw new AwsError('AlreadyExistsException', `A related multi-Region key already exists in ${region} for ${key.keyId}.`);
  }
  const replica: KeyRecord = {
    ...key, region, arn: `arn:aws:kms:${region}:${key.accountId}:key/${key.keyId}`, state: key.state === 'Disabled' ? 'Disabled' : 'Enabled',
    // Recorded: a replica made without Description has an empty one, not the primary's.
    description: description ?? '', creationDate: ks.clock(), grants: [], deletionDate: undefined, pendingWindowInDays: undefined,
    // "primary and replica keys track last usage independently" (API_GetKeyLastUsage).
    tags, policy, lastUsage: undefined,
  };
  key.material.related.set(region, replica);
  ks.store(key.accountId, region).keys.set(key.keyId, replica);
  // Recorded ReplicateKey response: the replica is still being made (KeyState Creating, Enabled false, no
  // CurrentKeyMaterialId); DescribeKey then shows it Enabled with its material ID. Here it is ready at once.
  const { CurrentKeyMaterialId: _material, ...md } = ks.metadata(replica);
  void _material;
  return {
    ReplicaKeyMetadata: { ...md, KeyState: 'Creating', Enabled: false }, ReplicaPolicy: policy,
    ReplicaTags: [...tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
  };
}

/**
 * API_UpdatePrimaryRegion: the replica in PrimaryRegion becomes the primary key and the primary a replica. The key is
 * named by key ID or key ARN and must be the current primary (the wording of the refusal is the recorded one for
 * ReplicateKey on a replica); a Region without a replica is NotFoundException (our wording; AWS's is unrecorded).
 */
function updatePrimaryRegion(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const region = input.string('PrimaryRegion', { required: true, max: 32, pattern: REGION });
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  ks.requireUsable(key);
  if (!key.multiRegion || key.region !== key.material.primaryRegion) {
    throw new AwsError('UnsupportedOperationException', `${key.arn} is not a multi-region primary key.`);
  }
  if (!key.material.related.has(region)) throw new AwsError('NotFoundException', `There is no replica of ${key.keyId} in ${region}.`);
  key.material.primaryRegion = region;
  return {};
}

/**
 * API_GetKeyLastUsage: the last successful cryptographic operation with the key (service.ts notes it), and since when
 * it is tracked: "the date from which KMS began recording cryptographic activity for this key, or the date the KMS key
 * was created, whichever is later" (here always the creation date). Key ID or key ARN only.
 */
function getKeyLastUsage(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = ks.resolve(ks.keyIdMember(input), ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  const out: Output = { KeyId: key.keyId, TrackingStartDate: key.creationDate / 1000, KeyCreationDate: key.creationDate / 1000 };
  const u = key.lastUsage;
  if (u) {
    const usage: Record<string, unknown> = { Operation: u.operation, Timestamp: u.time / 1000 };
    if (u.requestId !== undefined) Object.assign(usage, { CloudTrailEventId: u.requestId, KmsRequestId: u.requestId });
    out.KeyLastUsage = usage;
  }
  return out;
}
