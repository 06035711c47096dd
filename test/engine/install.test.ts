// installKmsEngine: clients the code under test builds itself (module level, before or after the install, plain
// and aggregated, KMS and S3) are answered by one engine; other services pass through or are refused; uninstall
// restores everything; nothing leaves the machine.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKmsEngine } from '../../src/engine/index.js';
import {
  installKmsEngine, installedKmsEngine, KmsEngineInstallError, KmsEngineRefusedServiceError, type InstalledKmsEngine,
} from '../../src/engine/install/index.js';
import { compatDir, dynamoSdk, kmsSdk, s3Sdk, sdkVersions, searchFrom } from './install-sdk.js';

const { KMSClient, KMS, EncryptCommand, DecryptCommand, GenerateDataKeyCommand, InvalidCiphertextException } = kmsSdk;
const { S3Client, S3, CreateBucketCommand, PutObjectCommand, GetObjectCommand } = s3Sdk;
const { DynamoDBClient, ListTablesCommand } = dynamoSdk;

// Every socket the process opens during this file, by host: none may leave the machine.
const connectSpy = vi.spyOn(net.Socket.prototype, 'connect');
function hostsConnected(): string[] {
  return connectSpy.mock.calls.map((args) => {
    const first = args[0] as unknown;
    if (typeof first === 'object' && first !== null) return String((first as { host?: string; path?: string }).host ?? (first as { path?: string }).path ?? 'localhost');
    return String(args[1] ?? 'localhost');
  });
}
afterAll(() => {
  expect(hostsConnected().filter((host) => !['127.0.0.1', 'localhost', '::1'].includes(host))).toEqual([]);
  connectSpy.mockRestore();
});

const baseSend = () => Object.getPrototypeOf(KMSClient).prototype.send as unknown;
const sdkEnvironment = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_EC2_METADATA_DISABLED', 'AWS_PROFILE', 'AWS_DEFAULT_REGION'];
const savedEnvironment = Object.fromEntries(sdkEnvironment.map((name) => [name, process.env[name]]));
function clearSdkEnvironment(): void {
  for (const name of sdkEnvironment) delete process.env[name];
}
afterAll(() => {
  for (const [name, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** A request handler that records what reaches it and answers 500, so a test sees where a request went. */
function recordingHandler() {
  const requests: Array<{ hostname: string; headers: Record<string, string> }> = [];
  return {
    requests,
    handler: {
      metadata: { handlerProtocol: 'http/1.1' },
      async handle(request: { hostname: string; headers: Record<string, string> }) {
        requests.push(request);
        return { response: { statusCode: 500, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: new TextEncoder().encode('{"__type":"RecordingHandler","message":"reached the client\'s own handler"}') } };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    },
  };
}

/** Audit entries of the requests clients sent (createKey's set-up calls left out). */
function sent(engine: { audit(): { entries: Array<{ operation: string; awsRegion: string; errorCode?: string; principal?: string }> } }) {
  return engine.audit().entries.filter((e) => e.operation !== 'CreateKey' && e.operation !== 'CreateAlias');
}

let installed: InstalledKmsEngine | undefined;
afterEach(() => {
  try {
    installed?.uninstall();
  } catch {
    // uninstalled by the test itself
  }
  installed = undefined;
});

function install(options: Parameters<typeof installKmsEngine>[0] = {}): InstalledKmsEngine {
  installed = installKmsEngine({ searchFrom, ...options });
  return installed;
}

describe(`installKmsEngine (client-kms ${sdkVersions.kms}, client-s3 ${sdkVersions.s3}${compatDir ? ', compat folder' : ''})`, () => {
  beforeAll(() => clearSdkEnvironment());

  it('answers a KMSClient built before the install and one built after, without credentials or Region in the code', async () => {
    const before = new KMSClient({});
    const engine = install();
    const after = new KMSClient({});
    const { keyId } = engine.createKey({ alias: 'alias/app' });
    const context = { tenant: 't-1' };
    const { CiphertextBlob } = await before.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('secret'), EncryptionContext: context }));
    const { Plaintext } = await after.send(new DecryptCommand({ CiphertextBlob, KeyId: keyId, EncryptionContext: context }));
    expect(Buffer.from(Plaintext!).toString()).toBe('secret');
    expect(sent(engine).map((e) => [e.operation, e.errorCode])).toEqual([['Encrypt', undefined], ['Decrypt', undefined]]);
    // The fake key the install supplied is the engine owner's: the key owner made these calls.
    expect(engine.audit().entries.every((e) => e.principal === undefined)).toBe(true);
  });

  it('gives the real contract: a drifted encryption context is InvalidCiphertextException, the real exception class', async () => {
    const engine = install();
    const kms = new KMS({});
    const { keyId } = engine.createKey();
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: Buffer.from('x'), EncryptionContext: { TenantId: 'a' } });
    await expect(kms.decrypt({ CiphertextBlob, KeyId: keyId, EncryptionContext: { tenantId: 'a' } })).rejects.toBeInstanceOf(InvalidCiphertextException);
    await expect(kms.encrypt({ KeyId: keyId, Plaintext: Buffer.alloc(5000, 1) })).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('answers callback-style sends', async () => {
    const engine = install();
    const { keyId } = engine.createKey();
    const kms = new KMSClient({});
    const output = await new Promise<{ KeyId?: string }>((resolve, reject) => {
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('cb') }), (error: unknown, data?: { KeyId?: string }) => (error ? reject(error) : resolve(data!)));
    });
    expect(output.KeyId).toContain(keyId);
  });

  it('answers S3Client and the aggregated S3 (SSE-KMS through the engine\'s keys, virtual-hosted addressing)', async () => {
    const engine = install();
    const { keyId } = engine.createKey();
    const s3 = new S3Client({});
    await s3.send(new CreateBucketCommand({ Bucket: 'install-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'install-bucket', Key: 'a.txt', Body: 'hello', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId }));
    const got = await new S3({}).getObject({ Bucket: 'install-bucket', Key: 'a.txt' });
    expect(await got.Body!.transformToString()).toBe('hello');
    expect(got.SSEKMSKeyId).toContain(keyId);
    expect(engine.requests().byOperation).toMatchObject({ GenerateDataKey: 1, Decrypt: 1 });
    // S3's own requests are not KMS requests the clients sent.
    expect(engine.received()).toEqual([]);
  });

  it('replaces a handler the client was given, and records the KMS requests the clients sent', async () => {
    const own = recordingHandler();
    const engine = install();
    const { keyId } = engine.createKey();
    const kms = new KMSClient({ region: 'eu-west-1', requestHandler: own.handler as never });
    await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { a: 'b' } })).catch(() => undefined);
    expect(own.requests).toEqual([]);
    expect(engine.received()).toEqual([{ operation: 'GenerateDataKey', input: { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { a: 'b' } } }]);
    // eu-west-1 has no such key: the client's own Region reached the engine.
    expect(sent(engine)[0]).toMatchObject({ awsRegion: 'eu-west-1', errorCode: 'NotFoundException' });
  });

  it('watches the data keys the covered clients receive', async () => {
    const engine = install();
    const { keyId } = engine.createKey();
    const kms = new KMSClient({});
    const first = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    const second = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 16 }));
    expect(engine.audit().unzeroizedDataKeys).toHaveLength(2);
    first.Plaintext!.fill(0);
    expect(engine.audit().unzeroizedDataKeys.map((k) => k.buffer)).toEqual([second.Plaintext]);
  });

  it('lets clients an engine built keep their engine, and records those of the installed engine once', async () => {
    const other = createKmsEngine();
    const otherKey = other.createKey();
    const engine = install();
    await other.kmsClient().send(new EncryptCommand({ KeyId: otherKey.keyId, Plaintext: Buffer.from('o') }));
    expect(sent(other)).toHaveLength(1);
    expect(sent(engine)).toHaveLength(0);
    const key = engine.createKey();
    const own = engine.kmsClient();
    const { Plaintext } = await own.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_128' }));
    expect(engine.received().map((r) => r.operation)).toEqual(['GenerateDataKey']);
    expect(engine.audit().dataKeys.map((k) => k.buffer)).toEqual([Plaintext]);
  });

  it('lets other services through to their own handler by default', async () => {
    const own = recordingHandler();
    install();
    const dynamo = new DynamoDBClient({ region: 'us-east-1', requestHandler: own.handler as never, maxAttempts: 1 });
    await expect(dynamo.send(new ListTablesCommand({}))).rejects.toMatchObject({ name: 'RecordingHandler' });
    expect(own.requests).toHaveLength(1);
    expect(own.requests[0].hostname).toBe('dynamodb.us-east-1.amazonaws.com');
  });

  it('refuses other services loudly with refuseOtherServices, promise and callback style, before any handler', async () => {
    const own = recordingHandler();
    install({ refuseOtherServices: true });
    const dynamo = new DynamoDBClient({ region: 'us-east-1', requestHandler: own.handler as never });
    const refusal = dynamo.send(new ListTablesCommand({}));
    await expect(refusal).rejects.toBeInstanceOf(KmsEngineRefusedServiceError);
    await expect(refusal).rejects.toThrow(/refused a DynamoDB request \(ListTablesCommand\)/);
    const viaCallback = await new Promise<unknown>((resolve) => {
      dynamo.send(new ListTablesCommand({}), (error: unknown) => resolve(error));
    });
    expect(viaCallback).toBeInstanceOf(KmsEngineRefusedServiceError);
    const viaCallbackAfterOptions = await new Promise<unknown>((resolve) => {
      dynamo.send(new ListTablesCommand({}), {}, (error: unknown) => resolve(error));
    });
    expect(viaCallbackAfterOptions).toBeInstanceOf(KmsEngineRefusedServiceError);
    expect((viaCallbackAfterOptions as Error).name).toBe('KmsEngineRefusedServiceError');
    expect(own.requests).toEqual([]);
  });

  it('serves a client with cacheMiddleware during the install and its own handler after it', async () => {
    const own = recordingHandler();
    const kms = new KMSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 's' }, requestHandler: own.handler as never, cacheMiddleware: true, maxAttempts: 1 });
    await expect(kms.send(new EncryptCommand({ KeyId: 'alias/none', Plaintext: Buffer.from('a') }))).rejects.toMatchObject({ name: 'RecordingHandler' });
    const engine = install();
    const { keyId } = engine.createKey();
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('a') }));
    engine.uninstall();
    await expect(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('a') }))).rejects.toMatchObject({ name: 'RecordingHandler' });
    expect(own.requests).toHaveLength(2);
    expect(sent(engine)).toHaveLength(1);
  });
});

describe('copies of the SDK', () => {
  it('wraps the send of every copy it reaches: the SDK under test and the one the engine itself imports', async () => {
    const { __Client: lockfileBase } = await import('@aws-sdk/client-kms');
    const testedBase = Object.getPrototypeOf(KMSClient) as typeof lockfileBase;
    // Under npm run test:sdk-compat the SDK under test is a second copy with its own base class.
    expect(testedBase !== lockfileBase).toBe(compatDir !== undefined);
    const sends = [testedBase.prototype.send, lockfileBase.prototype.send];
    const engine = install();
    expect(testedBase.prototype.send).not.toBe(sends[0]);
    expect(lockfileBase.prototype.send).not.toBe(sends[1]);
    expect(engine.reach.baseClasses).toBe(compatDir !== undefined ? 2 : 1);
    engine.uninstall();
    expect([testedBase.prototype.send, lockfileBase.prototype.send]).toEqual(sends);
  });
});

describe('uninstall and one install per process', () => {
  beforeAll(() => clearSdkEnvironment());

  it('restores send exactly, and a client afterwards reaches its own handler again', async () => {
    const originalSend = baseSend();
    const originalDescriptor = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(KMSClient).prototype, 'send');
    const engine = install();
    expect(baseSend()).not.toBe(originalSend);
    engine.uninstall();
    expect(baseSend()).toBe(originalSend);
    expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(KMSClient).prototype, 'send')).toEqual(originalDescriptor);
    const own = recordingHandler();
    const kms = new KMSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 's' }, requestHandler: own.handler as never, maxAttempts: 1 });
    await expect(kms.send(new EncryptCommand({ KeyId: 'k', Plaintext: Buffer.from('a') }))).rejects.toMatchObject({ name: 'RecordingHandler' });
    expect(own.requests).toHaveLength(1);
    expect(engine.audit().entries).toHaveLength(0);
  });

  it('supplies fake credentials, a Region and no instance metadata only where the environment has none, and takes them back', () => {
    process.env.AWS_REGION = 'ap-south-1';
    const engine = install();
    expect(process.env.AWS_ACCESS_KEY_ID).toBe(engine.credentialsFor().accessKeyId);
    expect(process.env.AWS_SECRET_ACCESS_KEY).toBe(engine.credentialsFor().secretAccessKey);
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
    expect(process.env.AWS_REGION).toBe('ap-south-1');
    engine.uninstall();
    expect(process.env.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(process.env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBeUndefined();
    expect(process.env.AWS_REGION).toBe('ap-south-1');
    delete process.env.AWS_REGION;
  });

  it('keeps the user\'s own key: neither half of a key pair is replaced', () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDUSER';
    const engine = install();
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('AKIDUSER');
    expect(process.env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(process.env.AWS_REGION).toBe(engine.region);
    engine.uninstall();
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('AKIDUSER');
    expect(process.env.AWS_REGION).toBeUndefined();
    delete process.env.AWS_ACCESS_KEY_ID;
  });

  it('keeps the user\'s own key when only its secret half is set', () => {
    process.env.AWS_SECRET_ACCESS_KEY = 'user-secret';
    const engine = install();
    expect(process.env.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(process.env.AWS_SECRET_ACCESS_KEY).toBe('user-secret');
    engine.uninstall();
    expect(process.env.AWS_SECRET_ACCESS_KEY).toBe('user-secret');
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  it('leaves a variable the code changed during the install as the code set it', () => {
    const engine = install();
    process.env.AWS_REGION = 'eu-north-1';
    engine.uninstall();
    expect(process.env.AWS_REGION).toBe('eu-north-1');
    delete process.env.AWS_REGION;
  });

  it('refuses a second install with a message naming the first, and allows one after uninstall', () => {
    const first = install();
    expect(installedKmsEngine()).toBe(first);
    let error: unknown;
    try {
      installKmsEngine();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KmsEngineInstallError);
    expect((error as Error).name).toBe('KmsEngineInstallError');
    expect((error as Error).message).not.toMatch(/\(by at /);
    expect((error as Error).message).toMatch(/already installed in this process \(by (?:\S+ \()?[^ ]*test[\\/]engine[\\/]install\.test\.ts:\d+:\d+\)?\)\. /);
    expect((error as Error).message).toMatch(/Call uninstall\(\) on it before installing another/);
    first.uninstall();
    expect(() => first.uninstall()).toThrow(/not installed \(uninstall\(\) was called already\)/);
    expect(() => installedKmsEngine()).toThrow(/no engine is installed in this process/);
    const second = install();
    expect(installedKmsEngine()).toBe(second);
    expect(second).not.toBe(first);
  });

  it('says so when send was replaced after the install, and leaves the replacement', () => {
    const engine = install();
    const proto = Object.getPrototypeOf(KMSClient).prototype as { send: unknown };
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'send')!;
    const replacement = () => 'replaced';
    Object.defineProperty(proto, 'send', { ...descriptor, value: replacement });
    try {
      expect(() => engine.uninstall()).toThrow(`kms-engine: send of ${(proto as { constructor: { name: string } }).constructor.name} was replaced after the install (a mock or another tool), so it was left as it is now; restore that one first.`);
      expect(proto.send).toBe(replacement);
      expect(() => installedKmsEngine()).toThrow(/no engine is installed/);
    } finally {
      Object.defineProperty(proto, 'send', descriptor);
    }
  });

  it('rejects bad options with a specific message', () => {
    expect(() => installKmsEngine({ refuseOtherServices: 'yes' } as never)).toThrow('installKmsEngine: refuseOtherServices must be true or false');
    expect(() => installKmsEngine({ refuseOtherService: true } as never)).toThrow('installKmsEngine: unknown option "refuseOtherService" (known: region, accountId, quota, clock, auditLimit, refuseOtherServices, searchFrom, clientClasses)');
    expect(() => installKmsEngine({ searchFrom: ['/tmp', 1] } as never)).toThrow('searchFrom must be an array of folder paths');
    expect(() => installKmsEngine({ clientClasses: [KMSClient, class {}] } as never)).toThrow(/clientClasses must be an array of SDK v3 client classes/);
    expect(() => installKmsEngine({ clientClasses: [() => 1] } as never)).toThrow(/clientClasses must be an array of SDK v3 client classes/);
    expect(() => installKmsEngine({ searchFrom: 'node_modules' } as never)).toThrow('installKmsEngine: searchFrom must be an array of folder paths');
    expect(() => installKmsEngine({ searchFrom: [1] } as never)).toThrow('searchFrom must be an array of folder paths');
    expect(() => installKmsEngine({ clientClasses: [class {}] } as never)).toThrow(/clientClasses must be an array of SDK v3 client classes/);
    expect(() => installKmsEngine({ clientClasses: KMSClient } as never)).toThrow(/clientClasses must be an array/);
    expect(() => installKmsEngine(null as never)).toThrow('installKmsEngine: options must be an object, got null');
    expect(() => installKmsEngine([] as never)).toThrow('options must be an object, got an array');
    expect(() => installKmsEngine('x' as never)).toThrow('options must be an object, got string');
    expect(() => installKmsEngine({ accountId: '12' })).toThrow(/accountId must be 12 digits/);
    // Nothing was installed by the refused calls.
    expect(() => installedKmsEngine()).toThrow(/no engine is installed/);
  });

  it('loads other services\' packages only to refuse them', () => {
    const passing = install();
    const kmsPackage = (p: string) => /[\\/]@aws-sdk[\\/]client-kms$/.test(p);
    const dynamoPackage = (p: string) => /[\\/]@aws-sdk[\\/]client-dynamodb$/.test(p);
    expect(passing.reach.packages.some(kmsPackage)).toBe(true);
    expect(passing.reach.packages.some((p) => /[\\/]@aws-sdk[\\/]client-s3$/.test(p))).toBe(true);
    expect(passing.reach.packages.some(dynamoPackage)).toBe(false);
    passing.uninstall();
    const refusing = install({ refuseOtherServices: true, searchFrom: [process.cwd()] });
    expect(refusing.reach.packages.some(dynamoPackage)).toBe(true);
  });

  it('wraps a base class once however many client classes share it', () => {
    const originalSend = baseSend();
    const engine = install({ clientClasses: [KMSClient, S3Client, KMS] });
    expect(engine.reach.baseClasses).toBe(compatDir !== undefined ? 2 : 1);
    engine.uninstall();
    expect(baseSend()).toBe(originalSend);
  });

  it('names the service as unknown when a client has no serviceId', async () => {
    class Bare {
      send(): string {
        return 'sent';
      }
    }
    install({ clientClasses: [Bare], refuseOtherServices: true });
    await expect(new Bare().send()).rejects.toThrow('kms-engine: refused a unknown request (a command)');
  });

  it('passes the caller\'s send options on to the engine (an aborted request stays aborted)', async () => {
    const engine = install();
    const { keyId } = engine.createKey();
    const controller = new AbortController();
    controller.abort();
    await expect(new KMSClient({}).send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('a') }), { abortSignal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent(engine)).toEqual([]);
  });

  it('hands the engine options to the engine', () => {
    const engine = install({ region: 'eu-west-3', accountId: '444455556666', quota: { requestsPerSecond: 5 }, clock: () => 0, auditLimit: 10 });
    expect(engine.region).toBe('eu-west-3');
    expect(engine.accountId).toBe('444455556666');
    expect(engine.createKey().arn).toMatch(/^arn:aws:kms:eu-west-3:444455556666:key\//);
  });

  it('covers a client class given in clientClasses whose send is its own', async () => {
    class HomeMadeClient {
      config = { serviceId: 'Lambda' };
      send(): string {
        return 'sent';
      }
    }
    install({ clientClasses: [HomeMadeClient], refuseOtherServices: true });
    await expect(new HomeMadeClient().send()).rejects.toThrow(/refused a Lambda request/);
    installed!.uninstall();
    expect(new HomeMadeClient().send()).toBe('sent');
  });
});
