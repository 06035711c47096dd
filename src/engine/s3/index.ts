// The S3 slice of the reference engine: restXml S3 in memory, with SSE-S3, SSE-KMS (with and without S3
// Bucket Keys) and DSSE-KMS done the way S3 does them (see sse.ts). Path-style and virtual-hosted addressing.
// Operations: CreateBucket, HeadBucket, DeleteBucket, Put/Get/DeleteBucketEncryption, PutObject, GetObject,
// HeadObject, CopyObject, DeleteObject, ListObjectsV2, CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
// AbortMultipartUpload. Anything else is S3's 501 `NotImplemented`.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { AwsError, type EngineHttpRequest, type EngineHttpResponse } from '../types.js';
import { readPayload } from './body.js';
import { zeroize } from './crypto.js';
import {
  contextHeader,
  newObjectKey,
  objectArn,
  openSegment,
  recoverObjectKey,
  resolveSseRequest,
  sealSegment,
  type S3Context,
} from './sse.js';
import {
  SSE_ALGORITHMS,
  storeFor,
  type Bucket,
  type BucketEncryption,
  type MultipartUpload,
  type ObjectEncryption,
  type S3Store,
  type SseAlgorithm,
  type StoredObject,
} from './store.js';
import { asList, malformed, parseRequestXml, toXml } from './xml.js';

export { BUCKET_KEY_TTL_MS, kmsErrorToS3, type S3Context } from './sse.js';

/** GetObject answers with a stream: the SDK's sdkStreamMixin requires a `stream.Readable` body in Node. */
export interface S3StreamResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Readable;
}

/** S3's minimum size for every part but the last (S3 User Guide, "Amazon S3 multipart upload limits"). */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;
const MAX_KEY_BYTES = 1024;

interface Route {
  req: EngineHttpRequest;
  headers: Record<string, string>;
  bucketName?: string;
  key?: string;
  has(name: string): boolean;
  query(name: string): string | undefined;
}

export async function handleS3Request(
  req: EngineHttpRequest,
  ctx: S3Context,
): Promise<EngineHttpResponse | S3StreamResponse> {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  let route: Route | undefined;
  try {
    route = parseRoute(req);
    const response = dispatch(route, ctx);
    response.headers['x-amz-request-id'] = requestId;
    response.headers['x-amz-id-2'] = randomBytes(24).toString('base64');
    return response;
  } catch (error) {
    return errorResponse(error, req.method, requestId, route);
  }
}

function parseRoute(req: EngineHttpRequest): Route {
  const headers: Record<string, string> = {};
  // Presigned URLs carry the signature in X-Amz-* query parameters and may hoist other x-amz-* headers into the
  // query; S3 reads hoisted headers as headers. Checksums hoisted by the SDK's presigner (the CRC32 of the empty
  // body at signing time, aws-sdk-js-v3 #6994) are not applied: reports disagree on whether real S3 checks them
  // (seaweedfs#10216 vs ministack#1695), and checking them would break the SDK's default presigned uploads.
  for (const [name, value] of Object.entries(req.query)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('x-amz-') || PRESIGN_PARAMETERS.has(lower) || /^x-amz-(sdk-)?checksum-/.test(lower)) continue;
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string') headers[lower] = text;
  }
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = String(value);
  const rawPath = req.path.split('?')[0] || '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.");
  }
  let bucketName: string | undefined;
  let key: string | undefined;
  // Virtual-hosted style: <bucket>.s3.<region>.amazonaws.com (or s3-<region>, s3-accelerate, ...).
  const virtual = /^(.+)\.s3[.-][^/]*amazonaws\.com$/i.exec(req.hostname);
  if (virtual) {
    bucketName = virtual[1];
    key = decoded.length > 1 ? decoded.slice(1) : undefined;
  } else {
    const trimmed = decoded.replace(/^\//, '');
    const slash = trimmed.indexOf('/');
    bucketName = (slash < 0 ? trimmed : trimmed.slice(0, slash)) || undefined;
    key = slash < 0 || slash === trimmed.length - 1 ? undefined : trimmed.slice(slash + 1);
  }
  const queryValue = (name: string): string | undefined => {
    const value = req.query[name];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return value[0] ?? '';
    return value ?? '';
  };
  return {
    req,
    headers,
    bucketName,
    key,
    has: (name) => req.query[name] !== undefined,
    query: queryValue,
  };
}

type Response = EngineHttpResponse | S3StreamResponse;

function dispatch(route: Route, ctx: S3Context): Response {
  const store = storeFor(ctx.kms);
  const method = route.req.method.toUpperCase();
  const { bucketName, key } = route;
  if (!bucketName) throw notImplemented('ListBuckets');
  if (key === undefined) {
    if (route.has('encryption')) {
      if (method === 'PUT') return putBucketEncryption(route, getBucket(store, bucketName));
      if (method === 'GET') return getBucketEncryption(getBucket(store, bucketName));
      if (method === 'DELETE') return deleteBucketEncryption(getBucket(store, bucketName));
    }
    if (method === 'GET' && route.query('list-type') === '2') return listObjectsV2(route, getBucket(store, bucketName));
    if (otherSubresource(route)) throw notImplemented(`${method} /${bucketName}?${Object.keys(route.req.query).join('&')}`);
    if (method === 'PUT') return createBucket(route, store, bucketName, ctx);
    if (method === 'HEAD') return headBucket(getBucket(store, bucketName));
    if (method === 'DELETE') return deleteBucket(store, getBucket(store, bucketName));
    throw notImplemented(`${method} /${bucketName}`);
  }
  const bucket = getBucket(store, bucketName);
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new AwsError('KeyTooLongError', 'Your key is too long');
  }
  if (method === 'PUT' && route.headers['x-amz-copy-source'] !== undefined) {
    if (route.has('uploadId')) throw notImplemented('UploadPartCopy');
    return copyObject(route, ctx, store, bucket, key);
  }
  if (method === 'PUT' && route.has('uploadId')) return uploadPart(route, ctx, store, bucket, key);
  if (method === 'POST' && route.has('uploads')) return createMultipartUpload(route, ctx, store, bucket, key);
  if (method === 'POST' && route.has('uploadId')) return completeMultipartUpload(route, ctx, bucket, key);
  if (method === 'DELETE' && route.has('uploadId')) return abortMultipartUpload(route, bucket, key);
  if (otherSubresource(route)) throw notImplemented(`${method} /${bucketName}/${key}?${Object.keys(route.req.query).join('&')}`);
  if (method === 'PUT') return putObject(route, ctx, store, bucket, key);
  if (method === 'GET') return getObject(route, ctx, store, bucket, key);
  if (method === 'HEAD') return headObject(route, bucket, key);
  if (method === 'DELETE') return deleteObject(bucket, key);
  throw notImplemented(`${method} /${bucketName}/${key}`);
}

/** SigV4 query authentication (presigned URLs). */
const PRESIGN_PARAMETERS = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-user-agent',
]);

/**
 * Sub-resources (`?acl`, `?tagging`, ...) this slice does not implement. `x-id` is only the SDK's operation hint,
 * and x-amz-* parameters are presigned-URL authentication or hoisted headers.
 */
function otherSubresource(route: Route): boolean {
  return Object.keys(route.req.query).some((name) => name !== 'x-id' && !name.toLowerCase().startsWith('x-amz-'));
}

function notImplemented(what: string): AwsError {
  return new AwsError('NotImplemented', `A header or query you provided implies functionality that is not implemented (${what}).`, 501);
}

function getBucket(store: S3Store, name: string): Bucket {
  const bucket = store.buckets.get(name);
  if (!bucket) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404);
  return bucket;
}

function ok(headers: Record<string, string> = {}, body: Uint8Array = new Uint8Array(0), statusCode = 200): EngineHttpResponse {
  return { statusCode, headers: { 'content-length': String(body.byteLength), ...headers }, body };
}

function xmlResponse(root: string, tree: Parameters<typeof toXml>[1], headers: Record<string, string> = {}): EngineHttpResponse {
  return ok({ 'content-type': 'application/xml', ...headers }, toXml(root, tree));
}

// --- Buckets -----------------------------------------------------------------------------------------------

/** Bucket naming rules (S3 User Guide, "General purpose bucket naming rules"). */
function validBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.endsWith('-s3alias')
  );
}

function createBucket(route: Route, store: S3Store, name: string, ctx: S3Context): Response {
  if (!validBucketName(name)) throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.');
  let region = ctx.caller.region;
  if (route.req.body.byteLength > 0) {
    const config = parseRequestXml(route.req.body, 'CreateBucketConfiguration');
    const constraint = config.LocationConstraint;
    if (typeof constraint === 'string' && constraint !== '' && constraint !== region) {
      throw new AwsError(
        'IllegalLocationConstraintException',
        `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      );
    }
  }
  const existing = store.buckets.get(name);
  if (existing) {
    if (existing.accountId !== ctx.caller.accountId) {
      throw new AwsError('BucketAlreadyExists', 'The requested bucket name is not available.', 409);
    }
    // us-east-1 keeps the legacy answer: 200 OK for a bucket you already own.
    if (existing.region !== 'us-east-1') {
      throw new AwsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409);
    }
    return ok({ location: `/${name}` });
  }
  store.buckets.set(name, {
    name,
    region,
    accountId: ctx.caller.accountId,
    created: new Date(ctx.now()),
    objects: new Map(),
    uploads: new Map(),
  });
  return ok({ location: `/${name}` });
}

function headBucket(bucket: Bucket): Response {
  return ok({ 'x-amz-bucket-region': bucket.region });
}

function deleteBucket(store: S3Store, bucket: Bucket): Response {
  if (bucket.objects.size > 0) throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409);
  store.buckets.delete(bucket.name);
  return ok({}, new Uint8Array(0), 204);
}

function putBucketEncryption(route: Route, bucket: Bucket): Response {
  const config = parseRequestXml(route.req.body, 'ServerSideEncryptionConfiguration');
  const rules = asList(config.Rule);
  if (rules.length !== 1) throw malformed();
  const rule = rules[0] as Record<string, unknown>;
  const byDefault = rule.ApplyServerSideEncryptionByDefault as Record<string, unknown> | undefined;
  if (typeof byDefault !== 'object' || byDefault === null) throw malformed();
  const algorithm = byDefault.SSEAlgorithm;
  if (typeof algorithm !== 'string' || !SSE_ALGORITHMS.includes(algorithm)) {
    throw new AwsError('InvalidArgument', `The SSEAlgorithm ${String(algorithm)} is not valid; use AES256, aws:kms or aws:kms:dsse.`);
  }
  const keyId = byDefault.KMSMasterKeyID;
  if (keyId !== undefined && (typeof keyId !== 'string' || algorithm === 'AES256')) {
    throw new AwsError('InvalidArgument', 'KMSMasterKeyID is allowed only when SSEAlgorithm is aws:kms or aws:kms:dsse.');
  }
  const bucketKey = rule.BucketKeyEnabled;
  if (bucketKey !== undefined && bucketKey !== 'true' && bucketKey !== 'false') throw malformed();
  const encryption: BucketEncryption = {
    algorithm: algorithm as SseAlgorithm,
    kmsMasterKeyId: typeof keyId === 'string' && keyId !== '' ? keyId : undefined,
    bucketKeyEnabled: bucketKey === 'true',
  };
  bucket.encryption = encryption;
  return ok();
}

function getBucketEncryption(bucket: Bucket): Response {
  // Since January 2023 every bucket without a configuration reports SSE-S3.
  const encryption = bucket.encryption ?? { algorithm: 'AES256', bucketKeyEnabled: false };
  return xmlResponse('ServerSideEncryptionConfiguration', {
    Rule: {
      ApplyServerSideEncryptionByDefault: {
        SSEAlgorithm: encryption.algorithm,
        KMSMasterKeyID: encryption.kmsMasterKeyId,
      },
      BucketKeyEnabled: encryption.bucketKeyEnabled,
    },
  });
}

function deleteBucketEncryption(bucket: Bucket): Response {
  bucket.encryption = undefined;
  return ok({}, new Uint8Array(0), 204);
}

/**
 * ListObjectsV2 (prefix, delimiter, max-keys, start-after, continuation-token), keys in UTF-8 binary order as
 * S3 lists them. The continuation token is opaque to callers: here, the base64 of the last key returned.
 */
function listObjectsV2(route: Route, bucket: Bucket): Response {
  const prefix = route.query('prefix') ?? '';
  const delimiter = route.query('delimiter') || undefined;
  const maxKeysText = route.query('max-keys') ?? '1000';
  if (!/^\d+$/.test(maxKeysText)) throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range');
  const maxKeys = Math.min(Number(maxKeysText), 1000);
  const token = route.query('continuation-token');
  let after = route.query('start-after') ?? '';
  if (token !== undefined) {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    if (!token || Buffer.from(decoded, 'utf8').toString('base64') !== token) {
      throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect');
    }
    after = decoded;
  }
  const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  const keys = [...bucket.objects.keys()].filter((key) => key.startsWith(prefix) && byUtf8(key, after) > 0).sort(byUtf8);
  const contents: StoredObject[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  let truncated = false;
  for (const key of keys) {
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? key.slice(0, cut + delimiter!.length) : undefined;
    if (common !== undefined && prefixes.includes(common)) {
      last = key;
      continue;
    }
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common !== undefined) prefixes.push(common);
    else contents.push(bucket.objects.get(key)!);
    last = key;
  }
  return xmlResponse('ListBucketResult', {
    Name: bucket.name,
    Prefix: prefix,
    Delimiter: delimiter,
    MaxKeys: maxKeys,
    KeyCount: contents.length + prefixes.length,
    IsTruncated: truncated,
    ContinuationToken: token,
    NextContinuationToken: truncated && last !== undefined ? Buffer.from(last, 'utf8').toString('base64') : undefined,
    StartAfter: route.query('start-after'),
    Contents: contents.map((object) => ({
      Key: object.key,
      LastModified: object.lastModified.toISOString(),
      ETag: object.etag,
      Size: object.size,
      StorageClass: 'STANDARD',
    })),
    CommonPrefixes: prefixes.map((common) => ({ Prefix: common })),
  });
}

// --- Objects -----------------------------------------------------------------------------------------------

function etagOf(data: Uint8Array): string {
  return `"${createHash('md5').update(data).digest('hex')}"`;
}

function userMetadata(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => name.startsWith('x-amz-meta-'))
      .map(([name, value]) => [name.slice('x-amz-meta-'.length), value]),
  );
}

/** The SSE response headers S3 echoes; `withContext` for PutObject, CopyObject and CreateMultipartUpload. */
function sseHeaders(encryption: ObjectEncryption, bucket: Bucket, key: string, withContext: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'x-amz-server-side-encryption': encryption.algorithm };
  if (encryption.keyArn) headers['x-amz-server-side-encryption-aws-kms-key-id'] = encryption.keyArn;
  if (encryption.bucketKeyEnabled) headers['x-amz-server-side-encryption-bucket-key-enabled'] = 'true';
  if (withContext && encryption.algorithm !== 'AES256') {
    const context = encryption.wrap.kind === 'kms' ? encryption.wrap.context : { ...encryption.userContext, 'aws:s3:arn': objectArn(bucket, key) };
    headers['x-amz-server-side-encryption-context'] = contextHeader(context);
  }
  return headers;
}

function segmentAad(bucket: Bucket, key: string, part: number): string {
  return `${objectArn(bucket, key)}#${part}`;
}

/** Encrypts a whole body as a new single-part object. */
function storeObject(
  ctx: S3Context,
  store: S3Store,
  bucket: Bucket,
  key: string,
  body: Buffer,
  sseHeadersIn: Record<string, string>,
  details: { contentType: string; metadata: Record<string, string>; checksum?: StoredObject['checksum'] },
): StoredObject {
  const request = resolveSseRequest(sseHeadersIn, bucket);
  const { dataKey, encryption } = newObjectKey(ctx, store, bucket, key, request);
  try {
    const segment = sealSegment(dataKey, encryption.algorithm, body, segmentAad(bucket, key, 0));
    const object: StoredObject = {
      key,
      size: body.length,
      // S3's ETag is the MD5 of the plaintext for SSE-S3 and an opaque digest for SSE-KMS.
      etag: encryption.algorithm === 'AES256' ? etagOf(body) : etagOf(segment.sealed.ciphertext),
      lastModified: new Date(ctx.now()),
      contentType: details.contentType,
      metadata: details.metadata,
      encryption,
      segments: [segment],
      checksum: details.checksum,
    };
    bucket.objects.set(key, object);
    return object;
  } finally {
    zeroize(dataKey);
  }
}

function putObject(route: Route, ctx: S3Context, store: S3Store, bucket: Bucket, key: string): Response {
  const { body, checksum } = readPayload(route.headers, route.req.body);
  const object = storeObject(ctx, store, bucket, key, body, route.headers, {
    contentType: route.headers['content-type'] ?? 'binary/octet-stream',
    metadata: userMetadata(route.headers),
    checksum,
  });
  const headers: Record<string, string> = { etag: object.etag, ...sseHeaders(object.encryption, bucket, key, true) };
  if (checksum) headers[checksum.header] = checksum.value;
  return ok(headers);
}

function getObjectOrThrow(bucket: Bucket, key: string): StoredObject {
  const object = bucket.objects.get(key);
  if (!object) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404);
  return object;
}

function objectHeaders(object: StoredObject, bucket: Bucket, route: Route): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    'content-length': String(object.size),
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    ...sseHeaders(object.encryption, bucket, object.key, false),
  };
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  if (object.partsCount) headers['x-amz-mp-parts-count'] = String(object.partsCount);
  if (object.checksum && route.headers['x-amz-checksum-mode']?.toUpperCase() === 'ENABLED') {
    headers[object.checksum.header] = object.checksum.value;
  }
  return headers;
}

/** Decrypts an object: one KMS Decrypt with the stored context (or the window's bucket key). */
function readObject(ctx: S3Context, store: S3Store, bucket: Bucket, object: StoredObject): Buffer {
  const dataKey = recoverObjectKey(ctx, store, bucket, object.encryption);
  try {
    return Buffer.concat(object.segments.map((segment) => openSegment(dataKey, object.encryption.algorithm, segment)));
  } finally {
    zeroize(dataKey);
  }
}

/** A single `bytes=` range (RFC 9110 §14.1.2) as S3 supports it; multiple ranges are not supported by S3 either. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // S3 ignores a Range header it cannot parse and returns the whole object.
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416);
  return { start, end };
}

function getObject(route: Route, ctx: S3Context, store: S3Store, bucket: Bucket, key: string): Response {
  const object = getObjectOrThrow(bucket, key);
  const range = parseRange(route.headers.range, object.size);
  const body = readObject(ctx, store, bucket, object);
  const headers = objectHeaders(object, bucket, route);
  if (!range) return { statusCode: 200, headers, body: Readable.from([body]) };
  const slice = body.subarray(range.start, range.end + 1);
  // A full-object checksum does not describe a part of the object.
  for (const name of Object.keys(headers)) if (name.startsWith('x-amz-checksum-')) delete headers[name];
  headers['content-length'] = String(slice.length);
  headers['content-range'] = `bytes ${range.start}-${range.end}/${object.size}`;
  return { statusCode: 206, headers, body: Readable.from([slice]) };
}

/** HeadObject needs no KMS request: S3 answers from the object's metadata. */
function headObject(route: Route, bucket: Bucket, key: string): Response {
  const object = getObjectOrThrow(bucket, key);
  return { statusCode: 200, headers: objectHeaders(object, bucket, route), body: new Uint8Array(0) };
}

function deleteObject(bucket: Bucket, key: string): Response {
  bucket.objects.delete(key);
  return ok({}, new Uint8Array(0), 204);
}

/** x-amz-copy-source: "[/]bucket/key[?versionId=...]", URL-encoded. */
function parseCopySource(value: string): { bucket: string; key: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value.split('?')[0]).replace(/^\//, '');
  } catch {
    throw new AwsError('InvalidArgument', 'Invalid copy source encoding.');
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw new AwsError('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey.');
  }
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}

/**
 * CopyObject decrypts the source (Decrypt with its stored context) and encrypts the copy under the destination's
 * settings: the request's SSE headers, else the destination bucket's default. The encryption context is not
 * carried over; it must be re-supplied (S3 API Reference, CopyObject, x-amz-server-side-encryption-context).
 */
function copyObject(route: Route, ctx: S3Context, store: S3Store, bucket: Bucket, key: string): Response {
  const source = parseCopySource(route.headers['x-amz-copy-source']);
  const sourceBucket = getBucket(store, source.bucket);
  const sourceObject = getObjectOrThrow(sourceBucket, source.key);
  const replace = route.headers['x-amz-metadata-directive']?.toUpperCase() === 'REPLACE';
  const changesEncryption = Object.keys(route.headers).some((name) => name.startsWith('x-amz-server-side-encryption'));
  if (sourceBucket === bucket && source.key === key && !replace && !changesEncryption) {
    throw new AwsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const body = readObject(ctx, store, sourceBucket, sourceObject);
  const object = storeObject(ctx, store, bucket, key, body, route.headers, {
    contentType: replace ? (route.headers['content-type'] ?? 'binary/octet-stream') : sourceObject.contentType,
    metadata: replace ? userMetadata(route.headers) : { ...sourceObject.metadata },
    checksum: sourceObject.checksum,
  });
  return xmlResponse(
    'CopyObjectResult',
    { LastModified: object.lastModified.toISOString(), ETag: object.etag },
    sseHeaders(object.encryption, bucket, key, true),
  );
}

// --- Multipart uploads -------------------------------------------------------------------------------------

/**
 * CreateMultipartUpload fetches the upload's data key (GenerateDataKey, or the bucket key); each UploadPart
 * recovers it with Decrypt, which is why S3 multipart uploads with SSE-KMS need kms:Decrypt
 * (S3 User Guide, "Multipart upload API and permissions").
 */
function createMultipartUpload(route: Route, ctx: S3Context, store: S3Store, bucket: Bucket, key: string): Response {
  const request = resolveSseRequest(route.headers, bucket);
  const { dataKey, encryption } = newObjectKey(ctx, store, bucket, key, request);
  zeroize(dataKey);
  const id = randomBytes(24).toString('base64url');
  const upload: MultipartUpload = {
    id,
    key,
    initiated: new Date(ctx.now()),
    contentType: route.headers['content-type'] ?? 'binary/octet-stream',
    metadata: userMetadata(route.headers),
    encryption,
    parts: new Map(),
  };
  bucket.uploads.set(id, upload);
  const headers = sseHeaders(encryption, bucket, key, true);
  const algorithm = route.headers['x-amz-checksum-algorithm'];
  if (algorithm) headers['x-amz-checksum-algorithm'] = algorithm;
  return xmlResponse('InitiateMultipartUploadResult', { Bucket: bucket.name, Key: key, UploadId: id }, headers);
}

function getUpload(route: Route, bucket: Bucket, key: string): MultipartUpload {
  const upload = bucket.uploads.get(route.query('uploadId') ?? '');
  if (!upload || upload.key !== key) {
    throw new AwsError(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
    );
  }
  return upload;
}

function uploadPart(route: Route, ctx: S3Context, store: S3Store, bucket: Bucket, key: string): Response {
  const upload = getUpload(route, bucket, key);
  const partText = route.query('partNumber') ?? '';
  const partNumber = Number(partText);
  if (!/^\d+$/.test(partText) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new AwsError('InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`);
  }
  const { body, checksum } = readPayload(route.headers, route.req.body);
  const dataKey = recoverObjectKey(ctx, store, bucket, upload.encryption);
  try {
    const segment = sealSegment(dataKey, upload.encryption.algorithm, body, segmentAad(bucket, key, partNumber));
    const etag = etagOf(body);
    upload.parts.set(partNumber, { etag, size: body.length, segment });
    const headers: Record<string, string> = { etag, ...sseHeaders(upload.encryption, bucket, key, false) };
    if (checksum) headers[checksum.header] = checksum.value;
    return ok(headers);
  } finally {
    zeroize(dataKey);
  }
}

function completeMultipartUpload(route: Route, ctx: S3Context, bucket: Bucket, key: string): Response {
  const upload = getUpload(route, bucket, key);
  const config = parseRequestXml(route.req.body, 'CompleteMultipartUpload');
  const listed = asList(config.Part).map((item) => {
    const part = item as Record<string, unknown>;
    const number = Number(part.PartNumber);
    if (typeof part.PartNumber !== 'string' || !Number.isInteger(number)) throw malformed();
    return { number, etag: typeof part.ETag === 'string' ? part.ETag : '' };
  });
  if (listed.length === 0) throw malformed();
  const parts = listed.map(({ number, etag }, index) => {
    if (index > 0 && number <= listed[index - 1].number) {
      throw new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
    }
    const part = upload.parts.get(number);
    const normalized = etag.startsWith('"') ? etag : `"${etag}"`;
    if (!part || part.etag !== normalized) {
      throw new AwsError('InvalidPart', 'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.');
    }
    return part;
  });
  parts.forEach((part, index) => {
    if (index < parts.length - 1 && part.size < MIN_PART_SIZE) {
      throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
    }
  });
  const md5s = Buffer.concat(parts.map((part) => Buffer.from(part.etag.slice(1, -1), 'hex')));
  const object: StoredObject = {
    key,
    size: parts.reduce((sum, part) => sum + part.size, 0),
    etag: `"${createHash('md5').update(md5s).digest('hex')}-${parts.length}"`,
    lastModified: new Date(ctx.now()),
    contentType: upload.contentType,
    metadata: upload.metadata,
    encryption: upload.encryption,
    segments: parts.map((part) => part.segment),
    partsCount: parts.length,
  };
  bucket.objects.set(key, object);
  bucket.uploads.delete(upload.id);
  return xmlResponse(
    'CompleteMultipartUploadResult',
    {
      Location: `/${bucket.name}/${encodeURI(key)}`,
      Bucket: bucket.name,
      Key: key,
      ETag: object.etag,
    },
    sseHeaders(upload.encryption, bucket, key, false),
  );
}

function abortMultipartUpload(route: Route, bucket: Bucket, key: string): Response {
  const upload = getUpload(route, bucket, key);
  bucket.uploads.delete(upload.id);
  return ok({}, new Uint8Array(0), 204);
}

// --- Errors ------------------------------------------------------------------------------------------------

/** S3's XML error document; HEAD responses carry no body, so the SDK sees only the status (e.g. NotFound). */
function errorResponse(error: unknown, method: string, requestId: string, route: Route | undefined): EngineHttpResponse {
  const aws =
    error instanceof AwsError
      ? error
      : new AwsError('InternalError', `We encountered an internal error. Please try again. (${error instanceof Error ? error.message : String(error)})`, 500);
  const headers: Record<string, string> = { 'x-amz-request-id': requestId };
  if (method.toUpperCase() === 'HEAD') return { statusCode: aws.status, headers: { ...headers, 'content-length': '0' }, body: new Uint8Array(0) };
  const body = toXml(
    'Error',
    {
      Code: aws.code,
      Message: aws.message,
      BucketName: aws.code === 'NoSuchBucket' ? route?.bucketName : undefined,
      Key: aws.code === 'NoSuchKey' ? route?.key : undefined,
      RequestId: requestId,
    },
    false,
  );
  return { statusCode: aws.status, headers: { ...headers, 'content-type': 'application/xml', 'content-length': String(body.byteLength) }, body };
}
