// The engine's transports. `handleHttp` is transport-neutral (EngineHttpRequest → EngineHttpResponse) and
// serves the loopback server; `createRequestHandler` is the SDK v3 seam (kms-contract §3a): an object with
// `handle(request) → { response }`, `updateHttpClientConfig` and `httpHandlerConfigs`, so the real Command
// serialization, SigV4 signing and deserialization into the real exception classes all run.
//
// KMS is awsJson1_1: `POST /`, `X-Amz-Target: TrentService.<Operation>`, errors as HTTP 400 (500 for
// KMSInternalException) with `{"__type": code, "message": text}`. Everything else goes to the S3 slice.
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { handleS3Request } from './s3/index.js';
import type { KmsService } from './kms/service.js';
import { AwsError, type Caller, type EngineHttpRequest, type EngineHttpResponse } from './types.js';

export interface TransportOptions {
  kms: KmsService;
  defaultRegion: string;
  accountId: string;
  /** The IAM principal an access key id stands for; undefined (unknown keys included) = the key owner. */
  principalOf: (accessKeyId: string) => string | undefined;
  now: () => number;
}

/** A response whose body may still be a stream (S3 GetObject). */
export interface RoutedResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array | Readable;
}

/** The subset of smithy's HttpRequest the handler reads. */
export interface SdkHttpRequest {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string>;
  body?: unknown;
}

/** Structurally smithy's HttpResponse (`HttpResponse.isInstance` checks statusCode and headers). */
export interface SdkHttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Uint8Array | Readable;
}

export interface EngineRequestHandler {
  readonly metadata: { handlerProtocol: string };
  handle(request: SdkHttpRequest, options?: { abortSignal?: { aborted: boolean } }): Promise<{ response: SdkHttpResponse }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

const JSON_11 = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'TrentService.';

export function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}

/** SigV4 credential scope `AKID/date/region/service/aws4_request`, from the Authorization header or a presigned URL. */
function credentialScope(req: EngineHttpRequest, headers: Record<string, string>): { accessKeyId: string; region: string } | undefined {
  const fromHeader = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\//.exec(headers.authorization ?? '');
  if (fromHeader) return { accessKeyId: fromHeader[1], region: fromHeader[2] };
  const q = req.query['X-Amz-Credential'];
  const fromQuery = typeof q === 'string' ? /^([^/]+)\/\d{8}\/([^/]+)\//.exec(q) : null;
  return fromQuery ? { accessKeyId: fromQuery[1], region: fromQuery[2] } : undefined;
}

/** The Region the endpoint stands for: the signature's scope, else the hostname (kms.<region>.amazonaws.com). */
function callerOf(req: EngineHttpRequest, headers: Record<string, string>, o: TransportOptions): Caller {
  const scope = credentialScope(req, headers);
  const hostRegion = /(?:^|\.)(?:kms|s3)[.-]((?:[a-z]+-){2,3}\d+)\./.exec(req.hostname)?.[1];
  const region = scope?.region ?? hostRegion ?? o.defaultRegion;
  const principal = scope ? o.principalOf(scope.accessKeyId) : undefined;
  const principalAccount = principal ? /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1] : undefined;
  return { region, accountId: principalAccount ?? o.accountId, principal };
}

function kmsError(err: AwsError, requestId: string): EngineHttpResponse {
  const body = Buffer.from(JSON.stringify({ __type: err.code, message: err.message }));
  return {
    statusCode: err.status,
    headers: { 'content-type': JSON_11, 'x-amzn-requestid': requestId, 'x-amzn-errortype': `${err.code}:`, 'content-length': String(body.length) },
    body,
  };
}

function isKmsRequest(headers: Record<string, string>): boolean {
  return headers['x-amz-target'] !== undefined || (headers['content-type'] ?? '').startsWith(JSON_11);
}

function handleKms(req: EngineHttpRequest, headers: Record<string, string>, o: TransportOptions): EngineHttpResponse {
  const requestId = crypto.randomUUID();
  const target = headers['x-amz-target'] ?? '';
  if (!target.startsWith(TARGET_PREFIX) || target.length === TARGET_PREFIX.length) {
    return kmsError(new AwsError('UnknownOperationException', `Unknown operation target '${target}'`), requestId);
  }
  if (req.method.toUpperCase() !== 'POST') {
    return kmsError(new AwsError('UnknownOperationException', `KMS accepts only POST requests, not ${req.method}`), requestId);
  }
  let input: unknown;
  const text = new TextDecoder().decode(new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength));
  try {
    input = text.trim() === '' ? {} : JSON.parse(text);
  } catch (e) {
    return kmsError(new AwsError('SerializationException', `Request body is not valid JSON: ${(e as Error).message}`), requestId);
  }
  try {
    const output = o.kms.call(target.slice(TARGET_PREFIX.length), input, callerOf(req, headers, o), requestId);
    const body = Buffer.from(JSON.stringify(output));
    return { statusCode: 200, headers: { 'content-type': JSON_11, 'x-amzn-requestid': requestId, 'content-length': String(body.length) }, body };
  } catch (e) {
    return kmsError(e instanceof AwsError ? e : new AwsError('KMSInternalException', String(e), 500), requestId);
  }
}

/** Routes one collected request; the body of an S3 answer may be a stream. */
export async function route(req: EngineHttpRequest, o: TransportOptions): Promise<RoutedResponse> {
  const headers = lowerCaseHeaders(req.headers);
  if (isKmsRequest(headers)) return handleKms(req, headers, o);
  return handleS3Request({ ...req, headers }, { kms: o.kms, caller: callerOf(req, headers, o), now: o.now });
}

/** Transport-neutral entry point (the loopback server): every body collected into bytes. */
export async function handleHttp(req: EngineHttpRequest, o: TransportOptions): Promise<EngineHttpResponse> {
  const res = await route(req, o);
  return { ...res, body: res.body instanceof Readable ? await collect(res.body) : res.body };
}

/** Collects a request or response body: string, bytes, Node stream, web stream or Blob. */
export async function collect(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  // A plain view: the SDK's JSON body is a Uint8Array subclass whose valueOf() is a string (smithy's
  // JsonBytesStringAdapter), which Buffer.from would take and warn about.
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof Blob !== 'undefined' && body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks);
  }
  throw new TypeError(`Unsupported request body type: ${Object.prototype.toString.call(body)}`);
}

// Every handler an engine made, so that installKmsEngine leaves clients already bound to an engine alone.
const engineHandlers = new WeakSet<object>();

/** Whether `handler` is an engine's requestHandler (a client built by `engine.kmsClient()` / `s3Client()`). */
export function isEngineRequestHandler(handler: unknown): boolean {
  return typeof handler === 'object' && handler !== null && engineHandlers.has(handler);
}

export function createRequestHandler(o: TransportOptions): EngineRequestHandler {
  const handler: EngineRequestHandler = {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request, options) {
      if (options?.abortSignal?.aborted) {
        const e = new Error('Request aborted');
        e.name = 'AbortError';
        throw e;
      }
      const body = await collect(request.body);
      const req: EngineHttpRequest = {
        method: request.method, hostname: request.hostname, path: request.path || '/',
        query: request.query ?? {}, headers: lowerCaseHeaders(request.headers), body,
      };
      const res = await route(req, o);
      const isKms = isKmsRequest(req.headers);
      // S3 streaming outputs (GetObject) need a Readable in Node (sdkStreamMixin); KMS reads bytes directly.
      const responseBody = isKms || res.body instanceof Readable ? res.body : Readable.from([Buffer.from(res.body)]);
      return { response: { statusCode: res.statusCode, headers: res.headers, body: responseBody } };
    },
    updateHttpClientConfig() {
      // No connection settings: nothing goes over a network.
    },
    httpHandlerConfigs() {
      return {};
    },
    destroy() {
      // Nothing to release.
    },
  };
  engineHandlers.add(handler);
  return handler;
}
