// Grants: creating, listing, retiring and revoking them (authorization by grant lives in keystore.ts).
import crypto from 'node:crypto';
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import { ALIAS_NAME, PRINCIPAL, page, type Ctx, type Grant, type KeyRecord, type Output } from '../model.js';
import { GRANT_OPERATIONS, type GrantOperation } from '../specs.js';
import { Input, validation } from '../wire.js';

const MAX_GRANTS_PER_KEY = 50_000; // "Grants for a KMS key" resource quota

export const grantOperations: Record<string, Operation> = {
  CreateGrant: createGrant,
  ListGrants: listGrants,
  ListRetirableGrants: listRetirableGrants,
  RetireGrant: retireGrant,
  RevokeGrant: revokeGrant,
};

/**
 * API_CreateGrant. Operations must be ones the key supports (else ValidationException); encryption-context
 * constraints "are supported only on grant operations that include an EncryptionContext parameter" and
 * not with asymmetric or HMAC keys; each constraint holds at most 8 pairs with values up to 384 characters.
 * A grantee that creates grants through a grant may only grant a subset of its operations, with
 * constraints at least as strict.
 */
function createGrant(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const grantee = input.string('GranteePrincipal', { required: true, max: 256, pattern: PRINCIPAL });
  const retiring = input.string('RetiringPrincipal', { max: 256, pattern: PRINCIPAL });
  const opsIn = input.stringList('Operations', { max: GRANT_OPERATIONS.length * 2, itemMax: 64, required: true }) ?? [];
  for (const op of opsIn) {
    if (!(GRANT_OPERATIONS as readonly string[]).includes(op)) {
      throw validation(`1 validation error detected: Value '[${opsIn.join(', ')}]' at 'operations' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${GRANT_OPERATIONS.join(', ')}]]`);
    }
  }
  if (opsIn.length === 0) throw validation("1 validation error detected: Value '[]' at 'operations' failed to satisfy constraint: Member must have length greater than or equal to 1");
  const operations = [...new Set(opsIn)] as GrantOperation[];
  const c = input.object('Constraints');
  const equals = c?.map('EncryptionContextEquals', { maxPairs: 8, maxValue: 384 });
  const subset = c?.map('EncryptionContextSubset', { maxPairs: 8, maxValue: 384 });
  const name = input.string('Name', { max: 256, pattern: ALIAS_NAME });
  ks.readTokens(input, ctx);
  ks.dryRun(input);
  const key = ks.resolve(keyId, ctx, { aliases: false });
  const parent = ks.isOwner(key, ctx.caller) ? undefined : grantFor(ks, key, ctx, 'CreateGrant');
  ks.requireUsable(key);
  const supported = grantOperationsFor(key);
  const unsupported = operations.filter((o) => !supported.includes(o));
  if (unsupported.length) throw validation(`Grant operations ${unsupported.join(', ')} are not supported by ${key.arn} (${key.spec}, ${key.usage}).`);
  const constraints = equals || subset ? { EncryptionContextEquals: equals, EncryptionContextSubset: subset } : undefined;
  if (constraints && key.spec !== 'SYMMETRIC_DEFAULT') {
    throw validation(`Grant constraints are not supported with ${key.spec} keys: operations with asymmetric and HMAC KMS keys do not take an encryption context.`);
  }
  if (parent) {
    const wider = operations.filter((o) => !parent.operations.includes(o));
    if (wider.length || !atLeastAsStrict(constraints, parent.constraints)) {
      throw new AwsError('AccessDeniedException', `Grant ${parent.grantId} does not allow creating a grant with operations [${operations.join(', ')}] and these constraints.`);
    }
  }
  if (name !== undefined) {
    const same = key.grants.find((g) => g.name === name && g.granteePrincipal === grantee && g.retiringPrincipal === retiring
      && sameSet(g.operations, operations) && JSON.stringify(g.constraints ?? null) === JSON.stringify(constraints ?? null));
    if (same) return { GrantId: same.grantId, GrantToken: same.token }; // CreateGrant is idempotent by Name
  }
  if (key.grants.length >= MAX_GRANTS_PER_KEY) throw new AwsError('LimitExceededException', `${key.arn} already has ${MAX_GRANTS_PER_KEY} grants.`);
  const grant: Grant = {
    grantId: crypto.randomBytes(32).toString('hex'), token: crypto.randomBytes(96).toString('base64url'), keyArn: key.arn, name,
    granteePrincipal: grantee, retiringPrincipal: retiring, operations, constraints, creationDate: ks.clock(),
    issuingAccount: `arn:aws:iam::${ctx.caller.accountId}:root`,
  };
  key.grants.push(grant);
  ks.grantTokens.set(grant.token, grant);
  ctx.entry.grantId = grant.grantId;
  return { GrantId: grant.grantId, GrantToken: grant.token };
}

function grantFor(ks: Keystore, key: KeyRecord, ctx: Ctx, op: GrantOperation): Grant {
  ks.authorize(key, op, ctx);
  return key.grants.find((g) => g.grantId === ctx.entry.grantId)!;
}

function listGrants(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const limit = input.int('Limit', { min: 1, max: 100 }) ?? 50;
  const marker = input.string('Marker', { max: 1024 });
  const grantId = input.string('GrantId', { max: 128 });
  const grantee = input.string('GranteePrincipal', { max: 256 });
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  const grants = key.grants
    .filter((g) => (grantId === undefined || g.grantId === grantId) && (grantee === undefined || g.granteePrincipal === grantee))
    .map((g) => grantOut(g));
  return page(grants, limit, marker, 'Grants');
}

/**
 * API_ListRetirableGrants: the grants in the caller's Region, on keys of any account, whose retiring principal is
 * RetiringPrincipal. Limit "must be between 1 and 100 ... it defaults to 50" (the model allows up to 1000).
 */
function listRetirableGrants(ks: Keystore, input: Input, ctx: Ctx): Output {
  const limit = input.int('Limit', { min: 1, max: 1000 }) ?? 50;
  const marker = input.string('Marker', { max: 1024, pattern: /^[\u0020-\u00FF]*$/ });
  const principal = input.string('RetiringPrincipal', { required: true, max: 256, pattern: PRINCIPAL });
  ks.noKeyOwnerOnly(ctx);
  const grants = ks.keysIn(ctx.caller.region).flatMap((k) => k.grants.filter((g) => g.retiringPrincipal === principal)).map((g) => grantOut(g));
  return page(grants, Math.min(limit, 100), marker, 'Grants');
}

/**
 * API_RetireGrant: by GrantToken, or by KeyId (key ARN) and GrantId. Allowed for the retiring principal,
 * a grantee whose grant includes RetireGrant, and the key owner.
 */
function retireGrant(ks: Keystore, input: Input, ctx: Ctx): Output {
  const token = input.string('GrantToken', { max: 8192 });
  const keyId = input.string('KeyId', { max: 2048 });
  const grantId = input.string('GrantId', { max: 128 });
  ks.dryRun(input);
  let grant: Grant | undefined;
  let key: KeyRecord;
  if (token !== undefined) {
    grant = ks.grantTokens.get(token);
    if (!grant) throw new AwsError('InvalidGrantTokenException', 'The grant token is not valid.');
    key = ks.resolve(grant.keyArn, ctx, { aliases: false });
  } else {
    if (keyId === undefined || grantId === undefined) throw validation('Specify either GrantToken, or both KeyId and GrantId.');
    if (!/^arn:/.test(keyId)) throw new AwsError('InvalidArnException', `KeyId must be a key ARN when retiring a grant by GrantId: ${keyId}`);
    key = ks.resolve(keyId, ctx, { aliases: false });
    grant = key.grants.find((g) => g.grantId === grantId);
  }
  if (!grant || !key.grants.includes(grant)) throw new AwsError('NotFoundException', `Grant ${grantId ?? ''} does not exist for ${key.arn}.`);
  const principal = ctx.caller.principal;
  const allowed = ks.isOwner(key, ctx.caller) || (principal !== undefined
    && (grant.retiringPrincipal === principal || (grant.granteePrincipal === principal && grant.operations.includes('RetireGrant'))));
  if (!allowed) throw new AwsError('AccessDeniedException', `User: ${principal} is not authorized to retire grant ${grant.grantId}.`);
  dropGrant(key, grant);
  return {};
}

function revokeGrant(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const grantId = input.string('GrantId', { required: true, max: 128 });
  ks.dryRun(input);
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  if (!/^[0-9a-f]{64}$/.test(grantId)) throw new AwsError('InvalidGrantIdException', `Grant ID ${grantId} is not valid.`);
  const grant = key.grants.find((g) => g.grantId === grantId);
  if (!grant) throw new AwsError('NotFoundException', `Grant ${grantId} does not exist for ${key.arn}.`);
  dropGrant(key, grant);
  return {};
}

function dropGrant(key: KeyRecord, grant: Grant): void {
  // The token stays known: an old token is well-formed, its grant just no longer exists (NotFoundException).
  key.grants = key.grants.filter((g) => g !== grant);
}

function grantOut(g: Grant): Record<string, unknown> {
  const out: Record<string, unknown> = {
    KeyId: g.keyArn, GrantId: g.grantId, CreationDate: g.creationDate / 1000, GranteePrincipal: g.granteePrincipal,
    IssuingAccount: g.issuingAccount, Operations: g.operations,
  };
  if (g.name !== undefined) out.Name = g.name;
  if (g.retiringPrincipal !== undefined) out.RetiringPrincipal = g.retiringPrincipal;
  if (g.constraints) {
    const c: Record<string, unknown> = {};
    if (g.constraints.EncryptionContextEquals) c.EncryptionContextEquals = g.constraints.EncryptionContextEquals;
    if (g.constraints.EncryptionContextSubset) c.EncryptionContextSubset = g.constraints.EncryptionContextSubset;
    out.Constraints = c;
  }
  return out;
}

function atLeastAsStrict(child: Grant['constraints'], parent: Grant['constraints']): boolean {
  if (!parent) return true;
  if (!child) return false;
  const lower = (m?: Record<string, string>) => new Map(Object.entries(m ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  if (parent.EncryptionContextEquals) {
    const p = lower(parent.EncryptionContextEquals);
    const c = lower(child.EncryptionContextEquals);
    return child.EncryptionContextEquals !== undefined && p.size === c.size && [...p].every(([k, v]) => c.get(k) === v);
  }
  const required = lower(parent.EncryptionContextSubset);
  const have = lower(child.EncryptionContextEquals ?? child.EncryptionContextSubset);
  return [...required].every(([k, v]) => have.get(k) === v);
}

function sameSet<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Grant operations a key supports (API_CreateGrant: other operations are ValidationException). */
function grantOperationsFor(key: KeyRecord): GrantOperation[] {
  const common: GrantOperation[] = ['DescribeKey', 'CreateGrant', 'RetireGrant'];
  if (key.usage === 'GENERATE_VERIFY_MAC') return [...common, 'GenerateMac', 'VerifyMac'];
  if (key.usage === 'SIGN_VERIFY') return [...common, 'Sign', 'Verify', 'GetPublicKey'];
  if (key.usage === 'KEY_AGREEMENT') return [...common, 'DeriveSharedSecret', 'GetPublicKey'];
  if (key.spec !== 'SYMMETRIC_DEFAULT') return [...common, 'Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey'];
  return [...common, 'Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo',
    'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'];
}
