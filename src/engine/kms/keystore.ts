// The key stores (one per account and Region) and what every operation family asks of them: key resolution,
// authorization (the key owner, or a grant), key-state and key-usage checks, and key metadata. Errors carry AWS's
// codes; each operation raises them in the order of kms-contract.md: constraints → key resolution →
// authorization → key state → key usage → IncorrectKey → AEAD.
import crypto from 'node:crypto';
import { AwsError, type Caller } from '../types.js';
import {
  DAY, addVersion, constraintsMet, defaultPolicy, deleteImportedMaterial, type Alias, type Ctx, type Grant, type KeyRecord, type Material, type Output, type Store,
} from './model.js';
import {
  CURVES, HMAC_KEY_BYTES, RSA_BITS, encryptionAlgorithmsFor, keyKind, macAlgorithmsFor, signingAlgorithmsFor,
  type GrantOperation, type KeySpec, type KeyUsage,
} from './specs.js';
import { Input, validation } from './wire.js';

/** One operation: reads its request, acts on the key stores, returns the awsJson1_1 response members. */
/** A key ID: a UUID, or mrk- and 32 hex digits (a multi-Region key). */
const KEY_ID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})$/;

export type Operation = (ks: Keystore, input: Input, ctx: Ctx) => Output;

export class Keystore {
  private readonly stores = new Map<string, Store>();
  /** Every grant token issued, by token (a retired grant's token stays known: see dropGrant). */
  readonly grantTokens = new Map<string, Grant>();

  constructor(readonly clock: () => number) {}

  /** Notes a successful cryptographic operation with the key whose ARN the audit entry names. */
  noteUse(keyArn: string, operation: string, time: number, requestId?: string): void {
    const m = /^arn:aws:kms:([^:]+):(\d+):key\/(.+)$/.exec(keyArn);
    const key = m ? this.stores.get(`${m[2]}/${m[1]}`)?.keys.get(m[3]) : undefined;
    if (key) key.lastUsage = { operation, time, requestId };
  }

  /** Every live key in a Region, across accounts (ListRetirableGrants reads grants on other accounts' keys). */
  keysIn(region: string): KeyRecord[] {
    const out: KeyRecord[] = [];
    for (const [k, s] of this.stores) {
      if (!k.endsWith(`/${region}`)) continue;
      for (const key of s.keys.values()) if (this.tick(key)) out.push(key);
    }
    return out;
  }

  store(accountId: string, region: string): Store {
    const k = `${accountId}/${region}`;
    let s = this.stores.get(k);
    if (!s) this.stores.set(k, (s = { keys: new Map(), aliases: new Map() }));
    return s;
  }

  /** Applies what the clock implies: scheduled deletions that are due, automatic rotations that are due. */
  tick(key: KeyRecord): KeyRecord | undefined {
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
      addVersion(key.material, crypto.randomBytes(32));
      r.nextRotation += r.periodDays * DAY;
    }
    // API_ImportKeyMaterial, "ValidTo": "When the key material expires, KMS deletes the key material from the KMS key."
    if (key.expiration?.validTo !== undefined && now >= key.expiration.validTo) deleteImportedMaterial(key);
    return key;
  }

  /**
   * Resolves a KeyId. `aliases: false` for the operations whose API reference accepts only a key ID or key
   * ARN (EnableKey, CreateGrant, rotation, deletion, ...). Messages as AWS recorded them (LocalStack's
   * test_kms.snapshot.json, recorded against AWS): a malformed key ID is "Invalid keyId 'X'", an ARN of another
   * Region "Invalid arn <its Region>", a well-formed ID that names no key "Key '<key ARN>' does not exist".
   */
  resolve(keyIdInput: string, ctx: Ctx, opts: { aliases: boolean } = { aliases: true }): KeyRecord {
    const { caller } = ctx;
    let accountId = caller.accountId;
    let region = caller.region;
    let ref = keyIdInput;
    const arn = /^arn:aws[a-z-]*:kms:([^:]*):([^:]*):(.+)$/.exec(keyIdInput);
    if (arn) {
      [region, accountId, ref] = [arn[1], arn[2], arn[3]];
      if (region !== caller.region) throw new AwsError('NotFoundException', `Invalid arn ${region}`);
      if (ref.startsWith('key/')) ref = ref.slice(4);
      else if (!ref.startsWith('alias/')) throw new AwsError('NotFoundException', `Invalid arn ${keyIdInput}`);
    }
    const store = this.store(accountId, region);
    if (ref.startsWith('alias/') && opts.aliases) {
      let alias = store.aliases.get(ref);
      if (!alias && ref.startsWith('alias/aws/') && caller.via && accountId === caller.accountId) {
        alias = this.createAwsManagedKey(store, ref, accountId, region);
      }
      if (!alias) throw new AwsError('NotFoundException', `Alias ${arn ? keyIdInput : `arn:aws:kms:${region}:${accountId}:${ref}`} is not found.`);
      ref = alias.targetKeyId;
    } else if (!KEY_ID.test(ref)) {
      throw new AwsError('NotFoundException', `Invalid keyId '${keyIdInput}'`);
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

  newKey(a: {
    accountId: string; region: string; spec: KeySpec; usage: KeyUsage; multiRegion: boolean; description: string;
    origin?: 'AWS_KMS' | 'EXTERNAL'; tags?: Map<string, string>; policy?: string;
  }): KeyRecord {
    const keyId = a.multiRegion ? `mrk-${crypto.randomBytes(16).toString('hex')}` : crypto.randomUUID();
    const material: Material = {
      versions: [], ids: [], related: new Map(), primaryRegion: a.region,
      rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
    };
    const origin = a.origin ?? 'AWS_KMS';
    const kind = keyKind(a.spec);
    // A key for imported material has none until ImportKeyMaterial (API_CreateKey, "Origin").
    if (origin === 'EXTERNAL') { /* PendingImport */ } else if (kind === 'SYMMETRIC') addVersion(material, crypto.randomBytes(32));
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
      spec: a.spec, usage: a.usage, description: a.description, state: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
      creationDate: this.clock(), multiRegion: a.multiRegion, keyManager: 'CUSTOMER', origin, material, grants: [],
      tags: a.tags ?? new Map(), policy: a.policy ?? defaultPolicy(a.accountId),
    };
    material.related.set(a.region, key);
    this.store(a.accountId, a.region).keys.set(keyId, key);
    return key;
  }

  // ---- authorization (key owner or grants) -------------------------------------------------------

  isOwner(key: KeyRecord, caller: Caller): boolean {
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
  authorize(key: KeyRecord, op: GrantOperation | 'owner-only', ctx: Ctx, ec?: Record<string, string>): void {
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

  noKeyOwnerOnly(ctx: Ctx): void {
    // CreateKey and other account-level calls need IAM permissions; principals here only hold grants.
    if (ctx.caller.principal !== undefined && ctx.caller.principal !== `arn:aws:iam::${ctx.caller.accountId}:root`) {
      throw new AwsError('AccessDeniedException', `User: ${ctx.caller.principal} is not authorized to perform: kms:${ctx.entry.operation} because no identity-based policy allows the kms:${ctx.entry.operation} action`);
    }
  }

  /** Grant tokens: at most 10, each one that KMS issued (else InvalidGrantTokenException). */
  readTokens(input: Input, ctx: Ctx): void {
    const tokens = input.stringList('GrantTokens', { max: 10, itemMax: 8192 }) ?? [];
    for (const t of tokens) {
      if (!this.grantTokens.has(t)) throw new AwsError('InvalidGrantTokenException', 'The grant token is not valid.');
    }
    ctx.tokens = tokens;
  }

  // ---- key state and usage -----------------------------------------------------------------------

  requireUsable(key: KeyRecord): void {
    if (key.state === 'Disabled') throw new AwsError('DisabledException', `${key.arn} is disabled.`);
    if (key.state === 'PendingImport') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending import.`);
    if (key.state !== 'Enabled') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  }

  requireNotPendingDeletion(key: KeyRecord): void {
    if (key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion') {
      throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
    }
  }

  requireUsage(key: KeyRecord, usage: KeyUsage, op: string): void {
    if (key.usage !== usage) {
      throw new AwsError('InvalidKeyUsageException', `${key.arn} key usage is ${key.usage} which is not valid for ${op}.`);
    }
  }

  requireSymmetric(key: KeyRecord, op: string): void {
    this.requireUsage(key, 'ENCRYPT_DECRYPT', op);
    if (key.spec !== 'SYMMETRIC_DEFAULT') {
      throw new AwsError('InvalidKeyUsageException', `${key.arn} key spec is ${key.spec}; ${op} requires a symmetric encryption KMS key.`);
    }
  }

  noContextForAsymmetric(key: KeyRecord, ec: Record<string, string> | undefined): void {
    if (ec && Object.keys(ec).length > 0 && key.spec !== 'SYMMETRIC_DEFAULT') {
      throw validation(`EncryptionContext is not supported with KMS key ${key.arn} (${key.spec}): encryption context works only with symmetric encryption KMS keys.`);
    }
  }

  dryRun(input: Input): void {
    if (input.bool('DryRun')) throw new AwsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
  }

  keyIdMember(input: Input, name = 'KeyId'): string {
    return input.string(name, { required: true, max: 2048 });
  }

  ec(input: Input, name = 'EncryptionContext'): Record<string, string> {
    return input.map(name) ?? {};
  }

  // ---- metadata ----------------------------------------------------------------------------------

  metadata(key: KeyRecord): Record<string, unknown> {
    const md: Record<string, unknown> = {
      AWSAccountId: key.accountId, KeyId: key.keyId, Arn: key.arn, CreationDate: key.creationDate / 1000,
      Enabled: key.state === 'Enabled', Description: key.description, KeyUsage: key.usage, KeyState: key.state,
      Origin: key.origin, KeyManager: key.keyManager, CustomerMasterKeySpec: key.spec, KeySpec: key.spec,
      MultiRegion: key.multiRegion,
    };
    // Recorded DescribeKey responses: symmetric keys carry CurrentKeyMaterialId (an imported key once it has had
    // material, kept after DeleteImportedKeyMaterial); asymmetric and HMAC keys do not.
    const ids = key.material.ids;
    if (key.spec === 'SYMMETRIC_DEFAULT' && ids.length > 0) md.CurrentKeyMaterialId = ids[ids.length - 1];
    if (key.expiration) {
      md.ExpirationModel = key.expiration.model;
      if (key.expiration.validTo !== undefined) md.ValidTo = key.expiration.validTo / 1000;
    }
    if (key.usage === 'KEY_AGREEMENT') md.KeyAgreementAlgorithms = ['ECDH'];
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
}
