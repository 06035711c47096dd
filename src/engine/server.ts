// The reference engine over HTTP on loopback, for tests in other processes and languages: point any SDK's
// `endpoint` at it. The same transport-neutral handler the in-process requestHandler uses answers every request
// (awsJson1_1 KMS and restXml S3); GetObject bodies are streamed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import { createKmsEngine, type KmsEngine } from './index.js';
import type { EngineHttpRequest } from './types.js';

/** Answers one collected request; an S3 body may stay a stream. */
export type ServerRequestHandler = (
  req: EngineHttpRequest,
) => Promise<{ statusCode: number; headers: Record<string, string>; body: Uint8Array | Readable }>;

export interface KmsEngineServerOptions {
  /** The engine to serve (its transport, `engine.route`); default a fresh `createKmsEngine()`. */
  engine?: Pick<KmsEngine, 'route'>;
  /** Serve this handler instead of an engine (tests of the transport itself). */
  handler?: ServerRequestHandler;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Serving beyond loopback exposes key material to the network; it must be asked for explicitly. */
  allowNonLoopback?: boolean;
  /** Largest request body accepted, in bytes (default 64 MiB: S3 parts are 5 MiB to 5 GiB; lib-storage sends 5 MiB). */
  maxBodyBytes?: number;
  /** Where the start-up warning goes; defaults to stderr. */
  logger?: (message: string) => void;
  /** false: the listening server does not keep the process alive (an application served in its own process). */
  keepProcessAlive?: boolean;
}

export interface KmsEngineServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export const EMULATOR_WARNING =
  'kms-engine: this is a test emulator, not a key store. Keys live in memory, are not protected and vanish on exit; never use it for real data.';

/** 127.0.0.0/8, ::1 and localhost; an IPv4-mapped loopback (::ffff:127.x.x.x) counts too. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

export class NonLoopbackHostError extends Error {
  constructor(host: string) {
    super(`Refusing to serve on non-loopback host "${host}": the engine is a test emulator, not a key store. Pass allowNonLoopback (CLI: --allow-non-loopback) to override.`);
    this.name = 'NonLoopbackHostError';
  }
}

function isKmsRequest(req: IncomingMessage): boolean {
  return String(req.headers['x-amz-target'] ?? '').startsWith('TrentService.');
}

/** An error in the protocol the client speaks: awsJson1_1 `__type` for KMS, an XML document for S3. */
function sendError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const json = isKmsRequest(req);
  const body = json
    ? JSON.stringify({ __type: code, message })
    : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}</Message></Error>`;
  res.writeHead(status, {
    'content-type': json ? 'application/x-amz-json-1.1' : 'application/xml',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toEngineRequest(req: IncomingMessage, body: Buffer): EngineHttpRequest {
  const target = req.url ?? '/';
  const questionMark = target.indexOf('?');
  const path = questionMark < 0 ? target : target.slice(0, questionMark);
  // No prototype: a query parameter named __proto__ is a parameter like any other.
  const query: EngineHttpRequest['query'] = Object.create(null);
  if (questionMark >= 0) {
    for (const pair of target.slice(questionMark + 1).split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const decode = (text: string) => {
        try {
          return decodeURIComponent(text.replace(/\+/g, ' '));
        } catch {
          return text;
        }
      };
      const name = decode(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
      const existing = query[name];
      if (existing === undefined || existing === null) query[name] = value;
      else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const hostname = (headers.host ?? '').replace(/:\d+$/, '');
  return { method: req.method ?? 'GET', hostname, path: path || '/', query, headers, body };
}

/** Starts the server on loopback; resolves once it listens. */
export async function startKmsEngineServer(options: KmsEngineServerOptions = {}): Promise<KmsEngineServer> {
  const host = options.host ?? '127.0.0.1';
  if (!options.allowNonLoopback && !isLoopbackHost(host)) throw new NonLoopbackHostError(host);
  const log = options.logger ?? ((message: string) => process.stderr.write(`${message}\n`));
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const engine = options.engine ?? (options.handler ? undefined : createKmsEngine());
  const handler: ServerRequestHandler = options.handler ?? ((req) => engine!.route(req));

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      sendError(req, res, 500, isKmsRequest(req) ? 'KMSInternalException' : 'InternalError', error instanceof Error ? error.message : String(error));
    });
  });
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // S3 answers an oversized upload with 400 EntityTooLarge (S3 API Reference, "List of error codes").
        sendError(req, res, 400, isKmsRequest(req) ? 'ValidationException' : 'EntityTooLarge', `The request body exceeds the server limit of ${limit} bytes.`);
        return;
      }
      throw error;
    }
    const response = await handler(toEngineRequest(req, body));
    const headers = { ...response.headers };
    if (response.body instanceof Readable) {
      res.writeHead(response.statusCode, headers);
      response.body.on('error', () => res.destroy());
      response.body.pipe(res);
      return;
    }
    // A HEAD answer keeps the object's Content-Length while carrying no body.
    if (req.method !== 'HEAD' || headers['content-length'] === undefined) headers['content-length'] = String(response.body.byteLength);
    res.writeHead(response.statusCode, headers);
    res.end(Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength));
  }
  // Garbage on the socket (not HTTP at all) gets a 400 and a closed connection, never a crash.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (options.keepProcessAlive === false) server.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : Number(options.port);
  const urlHost = isIP(host) === 6 ? `[${host}]` : host;
  log(EMULATOR_WARNING);
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
