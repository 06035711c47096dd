// Request bodies as the SDK sends them. With the default `requestChecksumCalculation: WHEN_SUPPORTED` the SDK
// adds an `x-amz-checksum-crc32` header to buffered bodies, and wraps streaming bodies in `aws-chunked`
// content-encoding with the checksum as a trailer (smithy getAwsChunkedEncodingStream; aws-sdk-js-v3 #6819):
//   <hex size>[;chunk-extension]\r\n<bytes>\r\n ... 0\r\n<trailer-name>:<value>\r\n\r\n
// S3 decodes the chunks, checks `x-amz-decoded-content-length`, and verifies the checksum (BadDigest).
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AwsError } from '../types.js';

export interface DecodedBody {
  body: Buffer;
  /** Trailing headers, lower-case names. */
  trailers: Record<string, string>;
}

const CRLF = Buffer.from('\r\n');

function invalidChunk(detail: string): AwsError {
  return new AwsError('InvalidRequest', `Invalid aws-chunked body: ${detail}`);
}

export function decodeAwsChunked(raw: Uint8Array): DecodedBody {
  const input = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = input.indexOf(CRLF, offset);
    if (lineEnd < 0) throw new AwsError('IncompleteBody', 'The aws-chunked body ended before its final chunk.');
    const sizeText = input.subarray(offset, lineEnd).toString('latin1').split(';')[0].trim();
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw invalidChunk(`chunk size "${sizeText.slice(0, 20)}" is not hexadecimal`);
    const size = Number.parseInt(sizeText, 16);
    offset = lineEnd + 2;
    if (size === 0) break;
    if (offset + size + 2 > input.length) {
      throw new AwsError('IncompleteBody', 'The aws-chunked body ended inside a chunk.');
    }
    parts.push(input.subarray(offset, offset + size));
    offset += size;
    if (!input.subarray(offset, offset + 2).equals(CRLF)) throw invalidChunk('a chunk is not followed by CRLF');
    offset += 2;
  }
  const trailers: Record<string, string> = {};
  for (;;) {
    const lineEnd = input.indexOf(CRLF, offset);
    if (lineEnd < 0) {
      // Some writers end the trailer section without the final empty line; accept what is complete.
      const rest = input.subarray(offset).toString('latin1').trim();
      if (rest) addTrailer(trailers, rest);
      break;
    }
    const line = input.subarray(offset, lineEnd).toString('latin1');
    offset = lineEnd + 2;
    if (line === '') break;
    addTrailer(trailers, line);
  }
  return { body: Buffer.concat(parts), trailers };
}

function addTrailer(trailers: Record<string, string>, line: string): void {
  const colon = line.indexOf(':');
  if (colon <= 0) throw invalidChunk(`malformed trailer "${line.slice(0, 40)}"`);
  trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
}

/** The checksum algorithms S3 accepts, keyed by their header name. */
const CHECKSUM_HEADERS = {
  'x-amz-checksum-crc32': 'CRC32',
  'x-amz-checksum-crc32c': 'CRC32C',
  'x-amz-checksum-crc64nvme': 'CRC64NVME',
  'x-amz-checksum-sha1': 'SHA1',
  'x-amz-checksum-sha256': 'SHA256',
} as const;
export type ChecksumHeader = keyof typeof CHECKSUM_HEADERS;

export interface Checksum {
  header: ChecksumHeader;
  value: string;
}

/** Computes the checksums node:crypto and node:zlib provide; CRC32C and CRC64NVME are accepted unverified. */
function compute(header: ChecksumHeader, body: Uint8Array): string | undefined {
  switch (header) {
    case 'x-amz-checksum-crc32': {
      const digest = Buffer.alloc(4);
      digest.writeUInt32BE(crc32(body) >>> 0);
      return digest.toString('base64');
    }
    case 'x-amz-checksum-sha1':
      return createHash('sha1').update(body).digest('base64');
    case 'x-amz-checksum-sha256':
      return createHash('sha256').update(body).digest('base64');
    default:
      return undefined;
  }
}

/** Finds the body checksum in the headers or trailers, verifies it, and returns it for the response echo. */
export function verifyChecksum(headers: Record<string, string>, trailers: Record<string, string>, body: Uint8Array): Checksum | undefined {
  for (const header of Object.keys(CHECKSUM_HEADERS) as ChecksumHeader[]) {
    const value = trailers[header] ?? headers[header];
    if (value === undefined) continue;
    const expected = compute(header, body);
    if (expected !== undefined && expected !== value) {
      throw new AwsError('BadDigest', `The ${CHECKSUM_HEADERS[header]} you specified did not match the calculated checksum.`);
    }
    return { header, value };
  }
  return undefined;
}

/** Content-MD5 (base64), when sent, must match the body (S3's `BadDigest`; malformed values are `InvalidDigest`). */
export function verifyContentMd5(headers: Record<string, string>, body: Uint8Array): void {
  const sent = headers['content-md5'];
  if (sent === undefined) return;
  if (!/^[A-Za-z0-9+/]{22}==$/.test(sent)) throw new AwsError('InvalidDigest', 'The Content-MD5 you specified was invalid.');
  if (createHash('md5').update(body).digest('base64') !== sent) {
    throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
}

/**
 * The payload S3 stores: aws-chunked bodies decoded (and their length checked against
 * x-amz-decoded-content-length), other bodies as sent; checksums verified either way.
 */
export function readPayload(headers: Record<string, string>, raw: Uint8Array): { body: Buffer; checksum?: Checksum } {
  const encodings = (headers['content-encoding'] ?? '').split(',').map((e) => e.trim().toLowerCase());
  let body: Buffer;
  let trailers: Record<string, string> = {};
  if (encodings.includes('aws-chunked')) {
    ({ body, trailers } = decodeAwsChunked(raw));
    const declared = headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== body.length) {
      throw new AwsError(
        'IncompleteBody',
        `You did not provide the number of bytes specified by x-amz-decoded-content-length (${declared}; got ${body.length}).`,
      );
    }
  } else {
    body = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  }
  verifyContentMd5(headers, body);
  const checksum = verifyChecksum(headers, trailers, body);
  return { body, checksum };
}
