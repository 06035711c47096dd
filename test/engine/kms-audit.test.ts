// The audit log (what CloudTrail would show), request counters, the unzeroized-data-key observer and the
// per-Region request quota with a clock the test controls.
import {
  DecryptCommand, EncryptCommand, GenerateDataKeyCommand, GenerateDataKeyPairCommand, GenerateDataKeyWithoutPlaintextCommand, ListKeysCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsEngine } from '../../src/engine/index.js';
import { expectAwsError, utf8 } from './kms-helpers.js';

/** Direct calls as the key owner of the default account, in the default Region. */
const owner = { region: 'us-east-1', accountId: '111122223333' };

describe('audit()', () => {
  it('records operation, Region, key ARN, context, byte sizes, principal, invokedBy and the refusal code', async () => {
    const engine = createKmsEngine();
    const { keyId, arn } = engine.createKey({ alias: 'alias/audited' });
    const kms = engine.kmsClient();
    const enc = await kms.send(new EncryptCommand({ KeyId: 'alias/audited', Plaintext: new Uint8Array(100), EncryptionContext: { order: '7' } }));
    await expectAwsError(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { order: '8' } })), 'InvalidCiphertextException');
    engine.kms.call('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k' } },
      { ...owner, via: 's3.amazonaws.com' });
    const entries = engine.audit().entries.filter((e) => e.operation !== 'CreateKey' && e.operation !== 'CreateAlias');
    expect(entries[0]).toMatchObject({ operation: 'Encrypt', awsRegion: 'us-east-1', recipientAccountId: '111122223333', keyArn: arn,
      encryptionContext: { order: '7' }, plaintextBytes: 100, ciphertextBytes: enc.CiphertextBlob!.length, principal: undefined });
    expect(entries[0].errorCode).toBeUndefined();
    expect(entries[1]).toMatchObject({ operation: 'Decrypt', keyArn: arn, errorCode: 'InvalidCiphertextException', encryptionContext: { order: '8' } });
    expect(entries[2]).toMatchObject({ operation: 'GenerateDataKey', invokedBy: 's3.amazonaws.com', plaintextBytes: 32 });
    // Entries are copies: callers cannot rewrite the log.
    engine.audit().entries[0].operation = 'Forged';
    expect(engine.audit().entries[0].operation).toBe('CreateKey');
  });

  it('requests() counts by operation, Region and in total, refused requests included', async () => {
    const engine = createKmsEngine();
    const kms = engine.kmsClient();
    const west = engine.kmsClient({ region: 'us-west-2' });
    await kms.send(new ListKeysCommand({}));
    await west.send(new ListKeysCommand({}));
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: 'alias/none', Plaintext: utf8('x') })), 'NotFoundException');
    expect(engine.requests()).toEqual({ total: 3, byOperation: { ListKeys: 2, Encrypt: 1 }, byRegion: { 'us-east-1': 2, 'us-west-2': 1 } });
  });
});

describe('requests() with names that are not KMS operations or Regions', () => {
  it('counts them in the total only, so made-up names neither grow the tables nor read Object.prototype', () => {
    const engine = createKmsEngine();
    for (const operation of ['constructor', '__proto__', 'LaunchRocket']) {
      expect(() => engine.kms.call(operation, {}, owner)).toThrow(expect.objectContaining({ code: 'UnknownOperationException' }));
    }
    expect(() => engine.kms.call('ListKeys', {}, { region: 'toString', accountId: '111122223333' }))
      .toThrow(expect.objectContaining({ code: 'UnrecognizedClientException' }));
    engine.kms.call('ListKeys', {}, owner);
    expect(engine.requests()).toEqual({ total: 5, byOperation: { ListKeys: 1 }, byRegion: { 'us-east-1': 1 } });
  });
});

describe('audit log bounds and lazy fields', () => {
  it('keeps the last auditLimit entries, oldest dropped first, and forgets the request IDs it dropped', () => {
    const engine = createKmsEngine({ auditLimit: 3 });
    for (const id of ['r1', 'r2', 'r3', 'r4', 'r5']) engine.kms.call('ListKeys', {}, owner, id);
    expect(engine.audit().entries.map((e) => e.requestId)).toEqual(['r3', 'r4', 'r5']);
    expect(engine.kms.auditEntry('r2')).toBeUndefined();
    expect(engine.kms.auditEntry('r3')).toMatchObject({ operation: 'ListKeys', requestId: 'r3' });
    engine.kms.call('ListAliases', {}, owner, 'r6');
    expect(engine.audit().entries.map((e) => `${e.requestId}:${e.operation}`)).toEqual(['r4:ListKeys', 'r5:ListKeys', 'r6:ListAliases']);
    // Counters are totals, not what the log keeps.
    expect(engine.requests().total).toBe(6);
  });

  it('a request ID the transport reuses names the newer entry, and dropping the older one does not forget it', () => {
    const engine = createKmsEngine({ auditLimit: 2 });
    engine.kms.call('ListKeys', {}, owner, 'same');
    engine.kms.call('ListAliases', {}, owner, 'same');
    engine.kms.call('ListKeys', {}, owner, 'other');
    expect(engine.kms.auditEntry('same')).toMatchObject({ operation: 'ListAliases' });
  });

  it('stamps the clock at the call, not when the entry is read', () => {
    let now = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
    const engine = createKmsEngine({ clock: () => now });
    engine.kms.call('ListKeys', {}, owner);
    now += 3_600_000;
    expect(engine.audit().entries.at(-1)!.eventTime).toBe('2026-01-02T03:04:05.006Z');
  });

  it('gives a direct call without a request ID one UUID, the same on every read and found by auditEntry', () => {
    const engine = createKmsEngine();
    engine.kms.call('ListKeys', {}, owner);
    const first = engine.audit().entries.at(-1)!.requestId;
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(engine.audit().entries.at(-1)!.requestId).toBe(first);
    expect(engine.kms.auditEntry(first)).toMatchObject({ operation: 'ListKeys', requestId: first });
  });

  it('auditEntry returns a copy', () => {
    const engine = createKmsEngine();
    engine.kms.call('GenerateRandom', { NumberOfBytes: 8 }, owner, 'rid');
    engine.kms.auditEntry('rid')!.operation = 'Forged';
    expect(engine.kms.auditEntry('rid')!.operation).toBe('GenerateRandom');
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects auditLimit %s with a RangeError that names it', (limit) => {
    expect(() => createKmsEngine({ auditLimit: limit })).toThrow(/^auditLimit must be a positive integer, got /);
  });
});

describe('unzeroizedDataKeys', () => {
  it('lists a GenerateDataKey plaintext until the caller zeroizes that very buffer', async () => {
    const engine = createKmsEngine();
    const { keyId } = engine.createKey();
    const kms = engine.kmsClient();
    const careful = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    careful.Plaintext!.fill(0);
    const careless = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    const audit = engine.audit();
    expect(audit.dataKeys).toHaveLength(2);
    expect(audit.unzeroizedDataKeys).toHaveLength(1);
    expect(audit.unzeroizedDataKeys[0]).toMatchObject({ operation: 'GenerateDataKey', requestId: careless.$metadata.requestId });
    expect(audit.unzeroizedDataKeys[0].buffer).toBe(careless.Plaintext);
    careless.Plaintext!.fill(0);
    expect(engine.audit().unzeroizedDataKeys).toEqual([]);
  });

  it('tracks Decrypt plaintexts of data keys and GenerateDataKeyPair private keys, not Decrypt of other secrets', async () => {
    const engine = createKmsEngine();
    const { keyId } = engine.createKey();
    const kms = engine.kmsClient();
    const wrapped = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    const unwrapped = await kms.send(new DecryptCommand({ CiphertextBlob: wrapped.CiphertextBlob }));
    const secret = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('db password') }));
    await kms.send(new DecryptCommand({ CiphertextBlob: secret.CiphertextBlob }));
    const pair = await kms.send(new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }));
    const listed = engine.audit().unzeroizedDataKeys.map((h) => h.operation);
    expect(listed).toEqual(['Decrypt', 'GenerateDataKeyPair']);
    unwrapped.Plaintext!.fill(0);
    pair.PrivateKeyPlaintext!.fill(0);
    expect(engine.audit().unzeroizedDataKeys).toEqual([]);
  });

  it('clients of other Regions and principals are observed too', async () => {
    const engine = createKmsEngine();
    const { keyId } = engine.createKey({ region: 'eu-west-1' });
    const dk = await engine.kmsClient({ region: 'eu-west-1' }).send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 16 }));
    expect(engine.audit().unzeroizedDataKeys.map((h) => h.keyArn)).toEqual([`arn:aws:kms:eu-west-1:111122223333:key/${keyId}`]);
    dk.Plaintext!.fill(0);
  });
});

describe('request quota', () => {
  it('answers ThrottlingException over the per-second quota and recovers in the next second of the clock', async () => {
    let now = 1_000_000;
    const engine = createKmsEngine({ quota: { requestsPerSecond: 3 }, clock: () => now });
    const { keyId } = engine.createKey(); // one request of the first second
    const kms = engine.kmsClient();
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('1') }));
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('2') }));
    const err = await expectAwsError(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('3') })), 'ThrottlingException');
    expect(err.message).toBe('You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.');
    now += 999; // same second
    await expectAwsError(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('3') })), 'ThrottlingException');
    now += 1;
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('3') }));
    // Throttled requests are counted and audited, but do not use quota.
    expect(engine.requests().byOperation.Encrypt).toBe(5);
    expect(engine.audit().entries.filter((e) => e.errorCode === 'ThrottlingException')).toHaveLength(2);
  });

  it('is per Region and shared with calls S3 makes on the caller\'s behalf', async () => {
    const now = 5_000_000;
    const engine = createKmsEngine({ quota: { requestsPerSecond: 2 }, clock: () => now });
    engine.kms.call('ListKeys', {}, { ...owner, via: 's3.amazonaws.com' });
    engine.kms.call('ListKeys', {}, { ...owner, via: 's3.amazonaws.com' });
    await expectAwsError(engine.kmsClient().send(new ListKeysCommand({})), 'ThrottlingException');
    await engine.kmsClient({ region: 'eu-west-1' }).send(new ListKeysCommand({}));
  });

  it('rejects a nonsensical quota', () => {
    expect(() => createKmsEngine({ quota: { requestsPerSecond: 0 } })).toThrow(RangeError);
  });
});
