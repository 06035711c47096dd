// Contracts between the engine's parts: the KMS core (src/engine/kms), the S3 slice (src/engine/s3)
// and the transports (the SDK requestHandler in src/engine/http.ts, the loopback server).
// The engine imports nothing from src/rules or src/sdk.

/** Who makes a request, as real KMS learns it from the endpoint (Region) and the signature (principal). */
export interface Caller {
  region: string;
  accountId: string;
  /**
   * IAM principal ARN. Undefined: the key owner (full access through the key policy).
   * Any other principal may use a key only through a grant that covers the operation.
   */
  principal?: string;
  /** Set when an AWS service (S3) calls KMS on the caller's behalf; shows in the audit as CloudTrail's invokedBy. */
  via?: 's3.amazonaws.com';
}

/** An AWS error as the wire carries it: the code goes into `__type` (JSON) or `<Code>` (XML). */
export class AwsError extends Error {
  constructor(
    /** AWS error code, e.g. `ValidationException`, `InvalidCiphertextException`, `NoSuchKey`. */
    readonly code: string,
    message: string,
    /** HTTP status; 400 for client errors, 500 for KMSInternalException. */
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * The KMS core as the S3 slice and transports see it. Input and output use the awsJson1_1 wire shape:
 * blobs are base64 strings, exactly as `JSON.parse` of a request body gives them.
 */
export interface KmsCore {
  call(operation: string, input: unknown, caller: Caller): Record<string, unknown>;
}

/** A transport-neutral HTTP request (what smithy's HttpRequest carries, with the body collected). */
export interface EngineHttpRequest {
  method: string;
  hostname: string;
  path: string;
  query: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface EngineHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}
