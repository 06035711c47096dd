// The S3 slice through the real S3Client (restXml serialization, default checksums, real exception classes).
import {
  CopyObjectCommand,
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { CreateGrantCommand, DescribeKeyCommand, DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BUCKET_KEY_TTL_MS, handleS3Request } from '../../src/engine/s3/index.js';
import { storeFor } from '../../src/engine/s3/store.js';
import { createKmsEngine } from '../../src/engine/index.js';

/** The real engine's S3Client, a clock the test moves, the KMS audit, and the headers each request carried. */
function harness(region = 'us-east-1', forcePathStyle = true) {
  const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
  const engine = createKmsEngine({ region, clock: () => clock.now });
  const seen: Record<string, string>[] = [];
  const s3 = engine.s3Client({ forcePathStyle });
  // After the build step (checksums, aws-chunked, host): what goes on the wire.
  s3.middlewareStack.add(
    (next) => async (args) => {
      seen.push({ ...(args.request as { headers: Record<string, string> }).headers });
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordHeaders' },
  );
  const kmsClient = engine.kmsClient();
  const kms = {
    core: engine.kms,
    createKey: () => engine.createKey({ region }).arn,
    disable: (arn: string) => kmsClient.send(new DisableKeyCommand({ KeyId: arn })),
    count: (op: string) => engine.requests().byOperation[op] ?? 0,
    /** KMS calls S3 made on the caller's behalf (CloudTrail invokedBy s3.amazonaws.com). */
    calls: () => engine.audit().entries.filter((e) => e.invokedBy === 's3.amazonaws.com'),
  };
  return { s3, kms, clock, seen, engine, kmsClient };
}

async function errorOf(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(S3ServiceException);
    return error as S3ServiceException;
  }
  throw new Error('expected the request to fail');
}

const decodeContext = (header: string | undefined) => JSON.parse(Buffer.from(header ?? '', 'base64').toString('utf8'));

describe('S3 SSE-KMS (one data key per object)', () => {
  it('PutObject asks KMS for a data key with aws:s3:arn = object ARN plus the caller context, and GetObject decrypts with it', async () => {
    const { s3, kms } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'invoices' }));
    const userContext = { tenant: 'acme' };
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'invoices',
        Key: '2026/jan report.pdf',
        Body: 'invoice body',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: keyArn,
        SSEKMSEncryptionContext: Buffer.from(JSON.stringify(userContext)).toString('base64'),
      }),
    );
    expect(put.ServerSideEncryption).toBe('aws:kms');
    expect(put.SSEKMSKeyId).toBe(keyArn);
    expect(put.BucketKeyEnabled).toBeUndefined();
    const expectedContext = { tenant: 'acme', 'aws:s3:arn': 'arn:aws:s3:::invoices/2026/jan report.pdf' };
    expect(decodeContext(put.SSEKMSEncryptionContext)).toEqual(expectedContext);
    const generate = kms.calls().find((c) => c.operation === 'GenerateDataKey')!;
    expect(generate).toMatchObject({ keyArn, encryptionContext: expectedContext, plaintextBytes: 32 });

    const got = await s3.send(new GetObjectCommand({ Bucket: 'invoices', Key: '2026/jan report.pdf' }));
    expect(await got.Body!.transformToString()).toBe('invoice body');
    expect(got.SSEKMSKeyId).toBe(keyArn);
    const decrypt = kms.calls().find((c) => c.operation === 'Decrypt')!;
    expect(decrypt).toMatchObject({ keyArn, encryptionContext: expectedContext });
  });

  it('a context header key named __proto__ stays a key of the context that KMS sees and S3 echoes', async () => {
    const { s3, kms } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'invoices' }));
    // Raw JSON, as a client sends it: "__proto__" is an own key there, not a prototype.
    const header = Buffer.from('{"__proto__":"x","tenant":"acme"}').toString('base64');
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'invoices', Key: 'p', Body: 'b', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, SSEKMSEncryptionContext: header }),
    );
    const echoed = decodeContext(put.SSEKMSEncryptionContext) as Record<string, string>;
    expect(Object.keys(echoed).sort()).toEqual(['__proto__', 'aws:s3:arn', 'tenant']);
    const generate = kms.calls().find((c) => c.operation === 'GenerateDataKey')!;
    expect(Object.entries(generate.encryptionContext ?? {})).toContainEqual(['__proto__', 'x']);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'invoices', Key: 'p' }));
    expect(await got.Body!.transformToString()).toBe('b');
  });

  it('stores only ciphertext: the body is sealed with AES-256-GCM under the KMS data key', async () => {
    const { s3, kms } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'secrets' }));
    const secret = 'the plaintext must not be stored as is';
    await s3.send(new PutObjectCommand({ Bucket: 'secrets', Key: 'k', Body: secret, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    const stored = storeFor(kms.core).buckets.get('secrets')!.objects.get('k')!;
    const raw = Buffer.concat(stored.segments.map((s) => s.sealed.ciphertext));
    expect(raw.length).toBe(Buffer.byteLength(secret));
    expect(raw.toString('utf8')).not.toBe(secret);
    expect(stored.encryption.wrap.kind).toBe('kms');
  });

  it('uses the AWS managed key alias/aws/s3 when no key id is given, creating it once per account and Region', async () => {
    const { s3, kms, kmsClient } = harness();
    await s3.send(new CreateBucketCommand({ Bucket: 'managed' }));
    const first = await s3.send(new PutObjectCommand({ Bucket: 'managed', Key: 'a', Body: 'x', ServerSideEncryption: 'aws:kms' }));
    const second = await s3.send(new PutObjectCommand({ Bucket: 'managed', Key: 'b', Body: 'y', ServerSideEncryption: 'aws:kms' }));
    expect(first.SSEKMSKeyId).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//);
    expect(second.SSEKMSKeyId).toBe(first.SSEKMSKeyId);
    const managed = await kmsClient.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
    expect(managed.KeyMetadata).toMatchObject({ Arn: first.SSEKMSKeyId, KeyManager: 'AWS' });
    expect(kms.count('CreateKey')).toBe(0);
  });

  it('a disabled key makes GetObject fail with KMS.DisabledException (HeadObject still answers from metadata)', async () => {
    const { s3, kms } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'locked' }));
    await s3.send(new PutObjectCommand({ Bucket: 'locked', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    await kms.disable(keyArn);
    const error = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'locked', Key: 'k' })));
    expect(error.name).toBe('KMS.DisabledException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'locked', Key: 'k' }));
    expect(head.SSEKMSKeyId).toBe(keyArn);
  });

  it('an unknown key id fails PutObject with KMS.NotFoundException and stores nothing', async () => {
    const { s3, kms } = harness();
    await s3.send(new CreateBucketCommand({ Bucket: 'typo' }));
    const error = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: 'typo', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/missing' })),
    );
    expect(error.name).toBe('KMS.NotFoundException');
    expect(storeFor(kms.core).buckets.get('typo')!.objects.size).toBe(0);
  });

  it('rejects a context header that is not base64 JSON, and KMS headers without aws:kms, with InvalidArgument', async () => {
    const { s3, kms } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'strict' }));
    const badContext = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: 'strict', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSEncryptionContext: 'not json' })),
    );
    expect(badContext.name).toBe('InvalidArgument');
    const keyWithoutKms = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: 'strict', Key: 'k', Body: 'x', ServerSideEncryption: 'AES256', SSEKMSKeyId: keyArn })),
    );
    expect(keyWithoutKms.name).toBe('InvalidArgument');
  });
});

describe('S3 Bucket Keys', () => {
  it('1,000 PUTs cost one GenerateDataKey with bucket keys and 1,000 without', async () => {
    const { s3, kms } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'with-bucket-key' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'without-bucket-key' }));
    for (let i = 0; i < 1000; i++) {
      await s3.send(
        new PutObjectCommand({ Bucket: 'with-bucket-key', Key: `o${i}`, Body: `${i}`, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: true }),
      );
    }
    expect(kms.count('GenerateDataKey')).toBe(1);
    for (let i = 0; i < 1000; i++) {
      await s3.send(new PutObjectCommand({ Bucket: 'without-bucket-key', Key: `o${i}`, Body: `${i}`, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    }
    expect(kms.count('GenerateDataKey')).toBe(1001);
  }, 120_000);

  it('the bucket key carries the bucket ARN as context, is echoed, and is renewed after its time window', async () => {
    const { s3, kms, clock } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'windowed' }));
    const put = (key: string) =>
      s3.send(new PutObjectCommand({ Bucket: 'windowed', Key: key, Body: key, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: true }));
    const first = await put('a');
    expect(first.BucketKeyEnabled).toBe(true);
    expect(kms.calls().find((c) => c.operation === 'GenerateDataKey')!.encryptionContext).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::windowed' });
    await put('b');
    expect(kms.count('GenerateDataKey')).toBe(1);
    clock.now += BUCKET_KEY_TTL_MS;
    await put('c');
    expect(kms.count('GenerateDataKey')).toBe(2);
    for (const key of ['a', 'b', 'c']) {
      const got = await s3.send(new GetObjectCommand({ Bucket: 'windowed', Key: key }));
      expect(await got.Body!.transformToString()).toBe(key);
      expect(got.BucketKeyEnabled).toBe(true);
    }
  });

  it('with a bucket key, a disabled KMS key stops GETs once the cached bucket key expires', async () => {
    const { s3, kms, clock } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'cached-key' }));
    await s3.send(new PutObjectCommand({ Bucket: 'cached-key', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: true }));
    await kms.disable(keyArn);
    // S3 reuses the bucket-level key it already holds for the rest of its window: no KMS request, no failure yet.
    const cached = await s3.send(new GetObjectCommand({ Bucket: 'cached-key', Key: 'k' }));
    expect(await cached.Body!.transformToString()).toBe('x');
    expect(kms.count('Decrypt')).toBe(0);
    clock.now += BUCKET_KEY_TTL_MS;
    const error = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'cached-key', Key: 'k' })));
    expect(error.name).toBe('KMS.DisabledException');
  });

  it('bucket default encryption applies when a PUT sends no SSE header, bucket key included', async () => {
    const { s3, kms } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'defaults' }));
    const before = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'defaults' }));
    expect(before.ServerSideEncryptionConfiguration!.Rules![0].ApplyServerSideEncryptionByDefault!.SSEAlgorithm).toBe('AES256');
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'defaults',
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }],
        },
      }),
    );
    const config = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'defaults' }));
    expect(config.ServerSideEncryptionConfiguration!.Rules![0]).toMatchObject({
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn },
      BucketKeyEnabled: true,
    });
    for (let i = 0; i < 50; i++) {
      const put = await s3.send(new PutObjectCommand({ Bucket: 'defaults', Key: `k${i}`, Body: 'x' }));
      expect(put).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: true });
    }
    expect(kms.count('GenerateDataKey')).toBe(1);
  });

  it('DSSE-KMS never uses a bucket key: one GenerateDataKey per object, two encryption layers', async () => {
    const { s3, kms } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'dual-layer' }));
    for (let i = 0; i < 5; i++) {
      const put = await s3.send(
        new PutObjectCommand({ Bucket: 'dual-layer', Key: `k${i}`, Body: `body ${i}`, ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: keyArn, BucketKeyEnabled: true }),
      );
      expect(put.ServerSideEncryption).toBe('aws:kms:dsse');
      expect(put.BucketKeyEnabled).toBeUndefined();
    }
    expect(kms.count('GenerateDataKey')).toBe(5);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'dual-layer', Key: 'k3' }));
    expect(await got.Body!.transformToString()).toBe('body 3');
    expect(got.ServerSideEncryption).toBe('aws:kms:dsse');
  });
});

describe('CopyObject', () => {
  it('re-encrypts under the destination settings; the context is not carried over and must be re-supplied', async () => {
    const { s3, kms } = harness();
    const sourceKey = kms.createKey();
    const destinationKey = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'source-bucket' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'archive-bucket' }));
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'archive-bucket',
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: destinationKey } }] },
      }),
    );
    const context = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64');
    await s3.send(
      new PutObjectCommand({
        Bucket: 'source-bucket',
        Key: 'doc',
        Body: 'copy me',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: sourceKey,
        SSEKMSEncryptionContext: context({ team: 'red' }),
        Metadata: { owner: 'ana' },
      }),
    );
    const plain = await s3.send(new CopyObjectCommand({ Bucket: 'archive-bucket', Key: 'doc', CopySource: 'source-bucket/doc' }));
    expect(plain.SSEKMSKeyId).toBe(destinationKey);
    expect(decodeContext(plain.SSEKMSEncryptionContext)).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::archive-bucket/doc' });
    const resupplied = await s3.send(
      new CopyObjectCommand({ Bucket: 'archive-bucket', Key: 'doc2', CopySource: 'source-bucket/doc', SSEKMSEncryptionContext: context({ team: 'blue' }), ServerSideEncryption: 'aws:kms' }),
    );
    expect(decodeContext(resupplied.SSEKMSEncryptionContext)).toEqual({ team: 'blue', 'aws:s3:arn': 'arn:aws:s3:::archive-bucket/doc2' });
    const copy = await s3.send(new GetObjectCommand({ Bucket: 'archive-bucket', Key: 'doc2' }));
    expect(await copy.Body!.transformToString()).toBe('copy me');
    expect(copy.Metadata).toEqual({ owner: 'ana' });
    const error = await errorOf(s3.send(new CopyObjectCommand({ Bucket: 'source-bucket', Key: 'doc', CopySource: 'source-bucket/doc' })));
    expect(error.name).toBe('InvalidRequest');
  });
});

describe('multipart uploads and checksums', () => {
  it('lib-storage Upload sends a 12 MiB stream in parts; one GenerateDataKey, a Decrypt per part, bytes round-trip', async () => {
    const { s3, kms, seen } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    const data = randomBytes(12 * 1024 * 1024);
    const upload = new Upload({
      client: s3,
      params: { Bucket: 'uploads', Key: 'big.bin', Body: Readable.from([data.subarray(0, 7_000_000), data.subarray(7_000_000)]), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn },
    });
    const done = await upload.done();
    expect(done.ETag).toMatch(/-3"$/);
    expect(seen.filter((h) => h['x-amz-checksum-crc32'] !== undefined).length).toBeGreaterThanOrEqual(3);
    expect(kms.count('GenerateDataKey')).toBe(1);
    expect(kms.count('Decrypt')).toBe(3);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'big.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
    expect(got.PartsCount).toBe(3);
  });

  it('the default checksum config works: streamed bodies arrive aws-chunked with a CRC32 trailer and are decoded', async () => {
    const { s3, seen } = harness();
    await s3.send(new CreateBucketCommand({ Bucket: 'chunked' }));
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'chunked', Key: 'k', Body: Readable.from([Buffer.from('first,'), Buffer.from('second')]), ContentLength: 12 }),
    );
    const headers = seen.at(-1)!;
    expect(headers['content-encoding']).toBe('aws-chunked');
    expect(headers['x-amz-trailer']).toBe('x-amz-checksum-crc32');
    expect(put.ChecksumCRC32).toBeDefined();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'chunked', Key: 'k', ChecksumMode: 'ENABLED' }));
    expect(await got.Body!.transformToString()).toBe('first,second');
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
  });

  it('a checksum that does not match the body is BadDigest', async () => {
    const { s3 } = harness();
    await s3.send(new CreateBucketCommand({ Bucket: 'digest' }));
    const error = await errorOf(s3.send(new PutObjectCommand({ Bucket: 'digest', Key: 'k', Body: 'abc', ChecksumCRC32: 'AAAAAA==' })));
    expect(error.name).toBe('BadDigest');
  });

  it('parts under 5 MiB other than the last are EntityTooSmall', async () => {
    const { s3 } = harness();
    await s3.send(new CreateBucketCommand({ Bucket: 'small-parts' }));
    const upload = new Upload({ client: s3, partSize: 5 * 1024 * 1024, params: { Bucket: 'small-parts', Key: 'k', Body: randomBytes(6 * 1024 * 1024) } });
    // lib-storage enforces the 5 MiB minimum itself, so shrink a part behind its back through the raw API.
    await upload.done();
    const { CreateMultipartUploadCommand, UploadPartCommand, CompleteMultipartUploadCommand } = await import('@aws-sdk/client-s3');
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'small-parts', Key: 'tiny' }));
    const one = await s3.send(new UploadPartCommand({ Bucket: 'small-parts', Key: 'tiny', UploadId: created.UploadId, PartNumber: 1, Body: 'a' }));
    const two = await s3.send(new UploadPartCommand({ Bucket: 'small-parts', Key: 'tiny', UploadId: created.UploadId, PartNumber: 2, Body: 'b' }));
    const error = await errorOf(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'small-parts',
          Key: 'tiny',
          UploadId: created.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: one.ETag }, { PartNumber: 2, ETag: two.ETag }] },
        }),
      ),
    );
    expect(error.name).toBe('EntityTooSmall');
  });
});

describe('ranged GetObject', () => {
  it('answers a bytes range with 206 and Content-Range, an unsatisfiable one with InvalidRange', async () => {
    const { s3 } = harness();
    await s3.send(new CreateBucketCommand({ Bucket: 'ranges' }));
    await s3.send(new PutObjectCommand({ Bucket: 'ranges', Key: 'k', Body: '0123456789', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }));
    const middle = await s3.send(new GetObjectCommand({ Bucket: 'ranges', Key: 'k', Range: 'bytes=2-5' }));
    expect(await middle.Body!.transformToString()).toBe('2345');
    expect(middle.ContentRange).toBe('bytes 2-5/10');
    const tail = await s3.send(new GetObjectCommand({ Bucket: 'ranges', Key: 'k', Range: 'bytes=-3', ChecksumMode: 'ENABLED' }));
    expect(await tail.Body!.transformToString()).toBe('789');
    const error = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'ranges', Key: 'k', Range: 'bytes=20-' })));
    expect(error.name).toBe('InvalidRange');
    expect(error.$metadata.httpStatusCode).toBe(416);
  });
});

describe('ListObjectsV2', () => {
  it('lists with prefix, delimiter and pagination, and never calls KMS', async () => {
    const { s3, kms } = harness();
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    for (const key of ['logs/2026/01.txt', 'logs/2026/02.txt', 'logs/2027/01.txt', 'logs/readme', 'other']) {
      await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: key, Body: key, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }));
    }
    const before = kms.count('Decrypt') + kms.count('GenerateDataKey');
    const grouped = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'logs/', Delimiter: '/' }));
    expect(grouped.Contents?.map((o) => o.Key)).toEqual(['logs/readme']);
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['logs/2026/', 'logs/2027/']);
    expect(grouped.KeyCount).toBe(3);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 2, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    expect(seen).toEqual(['logs/2026/01.txt', 'logs/2026/02.txt', 'logs/2027/01.txt', 'logs/readme', 'other']);
    expect(kms.count('Decrypt') + kms.count('GenerateDataKey')).toBe(before);
    const bad = await errorOf(s3.send(new ListObjectsV2Command({ Bucket: 'listing', ContinuationToken: '%%%' })));
    expect(bad.name).toBe('InvalidArgument');
  });
});

describe('S3 errors', () => {
  it('NoSuchBucket, NoSuchKey, InvalidBucketName and NotFound on HEAD', async () => {
    const { s3 } = harness();
    expect((await errorOf(s3.send(new PutObjectCommand({ Bucket: 'nowhere', Key: 'k', Body: 'x' })))).name).toBe('NoSuchBucket');
    expect((await errorOf(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).name).toBe('InvalidBucketName');
    await s3.send(new CreateBucketCommand({ Bucket: 'present' }));
    const missing = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'present', Key: 'absent' })));
    expect(missing.name).toBe('NoSuchKey');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect((await errorOf(s3.send(new HeadObjectCommand({ Bucket: 'present', Key: 'absent' })))).name).toBe('NotFound');
  });

  it('virtual-hosted addressing works too (bucket in the host name)', async () => {
    const { s3, seen } = harness('eu-west-1', false);
    await s3.send(new CreateBucketCommand({ Bucket: 'hosted-style', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await s3.send(new PutObjectCommand({ Bucket: 'hosted-style', Key: 'a/b', Body: 'vhost' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'hosted-style', Key: 'a/b' }));
    expect(await got.Body!.transformToString()).toBe('vhost');
    expect(seen.at(-1)!.host).toBe('hosted-style.s3.eu-west-1.amazonaws.com');
  });

  it('SSE-S3 is the default without any header or bucket configuration', async () => {
    const { s3, kms } = harness();
    await s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'k', Body: 'x' }));
    expect(put.ServerSideEncryption).toBe('AES256' satisfies ServerSideEncryption);
    expect(put.SSEKMSKeyId).toBeUndefined();
    expect(kms.calls()).toHaveLength(0);
  });

  it('malformed requests get XML errors, never an exception', async () => {
    const kms = harness().kms;
    const ctx = { kms: kms.core, caller: { region: 'us-east-1', accountId: '111122223333' }, now: () => 0 };
    const base = { hostname: 's3.us-east-1.amazonaws.com', query: {}, headers: {}, body: new Uint8Array(0) };
    await handleS3Request({ ...base, method: 'PUT', path: '/bkt' }, ctx);
    const cases = [
      { ...base, method: 'PUT', path: '/bkt', query: { encryption: '' }, body: Buffer.from('<not xml') },
      { ...base, method: 'PUT', path: '/bkt/%E0%A4%A', body: Buffer.from('x') },
      { ...base, method: 'PUT', path: '/bkt/k', headers: { 'content-encoding': 'aws-chunked' }, body: Buffer.from('zz\r\nabc') },
      { ...base, method: 'POST', path: '/bkt/k', query: { uploadId: 'nope' }, body: Buffer.from('<CompleteMultipartUpload/>') },
      { ...base, method: 'PATCH', path: '/bkt/k' },
      { ...base, method: 'GET', path: '/' },
    ];
    const codes = [];
    for (const req of cases) {
      const res = await handleS3Request(req, ctx);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      codes.push(/<Code>([^<]+)<\/Code>/.exec(Buffer.from(res.body as Uint8Array).toString())?.[1]);
    }
    expect(codes).toEqual(['MalformedXML', 'InvalidURI', 'InvalidRequest', 'NoSuchUpload', 'NotImplemented', 'NotImplemented']);
  });
});

describe('S3 and the KMS key store it depends on', () => {
  it('a key pending deletion makes GetObject fail with KMS.KMSInvalidStateException', async () => {
    const { s3, kms, kmsClient } = harness();
    const keyArn = kms.createKey();
    await s3.send(new CreateBucketCommand({ Bucket: 'doomed' }));
    await s3.send(new PutObjectCommand({ Bucket: 'doomed', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    await kmsClient.send(new ScheduleKeyDeletionCommand({ KeyId: keyArn, PendingWindowInDays: 7 }));
    const error = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'doomed', Key: 'k' })));
    expect(error.name).toBe('KMS.KMSInvalidStateException');
  });

  it('a key from another Region is KMS.NotFoundException (S3 needs a key in the bucket Region)', async () => {
    const { s3, engine } = harness();
    const foreign = engine.createKey({ region: 'eu-west-1' }).arn;
    await s3.send(new CreateBucketCommand({ Bucket: 'regional' }));
    const error = await errorOf(s3.send(new PutObjectCommand({ Bucket: 'regional', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: foreign })));
    expect(error.name).toBe('KMS.NotFoundException');
  });

  it('KMS throttling reaches S3 callers as 503 SlowDown; bucket keys keep the same load under the quota', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    const engine = createKmsEngine({ clock: () => clock.now, quota: { requestsPerSecond: 5 } });
    const s3 = engine.s3Client();
    const keyArn = engine.createKey().arn;
    clock.now += 1000;
    await s3.send(new CreateBucketCommand({ Bucket: 'hot-bucket' }));
    const put = (key: string, bucketKey: boolean) =>
      s3.send(new PutObjectCommand({ Bucket: 'hot-bucket', Key: key, Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: bucketKey }));
    for (let i = 0; i < 5; i++) await put(`plain-${i}`, false);
    const error = await errorOf(put('plain-5', false));
    expect(error.name).toBe('SlowDown');
    expect(error.$metadata.httpStatusCode).toBe(503);
    clock.now += 1000;
    for (let i = 0; i < 100; i++) await put(`bucket-key-${i}`, true);
    // 5 per-object keys, the throttled request (counted, as CloudTrail records it), one bucket key for 100 PUTs.
    expect(engine.requests().byOperation.GenerateDataKey).toBe(7);
  });

  it('a principal without a grant gets AccessDenied from S3; a grant for GenerateDataKey and Decrypt lets it through', async () => {
    const { engine, kmsClient } = harness();
    const keyArn = engine.createKey().arn;
    const role = 'arn:aws:iam::111122223333:role/uploader';
    const owner = engine.s3Client();
    await owner.send(new CreateBucketCommand({ Bucket: 'granted' }));
    const asRole = engine.s3Client({ principal: role });
    const put = () => asRole.send(new PutObjectCommand({ Bucket: 'granted', Key: 'k', Body: 'via grant', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    const denied = await errorOf(put());
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata.httpStatusCode).toBe(403);
    await kmsClient.send(new CreateGrantCommand({ KeyId: keyArn, GranteePrincipal: role, Operations: ['GenerateDataKey', 'Decrypt'] }));
    await put();
    const got = await asRole.send(new GetObjectCommand({ Bucket: 'granted', Key: 'k' }));
    expect(await got.Body!.transformToString()).toBe('via grant');
    const entries = engine.audit().entries.filter((e) => e.invokedBy === 's3.amazonaws.com' && e.principal === role);
    expect(entries.map((e) => [e.operation, e.errorCode ?? 'ok'])).toEqual([
      ['GenerateDataKey', 'AccessDeniedException'],
      ['GenerateDataKey', 'ok'],
      ['Decrypt', 'ok'],
    ]);
  });
});
