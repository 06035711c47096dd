// The one table of every AWS call the rules recognise. Rules look operations up here and never
// hard-code command classes, client methods or field names beside it.

export type Service = 'kms' | 's3';

export type KmsOperation =
  | 'Encrypt'
  | 'Decrypt'
  | 'ReEncrypt'
  | 'GenerateDataKey'
  | 'GenerateDataKeyWithoutPlaintext'
  | 'GenerateDataKeyPair'
  | 'GenerateDataKeyPairWithoutPlaintext'
  | 'Sign'
  | 'Verify'
  | 'GenerateMac'
  | 'VerifyMac'
  | 'CreateGrant'
  | 'CreateKey'
  | 'EnableKeyRotation';

export type S3Operation =
  | 'PutObject'
  | 'CopyObject'
  | 'CreateMultipartUpload'
  | 'PutBucketEncryption'
  | 'GetObject'
  | 'Upload';

export type OperationName = KmsOperation | S3Operation;

export interface OperationSpec {
  service: Service;
  operation: OperationName;
  /** v3 command class, e.g. `EncryptCommand`; for lib-storage the class that takes `{ params }`. */
  command: string;
  /** v3 aggregated client method (`kms.encrypt`) and v2 method; the same name for both. */
  method: string | null;
  /** The method exists on the v2 client only (v2 `s3.upload`, the ManagedUpload helper; v3 has lib-storage). */
  v2MethodOnly?: boolean;
  /** Fields that rules care about, by role. Absent role: the operation has no such field. */
  fields: {
    plaintext?: string;
    keyId?: string;
    /** Encryption-context fields, in the order the API lists them. */
    context?: readonly string[];
    /** The field carrying a ciphertext blob. */
    ciphertext?: string;
    /** S3: the object's server-side encryption algorithm (`aws:kms`, `aws:kms:dsse`, `AES256`). */
    sseAlgorithm?: string;
    /** S3: the object's S3 Bucket Key switch (x-amz-server-side-encryption-bucket-key-enabled). */
    bucketKey?: string;
    /** S3 PutBucketEncryption: the configuration whose `Rules[]` set the bucket's default encryption. */
    bucketEncryption?: string;
    /** A context nested in a request object: CreateGrant `Constraints.EncryptionContextEquals/Subset`. */
    grantConstraints?: { field: string; contexts: readonly string[] };
    /** S3: the context sent as base64 of a JSON object (`SSEKMSEncryptionContext`), and the key it goes with. */
    encodedContext?: string;
    encodedKeyId?: string;
  };
  /**
   * The request shape that identifies this operation when the receiver's type is unknown (a client passed in as a
   * parameter, held on `this`, `any`, or from an import whose types did not resolve): the method name together with
   * every field of `fields` and at least one of `oneOf` (when given). Only fields no other common API takes together.
   * Absent: the operation is never recognised by shape.
   */
  shape?: { fields: readonly string[]; oneOf?: readonly string[] };
  /** Output fields holding plaintext key material the caller must zeroize. */
  plaintextOutputs?: readonly string[];
  /** Upper bound, in bytes, of `Plaintext` in this operation's output, where the API bounds it. */
  plaintextOutputMaxBytes?: number;
}

const kms = (
  operation: KmsOperation,
  fields: OperationSpec['fields'],
  extra: Partial<OperationSpec> = {},
): OperationSpec => ({
  service: 'kms',
  operation,
  command: `${operation}Command`,
  method: operation[0].toLowerCase() + operation.slice(1),
  fields,
  ...extra,
});

const s3 = (operation: S3Operation, extra: Partial<OperationSpec> = {}): OperationSpec => ({
  service: 's3',
  operation,
  command: `${operation}Command`,
  method: operation[0].toLowerCase() + operation.slice(1),
  fields: {},
  ...extra,
});

/** Object writes that take SSE headers (API_PutObject, API_CopyObject, API_CreateMultipartUpload). */
const sseFields: OperationSpec['fields'] = {
  sseAlgorithm: 'ServerSideEncryption',
  bucketKey: 'BucketKeyEnabled',
  encodedContext: 'SSEKMSEncryptionContext',
  encodedKeyId: 'SSEKMSKeyId',
};

/** S3 object writes are recognised by shape only when they ask for server-side encryption: the case the rules judge. */
const sseWriteShape = (fields: readonly string[]) => ({ fields: [...fields, 'ServerSideEncryption'] });
const dataKeyShape = { fields: ['KeyId'], oneOf: ['KeySpec', 'NumberOfBytes'] };

export const operations: readonly OperationSpec[] = [
  kms('Encrypt', { plaintext: 'Plaintext', keyId: 'KeyId', context: ['EncryptionContext'] }, { shape: { fields: ['KeyId', 'Plaintext'] } }),
  kms(
    'Decrypt',
    { keyId: 'KeyId', context: ['EncryptionContext'], ciphertext: 'CiphertextBlob' },
    // KMS Decrypt returns at most 4,096 bytes: Encrypt never accepts more.
    { plaintextOutputs: ['Plaintext'], plaintextOutputMaxBytes: 4096, shape: { fields: ['CiphertextBlob'] } },
  ),
  kms(
    'ReEncrypt',
    { keyId: 'SourceKeyId', context: ['SourceEncryptionContext', 'DestinationEncryptionContext'], ciphertext: 'CiphertextBlob' },
    { shape: { fields: ['CiphertextBlob', 'DestinationKeyId'] } },
  ),
  kms(
    'GenerateDataKey',
    { keyId: 'KeyId', context: ['EncryptionContext'] },
    // NumberOfBytes is 1..1024 (API_GenerateDataKey), so a data key is at most 1,024 bytes.
    { plaintextOutputs: ['Plaintext'], plaintextOutputMaxBytes: 1024, shape: dataKeyShape },
  ),
  kms('GenerateDataKeyWithoutPlaintext', { keyId: 'KeyId', context: ['EncryptionContext'] }, { shape: dataKeyShape }),
  kms(
    'GenerateDataKeyPair',
    { keyId: 'KeyId', context: ['EncryptionContext'] },
    { plaintextOutputs: ['PrivateKeyPlaintext'], shape: { fields: ['KeyId', 'KeyPairSpec'] } },
  ),
  kms('GenerateDataKeyPairWithoutPlaintext', { keyId: 'KeyId', context: ['EncryptionContext'] }, { shape: { fields: ['KeyId', 'KeyPairSpec'] } }),
  kms('Sign', { keyId: 'KeyId' }, { shape: { fields: ['KeyId', 'Message', 'SigningAlgorithm'] } }),
  kms('Verify', { keyId: 'KeyId' }, { shape: { fields: ['KeyId', 'Message', 'Signature', 'SigningAlgorithm'] } }),
  kms('GenerateMac', { keyId: 'KeyId' }, { shape: { fields: ['KeyId', 'Message', 'MacAlgorithm'] } }),
  kms('VerifyMac', { keyId: 'KeyId' }, { shape: { fields: ['KeyId', 'Message', 'Mac', 'MacAlgorithm'] } }),
  // API_GrantConstraints: a grant allows an operation only with this exact context (Equals) or a superset (Subset).
  kms(
    'CreateGrant',
    { keyId: 'KeyId', grantConstraints: { field: 'Constraints', contexts: ['EncryptionContextEquals', 'EncryptionContextSubset'] } },
    { shape: { fields: ['KeyId', 'GranteePrincipal', 'Operations'] } },
  ),
  // Key creation and rotation (require-key-rotation; field names in keyRotation.ts). No shape: CreateKey's fields
  // are all optional, and an EnableKeyRotation request is just a KeyId.
  kms('CreateKey', {}),
  kms('EnableKeyRotation', {}),
  s3('PutObject', { fields: sseFields, shape: sseWriteShape(['Bucket', 'Key']) }),
  s3('CopyObject', { fields: sseFields, shape: sseWriteShape(['Bucket', 'Key', 'CopySource']) }),
  s3('CreateMultipartUpload', { fields: sseFields, shape: sseWriteShape(['Bucket', 'Key']) }),
  s3('PutBucketEncryption', { fields: { bucketEncryption: 'ServerSideEncryptionConfiguration' }, shape: { fields: ['Bucket', 'ServerSideEncryptionConfiguration'] } }),
  s3('GetObject'),
  // @aws-sdk/lib-storage: `new Upload({ client, params })`; v2: `s3.upload(params)`. Params are PutObject's.
  s3('Upload', { command: 'Upload', method: 'upload', v2MethodOnly: true, fields: sseFields, shape: sseWriteShape(['Bucket', 'Key']) }),
];

/** Field names that only appear in request shapes (a cheap text gate for shape recognition). */
export const shapeMarkers = /CiphertextBlob|KeySpec|NumberOfBytes|KeyPairSpec|SigningAlgorithm|MacAlgorithm|GranteePrincipal|ServerSideEncryption|\bPlaintext\b/;

export const operationByCommand: ReadonlyMap<string, OperationSpec> = new Map(
  operations.map((op) => [op.command, op]),
);

/** Client method name → specs (the same method name exists on the KMS and S3 clients only once each). */
export const operationsByMethod: ReadonlyMap<string, readonly OperationSpec[]> = (() => {
  const map = new Map<string, OperationSpec[]>();
  for (const op of operations) {
    if (!op.method) continue;
    map.set(op.method, [...(map.get(op.method) ?? []), op]);
  }
  return map;
})();

export function operationSpec(operation: OperationName): OperationSpec {
  const spec = operations.find((op) => op.operation === operation);
  if (!spec) throw new Error(`unknown operation ${operation}`);
  return spec;
}

/** Packages whose declarations identify the AWS SDK, by service. */
export const sdkPackages = {
  kms: ['@aws-sdk/client-kms'],
  s3: ['@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
  v2: ['aws-sdk'],
} as const;

/** v3 aggregated/bare client classes and v2 service classes, by service. */
export const clientClasses: Record<Service, readonly string[]> = {
  kms: ['KMS', 'KMSClient'],
  s3: ['S3', 'S3Client'],
};
