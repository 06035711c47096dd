// Malformed requests, posted as raw bodies through the transport-neutral handleHttp and the SDK seam, get
// AWS-style JSON errors ({"__type", "message"}, HTTP 400) and never crash the engine.
import { Readable } from 'node:stream';
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKmsEngine } from '../../src/engine/index.js';
import type { EngineHttpRequest } from '../../src/engine/types.js';
import { expectAwsError, text, utf8 } from './kms-helpers.js';

const engine = createKmsEngine();
const { keyId } = engine.createKey({ alias: 'alias/wire' });

function post(target: string | undefined, body: string | Uint8Array, extra: Record<string, string> = {}): EngineHttpRequest {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', ...extra };
  if (target !== undefined) headers['x-amz-target'] = target;
  return { method: 'POST', hostname: 'kms.us-east-1.amazonaws.com', path: '/', query: {}, headers, body: typeof body === 'string' ? utf8(body) : body };
}

async function errorOf(req: EngineHttpRequest): Promise<{ status: number; type: string; message: string }> {
  const res = await engine.handleHttp(req);
  const parsed = JSON.parse(text(res.body)) as { __type: string; message: string };
  expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
  return { status: res.statusCode, type: parsed.__type, message: parsed.message };
}

describe('malformed KMS requests', () => {
  it('bad JSON is SerializationException', async () => {
    expect(await errorOf(post('TrentService.Encrypt', '{"KeyId": '))).toMatchObject({ status: 400, type: 'SerializationException' });
  });

  it.each([['[]'], ['42'], ['"text"'], ['null']])('a non-object body %s is SerializationException (null counts as empty)', async (body) => {
    const res = await errorOf(post('TrentService.Encrypt', body));
    expect(res.status).toBe(400);
    // `null` reads as an empty request, so the missing members are reported instead.
    expect(res.type).toBe(body === 'null' ? 'ValidationException' : 'SerializationException');
  });

  it.each([
    ['a number for a string', { KeyId: 5, Plaintext: 'AA==' }],
    ['a string for a number', { KeyId: 'alias/wire', NumberOfBytes: '32' }],
    ['an object for a blob', { KeyId: 'alias/wire', Plaintext: { a: 1 } }],
    ['bad base64', { KeyId: 'alias/wire', Plaintext: 'not base64!' }],
    ['a non-string context value', { KeyId: 'alias/wire', Plaintext: 'AA==', EncryptionContext: { a: 1 } }],
    ['a list for the context', { KeyId: 'alias/wire', Plaintext: 'AA==', EncryptionContext: ['a'] }],
    ['a string for GrantTokens', { KeyId: 'alias/wire', Plaintext: 'AA==', GrantTokens: 'tok' }],
  ])('wrong member types (%s) are SerializationException', async (_what, body) => {
    const target = 'NumberOfBytes' in body ? 'TrentService.GenerateDataKey' : 'TrentService.Encrypt';
    expect(await errorOf(post(target, JSON.stringify(body)))).toMatchObject({ status: 400, type: 'SerializationException' });
  });

  it('missing required members and oversized fields are ValidationException', async () => {
    expect(await errorOf(post('TrentService.Encrypt', '{}'))).toMatchObject({ type: 'ValidationException' });
    const big = Buffer.alloc(5000).toString('base64');
    const r = await errorOf(post('TrentService.Encrypt', JSON.stringify({ KeyId: keyId, Plaintext: big })));
    expect(r).toMatchObject({ status: 400, type: 'ValidationException' });
    expect(r.message).toMatch(/failed to satisfy constraint: Member must have length less than or equal to 4096/);
    const longId = await errorOf(post('TrentService.DescribeKey', JSON.stringify({ KeyId: 'k'.repeat(2049) })));
    expect(longId.type).toBe('ValidationException');
    const ec = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`key${i}`, 'v'.repeat(100)]));
    expect((await errorOf(post('TrentService.Encrypt', JSON.stringify({ KeyId: keyId, Plaintext: 'AA==', EncryptionContext: ec })))).type).toBe('ValidationException');
  });

  it('unknown operations and targets are UnknownOperationException', async () => {
    expect(await errorOf(post('TrentService.LaunchRocket', '{}'))).toMatchObject({ status: 400, type: 'UnknownOperationException' });
    expect(await errorOf(post('DynamoDB_20120810.GetItem', '{}'))).toMatchObject({ type: 'UnknownOperationException' });
    expect(await errorOf(post(undefined, '{}'))).toMatchObject({ type: 'UnknownOperationException' });
    expect(await errorOf(post('TrentService.', '{}'))).toMatchObject({ type: 'UnknownOperationException' });
    expect(await errorOf(post('TrentService.constructor', '{}'))).toMatchObject({ type: 'UnknownOperationException' });
  });

  it('arbitrary JSON bodies for every operation never crash: always a JSON answer with status 200 or 400', async () => {
    const targets = ['Encrypt', 'Decrypt', 'GenerateDataKey', 'CreateGrant', 'Sign', 'ReEncrypt', 'CreateAlias', 'ListKeys', 'ScheduleKeyDeletion', 'ReplicateKey'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.jsonValue(), async (op, value) => {
        const res = await engine.handleHttp(post(`TrentService.${op}`, JSON.stringify(value)));
        expect([200, 400]).toContain(res.statusCode);
        const parsed = JSON.parse(text(res.body)) as Record<string, unknown>;
        if (res.statusCode === 400) expect(typeof parsed.__type).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('a successful raw call answers 200 JSON with x-amzn-requestid', async () => {
    const res = await engine.handleHttp(post('TrentService.Encrypt', JSON.stringify({ KeyId: 'alias/wire', Plaintext: 'aGk=' })));
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(text(res.body))).toHaveProperty('CiphertextBlob');
  });

  it('the Region comes from the SigV4 credential scope, else from the hostname', async () => {
    const byScope = await engine.handleHttp(post('TrentService.DescribeKey', JSON.stringify({ KeyId: keyId }),
      { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-central-1/kms/aws4_request, SignedHeaders=host, Signature=00' }));
    expect(JSON.parse(text(byScope.body)).__type).toBe('NotFoundException');
    const byHost = await engine.handleHttp({ ...post('TrentService.CreateKey', '{}'), hostname: 'kms.ap-south-1.amazonaws.com' });
    expect(JSON.parse(text(byHost.body)).KeyMetadata.Arn).toMatch(/^arn:aws:kms:ap-south-1:/);
  });
});

describe('SDK requestHandler', () => {
  it('collects string, byte, Node stream and web stream request bodies alike', async () => {
    const body = JSON.stringify({ KeyId: 'alias/wire', Plaintext: 'aGk=' });
    for (const b of [body, utf8(body), Readable.from([utf8(body.slice(0, 10)), utf8(body.slice(10))]), new Blob([body]).stream()]) {
      const { response } = await engine.requestHandler.handle({ method: 'POST', hostname: 'kms.us-east-1.amazonaws.com', path: '/',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'TrentService.Encrypt' }, body: b });
      expect(response.statusCode).toBe(200);
    }
  });

  it('works as the requestHandler of a KMSClient the caller configures', async () => {
    const client = new KMSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 's' }, requestHandler: engine.requestHandler, maxAttempts: 1 });
    const out = await client.send(new EncryptCommand({ KeyId: 'alias/wire', Plaintext: utf8('x') }));
    expect(out.KeyId).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//);
    await expectAwsError(client.send(new EncryptCommand({ KeyId: 'alias/missing', Plaintext: utf8('x') })), 'NotFoundException');
  });

  it('an aborted request is rejected before it reaches the engine', async () => {
    const before = engine.requests().total;
    await expect(engine.requestHandler.handle({ method: 'POST', hostname: 'h', path: '/', headers: { 'x-amz-target': 'TrentService.ListKeys' }, body: '{}' },
      { abortSignal: { aborted: true } })).rejects.toMatchObject({ name: 'AbortError' });
    expect(engine.requests().total).toBe(before);
  });
});
