// The engine's data model: keys, their shared material, grants and aliases, one store per account and Region,
// and the small pieces every operation family uses (the request context, paging, the default key policy).
import crypto from 'node:crypto';
import { AwsError, type Caller } from '../types.js';
import type { AuditRecord } from './audit.js';
import type { GrantOperation, KeySpec, KeyUsage } from './specs.js';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingReplicaDeletion' | 'PendingImport';

/** Key material shared by every replica of a multi-Region key (a single-Region key has its own). */
export interface Material {
  /**
   * Symmetric backing keys, one per rotation; index = material version. An imported version whose material was
   * deleted (DeleteImportedKeyMaterial, expiry) stays as an empty Buffer, so reimporting it restores its index.
   */
  versions: Buffer[];
  /** Key material IDs (DescribeKey's CurrentKeyMaterialId, Decrypt's KeyMaterialId), one per entry of `versions`. */
  ids: string[];
  /** Imported symmetric key material waiting for RotateKeyOnDemand (ImportType NEW_KEY_MATERIAL after the first). */
  pendingRotation?: { material: Buffer; id: string };
  hmacKey?: Buffer;
  privateKey?: crypto.KeyObject;
  publicKey?: crypto.KeyObject;
  /** Multi-Region: Region of the primary and every related key by Region. */
  related: Map<string, KeyRecord>;
  primaryRegion: string;
  rotation: { enabled: boolean; periodDays: number; nextRotation?: number; onDemandCount: number; lastOnDemand?: number };
}

export interface KeyRecord {
  keyId: string;
  arn: string;
  accountId: string;
  region: string;
  spec: KeySpec;
  usage: KeyUsage;
  description: string;
  state: KeyState;
  creationDate: number;
  deletionDate?: number;
  pendingWindowInDays?: number;
  multiRegion: boolean;
  keyManager: 'CUSTOMER' | 'AWS';
  origin: 'AWS_KMS' | 'EXTERNAL';
  /** Imported key material: whether and when it expires (ImportKeyMaterial), while the key has material. */
  expiration?: { model: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE'; validTo?: number };
  material: Material;
  grants: Grant[];
  /** Tag key → value, in the order the keys were first added. */
  tags: Map<string, string>;
  /** The key policy document (its only name is "default"). */
  policy: string;
  /** The last successful cryptographic operation with this key (GetKeyLastUsage). */
  lastUsage?: { operation: string; time: number; requestId?: string };
}

export interface Grant {
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

export interface Alias { name: string; targetKeyId: string; creationDate: number; lastUpdatedDate: number }

export interface Store { keys: Map<string, KeyRecord>; aliases: Map<string, Alias> }

const EC_OPERATIONS: readonly GrantOperation[] = [
  'Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo',
  'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext',
];

/** Keys compare case-insensitively, values exactly (API_GrantConstraints). */
export function constraintsMet(g: Grant, op: GrantOperation, ec: Record<string, string> | undefined): boolean {
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

export function defaultPolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17', Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }],
  });
}

/** Marker pagination: the marker is the index of the next item, opaque to callers. */
export function page<T>(items: T[], limit: number, marker: string | undefined, member: string): Record<string, unknown> {
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

export const ALIAS_NAME = /^[a-zA-Z0-9:/_-]+$/;
export const REGION = /^([a-z]+-){2,3}\d+$/;
export const PRINCIPAL = /^[\w+=,.@:/-]+$/;
export const DAY = 86_400_000;

/** What one request carries through its operation: who calls, its audit entry, the grant tokens it presented. */
export type Ctx = { caller: Caller; entry: AuditRecord; tokens: string[] };

export type Output = Record<string, unknown>;

/** Adds a symmetric key-material version with a fresh 64-hex-digit ID (the model's BackingKeyIdType); returns its index. */
export function addVersion(material: Material, bytes: Buffer, id: string = crypto.randomBytes(32).toString('hex')): number {
  material.versions.push(bytes);
  material.ids.push(id);
  return material.versions.length - 1;
}

const NO_MATERIAL = Buffer.alloc(0);

/**
 * API_DeleteImportedKeyMaterial: "When the specified KMS key is in the PendingDeletion state, this operation does
 * not change the KMS key's state. Otherwise, it changes the KMS key's state to PendingImport." Symmetric versions
 * keep their place (and ID), emptied, so that reimporting the same material makes old ciphertext decrypt again.
 */
export function deleteImportedMaterial(key: KeyRecord): void {
  const m = key.material;
  m.versions = m.versions.map(() => NO_MATERIAL);
  m.pendingRotation = undefined;
  m.hmacKey = undefined;
  m.privateKey = undefined;
  key.expiration = undefined;
  if (key.state !== 'PendingDeletion' && key.state !== 'PendingReplicaDeletion') key.state = 'PendingImport';
}
