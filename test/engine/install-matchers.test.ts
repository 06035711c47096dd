// The engine matchers through vitest's expect.extend, and the jest setup entry through jest's contract
// (globals expect.extend and afterAll; jest itself is not installed here).
import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { createKmsEngine } from '../../src/engine/index.js';
import { installedKmsEngine, installKmsEngine } from '../../src/engine/install/index.js';
import { kmsEngineMatchers, type KmsEngineMatchers } from '../../src/engine/testing/matchers.js';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends KmsEngineMatchers<T> {}
}
expect.extend(kmsEngineMatchers);

const engine = installKmsEngine({ refuseOtherServices: true });
afterAll(() => engine.uninstall());

function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion passed');
}

describe('toHaveReceivedKms', () => {
  it('passes on a request of that operation with those members, and says which requests there were when not', async () => {
    const { keyId } = engine.createKey();
    const kms = new KMSClient({});
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('m'), EncryptionContext: { order: '1' } }));
    await kms.send(new DecryptCommand({ CiphertextBlob, KeyId: keyId, EncryptionContext: { order: '1' } }));
    expect(engine).toHaveReceivedKms('Decrypt', { KeyId: keyId, EncryptionContext: { order: '1' } });
    expect(engine).toHaveReceivedKms('Decrypt');
    expect(engine).toHaveReceivedKms('Encrypt', { EncryptionContext: expect.objectContaining({ order: '1' }) });
    expect(engine).not.toHaveReceivedKms('Decrypt', { EncryptionContext: { order: '2' } });
    expect(engine).not.toHaveReceivedKms('Decrypt', { GrantTokens: undefined });
    expect(engine).not.toHaveReceivedKms('ReEncrypt');
    const wrongContext = failureOf(() => expect(engine).toHaveReceivedKms('Decrypt', { EncryptionContext: { order: '2' } }));
    expect(wrongContext).toContain('expected a KMS Decrypt request with {"EncryptionContext":{"order":"2"}}, but none of the 1 Decrypt requests matched:');
    expect(wrongContext).toContain('"order":"1"');
    expect(failureOf(() => expect(engine).toHaveReceivedKms('ReEncrypt'))).toBe('expected a KMS ReEncrypt request, but the engine received no ReEncrypt request (received: Encrypt, Decrypt)');
    expect(failureOf(() => expect(engine).not.toHaveReceivedKms('Decrypt', { KeyId: keyId }))).toMatch(/^expected no KMS Decrypt request with \{"KeyId":".*"\}, but the engine received one:\n {2}\{.*"CiphertextBlob":"<\d+ bytes>"/);
  });

  it('says when the engine received no KMS request at all', () => {
    const fresh = createKmsEngine();
    expect(failureOf(() => expect({ ...fresh, received: () => [] }).toHaveReceivedKms('Decrypt'))).toContain('(received: no KMS request at all)');
  });

  it('rejects what is not an installed engine or not an operation', () => {
    expect(() => expect({}).toHaveReceivedKms('Decrypt')).toThrow('toHaveReceivedKms: expected the engine (from installKmsEngine() or installedKmsEngine()), got an object without audit() and requests()');
    expect(() => expect(null).toHaveReceivedKms('Decrypt')).toThrow('got null');
    expect(() => expect(createKmsEngine()).toHaveReceivedKms('Decrypt')).toThrow(/this engine does not record requests/);
    expect(() => expect(engine).toHaveReceivedKms('decrypt')).toThrow(`toHaveReceivedKms: the operation must be a KMS operation name such as 'Decrypt', got "decrypt"`);
    expect(() => expect(engine).toHaveReceivedKms('Decrypt', 'KeyId' as never)).toThrow(/the expected input must be an object of request members, got "KeyId"/);
    expect(() => expect(engine).toHaveReceivedKms('Decrypt', [] as never)).toThrow(/the expected input must be an object/);
  });
});

describe('toHaveLeftNoDataKeyUnzeroized', () => {
  it('fails while a data key holds key material, naming it, and passes once it is zeroized', async () => {
    const fresh = installedKmsEngine();
    const { keyId, arn } = fresh.createKey();
    const { Plaintext, $metadata } = await new KMSClient({}).send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    const message = failureOf(() => expect(fresh).toHaveLeftNoDataKeyUnzeroized());
    expect(message).toMatch(/^expected every data-key plaintext to be zeroized \(buffer\.fill\(0\)\) after use, but 1 of \d+ still hold key material:\n/);
    expect(message).toContain(`  GenerateDataKey of ${arn} (request ${$metadata.requestId})`);
    Plaintext!.fill(0);
    expect(fresh).toHaveLeftNoDataKeyUnzeroized();
    expect(failureOf(() => expect(fresh).not.toHaveLeftNoDataKeyUnzeroized())).toMatch(/^expected a data key left unzeroized, but all \d+ data-key plaintexts handed out are zeros$/);
  });
});

describe('toHaveMadeAtMostKmsRequests', () => {
  it('compares the total KMS requests, S3\'s included, and lists them by operation', async () => {
    const fresh = createKmsEngine();
    const { keyId } = fresh.createKey();
    const s3 = fresh.s3Client();
    await s3.send(new CreateBucketCommand({ Bucket: 'matcher-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'matcher-bucket', Key: 'k', Body: 'v', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId }));
    expect(fresh.requests().byOperation).toMatchObject({ GenerateDataKey: 1 });
    const kms = fresh.kmsClient();
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('a') }));
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('b') }));
    const total = fresh.requests().total;
    expect(fresh).toHaveMadeAtMostKmsRequests(total);
    expect(fresh).not.toHaveMadeAtMostKmsRequests(total - 1);
    expect(failureOf(() => expect(fresh).toHaveMadeAtMostKmsRequests(1))).toMatch(new RegExp(`^expected at most 1 KMS requests, but the engine received ${total} \\(.*Encrypt 2.*\\)\\. SSE-KMS uploads without BucketKeyEnabled cost one KMS request per object\\.$`));
    expect(failureOf(() => expect(fresh).not.toHaveMadeAtMostKmsRequests(total))).toBe(`expected more than ${total} KMS requests, but the engine received ${total} (${Object.entries(fresh.requests().byOperation).map(([op, n]) => `${op} ${n}`).join(', ')})`);
  });

  it('rejects a count that is not a whole number', () => {
    expect(() => expect(engine).toHaveMadeAtMostKmsRequests(-1)).toThrow('toHaveMadeAtMostKmsRequests: n must be a whole number of requests (0 or more), got -1');
    expect(() => expect(engine).toHaveMadeAtMostKmsRequests(1.5)).toThrow(/got 1\.5/);
    expect(() => expect(engine).toHaveMadeAtMostKmsRequests('3' as never)).toThrow(/got "3"/);
    expect(() => expect(undefined).toHaveMadeAtMostKmsRequests(3)).toThrow('toHaveMadeAtMostKmsRequests: expected the engine (from installKmsEngine() or installedKmsEngine()), got undefined');
    expect(() => expect(7).toHaveLeftNoDataKeyUnzeroized()).toThrow('toHaveLeftNoDataKeyUnzeroized: expected the engine (from installKmsEngine() or installedKmsEngine()), got number');
  });
});

describe('eslint-plugin-kms/engine/jest', () => {
  it('extends jest\'s expect, installs an engine for the test file and uninstalls it in afterAll', async () => {
    engine.uninstall();
    const extended: Array<Record<string, unknown>> = [];
    const hooks: Array<() => void> = [];
    const globals = globalThis as Record<string, unknown>;
    const saved = { expect: globals.expect, afterAll: globals.afterAll };
    globals.expect = { extend: (matchers: Record<string, unknown>) => extended.push(matchers) };
    globals.afterAll = (fn: () => void) => hooks.push(fn);
    try {
      await import('../../src/engine/jest.js');
    } finally {
      Object.assign(globals, saved);
    }
    expect(extended).toEqual([kmsEngineMatchers]);
    expect(hooks).toHaveLength(1);
    const jestEngine = installedKmsEngine();
    await expect(new KMSClient({}).send(new EncryptCommand({ KeyId: 'alias/none', Plaintext: Buffer.from('a') }))).rejects.toMatchObject({ name: 'NotFoundException' });
    expect(jestEngine).toHaveReceivedKms('Encrypt', { KeyId: 'alias/none' });
    hooks[0]();
    expect(() => installedKmsEngine()).toThrow(/no engine is installed/);
    // The file's own engine again, for its afterAll.
    Object.assign(engine, { uninstall: () => undefined });
  });

  it('says how to fix a set-up without jest\'s globals', async () => {
    await expect(import('../../src/engine/jest.js?no-globals' as string)).rejects.toThrow(/jest's globals expect and afterAll are missing\. List this file in setupFilesAfterEnv/);
  });
});
