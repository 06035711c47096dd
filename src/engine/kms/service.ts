// The KMS service: the dispatcher from operation names to the operation families in ops/, the request quota,
// request counts and the audit log. The key stores and the checks every family shares live in keystore.ts.
import { AwsError, type Caller, type KmsCore } from '../types.js';
import { AuditLog, type AuditEntry, type AuditRecord } from './audit.js';
import { Keystore, type Operation } from './keystore.js';
import { REGION, type Ctx } from './model.js';
import { agreementOperations } from './ops/agreement.js';
import { aliasOperations } from './ops/aliases.js';
import { cryptoOperations } from './ops/crypto.js';
import { customKeyStoreOperations } from './ops/custom-key-stores.js';
import { encapsulationOperations } from './ops/encapsulation.js';
import { grantOperations } from './ops/grants.js';
import { importOperations } from './ops/import.js';
import { keyOperations } from './ops/keys.js';
import { lifecycleOperations } from './ops/lifecycle.js';
import { policyOperations } from './ops/policies.js';
import { signingOperations } from './ops/signing.js';
import { tagOperations } from './ops/tags.js';
import { Input } from './wire.js';

export type { KeyState } from './model.js';

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

/** What GetKeyLastUsage reports: the cryptographic operations (for ReEncrypt, the destination key's use is noted). */
const CRYPTOGRAPHIC = new Set([
  'Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext', 'Sign', 'Verify', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret',
]);

/** Operations in the KMS model this engine knows; anything else is UnknownOperationException. */
const OPERATIONS: ReadonlyMap<string, Operation> = new Map(Object.entries({
  ...keyOperations, ...lifecycleOperations, ...aliasOperations, ...cryptoOperations, ...signingOperations, ...grantOperations,
  ...tagOperations, ...policyOperations, ...agreementOperations, ...importOperations,
  ...customKeyStoreOperations, ...encapsulationOperations,
}));

export class KmsService implements KmsCore {
  private readonly keystore: Keystore;
  private readonly log: AuditLog;
  private readonly counts: RequestCounts = { total: 0, byOperation: {}, byRegion: {} };
  private readonly windows = new Map<string, { second: number; used: number }>();
  readonly clock: () => number;
  private readonly quota?: { requestsPerSecond: number };

  constructor(options: KmsServiceOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.log = new AuditLog(options.auditLimit);
    this.keystore = new Keystore(this.clock);
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
      const handler = OPERATIONS.get(operation);
      if (!handler) {
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
      const output = handler(this.keystore, new Input(input), ctx);
      if (CRYPTOGRAPHIC.has(operation) && entry.keyArn !== undefined) this.keystore.noteUse(entry.keyArn, operation, entry.time, requestId);
      return output;
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
}
