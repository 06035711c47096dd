// The KMS core: every key store (one per account and Region), the operations on the awsJson1_1 wire
// shape, grants, quotas and the audit log. Errors carry AWS's codes and are raised in the order of
// kms-contract.md: constraints → key resolution → authorization → key state → key usage → IncorrectKey → AEAD.
import crypto from 'node:crypto';
import { randomBytes } from '../random.js';
import { AwsError, type Caller, type KmsCore } from '../types.js';
import { AuditLog, type AuditEntry, type AuditRecord } from './audit.js';
import { BlobKind, openBlob, parseBlob, sealBlob } from './blob.js';
import { signDigest, signRaw, verifyDigest, verifyRaw, type SignParams } from './signing.js';
import {
  CURVES, DATA_KEY_PAIR_SPECS, DATA_KEY_SPECS, ENCRYPTION_ALGORITHMS, GRANT_OPERATIONS, HMAC_KEY_BYTES, KEY_SPECS,
  KEY_USAGES, MAC_ALGORITHMS, MESSAGE_TYPES, RSA_BITS, SIGNING_ALGORITHMS, SUPPORTED_KEY_SPECS, allowedUsages,
  encryptionAlgorithmsFor, hashOf, keyKind, macAlgorithmsFor, rsaOaepMaxPlaintext, signingAlgorithmsFor,
  type EncryptionAlgorithm, type GrantOperation, type KeySpec, type KeyUsage, type MacAlgorithm, type SigningAlgorithm,
} from './specs.js';
import { Input, validation } from './wire.js';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingReplicaDeletion';

/** Key material shared by every replica of a multi-Region key (a single-Region key has its own). */
interface Material {
  /** Symmetric backing keys, one per rotation; index = material version. */
  versions: Buffer[];
  hmacKey?: Buffer;
  privateKey?: crypto.KeyObject;
  publicKey?: crypto.KeyObject;
  /** Multi-Region: Region of the primary and every related key by Region. */
  related: Map<string, KeyRecord>;
  primaryRegion: string;
  rotation: { enabled: boolean; periodDays: number; nextRotation?: number; onDemandCount: number; lastOnDemand?: number };
}

interface KeyRecord {
  keyId: string;
  arn: string;
  accountId: string;
  region: string;
  spec: KeySpec;
  usage: KeyUsage;
  description: string;
  state: KeyState;
  /** State to return to on CancelKeyDeletion. */
  creationDate: number;
  deletionDate?: number;
  pendingWindowInDays?: number;
  multiRegion: boolean;
  keyManager: 'CUSTOMER' | 'AWS';
  material: Material;
  grants: Grant[];
}

interface Grant {
  grantId: string;
  token: string;
  keyArn: string;
  name?: string;
  granteePrincipal: string;
  retiringPrincipal?: string;
  operations: GrantOperation[];
  constraints?: { EncryptionContextEquals?: Record<string, string>; EncryptionContextSubset?: Record<string, string> };
  creationDate: number;
  issuingAccount: string;
}

interface Alias { name: string; targetKeyId: string; creationDate: number; lastUpdatedDate: number }

interface Store { keys: Map<string, KeyRecord>; aliases: Map<string, Alias> }

export type { AuditEntry } from './audit.js';

/** `total` counts every request; `byOperation` and `byRegion` those that named a known operation and a valid Region. */
export interface RequestCounts { total: number; byOperation: Record<string, number>; byRegion: Record<string, number> }

export interface KmsServiceOptions {
  /** Milliseconds since the epoch; drives key dates, deletion windows, automatic rotation and the quota. */
  clock?: () => number;
  /** Requests per second per account and Region, shared by every KMS call (S3's included). Off by default. */
  quota?: { requestsPerSecond: number };
  /** Audit entries kept, oldest dropped first (default 100,000). */
  auditLimit?: number;
}

const ALIAS_NAME = /^[a-zA-Z0-9:/_-]+$/;
const REGION = /^([a-z]+-){2,3}\d+$/;
const PRINCIPAL = /^[\w+=,.@:/-]+$/;
const DAY = 86_400_000;
const MAX_GRANTS_PER_KEY = 50_000; // "Grants for a KMS key" resource quota
const MAX_ON_DEMAND_ROTATIONS = 10; // RotateKeyOnDemand: "up to 10 times"

/** Operations in the KMS model this engine knows; anything else is UnknownOperationException. */
const OPERATIONS = [
  'CreateKey', 'DescribeKey', 'ListKeys', 'EnableKey', 'DisableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion',
  'EnableKeyRotation', 'DisableKeyRotation', 'GetKeyRotationStatus', 'RotateKeyOnDemand', 'ListKeyRotations',
  'CreateAlias', 'UpdateAlias', 'DeleteAlias', 'ListAliases', 'Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateRandom',
  'Sign', 'Verify', 'GetPublicKey', 'GenerateMac', 'VerifyMac', 'CreateGrant', 'ListGrants', 'RetireGrant',
  'RevokeGrant', 'ReplicateKey', 'UpdateKeyDescription',
] as const;

type Ctx = { caller: Caller; entry: AuditRecord; tokens: string[] };

export class KmsService implements KmsCore {
  private readonly stores = new Map<string, Store>();
  private readonly grantTokens = new Map<string, Grant>();
  private readonly log: AuditLog;
  private readonly counts: RequestCounts = { total: 0, byOperation: {}, byRegion: {} };
  private readonly windows = new Map<string, { second: number; used: number }>();
  readonly clock: () => number;
  private readonly quota?: { requestsPerSecond: number };

  constructor(options: KmsServiceOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.log = new AuditLog(options.auditLimit);
    if (options.quota !== undefined) {
      const rps = options.quota.requestsPerSecond;
      if (!Number.isInteger(rps) || rps < 1) throw new RangeError(`quota.requestsPerSecond must be a positive integer, got ${rps}`);
      this.quota = { requestsPerSecond: rps };
    }
  }

  /** Runs one KMS operation. `requestId` names the audit entry (the transport puts it in x-amzn-requestid). */
  call(operation: string, input: unknown, caller: Caller, requestId?: string): Record<string, unknown> {
    const entry: AuditRecord = {
      time: this.clock(), operation, requestId,
      awsRegion: caller.region, recipientAccountId: caller.accountId, principal: caller.principal, invokedBy: caller.via,
    };
    this.log.add(entry);
    this.counts.total++;
    try {
      if (!(OPERATIONS as readonly string[]).includes(operation)) {
        throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`);
      }
      if (typeof caller.region !== 'string' || !REGION.test(caller.region)) {
        throw new AwsError('UnrecognizedClientException', `Unknown Region ${String(caller.region)}`);
      }
      // Counted by name only once the names are an operation and a Region: made-up names (a loopback client's typo,
      // `constructor`) would grow these tables without bound or read Object.prototype.
      this.counts.byOperation[operation] = (this.counts.byOperation[operation] ?? 0) + 1;
      this.counts.byRegion[caller.region] = (this.counts.byRegion[caller.region] ?? 0) + 1;
      this.throttle(caller);
      const ctx: Ctx = { caller, entry, tokens: [] };
      const handler = (this as unknown as Record<string, (i: Input, c: Ctx) => Record<string, unknown>>)[`op${operation}`];
      return handler.call(this, new Input(input), ctx);
    } catch (err) {
      const e = err instanceof AwsError ? err : new AwsError('KMSInternalException', `Internal error: ${(err as Error).message}`, 500);
      entry.errorCode = e.code;
      entry.errorMessage = e.message;
      throw e;
    }
  }

  // ---- observation -------------------------------------------------------------------------------

  /** Copies of the entries kept, oldest first. */
  auditEntries(): AuditEntry[] {
    return this.log.entries();
  }

  /** A copy of the entry of the request the transport named `requestId`, while it is kept. */
  auditEntry(requestId: string): AuditEntry | undefined {
    return this.log.entry(requestId);
  }

  requests(): RequestCounts {
    return { total: this.counts.total, byOperation: { ...this.counts.byOperation }, byRegion: { ...this.counts.byRegion } };
  }

  // ---- quota -------------------------------------------------------------------------------------

  /**
   * The developer guide's throttling page: over the per-account, per-Region request quota KMS answers
   * ThrottlingException "You have exceeded the rate at which you may call KMS. Reduce the frequency of your
   * calls." Fixed one-second windows of the controllable clock; refused requests do not use quota.
   */
  private throttle(caller: Caller): void {
    if (!this.quota) return;
    const key = `${caller.accountId}/${caller.region}`;
    const second = Math.floor(this.clock() / 1000);
    let w = this.windows.get(key);
    if (!w || w.second !== second) this.windows.set(key, (w = { second, used: 0 }));
    if (w.used >= this.quota.requestsPerSecond) {
      throw new AwsError('ThrottlingException', 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.');
    }
    w.used++;
  }

  // ---- key stores and resolution -----------------------------------------------------------------

  private store(accountId: string, region: string): Store {
    const k = `${accountId}/${region}`;
    let s = this.stores.get(k);
    if (!s) this.stores.set(k, (s = { keys: new Map(), aliases: new Map() }));
    return s;
  }

  /** Applies what the clock implies: scheduled deletions that are due, automatic rotations that are due. */
  private tick(key: KeyRecord): KeyRecord | undefined {
    const now = this.clock();
    if ((key.state === 'PendingDeletion') && key.deletionDate !== undefined && now >= key.deletionDate) {
      const s = this.store(key.accountId, key.region);
      s.keys.delete(key.keyId);
      for (const [name, a] of s.aliases) if (a.targetKeyId === key.keyId) s.aliases.delete(name);
      key.material.related.delete(key.region);
      return undefined;
    }
    // A primary waits in PendingReplicaDeletion until its last replica is deleted, then its own window starts.
    if (key.state === 'PendingReplicaDeletion' && [...key.material.related.values()].every((k) => k === key)) {
      key.state = 'PendingDeletion';
      key.deletionDate = now + (key.pendingWindowInDays ?? 30) * DAY;
    }
    const r = key.material.rotation;
    while (r.enabled && r.nextRotation !== undefined && now >= r.nextRotation) {
      key.material.versions.push(crypto.randomBytes(32));
      r.nextRotation += r.periodDays * DAY;
    }
    return key;
  }

  /**
   * Resolves a KeyId. `aliases: false` for the operations whose API reference accepts only a key ID or key
   * ARN (EnableKey, CreateGrant, rotation, deletion, ...). Unknown keys are NotFoundException.
   */
  private resolve(keyIdInput: string, ctx: Ctx, opts: { aliases: boolean; member?: string } = { aliases: true }): KeyRecord {
    const { caller } = ctx;
    let accountId = caller.accountId;
    let region = caller.region;
    let ref = keyIdInput;
    const arn = /^arn:aws[a-z-]*:kms:([^:]*):([^:]*):(.+)$/.exec(keyIdInput);
    if (arn) {
      [region, accountId, ref] = [arn[1], arn[2], arn[3]];
      if (region !== caller.region) {
        throw new AwsError('NotFoundException', `Invalid arn ${keyIdInput}: the key's Region ${region} is not the Region of this endpoint (${caller.region})`);
      }
      if (ref.startsWith('key/')) ref = ref.slice(4);
      else if (!ref.startsWith('alias/')) throw new AwsError('NotFoundException', `Invalid arn ${keyIdInput}`);
    } else if (ref.startsWith('key/')) {
      throw new AwsError('NotFoundException', `Invalid keyId ${keyIdInput}`);
    }
    const store = this.store(accountId, region);
    if (ref.startsWith('alias/')) {
      if (!opts.aliases) throw new AwsError('NotFoundException', `Invalid keyId ${keyIdInput}: this operation accepts a key ID or key ARN, not an alias`);
      let alias = store.aliases.get(ref);
      if (!alias && ref.startsWith('alias/aws/') && caller.via && accountId === caller.accountId) {
        alias = this.createAwsManagedKey(store, ref, accountId, region);
      }
      if (!alias) throw new AwsError('NotFoundException', `Alias ${arn ? keyIdInput : `arn:aws:kms:${region}:${accountId}:${ref}`} is not found.`);
      ref = alias.targetKeyId;
    }
    const key = store.keys.get(ref);
    const live = key && this.tick(key);
    if (!live) throw new AwsError('NotFoundException', `Key '${arn ? keyIdInput : `arn:aws:kms:${region}:${accountId}:key/${ref}`}' does not exist`);
    ctx.entry.keyArn = live.arn;
    return live;
  }

  /** AWS managed keys (alias/aws/s3, ...) appear when a service first uses them. */
  private createAwsManagedKey(store: Store, alias: string, accountId: string, region: string): Alias {
    const key = this.newKey({ accountId, region, spec: 'SYMMETRIC_DEFAULT', usage: 'ENCRYPT_DECRYPT', multiRegion: false,
      description: `Default key that protects my ${alias.slice('alias/aws/'.length).toUpperCase()} data when no other key is defined` });
    key.keyManager = 'AWS';
    // AWS managed keys rotate every year (developer guide, "Rotating AWS KMS keys").
    key.material.rotation = { enabled: true, periodDays: 365, nextRotation: this.clock() + 365 * DAY, onDemandCount: 0 };
    const now = this.clock();
    const a: Alias = { name: alias, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now };
    store.aliases.set(alias, a);
    return a;
  }

  private newKey(a: { accountId: string; region: string; spec: KeySpec; usage: KeyUsage; multiRegion: boolean; description: string }): KeyRecord {
    const keyId = a.multiRegion ? `mrk-${crypto.randomBytes(16).toString('hex')}` : crypto.randomUUID();
    const material: Material = {
      versions: [], related: new Map(), primaryRegion: a.region,
      rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
    };
    const kind = keyKind(a.spec);
    if (kind === 'SYMMETRIC') material.versions.push(crypto.randomBytes(32));
    else if (kind === 'HMAC') material.hmacKey = crypto.randomBytes(HMAC_KEY_BYTES[a.spec] ?? 32);
    else {
      const pair = kind === 'RSA'
        ? crypto.generateKeyPairSync('rsa', { modulusLength: RSA_BITS[a.spec] ?? 2048 })
        : crypto.generateKeyPairSync('ec', { namedCurve: CURVES[a.spec] ?? 'prime256v1' });
      material.privateKey = pair.privateKey;
      material.publicKey = pair.publicKey;
    }
    const key: KeyRecord = {
      keyId, arn: `arn:aws:kms:${a.region}:${a.accountId}:key/${keyId}`, accountId: a.accountId, region: a.region,
      spec: a.spec, usage: a.usage, description: a.description, state: 'Enabled', creationDate: this.clock(),
      multiRegion: a.multiRegion, keyManager: 'CUSTOMER', material, grants: [],
    };
    material.related.set(a.region, key);
    this.store(a.accountId, a.region).keys.set(keyId, key);
    return key;
  }

  // ---- authorization (key owner or grants) -------------------------------------------------------

  private isOwner(key: KeyRecord, caller: Caller): boolean {
    if (caller.accountId !== key.accountId) return false;
    // An AWS managed key's policy lets every principal of the account use it through the owning service.
    if (key.keyManager === 'AWS' && caller.via !== undefined) return true;
    return caller.principal === undefined || caller.principal === `arn:aws:iam::${key.accountId}:root`;
  }

  /**
   * A principal other than the key owner may use a key only through a grant for it that lists the operation
   * and whose constraints the request's encryption context meets. GrantConstraints (API reference): "in a
   * grant constraint, the key in each key-value pair is not case sensitive, but the value is case sensitive".
   */
  private authorize(key: KeyRecord, op: GrantOperation | 'owner-only', ctx: Ctx, ec?: Record<string, string>): void {
    if (this.isOwner(key, ctx.caller)) return;
    const principal = ctx.caller.principal ?? `arn:aws:iam::${ctx.caller.accountId}:root`;
    if (op !== 'owner-only') {
      const grant = key.grants.find((g) => g.granteePrincipal === principal && g.operations.includes(op) && constraintsMet(g, op, ec));
      if (grant) {
        ctx.entry.grantId = grant.grantId;
        return;
      }
    }
    const action = op === 'owner-only' ? ctx.entry.operation : op;
    throw new AwsError('AccessDeniedException',
      `User: ${principal} is not authorized to perform: kms:${action} on resource: ${key.arn} because no resource-based policy or grant allows the kms:${action} action`);
  }

  private noKeyOwnerOnly(ctx: Ctx): void {
    // CreateKey and other account-level calls need IAM permissions; principals here only hold grants.
    if (ctx.caller.principal !== undefined && ctx.caller.principal !== `arn:aws:iam::${ctx.caller.accountId}:root`) {
      throw new AwsError('AccessDeniedException', `User: ${ctx.caller.principal} is not authorized to perform: kms:${ctx.entry.operation} because no identity-based policy allows the kms:${ctx.entry.operation} action`);
    }
  }

  /** Grant tokens: at most 10, each one that KMS issued (else InvalidGrantTokenException). */
  private readTokens(input: Input, ctx: Ctx): void {
    const tokens = input.stringList('GrantTokens', { max: 10, itemMax: 8192 }) ?? [];
    for (const t of tokens) {
      if (!this.grantTokens.has(t)) throw new AwsError('InvalidGrantTokenException', 'The grant token is not valid.');
    }
    ctx.tokens = tokens;
  }

  // ---- key state and usage -----------------------------------------------------------------------

  private requireUsable(key: KeyRecord): void {
    if (key.state === 'Disabled') throw new AwsError('DisabledException', `${key.arn} is disabled.`);
    if (key.state !== 'Enabled') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  }

  private requireNotPendingDeletion(key: KeyRecord): void {
    if (key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion') {
      throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
    }
  }

  private requireUsage(key: KeyRecord, usage: KeyUsage, op: string): void {
    if (key.usage !== usage) {
      throw new AwsError('InvalidKeyUsageException', `${key.arn} key usage is ${key.usage} which is not valid for ${op}.`);
    }
  }

  private requireSymmetric(key: KeyRecord, op: string): void {
    this.requireUsage(key, 'ENCRYPT_DECRYPT', op);
    if (key.spec !== 'SYMMETRIC_DEFAULT') {
      throw new AwsError('InvalidKeyUsageException', `${key.arn} key spec is ${key.spec}; ${op} requires a symmetric encryption KMS key.`);
    }
  }

  private noContextForAsymmetric(key: KeyRecord, ec: Record<string, string> | undefined): void {
    if (ec && Object.keys(ec).length > 0 && key.spec !== 'SYMMETRIC_DEFAULT') {
      throw validation(`EncryptionContext is not supported with KMS key ${key.arn} (${key.spec}): encryption context works only with symmetric encryption KMS keys.`);
    }
  }

  private dryRun(input: Input): void {
    if (input.bool('DryRun')) throw new AwsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
  }

  private keyIdMember(input: Input, name = 'KeyId'): string {
    return input.string(name, { required: true, max: 2048 });
  }

  private ec(input: Input, name = 'EncryptionContext'): Record<string, string> {
    return input.map(name) ?? {};
  }

  // ---- metadata ----------------------------------------------------------------------------------

  private metadata(key: KeyRecord): Record<string, unknown> {
    const md: Record<string, unknown> = {
      AWSAccountId: key.accountId, KeyId: key.keyId, Arn: key.arn, CreationDate: key.creationDate / 1000,
      Enabled: key.state === 'Enabled', Description: key.description, KeyUsage: key.usage, KeyState: key.state,
      Origin: 'AWS_KMS', KeyManager: key.keyManager, CustomerMasterKeySpec: key.spec, KeySpec: key.spec,
      MultiRegion: key.multiRegion,
    };
    const enc = encryptionAlgorithmsFor(key.spec, key.usage);
    if (enc) md.EncryptionAlgorithms = enc;
    const sig = signingAlgorithmsFor(key.spec, key.usage);
    if (sig) md.SigningAlgorithms = sig;
    const mac = key.usage === 'GENERATE_VERIFY_MAC' ? macAlgorithmsFor(key.spec) : undefined;
    if (mac) md.MacAlgorithms = mac;
    if (key.deletionDate !== undefined) {
      md.DeletionDate = key.deletionDate / 1000;
      md.PendingDeletionWindowInDays = key.pendingWindowInDays;
    }
    if (key.multiRegion) {
      const primary = key.material.related.get(key.material.primaryRegion);
      md.MultiRegionConfiguration = {
        MultiRegionKeyType: key.region === key.material.primaryRegion ? 'PRIMARY' : 'REPLICA',
        PrimaryKey: { Arn: primary?.arn ?? `arn:aws:kms:${key.material.primaryRegion}:${key.accountId}:key/${key.keyId}`, Region: key.material.primaryRegion },
        ReplicaKeys: [...key.material.related.values()].filter((k) => k.region !== key.material.primaryRegion)
          .map((k) => ({ Arn: k.arn, Region: k.region })),
      };
    }
    return md;
  }

  // ---- key management ----------------------------------------------------------------------------

  protected opCreateKey(input: Input, ctx: Ctx): Record<string, unknown> {
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
    this.noKeyOwnerOnly(ctx);
    if (!allowedUsages(spec).includes(usage)) {
      throw validation(`KeyUsage ${usage} is not compatible with KeySpec ${spec}.`);
    }
    if (origin && origin !== 'AWS_KMS') throw new AwsError('UnsupportedOperationException', `Origin ${origin} is not supported by this engine (only AWS_KMS).`);
    if (input.has('CustomKeyStoreId')) throw new AwsError('UnsupportedOperationException', 'Custom key stores are not supported by this engine.');
    if (!SUPPORTED_KEY_SPECS.includes(spec) || usage === 'KEY_AGREEMENT') {
      throw new AwsError('UnsupportedOperationException', `KeySpec ${spec} with KeyUsage ${usage} is not supported by this engine.`);
    }
    const key = this.newKey({ accountId: ctx.caller.accountId, region: ctx.caller.region, spec, usage, multiRegion, description });
    ctx.entry.keyArn = key.arn;
    return { KeyMetadata: this.metadata(key) };
  }

  protected opDescribeKey(input: Input, ctx: Ctx): Record<string, unknown> {
    const keyId = this.keyIdMember(input);
    this.readTokens(input, ctx);
    const key = this.resolve(keyId, ctx);
    this.authorize(key, 'DescribeKey', ctx);
    return { KeyMetadata: this.metadata(key) };
  }

  protected opUpdateKeyDescription(input: Input, ctx: Ctx): Record<string, unknown> {
    const keyId = this.keyIdMember(input);
    const description = input.string('Description', { required: true, min: 0, max: 8192 });
    const key = this.resolve(keyId, ctx, { aliases: false });
    this.authorize(key, 'owner-only', ctx);
    this.requireNotPendingDeletion(key);
    key.description = description;
    return {};
  }

  protected opListKeys(input: Input, ctx: Ctx): Record<string, unknown> {
    const limit = input.int('Limit', { min: 1, max: 1000 }) ?? 100;
    const marker = input.string('Marker', { max: 1024, pattern: /^[\u0020-\u00FF]*$/ });
    const keys = [...this.store(ctx.caller.accountId, ctx.caller.region).keys.values()]
      .filter((k) => this.tick(k)).map((k) => ({ KeyId: k.keyId, KeyArn: k.arn }));
    return page(keys, limit, marker, 'Keys');
  }

  protected opEnableKey(input: Input, ctx: Ctx): Record<string, unknown> {
    const key = this.resolve(this.keyIdMember(input), ctx, { aliases: false });
    this.authorize(key, 'owner-only', ctx);
    this.requireNotPendingDeletion(key);
    key.state = 'Enabled';
    return {};
  }

  protected opDisableKey(input: Input, ctx: Ctx): Record<string, unknown> {
    const key = this.resolve(this.keyIdMember(input), ctx, { aliases: false });
    this.authorize(key, 'owner-only', ctx);
    this.requireNotPendingDeletion(key);
    key.state = 'Disabled';
    return {};
  }

  /**
   * API_ScheduleKeyDeletion: PendingWindowInDays 7..30, default 30 ("This value is optional. If you include
   * a value, it must be between 7 and 30, inclusive."). A multi-Region primary with replicas waits in
   * PendingReplicaDeletion instead.
   */
  protected opScheduleKeyDeletion(input: Input, ctx: Ctx): Record<string, unknown> {
    const keyId = this.keyIdMember(input);
    const days = input.int('PendingWindowInDays', { min: 7, max: 30 }) ?? 30;
    const key = this.resolve(keyId, ctx, { aliases: false });
    this.authorize(key, 'owner-only', ctx);
    this.requireNotPendingDeletion(key);
    const hasReplicas = key.multiRegion && key.region === key.material.primaryRegion
      && [...key.material.related.values()].some((k) => k !== key && k.state !== 'PendingDeletion');
    key.state = hasReplicas ? 'PendingReplicaDeletion' : 'PendingDeletion';
    key.pendingWindowInDays = days;
    key.deletionDate = hasReplicas ? undefined : this.clock() + days * DAY;
    const out: Record<string, unknown> = { KeyId: key.arn, KeyState: key.state, PendingWindowInDays: days };
    if (key.deletionDate !== undefined) out.DeletionDate = key.deletionDate / 1000;
    return out;
  }

  protected opCancelKeyDeletion(input: Input, ctx: Ctx): Record<string, unknown> {
    const key = this.resolve(this.keyIdMember(input), ctx, { aliases: false });
    this.authorize(key, 'owner-only', ctx);
    if (key.state !== 'PendingDeletion' && key.state !== 'PendingReplicaDeletion') {
      throw new AwsError('KMSInvalidStateException', `${key.arn} is not pending deletion (its state is ${key.state}).`);
    }
    // "the key state of the KMS key is Disabled" after CancelKeyDeletion (API reference).
    key.state = 'Disabled';
    key.deletionDate = undefined;
    key.pendingWindowInDays = undefined;
    return { KeyId: key.arn };
  }

  private rotationKey(input: Input, ctx: Ctx, op: string, replicaAllowed = false): KeyRecord {
    const key = this.resolve(this.keyIdMember(input), ctx, { aliases: false });
    this.authorize(key, 'owner-only', ctx);
    if (key.spec !== 'SYMMETRIC_DEFAULT') {
      throw new AwsError('UnsupportedOperationException', `${key.arn} is a ${key.spec} key; ${op} supports only symmetric encryption KMS keys.`);
    }
    if (!replicaAllowed && key.multiRegion && key.region !== key.material.primaryRegion) {
      throw new AwsError('UnsupportedOperationException', `${key.arn} is a multi-Region replica key; manage rotation on its primary key.`);
    }
    return key;
  }

  /** API_EnableKeyRotation: RotationPeriodInDays 90..2560, default 365; symmetric keys only. */
  protected opEnableKeyRotation(input: Input, ctx: Ctx): Record<string, unknown> {
    const period = input.int('RotationPeriodInDays', { min: 90, max: 2560 }) ?? 365;
    const key = this.rotationKey(input, ctx, 'EnableKeyRotation');
    this.requireUsable(key);
    key.material.rotation.enabled = true;
    key.material.rotation.periodDays = period;
    key.material.rotation.nextRotation = this.clock() + period * DAY;
    return {};
  }

  protected opDisableKeyRotation(input: Input, ctx: Ctx): Record<string, unknown> {
    const key = this.rotationKey(input, ctx, 'DisableKeyRotation');
    this.requireUsable(key);
    key.material.rotation.enabled = false;
    key.material.rotation.nextRotation = undefined;
    return {};
  }

  protected opGetKeyRotationStatus(input: Input, ctx: Ctx): Record<string, unknown> {
    const key = this.rotationKey(input, ctx, 'GetKeyRotationStatus', true);
    this.requireNotPendingDeletion(key);
    const r = key.material.rotation;
    const out: Record<string, unknown> = { KeyId: key.arn, KeyRotationEnabled: r.enabled };
    if (r.enabled) {
      out.RotationPeriodInDays = r.periodDays;
      out.NextRotationDate = (r.nextRotation ?? 0) / 1000;
    }
    if (r.lastOnDemand !== undefined) out.OnDemandRotationStartDate = r.lastOnDemand / 1000;
    return out;
  }

  /** API_RotateKeyOnDemand: new key material; earlier versions keep decrypting. At most 10 per key. */
  protected opRotateKeyOnDemand(input: Input, ctx: Ctx): Record<string, unknown> {
    const key = this.rotationKey(input, ctx, 'RotateKeyOnDemand');
    this.requireUsable(key);
    const r = key.material.rotation;
    if (r.onDemandCount >= MAX_ON_DEMAND_ROTATIONS) {
      throw new AwsError('LimitExceededException', `${key.arn} has reached the limit of ${MAX_ON_DEMAND_ROTATIONS} on-demand rotations.`);
    }
    r.onDemandCount++;
    r.lastOnDemand = this.clock();
    key.material.versions.push(crypto.randomBytes(32));
    return { KeyId: key.arn };
  }

  protected opListKeyRotations(input: Input, ctx: Ctx): Record<string, unknown> {
    const limit = input.int('Limit', { min: 1, max: 1000 }) ?? 100;
    const marker = input.string('Marker', { max: 1024 });
    const key = this.rotationKey(input, ctx, 'ListKeyRotations');
    const rotations = key.material.versions.slice(1).map((_, i) => ({ KeyId: key.arn, RotationType: 'ON_DEMAND_OR_AUTOMATIC', Version: i + 1 }));
    return page(rotations, limit, marker, 'Rotations');
  }

  // ---- aliases -----------------------------------------------------------------------------------

  /**
   * Alias names (developer guide "Create aliases"): 1..256 characters of [a-zA-Z0-9:/_-], starting with
   * `alias/`; `alias/aws/` is reserved for AWS managed keys. Which error real KMS returns for a reserved
   * name is not documented (local-kms answers NotAuthorizedException, which is not in the model); we
   * answer InvalidAliasNameException, the model's error for an unusable alias name.
   */
  private aliasName(input: Input, name = 'AliasName'): string {
    const alias = input.string(name, { required: true, max: 256, pattern: ALIAS_NAME });
    if (!alias.startsWith('alias/') || alias.length === 'alias/'.length) {
      throw new AwsError('InvalidAliasNameException', `Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html`);
    }
    return alias;
  }

  private aliasTarget(input: Input, ctx: Ctx): KeyRecord {
    const key = this.resolve(this.keyIdMember(input, 'TargetKeyId'), ctx, { aliases: false });
    this.authorize(key, 'owner-only', ctx);
    this.requireNotPendingDeletion(key);
    if (key.keyManager === 'AWS') throw new AwsError('UnsupportedOperationException', `${key.arn} is an AWS managed key; its aliases cannot be changed.`);
    return key;
  }

  protected opCreateAlias(input: Input, ctx: Ctx): Record<string, unknown> {
    const name = this.aliasName(input);
    const key = this.aliasTarget(input, ctx);
    if (name.startsWith('alias/aws/')) throw new AwsError('InvalidAliasNameException', `Alias names that begin with alias/aws/ are reserved for AWS managed keys: ${name}`);
    const store = this.store(key.accountId, key.region);
    if (store.aliases.has(name)) throw new AwsError('AlreadyExistsException', `An alias with the name arn:aws:kms:${key.region}:${key.accountId}:${name} already exists`);
    const now = this.clock();
    store.aliases.set(name, { name, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now });
    return {};
  }

  /** API_UpdateAlias: the new key must be of the same type (symmetric, asymmetric or HMAC) and key usage. */
  protected opUpdateAlias(input: Input, ctx: Ctx): Record<string, unknown> {
    const name = this.aliasName(input);
    const key = this.aliasTarget(input, ctx);
    if (name.startsWith('alias/aws/')) throw new AwsError('InvalidAliasNameException', `Alias names that begin with alias/aws/ are reserved for AWS managed keys: ${name}`);
    const store = this.store(key.accountId, key.region);
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
    alias.lastUpdatedDate = this.clock();
    return {};
  }

  protected opDeleteAlias(input: Input, ctx: Ctx): Record<string, unknown> {
    const name = this.aliasName(input);
    this.noKeyOwnerOnly(ctx);
    if (name.startsWith('alias/aws/')) throw new AwsError('InvalidAliasNameException', `Aliases that begin with alias/aws/ are reserved for AWS managed keys: ${name}`);
    const store = this.store(ctx.caller.accountId, ctx.caller.region);
    if (!store.aliases.delete(name)) throw new AwsError('NotFoundException', `Alias arn:aws:kms:${ctx.caller.region}:${ctx.caller.accountId}:${name} is not found.`);
    return {};
  }

  protected opListAliases(input: Input, ctx: Ctx): Record<string, unknown> {
    const keyId = input.string('KeyId', { max: 2048 });
    const limit = input.int('Limit', { min: 1, max: 100 }) ?? 50;
    const marker = input.string('Marker', { max: 1024 });
    const store = this.store(ctx.caller.accountId, ctx.caller.region);
    const target = keyId === undefined ? undefined : this.resolve(keyId, ctx, { aliases: false });
    const aliases = [...store.aliases.values()]
      .filter((a) => !target || a.targetKeyId === target.keyId)
      .filter((a) => { const k = store.keys.get(a.targetKeyId); return k !== undefined && this.tick(k) !== undefined; })
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((a) => ({
        AliasName: a.name, AliasArn: `arn:aws:kms:${ctx.caller.region}:${ctx.caller.accountId}:${a.name}`,
        TargetKeyId: a.targetKeyId, CreationDate: a.creationDate / 1000, LastUpdatedDate: a.lastUpdatedDate / 1000,
      }));
    return page(aliases, limit, marker, 'Aliases');
  }

  // ---- symmetric and RSA encryption --------------------------------------------------------------

  /** API_Encrypt: Plaintext 1..4096 bytes; RSA keys take at most the OAEP limit for the modulus and hash. */
  protected opEncrypt(input: Input, ctx: Ctx): Record<string, unknown> {
    const keyId = this.keyIdMember(input);
    const plaintext = input.blob('Plaintext', { required: true, max: 4096 });
    const ec = this.ec(input);
    const algorithm = input.enumValue('EncryptionAlgorithm', ENCRYPTION_ALGORITHMS) ?? 'SYMMETRIC_DEFAULT';
    this.readTokens(input, ctx);
    ctx.entry.encryptionContext = ec;
    ctx.entry.plaintextBytes = plaintext.length;
    const key = this.resolve(keyId, ctx);
    this.authorize(key, 'Encrypt', ctx, ec);
    this.requireUsable(key);
    this.requireUsage(key, 'ENCRYPT_DECRYPT', 'Encrypt');
    this.checkEncryptionAlgorithm(key, algorithm);
    this.noContextForAsymmetric(key, ec);
    this.dryRun(input);
    let blob: Buffer;
    if (key.spec === 'SYMMETRIC_DEFAULT') {
      blob = this.seal(key, BlobKind.Encrypt, plaintext, ec);
    } else {
      const max = rsaOaepMaxPlaintext(key.spec, algorithm);
      if (plaintext.length > max) {
        throw validation(`Plaintext is ${plaintext.length} bytes; ${key.spec} with ${algorithm} encrypts at most ${max} bytes.`);
      }
      blob = crypto.publicEncrypt({ key: key.material.publicKey!, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256' }, plaintext);
    }
    ctx.entry.ciphertextBytes = blob.length;
    return { CiphertextBlob: blob.toString('base64'), KeyId: key.arn, EncryptionAlgorithm: algorithm };
  }

  private checkEncryptionAlgorithm(key: KeyRecord, algorithm: EncryptionAlgorithm): void {
    const allowed = encryptionAlgorithmsFor(key.spec, key.usage) ?? [];
    if (!allowed.includes(algorithm)) {
      throw new AwsError('InvalidKeyUsageException', `${key.arn} (${key.spec}) does not support EncryptionAlgorithm ${algorithm}; supported: ${allowed.join(', ')}.`);
    }
  }

  private seal(key: KeyRecord, kind: BlobKind, plaintext: Buffer, ec: Record<string, string>): Buffer {
    const version = key.material.versions.length - 1;
    return sealBlob({ kind, keyId: key.keyId, materialVersion: version, material: key.material.versions[version], plaintext, encryptionContext: ec });
  }

  /**
   * Shared by Decrypt and ReEncrypt's source side. The key comes from KeyId when given, else from the blob
   * header. A header naming no key in this Region is an invalid ciphertext (it cannot be ours); a header
   * naming another existing key than KeyId is IncorrectKeyException, as real KMS answers.
   */
  private openCiphertext(blob: Buffer, keyIdIn: string | undefined, ec: Record<string, string>, algorithm: EncryptionAlgorithm,
    ctx: Ctx, grantOp: GrantOperation, opName: string): { key: KeyRecord; plaintext: Buffer; kind: BlobKind } {
    const parsed = parseBlob(blob);
    let key: KeyRecord;
    if (keyIdIn !== undefined) {
      key = this.resolve(keyIdIn, ctx);
    } else {
      if (algorithm !== 'SYMMETRIC_DEFAULT') throw validation(`KeyId is required to decrypt with ${algorithm}.`);
      if (!parsed) throw new AwsError('InvalidCiphertextException', 'The ciphertext is invalid.');
      key = this.lookupBlobKey(parsed.keyId, ctx);
    }
    this.authorize(key, grantOp, ctx, ec);
    this.requireUsable(key);
    this.requireUsage(key, 'ENCRYPT_DECRYPT', opName);
    this.checkEncryptionAlgorithm(key, algorithm);
    this.noContextForAsymmetric(key, ec);
    if (key.spec !== 'SYMMETRIC_DEFAULT') {
      try {
        const plaintext = crypto.privateDecrypt({ key: key.material.privateKey!, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING,
          oaepHash: algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256' }, blob);
        return { key, plaintext, kind: BlobKind.Encrypt };
      } catch {
        throw new AwsError('InvalidCiphertextException', 'The ciphertext is invalid.');
      }
    }
    if (!parsed) throw new AwsError('InvalidCiphertextException', 'The ciphertext is invalid.');
    if (parsed.keyId !== key.keyId) {
      const other = this.store(key.accountId, key.region).keys.get(parsed.keyId);
      if (other) throw new AwsError('IncorrectKeyException', `The key ID in the request does not identify the KMS key that was used to encrypt the ciphertext.`);
      throw new AwsError('InvalidCiphertextException', 'The ciphertext is invalid.');
    }
    const material = key.material.versions[parsed.materialVersion];
    const plaintext = material && openBlob(parsed, material, ec);
    if (!plaintext) throw new AwsError('InvalidCiphertextException', 'The ciphertext is invalid.');
    return { key, plaintext, kind: parsed.kind };
  }

  private lookupBlobKey(keyId: string, ctx: Ctx): KeyRecord {
    const k = this.store(ctx.caller.accountId, ctx.caller.region).keys.get(keyId);
    const live = k && this.tick(k);
    if (!live) throw new AwsError('InvalidCiphertextException', 'The ciphertext is invalid.');
    ctx.entry.keyArn = live.arn;
    return live;
  }

  /** API_Decrypt: CiphertextBlob 1..6144; the response KeyId is the key ARN. */
  protected opDecrypt(input: Input, ctx: Ctx): Record<string, unknown> {
    const blob = input.blob('CiphertextBlob', { required: true, max: 6144 });
    const ec = this.ec(input);
    const keyId = input.string('KeyId', { max: 2048 });
    const algorithm = input.enumValue('EncryptionAlgorithm', ENCRYPTION_ALGORITHMS) ?? 'SYMMETRIC_DEFAULT';
    if (input.has('Recipient')) throw new AwsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not supported by this engine.');
    this.readTokens(input, ctx);
    ctx.entry.encryptionContext = ec;
    ctx.entry.ciphertextBytes = blob.length;
    const { key, plaintext, kind } = this.openCiphertext(blob, keyId, ec, algorithm, ctx, 'Decrypt', 'Decrypt');
    this.dryRun(input);
    ctx.entry.plaintextBytes = plaintext.length;
    ctx.entry.dataKey = kind !== BlobKind.Encrypt;
    return { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: algorithm };
  }

  /** API_ReEncrypt: the caller needs ReEncryptFrom on the source key and ReEncryptTo on the destination. */
  protected opReEncrypt(input: Input, ctx: Ctx): Record<string, unknown> {
    const blob = input.blob('CiphertextBlob', { required: true, max: 6144 });
    const sourceEc = this.ec(input, 'SourceEncryptionContext');
    const sourceKeyId = input.string('SourceKeyId', { max: 2048 });
    const destKeyId = this.keyIdMember(input, 'DestinationKeyId');
    const destEc = this.ec(input, 'DestinationEncryptionContext');
    const sourceAlg = input.enumValue('SourceEncryptionAlgorithm', ENCRYPTION_ALGORITHMS) ?? 'SYMMETRIC_DEFAULT';
    const destAlg = input.enumValue('DestinationEncryptionAlgorithm', ENCRYPTION_ALGORITHMS) ?? 'SYMMETRIC_DEFAULT';
    this.readTokens(input, ctx);
    ctx.entry.encryptionContext = destEc;
    ctx.entry.ciphertextBytes = blob.length;
    const src = this.openCiphertext(blob, sourceKeyId, sourceEc, sourceAlg, ctx, 'ReEncryptFrom', 'ReEncrypt');
    const dest = this.resolve(destKeyId, ctx);
    this.authorize(dest, 'ReEncryptTo', ctx, destEc);
    this.requireUsable(dest);
    this.requireUsage(dest, 'ENCRYPT_DECRYPT', 'ReEncrypt');
    this.checkEncryptionAlgorithm(dest, destAlg);
    this.noContextForAsymmetric(dest, destEc);
    this.dryRun(input);
    let out: Buffer;
    if (dest.spec === 'SYMMETRIC_DEFAULT') out = this.seal(dest, src.kind, src.plaintext, destEc);
    else {
      const max = rsaOaepMaxPlaintext(dest.spec, destAlg);
      if (src.plaintext.length > max) throw validation(`The plaintext is ${src.plaintext.length} bytes; ${dest.spec} with ${destAlg} encrypts at most ${max} bytes.`);
      out = crypto.publicEncrypt({ key: dest.material.publicKey!, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: destAlg === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256' }, src.plaintext);
    }
    src.plaintext.fill(0);
    ctx.entry.keyArn = dest.arn;
    ctx.entry.dataKey = src.kind !== BlobKind.Encrypt;
    return {
      CiphertextBlob: out.toString('base64'), SourceKeyId: src.key.arn, KeyId: dest.arn,
      SourceEncryptionAlgorithm: sourceAlg, DestinationEncryptionAlgorithm: destAlg,
    };
  }

  // ---- data keys ---------------------------------------------------------------------------------

  /** API_GenerateDataKey: exactly one of KeySpec (AES_128, AES_256) or NumberOfBytes (1..1024). */
  private dataKey(input: Input, ctx: Ctx, op: 'GenerateDataKey' | 'GenerateDataKeyWithoutPlaintext'): { key: KeyRecord; plaintext: Buffer; blob: Buffer } {
    const keyId = this.keyIdMember(input);
    const ec = this.ec(input);
    const n = input.int('NumberOfBytes', { min: 1, max: 1024 });
    const spec = input.enumValue('KeySpec', DATA_KEY_SPECS);
    if (input.has('Recipient')) throw new AwsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not supported by this engine.');
    this.readTokens(input, ctx);
    if ((n === undefined) === (spec === undefined)) {
      throw validation('Please specify either number of bytes or key spec (exactly one of NumberOfBytes and KeySpec).');
    }
    ctx.entry.encryptionContext = ec;
    const key = this.resolve(keyId, ctx);
    this.authorize(key, op, ctx, ec);
    this.requireUsable(key);
    this.requireSymmetric(key, op);
    this.dryRun(input);
    const plaintext = randomBytes(n ?? (spec === 'AES_128' ? 16 : 32));
    const blob = this.seal(key, BlobKind.DataKey, plaintext, ec);
    ctx.entry.plaintextBytes = plaintext.length;
    ctx.entry.ciphertextBytes = blob.length;
    return { key, plaintext, blob };
  }

  protected opGenerateDataKey(input: Input, ctx: Ctx): Record<string, unknown> {
    const { key, plaintext, blob } = this.dataKey(input, ctx, 'GenerateDataKey');
    const out = { CiphertextBlob: blob.toString('base64'), Plaintext: plaintext.toString('base64'), KeyId: key.arn };
    plaintext.fill(0);
    return out;
  }

  protected opGenerateDataKeyWithoutPlaintext(input: Input, ctx: Ctx): Record<string, unknown> {
    const { key, plaintext, blob } = this.dataKey(input, ctx, 'GenerateDataKeyWithoutPlaintext');
    plaintext.fill(0);
    return { CiphertextBlob: blob.toString('base64'), KeyId: key.arn };
  }

  private dataKeyPair(input: Input, ctx: Ctx, op: 'GenerateDataKeyPair' | 'GenerateDataKeyPairWithoutPlaintext'): Record<string, unknown> {
    const keyId = this.keyIdMember(input);
    const ec = this.ec(input);
    const pairSpec = input.enumValue('KeyPairSpec', DATA_KEY_PAIR_SPECS, true);
    if (input.has('Recipient')) throw new AwsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not supported by this engine.');
    this.readTokens(input, ctx);
    ctx.entry.encryptionContext = ec;
    const key = this.resolve(keyId, ctx);
    this.authorize(key, op, ctx, ec);
    this.requireUsable(key);
    this.requireSymmetric(key, op);
    if (pairSpec === 'SM2' || pairSpec === 'ECC_NIST_EDWARDS25519') throw new AwsError('UnsupportedOperationException', `KeyPairSpec ${pairSpec} is not supported by this engine.`);
    this.dryRun(input);
    const pair = pairSpec.startsWith('RSA_')
      ? crypto.generateKeyPairSync('rsa', { modulusLength: RSA_BITS[pairSpec as KeySpec] ?? 2048 })
      : crypto.generateKeyPairSync('ec', { namedCurve: CURVES[pairSpec as KeySpec] ?? 'prime256v1' });
    const priv = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
    const pub = pair.publicKey.export({ format: 'der', type: 'spki' });
    const blob = this.seal(key, BlobKind.DataKeyPairPrivateKey, priv, ec);
    ctx.entry.plaintextBytes = priv.length;
    ctx.entry.ciphertextBytes = blob.length;
    const out: Record<string, unknown> = {
      PrivateKeyCiphertextBlob: blob.toString('base64'), PublicKey: pub.toString('base64'), KeyId: key.arn, KeyPairSpec: pairSpec,
    };
    if (op === 'GenerateDataKeyPair') out.PrivateKeyPlaintext = priv.toString('base64');
    priv.fill(0);
    return out;
  }

  protected opGenerateDataKeyPair(input: Input, ctx: Ctx): Record<string, unknown> {
    return this.dataKeyPair(input, ctx, 'GenerateDataKeyPair');
  }

  protected opGenerateDataKeyPairWithoutPlaintext(input: Input, ctx: Ctx): Record<string, unknown> {
    return this.dataKeyPair(input, ctx, 'GenerateDataKeyPairWithoutPlaintext');
  }

  /** API_GenerateRandom: NumberOfBytes 1..1024. */
  protected opGenerateRandom(input: Input, ctx: Ctx): Record<string, unknown> {
    const n = input.int('NumberOfBytes', { min: 1, max: 1024 });
    if (input.has('CustomKeyStoreId')) throw new AwsError('CustomKeyStoreNotFoundException', 'Custom key stores are not supported by this engine.');
    if (input.has('Recipient')) throw new AwsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not supported by this engine.');
    if (n === undefined) throw validation("1 validation error detected: Value null at 'numberOfBytes' failed to satisfy constraint: Member must not be null");
    ctx.entry.plaintextBytes = n;
    return { Plaintext: randomBytes(n).toString('base64') };
  }

  // ---- signatures and MACs -----------------------------------------------------------------------

  private signingInput(input: Input, ctx: Ctx, op: 'Sign' | 'Verify'): { key: KeyRecord; message: Buffer; digest: boolean; algorithm: SigningAlgorithm; params: SignParams } {
    const keyId = this.keyIdMember(input);
    const message = input.blob('Message', { required: true, max: 4096 });
    const messageType = input.enumValue('MessageType', MESSAGE_TYPES) ?? 'RAW';
    const algorithm = input.enumValue('SigningAlgorithm', SIGNING_ALGORITHMS, true);
    this.readTokens(input, ctx);
    ctx.entry.plaintextBytes = message.length;
    const key = this.resolve(keyId, ctx);
    this.authorize(key, op, ctx);
    this.requireUsable(key);
    this.requireUsage(key, 'SIGN_VERIFY', op);
    const allowed = signingAlgorithmsFor(key.spec, key.usage) ?? [];
    if (!allowed.includes(algorithm)) {
      throw new AwsError('InvalidKeyUsageException', `${key.arn} (${key.spec}) does not support SigningAlgorithm ${algorithm}; supported: ${allowed.join(', ')}.`);
    }
    if (messageType === 'EXTERNAL_MU') throw validation('MessageType EXTERNAL_MU is supported only with ML_DSA keys.');
    const hash = hashOf(algorithm);
    // API_Sign: "When the value of MessageType is DIGEST, the length of the Message value must match the
    // length of hashing algorithm specified in SigningAlgorithm."
    if (messageType === 'DIGEST' && message.length !== hash.bytes) {
      throw validation(`Digest is invalid length for algorithm ${algorithm}: ${message.length} bytes, expected ${hash.bytes}.`);
    }
    const scheme = algorithm.startsWith('RSASSA_PSS') ? 'PSS' : algorithm.startsWith('RSASSA_PKCS1') ? 'PKCS1' : 'ECDSA';
    return { key, message, digest: messageType === 'DIGEST', algorithm, params: { scheme, hash: hash.name as SignParams['hash'] } };
  }

  protected opSign(input: Input, ctx: Ctx): Record<string, unknown> {
    const s = this.signingInput(input, ctx, 'Sign');
    this.dryRun(input);
    const priv = s.key.material.privateKey!;
    const signature = s.digest ? signDigest(priv, s.message, s.params) : signRaw(priv, s.message, s.params);
    return { KeyId: s.key.arn, Signature: signature.toString('base64'), SigningAlgorithm: s.algorithm };
  }

  /** API_Verify: a signature that does not verify is KMSInvalidSignatureException, never SignatureValid false. */
  protected opVerify(input: Input, ctx: Ctx): Record<string, unknown> {
    const signature = input.blob('Signature', { required: true, max: 6144 });
    const s = this.signingInput(input, ctx, 'Verify');
    this.dryRun(input);
    const pub = s.key.material.publicKey!;
    const ok = s.digest ? verifyDigest(pub, s.message, signature, s.params) : verifyRaw(pub, s.message, signature, s.params);
    if (!ok) throw new AwsError('KMSInvalidSignatureException', 'The signature verification failed.');
    return { KeyId: s.key.arn, SignatureValid: true, SigningAlgorithm: s.algorithm };
  }

  /** API_GetPublicKey: DER-encoded SubjectPublicKeyInfo; symmetric and HMAC keys have none. */
  protected opGetPublicKey(input: Input, ctx: Ctx): Record<string, unknown> {
    const key = this.resolve(this.keyIdMember(input), ctx);
    this.readTokens(input, ctx);
    this.authorize(key, 'GetPublicKey', ctx);
    this.requireUsable(key);
    if (!key.material.publicKey) {
      throw new AwsError('UnsupportedOperationException', `${key.arn} is a ${key.spec} key; GetPublicKey supports only asymmetric KMS keys.`);
    }
    const out: Record<string, unknown> = {
      KeyId: key.arn, PublicKey: key.material.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      CustomerMasterKeySpec: key.spec, KeySpec: key.spec, KeyUsage: key.usage,
    };
    const enc = encryptionAlgorithmsFor(key.spec, key.usage);
    if (enc) out.EncryptionAlgorithms = enc;
    const sig = signingAlgorithmsFor(key.spec, key.usage);
    if (sig) out.SigningAlgorithms = sig;
    return out;
  }

  private macInput(input: Input, ctx: Ctx, op: 'GenerateMac' | 'VerifyMac'): { key: KeyRecord; mac: Buffer; algorithm: MacAlgorithm } {
    const keyId = this.keyIdMember(input);
    const message = input.blob('Message', { required: true, max: 4096 });
    const algorithm = input.enumValue('MacAlgorithm', MAC_ALGORITHMS, true);
    this.readTokens(input, ctx);
    ctx.entry.plaintextBytes = message.length;
    const key = this.resolve(keyId, ctx);
    this.authorize(key, op, ctx);
    this.requireUsable(key);
    this.requireUsage(key, 'GENERATE_VERIFY_MAC', op);
    if (!(macAlgorithmsFor(key.spec) ?? []).includes(algorithm)) {
      throw new AwsError('InvalidKeyUsageException', `${key.arn} (${key.spec}) does not support MacAlgorithm ${algorithm}.`);
    }
    this.dryRun(input);
    const mac = crypto.createHmac(hashOf(algorithm).name, key.material.hmacKey!).update(message).digest();
    return { key, mac, algorithm };
  }

  protected opGenerateMac(input: Input, ctx: Ctx): Record<string, unknown> {
    const m = this.macInput(input, ctx, 'GenerateMac');
    return { KeyId: m.key.arn, Mac: m.mac.toString('base64'), MacAlgorithm: m.algorithm };
  }

  /** API_VerifyMac: a MAC that does not verify is KMSInvalidMacException. */
  protected opVerifyMac(input: Input, ctx: Ctx): Record<string, unknown> {
    const given = input.blob('Mac', { required: true, max: 6144 });
    const m = this.macInput(input, ctx, 'VerifyMac');
    if (given.length !== m.mac.length || !crypto.timingSafeEqual(given, m.mac)) {
      throw new AwsError('KMSInvalidMacException', 'The MAC verification failed.');
    }
    return { KeyId: m.key.arn, MacValid: true, MacAlgorithm: m.algorithm };
  }

  // ---- grants ------------------------------------------------------------------------------------

  /**
   * API_CreateGrant. Operations must be ones the key supports (else ValidationException); encryption-context
   * constraints "are supported only on grant operations that include an EncryptionContext parameter" and
   * not with asymmetric or HMAC keys; each constraint holds at most 8 pairs with values up to 384 characters.
   * A grantee that creates grants through a grant may only grant a subset of its operations, with
   * constraints at least as strict.
   */
  protected opCreateGrant(input: Input, ctx: Ctx): Record<string, unknown> {
    const keyId = this.keyIdMember(input);
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
    this.readTokens(input, ctx);
    this.dryRun(input);
    const key = this.resolve(keyId, ctx, { aliases: false });
    const parent = this.isOwner(key, ctx.caller) ? undefined : this.grantFor(key, ctx, 'CreateGrant');
    this.requireUsable(key);
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
      granteePrincipal: grantee, retiringPrincipal: retiring, operations, constraints, creationDate: this.clock(),
      issuingAccount: `arn:aws:iam::${ctx.caller.accountId}:root`,
    };
    key.grants.push(grant);
    this.grantTokens.set(grant.token, grant);
    ctx.entry.grantId = grant.grantId;
    return { GrantId: grant.grantId, GrantToken: grant.token };
  }

  private grantFor(key: KeyRecord, ctx: Ctx, op: GrantOperation): Grant {
    this.authorize(key, op, ctx);
    return key.grants.find((g) => g.grantId === ctx.entry.grantId)!;
  }

  protected opListGrants(input: Input, ctx: Ctx): Record<string, unknown> {
    const keyId = this.keyIdMember(input);
    const limit = input.int('Limit', { min: 1, max: 100 }) ?? 50;
    const marker = input.string('Marker', { max: 1024 });
    const grantId = input.string('GrantId', { max: 128 });
    const grantee = input.string('GranteePrincipal', { max: 256 });
    const key = this.resolve(keyId, ctx, { aliases: false });
    this.authorize(key, 'owner-only', ctx);
    const grants = key.grants
      .filter((g) => (grantId === undefined || g.grantId === grantId) && (grantee === undefined || g.granteePrincipal === grantee))
      .map((g) => grantOut(g));
    return page(grants, limit, marker, 'Grants');
  }

  /**
   * API_RetireGrant: by GrantToken, or by KeyId (key ARN) and GrantId. Allowed for the retiring principal,
   * a grantee whose grant includes RetireGrant, and the key owner.
   */
  protected opRetireGrant(input: Input, ctx: Ctx): Record<string, unknown> {
    const token = input.string('GrantToken', { max: 8192 });
    const keyId = input.string('KeyId', { max: 2048 });
    const grantId = input.string('GrantId', { max: 128 });
    this.dryRun(input);
    let grant: Grant | undefined;
    let key: KeyRecord;
    if (token !== undefined) {
      grant = this.grantTokens.get(token);
      if (!grant) throw new AwsError('InvalidGrantTokenException', 'The grant token is not valid.');
      key = this.resolve(grant.keyArn, ctx, { aliases: false });
    } else {
      if (keyId === undefined || grantId === undefined) throw validation('Specify either GrantToken, or both KeyId and GrantId.');
      if (!/^arn:/.test(keyId)) throw new AwsError('InvalidArnException', `KeyId must be a key ARN when retiring a grant by GrantId: ${keyId}`);
      key = this.resolve(keyId, ctx, { aliases: false });
      grant = key.grants.find((g) => g.grantId === grantId);
    }
    if (!grant || !key.grants.includes(grant)) throw new AwsError('NotFoundException', `Grant ${grantId ?? ''} does not exist for ${key.arn}.`);
    const principal = ctx.caller.principal;
    const allowed = this.isOwner(key, ctx.caller) || (principal !== undefined
      && (grant.retiringPrincipal === principal || (grant.granteePrincipal === principal && grant.operations.includes('RetireGrant'))));
    if (!allowed) throw new AwsError('AccessDeniedException', `User: ${principal} is not authorized to retire grant ${grant.grantId}.`);
    this.dropGrant(key, grant);
    return {};
  }

  protected opRevokeGrant(input: Input, ctx: Ctx): Record<string, unknown> {
    const keyId = this.keyIdMember(input);
    const grantId = input.string('GrantId', { required: true, max: 128 });
    this.dryRun(input);
    const key = this.resolve(keyId, ctx, { aliases: false });
    this.authorize(key, 'owner-only', ctx);
    if (!/^[0-9a-f]{64}$/.test(grantId)) throw new AwsError('InvalidGrantIdException', `Grant ID ${grantId} is not valid.`);
    const grant = key.grants.find((g) => g.grantId === grantId);
    if (!grant) throw new AwsError('NotFoundException', `Grant ${grantId} does not exist for ${key.arn}.`);
    this.dropGrant(key, grant);
    return {};
  }

  private dropGrant(key: KeyRecord, grant: Grant): void {
    // The token stays known: an old token is well-formed, its grant just no longer exists (NotFoundException).
    key.grants = key.grants.filter((g) => g !== grant);
  }

  // ---- multi-Region ------------------------------------------------------------------------------

  /**
   * API_ReplicateKey: only a multi-Region primary key replicates (UnsupportedOperationException otherwise);
   * a Region that already has a related key is AlreadyExistsException. The replica shares the key ID and
   * the key material (rotations included), so each decrypts the other's ciphertext.
   */
  protected opReplicateKey(input: Input, ctx: Ctx): Record<string, unknown> {
    const keyId = this.keyIdMember(input);
    const region = input.string('ReplicaRegion', { required: true, max: 32, pattern: REGION });
    const description = input.string('Description', { min: 0, max: 8192 });
    input.string('Policy', { max: 32768 });
    const key = this.resolve(keyId, ctx, { aliases: false });
    this.authorize(key, 'owner-only', ctx);
    if (!key.multiRegion) throw new AwsError('UnsupportedOperationException', `${key.arn} is not a multi-Region key.`);
    if (key.region !== key.material.primaryRegion) throw new AwsError('UnsupportedOperationException', `${key.arn} is a replica key; only a primary key can be replicated.`);
    this.requireNotPendingDeletion(key);
    if (key.material.related.has(region)) {
      throw new AwsError('AlreadyExistsException', `A related multi-Region key already exists in ${region} for ${key.keyId}.`);
    }
    const replica: KeyRecord = {
      ...key, region, arn: `arn:aws:kms:${region}:${key.accountId}:key/${key.keyId}`, state: key.state === 'Disabled' ? 'Disabled' : 'Enabled',
      description: description ?? key.description, creationDate: this.clock(), grants: [], deletionDate: undefined, pendingWindowInDays: undefined,
    };
    key.material.related.set(region, replica);
    this.store(key.accountId, region).keys.set(key.keyId, replica);
    return { ReplicaKeyMetadata: this.metadata(replica), ReplicaPolicy: defaultPolicy(key.accountId), ReplicaTags: [] };
  }
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

const EC_OPERATIONS: readonly GrantOperation[] = [
  'Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo',
  'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext',
];

/** Keys compare case-insensitively, values exactly (API_GrantConstraints). */
function constraintsMet(g: Grant, op: GrantOperation, ec: Record<string, string> | undefined): boolean {
  if (!g.constraints || !EC_OPERATIONS.includes(op)) return true;
  const req = new Map(Object.entries(ec ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const { EncryptionContextEquals: eq, EncryptionContextSubset: sub } = g.constraints;
  if (eq) {
    const want = Object.entries(eq);
    if (want.length !== req.size || !want.every(([k, v]) => req.get(k.toLowerCase()) === v)) return false;
  }
  if (sub && !Object.entries(sub).every(([k, v]) => req.get(k.toLowerCase()) === v)) return false;
  return true;
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
  if (key.spec !== 'SYMMETRIC_DEFAULT') return [...common, 'Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey'];
  return [...common, 'Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo',
    'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'];
}

function defaultPolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17', Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }],
  });
}

/** Marker pagination: the marker is the index of the next item, opaque to callers. */
function page<T>(items: T[], limit: number, marker: string | undefined, member: string): Record<string, unknown> {
  let start = 0;
  if (marker !== undefined) {
    const m = /^m(\d+)$/.exec(marker);
    if (!m || Number(m[1]) > items.length) throw new AwsError('InvalidMarkerException', `The marker ${marker} is not valid.`);
    start = Number(m[1]);
  }
  const slice = items.slice(start, start + limit);
  const truncated = start + limit < items.length;
  const out: Record<string, unknown> = { [member]: slice, Truncated: truncated };
  if (truncated) out.NextMarker = `m${start + limit}`;
  return out;
}
