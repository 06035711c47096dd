// Server-side encryption as S3 does it (kms-contract §4; S3 User Guide "UsingKMSEncryption", "bucket-key").
// PUT: GenerateDataKey with context {aws:s3:arn: object ARN, ...SSEKMSEncryptionContext}; GET: Decrypt with the
// stored context, so a disabled or pending-deletion key makes GET fail. With an S3 Bucket Key, one
// GenerateDataKey per (bucket, KMS key, time window) with the bucket ARN as context, and per-object keys
// derived locally: KMS requests drop by ~99%. DSSE-KMS never uses bucket keys. KMS calls carry
// `via: 's3.amazonaws.com'` (CloudTrail's invokedBy).
// Reads of bucket-key objects reuse the decrypted bucket key for the same window (S3 documents bucket keys as
// cutting S3-to-KMS traffic, reads included, without saying how); the engine's consequence, tested, is that a key
// disabled mid-window stops those reads only when the window ends. Per-object keys are decrypted on every GET.
import { randomBytes } from 'node:crypto';
import { AwsError, type Caller, type KmsCore } from '../types.js';
import { deriveKey, open, seal, zeroize, type Sealed } from './crypto.js';
import {
  SSE_ALGORITHMS,
  type Bucket,
  type CachedKey,
  type EncryptionContext,
  type KeyWrap,
  type ObjectEncryption,
  type S3Store,
  type Segment,
  type SseAlgorithm,
} from './store.js';

/**
 * How long S3 reuses a bucket key. AWS documents it only as "time-limited"; the engine picks one hour, and a
 * test can move its clock (ctx.now) past it.
 */
export const BUCKET_KEY_TTL_MS = 60 * 60 * 1000;

export interface S3Context {
  kms: KmsCore;
  caller: Caller;
  now: () => number;
}

/** The SSE settings a write request asks for, before any key is fetched. */
export interface SseRequest {
  algorithm: SseAlgorithm;
  /** As sent (id, ARN, alias); undefined means the AWS managed key aws/s3. */
  kmsKeyId?: string;
  bucketKeyEnabled: boolean;
  userContext?: EncryptionContext;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function bucketArn(bucket: Bucket): string {
  return `arn:${partitionOf(bucket.region)}:s3:::${bucket.name}`;
}

export function objectArn(bucket: Bucket, key: string): string {
  return `${bucketArn(bucket)}/${key}`;
}

function invalidArgument(message: string): AwsError {
  return new AwsError('InvalidArgument', message);
}

/** x-amz-server-side-encryption-context: base64 of a UTF-8 JSON object of strings. */
export function parseContextHeader(value: string): EncryptionContext {
  const fail = () => invalidArgument('The header x-amz-server-side-encryption-context must be base64-encoded UTF-8 JSON of string keys and values.');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    throw fail();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail();
  const pairs = Object.entries(parsed);
  if (pairs.some(([, v]) => typeof v !== 'string')) throw fail();
  // Own properties: a "__proto__" key stays a key of the context instead of setting the prototype.
  return Object.fromEntries(pairs) as EncryptionContext;
}

export function contextHeader(context: EncryptionContext): string {
  return Buffer.from(JSON.stringify(context), 'utf8').toString('base64');
}

/**
 * Reads the SSE request headers (PutObject, CopyObject destination, CreateMultipartUpload) and falls back to the
 * bucket's default encryption, then to SSE-S3 (S3's default for every new object since January 2023).
 */
export function resolveSseRequest(headers: Record<string, string>, bucket: Bucket): SseRequest {
  const algorithmHeader = headers['x-amz-server-side-encryption'];
  const keyHeader = headers['x-amz-server-side-encryption-aws-kms-key-id'];
  const contextValue = headers['x-amz-server-side-encryption-context'];
  const bucketKeyHeader = headers['x-amz-server-side-encryption-bucket-key-enabled'];
  if (bucketKeyHeader !== undefined && !/^(true|false)$/i.test(bucketKeyHeader)) {
    throw invalidArgument('x-amz-server-side-encryption-bucket-key-enabled must be true or false.');
  }
  if (algorithmHeader !== undefined && !SSE_ALGORITHMS.includes(algorithmHeader)) {
    throw invalidArgument(`Server Side Encryption with ${algorithmHeader} is not supported; use AES256, aws:kms or aws:kms:dsse.`);
  }
  const defaults = bucket.encryption;
  const algorithm = (algorithmHeader as SseAlgorithm | undefined) ?? defaults?.algorithm ?? 'AES256';
  const isKms = algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse';
  if (!isKms && (keyHeader !== undefined || contextValue !== undefined)) {
    throw invalidArgument(
      'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms or aws:kms:dsse',
    );
  }
  if (!isKms) return { algorithm, bucketKeyEnabled: false };
  // The bucket default's key applies only when the request does not name its own algorithm.
  const kmsKeyId = keyHeader ?? (algorithmHeader === undefined || algorithmHeader === defaults?.algorithm ? defaults?.kmsMasterKeyId : undefined);
  const bucketKeyEnabled =
    algorithm === 'aws:kms:dsse'
      ? false
      : bucketKeyHeader !== undefined
        ? bucketKeyHeader.toLowerCase() === 'true'
        : defaults?.algorithm === 'aws:kms' && defaults.bucketKeyEnabled;
  const userContext = contextValue === undefined ? undefined : parseContextHeader(contextValue);
  return { algorithm, kmsKeyId: kmsKeyId || undefined, bucketKeyEnabled, userContext };
}

/** Calls KMS on the caller's behalf in the bucket's Region, turning KMS errors into S3's answers. */
function callKms(ctx: S3Context, bucket: Bucket, operation: string, input: Record<string, unknown>): Record<string, unknown> {
  try {
    return ctx.kms.call(operation, input, { ...ctx.caller, region: bucket.region, via: 's3.amazonaws.com' });
  } catch (error) {
    throw kmsErrorToS3(error);
  }
}

/**
 * S3 reports a failed KMS request with the KMS error code prefixed by `KMS.` and status 400, e.g.
 * `KMS.DisabledException`, `KMS.KMSInvalidStateException`, `KMS.NotFoundException` (seen in aws-cli#4507 and
 * localstack#7782/#8422, which reproduce real S3 answers). A missing grant or key-policy permission is S3's
 * 403 `AccessDenied`, and KMS throttling reaches S3 callers as 503 `SlowDown` (S3 User Guide, bucket keys and
 * request-rate guidance); both are mapped that way here.
 */
export function kmsErrorToS3(error: unknown): unknown {
  if (!(error instanceof AwsError)) return error;
  if (error.code === 'ThrottlingException') return new AwsError('SlowDown', 'Please reduce your request rate.', 503);
  if (error.code === 'AccessDeniedException') return new AwsError('AccessDenied', error.message, 403);
  return new AwsError(`KMS.${error.code}`, error.message, error.status >= 500 ? 500 : 400);
}

function bytes(value: unknown, field: string): Buffer {
  if (typeof value !== 'string') throw new AwsError('InternalError', `KMS returned no ${field}.`, 500);
  return Buffer.from(value, 'base64');
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new AwsError('InternalError', `KMS returned no ${field}.`, 500);
  return value;
}

/**
 * Without a key id S3 uses the AWS managed key `aws/s3` of the bucket's account and Region. The KMS core creates
 * an AWS managed key the first time a service (caller.via) names its alias, as KMS does, so S3 just names it.
 */
const AWS_MANAGED_S3_KEY = 'alias/aws/s3';

function canonicalContext(context: EncryptionContext | undefined): string {
  if (!context) return '';
  return JSON.stringify(Object.keys(context).sort().map((k) => [k, context[k]]));
}

function withArn(arn: string, userContext: EncryptionContext | undefined): EncryptionContext {
  const supplied = userContext?.['aws:s3:arn'];
  if (supplied !== undefined && supplied !== arn) {
    throw invalidArgument(`The encryption context key aws:s3:arn is reserved; S3 sets it to ${arn}.`);
  }
  return { ...userContext, 'aws:s3:arn': arn };
}

function dropExpired(cache: Map<string, CachedKey>, now: number): void {
  for (const [slot, entry] of cache) {
    if (entry.expiresAt <= now) {
      zeroize(entry.plaintext);
      cache.delete(slot);
    }
  }
}

/** A fresh data key for a new object (or multipart upload) and how to recover it later. The caller zeroizes it. */
export function newObjectKey(
  ctx: S3Context,
  store: S3Store,
  bucket: Bucket,
  key: string,
  request: SseRequest,
): { dataKey: Buffer; encryption: ObjectEncryption } {
  if (request.algorithm === 'AES256') {
    const salt = randomBytes(32);
    return {
      dataKey: deriveKey(store.s3RootKey, salt, 'sse-s3 object key'),
      encryption: { algorithm: 'AES256', bucketKeyEnabled: false, wrap: { kind: 's3', salt } },
    };
  }
  const keyId = request.kmsKeyId ?? AWS_MANAGED_S3_KEY;
  if (request.bucketKeyEnabled) {
    const now = ctx.now();
    dropExpired(store.bucketKeys, now);
    const slot = `${bucket.name}\u0000${keyId}\u0000${canonicalContext(request.userContext)}`;
    let entry = store.bucketKeys.get(slot);
    if (!entry) {
      const context = withArn(bucketArn(bucket), request.userContext);
      const out = callKms(ctx, bucket, 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context });
      entry = {
        plaintext: bytes(out.Plaintext, 'Plaintext'),
        ciphertextBlob: text(out.CiphertextBlob, 'CiphertextBlob'),
        keyArn: text(out.KeyId, 'KeyId'),
        context,
        expiresAt: now + BUCKET_KEY_TTL_MS,
      };
      store.bucketKeys.set(slot, entry);
      store.decryptedBucketKeys.set(entry.ciphertextBlob, { ...entry, plaintext: Buffer.from(entry.plaintext) });
    }
    const salt = randomBytes(32);
    return {
      dataKey: deriveKey(entry.plaintext, salt, 's3 bucket key object key'),
      encryption: {
        algorithm: request.algorithm,
        keyArn: entry.keyArn,
        bucketKeyEnabled: true,
        userContext: request.userContext,
        wrap: { kind: 'bucket-key', ciphertextBlob: entry.ciphertextBlob, context: entry.context, salt },
      },
    };
  }
  const context = withArn(objectArn(bucket, key), request.userContext);
  const out = callKms(ctx, bucket, 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context });
  return {
    dataKey: bytes(out.Plaintext, 'Plaintext'),
    encryption: {
      algorithm: request.algorithm,
      keyArn: text(out.KeyId, 'KeyId'),
      bucketKeyEnabled: false,
      userContext: request.userContext,
      wrap: { kind: 'kms', ciphertextBlob: text(out.CiphertextBlob, 'CiphertextBlob'), context },
    },
  };
}

/** Recovers an object's data key: Decrypt through KMS (or the bucket key of this window). The caller zeroizes it. */
export function recoverObjectKey(ctx: S3Context, store: S3Store, bucket: Bucket, encryption: ObjectEncryption): Buffer {
  const wrap: KeyWrap = encryption.wrap;
  switch (wrap.kind) {
    case 's3':
      return deriveKey(store.s3RootKey, wrap.salt, 'sse-s3 object key');
    case 'kms': {
      const out = callKms(ctx, bucket, 'Decrypt', {
        CiphertextBlob: wrap.ciphertextBlob,
        EncryptionContext: wrap.context,
        KeyId: encryption.keyArn,
      });
      return bytes(out.Plaintext, 'Plaintext');
    }
    case 'bucket-key': {
      const now = ctx.now();
      dropExpired(store.decryptedBucketKeys, now);
      let entry = store.decryptedBucketKeys.get(wrap.ciphertextBlob);
      if (!entry) {
        const out = callKms(ctx, bucket, 'Decrypt', {
          CiphertextBlob: wrap.ciphertextBlob,
          EncryptionContext: wrap.context,
          KeyId: encryption.keyArn,
        });
        entry = {
          plaintext: bytes(out.Plaintext, 'Plaintext'),
          ciphertextBlob: wrap.ciphertextBlob,
          keyArn: text(out.KeyId, 'KeyId'),
          context: wrap.context,
          expiresAt: now + BUCKET_KEY_TTL_MS,
        };
        store.decryptedBucketKeys.set(wrap.ciphertextBlob, entry);
      }
      return deriveKey(entry.plaintext, wrap.salt, 's3 bucket key object key');
    }
  }
}

/** Seals a body chunk; DSSE-KMS applies two independent AES-256-GCM layers with keys derived from the data key. */
export function sealSegment(dataKey: Buffer, algorithm: SseAlgorithm, plaintext: Uint8Array, aad: string): Segment {
  if (algorithm !== 'aws:kms:dsse') return { sealed: seal(dataKey, plaintext, aad), aad };
  const inner = deriveKey(dataKey, Buffer.alloc(0), 'dsse layer 1');
  const outer = deriveKey(dataKey, Buffer.alloc(0), 'dsse layer 2');
  try {
    const first = seal(inner, plaintext, aad);
    return { sealed: seal(outer, Buffer.concat([first.iv, first.tag, first.ciphertext]), aad), aad };
  } finally {
    zeroize(inner, outer);
  }
}

export function openSegment(dataKey: Buffer, algorithm: SseAlgorithm, segment: Segment): Buffer {
  if (algorithm !== 'aws:kms:dsse') return open(dataKey, segment.sealed, segment.aad);
  const inner = deriveKey(dataKey, Buffer.alloc(0), 'dsse layer 1');
  const outer = deriveKey(dataKey, Buffer.alloc(0), 'dsse layer 2');
  try {
    const layer: Buffer = open(outer, segment.sealed, segment.aad);
    const first: Sealed = { iv: layer.subarray(0, 12), tag: layer.subarray(12, 28), ciphertext: layer.subarray(28) };
    return open(inner, first, segment.aad);
  } finally {
    zeroize(inner, outer);
  }
}
