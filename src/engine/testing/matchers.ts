// Matchers for an engine in users' tests, in the style of aws-sdk-client-mock-jest. They take the engine as the
// subject (`expect(engine).toHaveReceivedKms(...)`) and work with jest's and vitest's `expect.extend` alike.
import type { KmsEngine } from '../index.js';
import type { ReceivedKmsRequest } from '../install/index.js';

/** The part of jest's and vitest's matcher context the matchers use. */
export interface MatcherContext {
  isNot?: boolean;
  equals(a: unknown, b: unknown): boolean;
}

export interface MatcherResult {
  pass: boolean;
  message(): string;
}

/** The matchers' signatures, for the runners' typings. */
export interface KmsEngineMatchers<R = unknown> {
  /** Some KMS request of this operation whose input has these members (each compared whole, asymmetric matchers allowed). */
  toHaveReceivedKms(operation: string, partialInput?: Record<string, unknown>): R;
  /** Every data-key plaintext the engine handed out is all zeros now. */
  toHaveLeftNoDataKeyUnzeroized(): R;
  /** At most `n` KMS requests in total (S3's calls to KMS included): the Bucket Key quota check. */
  toHaveMadeAtMostKmsRequests(n: number): R;
}

function isEngine(subject: unknown): subject is KmsEngine {
  return typeof subject === 'object' && subject !== null
    && typeof (subject as KmsEngine).audit === 'function' && typeof (subject as KmsEngine).requests === 'function';
}

function notAnEngine(matcher: string, subject: unknown): never {
  const shown = subject === null ? 'null' : typeof subject === 'object' ? 'an object without audit() and requests()' : typeof subject;
  throw new TypeError(`${matcher}: expected the engine (from installKmsEngine() or installedKmsEngine()), got ${shown}`);
}

/** One line of JSON, bytes shown by size: the same message under jest and vitest. */
function show(_context: MatcherContext, value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v));
}

function matchesPartially(context: MatcherContext, input: Record<string, unknown>, partial: Record<string, unknown>): boolean {
  return Object.keys(partial).every((name) => Object.prototype.hasOwnProperty.call(input, name) && context.equals(input[name], partial[name]));
}

export function toHaveReceivedKms(this: MatcherContext, subject: unknown, operation: unknown, partialInput: unknown = {}): MatcherResult {
  if (!isEngine(subject)) notAnEngine('toHaveReceivedKms', subject);
  const received = (subject as { received?: () => ReceivedKmsRequest[] }).received;
  if (typeof received !== 'function') {
    throw new TypeError('toHaveReceivedKms: this engine does not record requests; use the engine installKmsEngine() returns (or installedKmsEngine())');
  }
  if (typeof operation !== 'string' || !/^[A-Z][A-Za-z]+$/.test(operation)) {
    throw new TypeError(`toHaveReceivedKms: the operation must be a KMS operation name such as 'Decrypt', got ${show(this, operation)}`);
  }
  if (typeof partialInput !== 'object' || partialInput === null || Array.isArray(partialInput)) {
    throw new TypeError(`toHaveReceivedKms: the expected input must be an object of request members, got ${show(this, partialInput)}`);
  }
  const partial = partialInput as Record<string, unknown>;
  const all = received.call(subject);
  const sameOperation = all.filter((request) => request.operation === operation);
  const pass = sameOperation.some((request) => matchesPartially(this, request.input, partial));
  const wanted = Object.keys(partial).length > 0 ? ` with ${show(this, partial)}` : '';
  return {
    pass,
    message: () => {
      if (pass) {
        return `expected no KMS ${operation} request${wanted}, but the engine received one:\n  ${show(this, sameOperation.find((r) => matchesPartially(this, r.input, partial))!.input)}`;
      }
      if (sameOperation.length === 0) {
        const operations = [...new Set(all.map((r) => r.operation))];
        return `expected a KMS ${operation} request${wanted}, but the engine received no ${operation} request (received: ${operations.length > 0 ? operations.join(', ') : 'no KMS request at all'})`;
      }
      const lines = sameOperation.map((r, i) => `  ${i + 1}. ${show(this, r.input)}`).join('\n');
      return `expected a KMS ${operation} request${wanted}, but none of the ${sameOperation.length} ${operation} requests matched:\n${lines}`;
    },
  };
}

export function toHaveLeftNoDataKeyUnzeroized(this: MatcherContext, subject: unknown): MatcherResult {
  if (!isEngine(subject)) notAnEngine('toHaveLeftNoDataKeyUnzeroized', subject);
  const { dataKeys, unzeroizedDataKeys } = subject.audit();
  const pass = unzeroizedDataKeys.length === 0;
  return {
    pass,
    message: () => pass
      ? `expected a data key left unzeroized, but all ${dataKeys.length} data-key plaintexts handed out are zeros`
      : `expected every data-key plaintext to be zeroized (buffer.fill(0)) after use, but ${unzeroizedDataKeys.length} of ${dataKeys.length} still hold key material:\n`
        + unzeroizedDataKeys.map((k) => `  ${k.operation} of ${k.keyArn ?? 'an unknown key'} (request ${k.requestId})`).join('\n'),
  };
}

export function toHaveMadeAtMostKmsRequests(this: MatcherContext, subject: unknown, n: unknown): MatcherResult {
  if (!isEngine(subject)) notAnEngine('toHaveMadeAtMostKmsRequests', subject);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new TypeError(`toHaveMadeAtMostKmsRequests: n must be a whole number of requests (0 or more), got ${show(this, n)}`);
  }
  const counts = subject.requests();
  const pass = counts.total <= n;
  const byOperation = Object.entries(counts.byOperation).map(([op, count]) => `${op} ${count}`).join(', ');
  return {
    pass,
    message: () => pass
      ? `expected more than ${n} KMS requests, but the engine received ${counts.total}${byOperation ? ` (${byOperation})` : ''}`
      : `expected at most ${n} KMS requests, but the engine received ${counts.total} (${byOperation}). SSE-KMS uploads without BucketKeyEnabled cost one KMS request per object.`,
  };
}

/** For `expect.extend(kmsEngineMatchers)`. */
export const kmsEngineMatchers = { toHaveReceivedKms, toHaveLeftNoDataKeyUnzeroized, toHaveMadeAtMostKmsRequests };
