// Aliases: friendly names for keys, one store of them per account and Region.
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import { ALIAS_NAME, page, type Ctx, type KeyRecord, type Output } from '../model.js';
import { keyKind } from '../specs.js';
import { Input, validation } from '../wire.js';

export const aliasOperations: Record<string, Operation> = {
  CreateAlias: createAlias,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
};

/**
 * Alias names (developer guide "Create aliases"): 1..256 characters of [a-zA-Z0-9:/_-], starting with
 * `alias/`; `alias/aws/` is reserved for AWS managed keys. Which error real KMS returns for a reserved
 * name is not documented (local-kms answers NotAuthorizedException, which is not in the model); we
 * answer InvalidAliasNameException, the model's error for an unusable alias name.
 */
function aliasName(input: Input, name = 'AliasName'): string {
  const alias = input.string(name, { required: true, max: 256, pattern: ALIAS_NAME });
  if (!alias.startsWith('alias/') || alias.length === 'alias/'.length) {
    // Recorded (CreateAlias "test-alias"): ValidationException, not InvalidAliasNameException.
    throw validation('Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  return alias;
}

function aliasTarget(ks: Keystore, input: Input, ctx: Ctx): KeyRecord {
  const key = ks.resolve(ks.keyIdMember(input, 'TargetKeyId'), ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  ks.requireNotPendingDeletion(key);
  if (key.keyManager === 'AWS') throw new AwsError('UnsupportedOperationException', `${key.arn} is an AWS managed key; its aliases cannot be changed.`);
  return key;
}

function createAlias(ks: Keystore, input: Input, ctx: Ctx): Output {
  const name = aliasName(input);
  const key = aliasTarget(ks, input, ctx);
  if (name.startsWith('alias/aws/')) throw new AwsError('InvalidAliasNameException', `Alias names that begin with alias/aws/ are reserved for AWS managed keys: ${name}`);
  const store = ks.store(key.accountId, key.region);
  if (store.aliases.has(name)) throw new AwsError('AlreadyExistsException', `An alias with the name arn:aws:kms:${key.region}:${key.accountId}:${name} already exists`);
  const now = ks.clock();
  store.aliases.set(name, { name, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now });
  return {};
}

/** API_UpdateAlias: the new key must be of the same type (symmetric, asymmetric or HMAC) and key usage. */
function updateAlias(ks: Keystore, input: Input, ctx: Ctx): Output {
  const name = aliasName(input);
  const key = aliasTarget(ks, input, ctx);
  if (name.startsWith('alias/aws/')) throw new AwsError('InvalidAliasNameException', `Alias names that begin with alias/aws/ are reserved for AWS managed keys: ${name}`);
  const store = ks.store(key.accountId, key.region);
  const alias = store.aliases.get(name);
  if (!alias) throw new AwsError('NotFoundException', `Alias arn:aws:kms:${key.region}:${key.accountId}:${name} is not found.`);
  const current = store.keys.get(alias.targetKeyId);
  if (current) {
    const type = (k: KeyRecord) => (keyKind(k.spec) === 'SYMMETRIC' ? 'symmetric' : keyKind(k.spec) === 'HMAC' ? 'HMAC' : 'asymmetric');
    if (type(current) !== type(key) || current.usage !== key.usage) {
      throw validation(`${key.arn} (${type(key)}, ${key.usage}) is not compatible with the alias's current key ${current.arn} (${type(current)}, ${current.usage}).`);
    }
  }
  alias.targetKeyId = key.keyId;
  alias.lastUpdatedDate = ks.clock();
  return {};
}

function deleteAlias(ks: Keystore, input: Input, ctx: Ctx): Output {
  const name = aliasName(input);
  ks.noKeyOwnerOnly(ctx);
  if (name.startsWith('alias/aws/')) throw new AwsError('InvalidAliasNameException', `Aliases that begin with alias/aws/ are reserved for AWS managed keys: ${name}`);
  const store = ks.store(ctx.caller.accountId, ctx.caller.region);
  if (!store.aliases.delete(name)) throw new AwsError('NotFoundException', `Alias arn:aws:kms:${ctx.caller.region}:${ctx.caller.accountId}:${name} is not found.`);
  return {};
}

function listAliases(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = input.string('KeyId', { max: 2048 });
  const limit = input.int('Limit', { min: 1, max: 100 }) ?? 50;
  const marker = input.string('Marker', { max: 1024 });
  const store = ks.store(ctx.caller.accountId, ctx.caller.region);
  const target = keyId === undefined ? undefined : ks.resolve(keyId, ctx, { aliases: false });
  const aliases = [...store.aliases.values()]
    .filter((a) => !target || a.targetKeyId === target.keyId)
    .filter((a) => { const k = store.keys.get(a.targetKeyId); return k !== undefined && ks.tick(k) !== undefined; })
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((a) => ({
      AliasName: a.name, AliasArn: `arn:aws:kms:${ctx.caller.region}:${ctx.caller.accountId}:${a.name}`,
      TargetKeyId: a.targetKeyId, CreationDate: a.creationDate / 1000, LastUpdatedDate: a.lastUpdatedDate / 1000,
    }));
  return page(aliases, limit, marker, 'Aliases');
}
