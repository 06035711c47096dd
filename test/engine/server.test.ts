// The loopback server and the kms-engine command: real SDK clients over real HTTP.
import { CreateKeyCommand, DecryptCommand, EncryptCommand, InvalidCiphertextException, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../src/engine/cli.js';
import { EMULATOR_WARNING, isLoopbackHost, NonLoopbackHostError, startKmsEngineServer, type KmsEngineServer } from '../../src/engine/server.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/engine/cli.ts');

describe('startKmsEngineServer', () => {
  let server: KmsEngineServer;
  const logged: string[] = [];
  beforeAll(async () => {
    server = await startKmsEngineServer({ logger: (message) => logged.push(message), maxBodyBytes: 32 * 1024 * 1024 });
  });
  afterAll(() => server.close());

  it('binds to 127.0.0.1 and warns that it is a test emulator, not a key store', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(logged).toEqual([EMULATOR_WARNING]);
  });

  it('serves KMS to a real KMSClient pointed at it, errors as the real exception classes', async () => {
    const kms = new KMSClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1 });
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const context = { service: 'server-test' };
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('over http'), EncryptionContext: context }));
    const { Plaintext } = await kms.send(new DecryptCommand({ KeyId: KeyMetadata!.Arn, CiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(Plaintext!).toString()).toBe('over http');
    await expect(kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { service: 'Server-test' } }))).rejects.toBeInstanceOf(InvalidCiphertextException);
  });

  it('serves S3 with SSE-KMS: aws-chunked uploads, streamed GetObject bodies, lib-storage multipart', async () => {
    const s3 = new S3Client({ region: 'us-east-1', endpoint: server.url, forcePathStyle: true, credentials, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: 'served-bucket' }));
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'served-bucket', Key: 'dir/a b.txt', Body: Readable.from([Buffer.from('streamed '), Buffer.from('body')]), ContentLength: 13, ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }),
    );
    expect(put.SSEKMSKeyId).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'served-bucket', Key: 'dir/a b.txt' }));
    expect(await got.Body!.transformToString()).toBe('streamed body');
    const data = randomBytes(11 * 1024 * 1024);
    await new Upload({ client: s3, params: { Bucket: 'served-bucket', Key: 'big', Body: data, ServerSideEncryption: 'aws:kms' } }).done();
    const big = await s3.send(new GetObjectCommand({ Bucket: 'served-bucket', Key: 'big' }));
    expect(Buffer.from(await big.Body!.transformToByteArray()).equals(data)).toBe(true);
  });

  it('accepts presigned PUTs (the most common SSE-KMS upload): signed SSE headers sent by the uploader', async () => {
    const s3 = new S3Client({ region: 'us-east-1', endpoint: server.url, forcePathStyle: true, credentials, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: 'presigned-uploads' }));
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: 'presigned-uploads', Key: 'avatar.png', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }),
      { expiresIn: 300 },
    );
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toContain('x-amz-server-side-encryption');
    const upload = await fetch(url, {
      method: 'PUT',
      body: 'png bytes',
      headers: { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-bucket-key-enabled': 'true' },
    });
    expect(upload.status).toBe(200);
    expect(upload.headers.get('x-amz-server-side-encryption-bucket-key-enabled')).toBe('true');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'presigned-uploads', Key: 'avatar.png' }));
    expect(await got.Body!.transformToString()).toBe('png bytes');
    expect(got.ServerSideEncryption).toBe('aws:kms');
  });

  it('answers malformed requests with AWS-style errors and keeps serving', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(server.url, { method: 'POST', body, headers: { 'content-type': 'application/x-amz-json-1.1', ...headers } });
    const badJson = await post('{not json', { 'x-amz-target': 'TrentService.Encrypt' });
    expect(badJson.status).toBeGreaterThanOrEqual(400);
    expect(badJson.status).toBeLessThan(500);
    expect(typeof ((await badJson.json()) as { __type?: unknown }).__type).toBe('string');
    const unknownOperation = await post('{}', { 'x-amz-target': 'TrentService.MakeCoffee' });
    expect(unknownOperation.status).toBe(400);
    const tooLarge = await fetch(`${server.url}/served-bucket/huge`, { method: 'PUT', body: Buffer.alloc(33 * 1024 * 1024) });
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain('<Code>EntityTooLarge</Code>');
    const badPath = await fetch(`${server.url}/%E0%A4%A/key`, { method: 'PUT', body: 'x' });
    expect(badPath.status).toBe(400);
    // Not HTTP at all.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('\u0000\u0001garbage\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    const alive = await fetch(`${server.url}/served-bucket/dir%2Fa%20b.txt`, { method: 'HEAD' });
    expect(alive.status).toBe(200);
  });
});

describe('a failing handler', () => {
  it('answers 500 in the caller protocol and keeps serving', async () => {
    let calls = 0;
    const server = await startKmsEngineServer({
      logger: () => {},
      handler: async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: Buffer.from('fine') };
      },
    });
    try {
      const failed = await fetch(server.url, { method: 'POST', body: '{}', headers: { 'x-amz-target': 'TrentService.ListKeys' } });
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ __type: 'KMSInternalException', message: 'boom' });
      const next = await fetch(`${server.url}/bucket/key`);
      expect(await next.text()).toBe('fine');
    } finally {
      await server.close();
    }
  });
});

describe('loopback only', () => {
  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.5', 'example.com', '128.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses a non-loopback host unless allowNonLoopback', async () => {
    await expect(startKmsEngineServer({ host: '0.0.0.0', logger: () => {} })).rejects.toBeInstanceOf(NonLoopbackHostError);
    const open = await startKmsEngineServer({ host: '0.0.0.0', allowNonLoopback: true, logger: () => {} });
    expect(open.port).toBeGreaterThan(0);
    await open.close();
  });
});

describe('kms-engine command', () => {
  it('parses serve flags and rejects bad ones with a one-line UsageError', () => {
    expect(parseCommandLine(['serve', '--port', '4599', '--host', '::1'])).toEqual({
      help: false,
      command: 'serve',
      options: { port: 4599, host: '::1', allowNonLoopback: false },
    });
    expect(parseCommandLine(['--help'])).toEqual({ help: true });
    for (const argv of [['serve', '--port', 'abc'], ['serve', '--port', '70000'], ['serve', '--bogus'], ['start'], [], ['serve', 'extra'], ['serve', '--port']]) {
      expect(() => parseCommandLine(argv), argv.join(' ')).toThrow(UsageError);
      try {
        parseCommandLine(argv);
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });

  const runCli = (args: string[], until?: RegExp) =>
    new Promise<{ code: number | null; stdout: string; stderr: string; kill: () => void }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      const kill = () => child.kill('SIGTERM');
      child.stdout.on('data', (chunk) => {
        stdout += chunk.toString();
        if (until && until.test(stdout)) resolve({ code: null, stdout, stderr, kill });
      });
      child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr, kill }));
    });

  it('exits 2 with a one-line error for bad flags and a non-loopback host', async () => {
    const bad = await runCli(['serve', '--port', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kms-engine: --port must be an integer/);
    const unknown = await runCli(['serve', '--verbose']);
    expect(unknown.code).toBe(2);
    const exposed = await runCli(['serve', '--host', '0.0.0.0']);
    expect(exposed.code).toBe(2);
    expect(exposed.stderr).toContain('non-loopback');
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: kms-engine serve');
  });

  it('serves until stopped, on the port it prints', async () => {
    const started = await runCli(['serve', '--port', '0'], /listening on (http:\/\/\S+)/);
    try {
      const url = /listening on (http:\/\/\S+)/.exec(started.stdout)![1];
      expect(started.stderr).toContain('not a key store');
      const kms = new KMSClient({ region: 'eu-west-1', endpoint: url, credentials, maxAttempts: 1 });
      const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
      expect(KeyMetadata!.Arn).toMatch(/^arn:aws:kms:eu-west-1:/);
    } finally {
      started.kill();
    }
  });
});
