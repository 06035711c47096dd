// eslint-plugin-kms/engine: a faithful in-process AWS KMS (and S3 SSE-KMS slice) behind the real SDK v3
// clients. See kms-contract.md for the behaviour it reproduces.
import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { createRequestHandler, handleHttp, route, type EngineRequestHandler, type RoutedResponse } from './http.js';
import { KmsService, type AuditEntry, type RequestCounts } from './kms/service.js';
import type { EngineHttpRequest, EngineHttpResponse } from './types.js';

export { AwsError, type Caller, type EngineHttpRequest, type EngineHttpResponse, type KmsCore } from './types.js';
export { KmsService, type AuditEntry, type KeyState, type KmsServiceOptions, type RequestCounts } from './kms/service.js';
export type { EngineRequestHandler, RoutedResponse } from './http.js';
export {
  installKmsEngine, installedKmsEngine, KmsEngineInstallError, KmsEngineRefusedServiceError,
  type InstallKmsEngineOptions, type InstalledKmsEngine, type ReceivedKmsRequest, type SdkClientClass,
} from './install/index.js';
export { kmsEngineMatchers, type KmsEngineMatchers } from './testing/matchers.js';
export type { KeySpec, KeyUsage, EncryptionAlgorithm, SigningAlgorithm, MacAlgorithm, GrantOperation } from './kms/specs.js';

export interface KmsEngineOptions {
  /** Default Region of the clients the engine makes (a client's own `region` selects another). Default us-east-1. */
  region?: string;
  /** The account that owns the keys created by the default clients. Default 111122223333. */
  accountId?: string;
  /** KMS request quota per account and Region, shared by KMS calls made directly and by the S3 slice. Off by default. */
  quota?: { requestsPerSecond: number };
  /** Milliseconds since the epoch; drives dates, deletion windows, automatic rotation and the quota. Default Date.now. */
  clock?: () => number;
  /** Audit entries kept (`audit().entries`), oldest dropped first. Default 100,000. */
  auditLimit?: number;
}

/** A data-key plaintext the engine handed to a caller, observed on the very output object the caller got. */
export interface DataKeyHandout {
  operation: 'GenerateDataKey' | 'GenerateDataKeyPair' | 'Decrypt';
  requestId: string;
  keyArn?: string;
  /** The caller's buffer itself (Plaintext or PrivateKeyPlaintext). */
  buffer: Uint8Array;
}

export interface KmsEngineAudit {
  /** What CloudTrail would show, one entry per KMS request (S3's calls carry invokedBy s3.amazonaws.com). */
  entries: AuditEntry[];
  /** Every data-key plaintext handed to a client made by this engine. */
  dataKeys: DataKeyHandout[];
  /** Those of `dataKeys` that are not all zeros now. */
  unzeroizedDataKeys: DataKeyHandout[];
}

export interface CreateKeyHelperOptions {
  /** `alias/...` to create for the key. */
  alias?: string;
  keySpec?: string;
  keyUsage?: string;
  region?: string;
  multiRegion?: boolean;
  description?: string;
}

export interface CreatedKey {
  keyId: string;
  arn: string;
  region: string;
  alias?: string;
}

export type EngineClientConfig<C> = C & {
  /** IAM principal ARN the client acts as; it may use keys only through grants. Default: the key owner. */
  principal?: string;
};

export interface KmsEngine {
  /** SDK v3 HttpHandler (no network) for any client config. */
  readonly requestHandler: EngineRequestHandler;
  /** The KMS core (what the S3 slice and the loopback server use). */
  readonly kms: KmsService;
  readonly region: string;
  readonly accountId: string;
  kmsClient(config?: EngineClientConfig<KMSClientConfig>): KMSClient;
  s3Client(config?: EngineClientConfig<S3ClientConfig>): S3Client;
  /** Static credentials that make any SDK (other processes included) act as `principal` on this engine. */
  credentialsFor(principal?: string): { accessKeyId: string; secretAccessKey: string };
  /** KMS requests in total and by operation and Region (S3's included), refused ones too; unknown operations and invalid Regions count in the total only. */
  requests(): RequestCounts;
  audit(): KmsEngineAudit;
  /**
   * Observes the data-key plaintexts a client's requests hand out (an initialize-step middleware named
   * `kmsEngineDataKeyObserver`), so `audit().unzeroizedDataKeys` covers them; `kmsClient()` does this itself.
   */
  watchDataKeys(stack: ObservableMiddlewareStack): void;
  /** Test set-up: creates a key (and alias) as the key owner, through the same core as CreateKey. */
  createKey(options?: CreateKeyHelperOptions): CreatedKey;
  /** Transport-neutral HTTP entry point, for the loopback server. */
  handleHttp(req: EngineHttpRequest): Promise<EngineHttpResponse>;
  /** Like handleHttp, but an S3 body may stay a stream. */
  route(req: EngineHttpRequest): Promise<RoutedResponse>;
}

/** The part of a smithy middleware stack the data-key observer needs (any client's `middlewareStack`). */
export interface ObservableMiddlewareStack {
  add(
    middleware: (next: (args: any) => Promise<any>, context: any) => (args: any) => Promise<any>,
    options: { step: 'initialize'; name: string; priority: 'high' },
  ): void;
}

/** The name of the data-key observer middleware. */
export const DATA_KEY_OBSERVER = 'kmsEngineDataKeyObserver';

const OWNER_ACCESS_KEY = 'AKIAKMSENGINEOWNER00';
const SECRET = 'kms-engine-fake-secret-key-not-a-real-credential';

const WATCHED: Record<string, { member: 'Plaintext' | 'PrivateKeyPlaintext'; operation: DataKeyHandout['operation'] }> = {
  GenerateDataKeyCommand: { member: 'Plaintext', operation: 'GenerateDataKey' },
  GenerateDataKeyPairCommand: { member: 'PrivateKeyPlaintext', operation: 'GenerateDataKeyPair' },
  DecryptCommand: { member: 'Plaintext', operation: 'Decrypt' },
};

export function createKmsEngine(options: KmsEngineOptions = {}): KmsEngine {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '111122223333';
  if (!/^\d{12}$/.test(accountId)) throw new RangeError(`accountId must be 12 digits, got ${accountId}`);
  const clock = options.clock ?? Date.now;
  const kms = new KmsService({ clock, quota: options.quota, auditLimit: options.auditLimit });
  const principals = new Map<string, string>();
  const accessKeys = new Map<string, string>();
  const handouts: DataKeyHandout[] = [];
  const transport = { kms, defaultRegion: region, accountId, principalOf: (id: string) => principals.get(id), now: clock };
  const requestHandler = createRequestHandler(transport);

  function credentialsFor(principal?: string): { accessKeyId: string; secretAccessKey: string } {
    if (principal === undefined) return { accessKeyId: OWNER_ACCESS_KEY, secretAccessKey: SECRET };
    let id = accessKeys.get(principal);
    if (!id) {
      id = `AKIAKMSENGINE${String(accessKeys.size + 1).padStart(7, '0')}`;
      accessKeys.set(principal, id);
      principals.set(id, principal);
    }
    return { accessKeyId: id, secretAccessKey: SECRET };
  }

  function observe(stack: ObservableMiddlewareStack): void {
    // Initialize step: `next` resolves with the deserialized output the caller will receive, so the buffers
    // kept here are the caller's own; zeroizing them (buffer.fill(0)) is visible to audit().
    stack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const watch = WATCHED[(context as { commandName?: string }).commandName ?? ''];
        const output = result.output as Record<string, unknown> & { $metadata?: { requestId?: string } };
        const buffer = watch && output[watch.member];
        if (watch && buffer instanceof Uint8Array) {
          const requestId = output.$metadata?.requestId ?? '';
          const entry = kms.auditEntry(requestId);
          // Decrypt returns data keys and other secrets alike; only blobs from GenerateDataKey* are data keys.
          if (watch.operation !== 'Decrypt' || entry?.dataKey) {
            handouts.push({ operation: watch.operation, requestId, keyArn: entry?.keyArn, buffer });
          }
        }
        return result;
      },
      { step: 'initialize', name: DATA_KEY_OBSERVER, priority: 'high' },
    );
  }

  const engine: KmsEngine = {
    requestHandler,
    kms,
    region,
    accountId,
    kmsClient(config = {}) {
      const { principal, ...rest } = config;
      const client = new KMSClient({
        region,
        credentials: credentialsFor(principal),
        maxAttempts: 1,
        ...rest,
        requestHandler,
      });
      observe(client.middlewareStack as unknown as ObservableMiddlewareStack);
      return client;
    },
    s3Client(config = {}) {
      const { principal, ...rest } = config;
      return new S3Client({
        region,
        credentials: credentialsFor(principal),
        maxAttempts: 1,
        forcePathStyle: true,
        ...rest,
        requestHandler,
      });
    },
    credentialsFor,
    watchDataKeys: observe,
    requests: () => kms.requests(),
    audit() {
      const dataKeys = [...handouts];
      return {
        entries: kms.auditEntries(),
        dataKeys,
        unzeroizedDataKeys: dataKeys.filter((h) => h.buffer.some((b) => b !== 0)),
      };
    },
    createKey(opts = {}) {
      const caller = { region: opts.region ?? region, accountId };
      const spec = opts.keySpec ?? 'SYMMETRIC_DEFAULT';
      const usage = opts.keyUsage
        ?? (spec.startsWith('HMAC') ? 'GENERATE_VERIFY_MAC' : spec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : 'SIGN_VERIFY');
      const out = kms.call('CreateKey', {
        KeySpec: spec, KeyUsage: usage, MultiRegion: opts.multiRegion ?? false, Description: opts.description ?? '',
      }, caller) as { KeyMetadata: { KeyId: string; Arn: string } };
      if (opts.alias !== undefined) kms.call('CreateAlias', { AliasName: opts.alias, TargetKeyId: out.KeyMetadata.KeyId }, caller);
      return { keyId: out.KeyMetadata.KeyId, arn: out.KeyMetadata.Arn, region: caller.region, alias: opts.alias };
    },
    handleHttp: (req) => handleHttp(req, transport),
    route: (req) => route(req, transport),
  };
  return engine;
}
