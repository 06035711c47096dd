// The S3 slice's in-memory state. One store belongs to one KMS core (one engine): see `storeFor`.
import { randomBytes } from 'node:crypto';
import type { KmsCore } from '../types.js';
import type { Checksum } from './body.js';
import type { Sealed } from './crypto.js';

export type SseAlgorithm = 'AES256' | 'aws:kms' | 'aws:kms:dsse';
export const SSE_ALGORITHMS: readonly string[] = ['AES256', 'aws:kms', 'aws:kms:dsse'];
export type EncryptionContext = Record<string, string>;

/** A bucket's default encryption (PutBucketEncryption). */
export interface BucketEncryption {
  algorithm: SseAlgorithm;
  kmsMasterKeyId?: string;
  bucketKeyEnabled: boolean;
}

/** How an object's data key is protected, i.e. what GetObject must do to recover it. */
export type KeyWrap =
  /** SSE-S3: derived from S3's own root key; no KMS request. */
  | { kind: 's3'; salt: Buffer }
  /** SSE-KMS / DSSE-KMS: a data key from GenerateDataKey, recovered with Decrypt and the stored context. */
  | { kind: 'kms'; ciphertextBlob: string; context: EncryptionContext }
  /** S3 Bucket Key: derived locally from a bucket-level KMS data key (context: the bucket ARN). */
  | { kind: 'bucket-key'; ciphertextBlob: string; context: EncryptionContext; salt: Buffer };

export interface ObjectEncryption {
  algorithm: SseAlgorithm;
  /** Key ARN, as S3 echoes it in x-amz-server-side-encryption-aws-kms-key-id. */
  keyArn?: string;
  bucketKeyEnabled: boolean;
  /** The caller's SSEKMSEncryptionContext (without aws:s3:arn), stored as object metadata. */
  userContext?: EncryptionContext;
  wrap: KeyWrap;
}

/** A body chunk sealed with AES-256-GCM; multipart objects keep one per part. */
export interface Segment {
  sealed: Sealed;
  aad: string;
}

export interface StoredObject {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
  contentType: string;
  metadata: Record<string, string>;
  encryption: ObjectEncryption;
  segments: Segment[];
  /** The full-object checksum the client sent with PutObject, returned when x-amz-checksum-mode is ENABLED. */
  checksum?: Checksum;
  partsCount?: number;
}

export interface UploadPart {
  etag: string;
  size: number;
  segment: Segment;
}

export interface MultipartUpload {
  id: string;
  key: string;
  initiated: Date;
  contentType: string;
  metadata: Record<string, string>;
  encryption: ObjectEncryption;
  parts: Map<number, UploadPart>;
}

export interface Bucket {
  name: string;
  region: string;
  accountId: string;
  created: Date;
  encryption?: BucketEncryption;
  objects: Map<string, StoredObject>;
  uploads: Map<string, MultipartUpload>;
}

/** A bucket-level data key S3 keeps for one time window. */
export interface CachedKey {
  plaintext: Buffer;
  ciphertextBlob: string;
  keyArn: string;
  context: EncryptionContext;
  expiresAt: number;
}

export interface S3Store {
  /** Bucket names are global across Regions and accounts, as in S3. */
  buckets: Map<string, Bucket>;
  /** SSE-S3's root key: S3-managed, never leaves the service. */
  s3RootKey: Buffer;
  /** (bucket, requested key, user context) → the current bucket key, for PUT. */
  bucketKeys: Map<string, CachedKey>;
  /** Bucket-key ciphertext → its plaintext, for GET within the same window. */
  decryptedBucketKeys: Map<string, CachedKey>;
}

const stores = new WeakMap<KmsCore, S3Store>();

/** The S3 state lives as long as the KMS core it calls, so a fresh engine starts with no buckets. */
export function storeFor(kms: KmsCore): S3Store {
  let store = stores.get(kms);
  if (!store) {
    store = {
      buckets: new Map(),
      s3RootKey: randomBytes(32),
      bucketKeys: new Map(),
      decryptedBucketKeys: new Map(),
    };
    stores.set(kms, store);
  }
  return store;
}
