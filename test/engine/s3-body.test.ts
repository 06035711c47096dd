// aws-chunked decoding and checksum verification (smithy getAwsChunkedEncodingStream's wire format).
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeAwsChunked, readPayload } from '../../src/engine/s3/body.js';
import { AwsError } from '../../src/engine/types.js';

const crc32Base64 = (data: Buffer) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data) >>> 0);
  return out.toString('base64');
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AwsError);
    return (error as AwsError).code;
  }
  throw new Error('expected an AwsError');
}

describe('aws-chunked bodies', () => {
  const body = Buffer.from('hello, chunked world');
  const encoded = (trailer: string) =>
    Buffer.concat([Buffer.from('7\r\n'), body.subarray(0, 7), Buffer.from('\r\nd;chunk-signature=abc\r\n'), body.subarray(7), Buffer.from(`\r\n0\r\n${trailer}\r\n\r\n`)]);

  it('decodes chunks (with chunk extensions) and trailers', () => {
    const decoded = decodeAwsChunked(encoded(`x-amz-checksum-crc32:${crc32Base64(body)}`));
    expect(decoded.body.equals(body)).toBe(true);
    expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32': crc32Base64(body) });
  });

  it('verifies the trailing checksum and the decoded length', () => {
    const headers = { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(body.length) };
    expect(readPayload(headers, encoded(`x-amz-checksum-crc32:${crc32Base64(body)}`)).checksum).toEqual({ header: 'x-amz-checksum-crc32', value: crc32Base64(body) });
    expect(codeOf(() => readPayload(headers, encoded('x-amz-checksum-crc32:AAAAAA==')))).toBe('BadDigest');
    expect(codeOf(() => readPayload({ ...headers, 'x-amz-decoded-content-length': '3' }, encoded('')))).toBe('IncompleteBody');
  });

  it('rejects truncated and malformed encodings with S3 errors', () => {
    expect(codeOf(() => decodeAwsChunked(Buffer.from('ff\r\nabc')))).toBe('IncompleteBody');
    expect(codeOf(() => decodeAwsChunked(Buffer.from('xyz\r\nabc\r\n0\r\n\r\n')))).toBe('InvalidRequest');
    expect(codeOf(() => decodeAwsChunked(Buffer.from('3\r\nabcX\r\n0\r\n\r\n')))).toBe('InvalidRequest');
    expect(codeOf(() => decodeAwsChunked(Buffer.from('3\r\nabc')))).toBe('IncompleteBody');
  });

  it('verifies SHA-256 and Content-MD5 on plain bodies', () => {
    const sha = createHash('sha256').update(body).digest('base64');
    expect(readPayload({ 'x-amz-checksum-sha256': sha }, body).checksum?.value).toBe(sha);
    expect(codeOf(() => readPayload({ 'x-amz-checksum-sha256': sha }, Buffer.from('other')))).toBe('BadDigest');
    const md5 = createHash('md5').update(body).digest('base64');
    expect(readPayload({ 'content-md5': md5 }, body).body.equals(body)).toBe(true);
    expect(codeOf(() => readPayload({ 'content-md5': md5 }, Buffer.from('other')))).toBe('BadDigest');
    expect(codeOf(() => readPayload({ 'content-md5': 'nope' }, body))).toBe('InvalidDigest');
  });
});
